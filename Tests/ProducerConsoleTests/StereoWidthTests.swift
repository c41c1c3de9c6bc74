import ProducerAudio
import ProducerConsole
import Testing

@Suite struct StereoWidthTests {
    static let input = [
        FXSignals.noise(amplitude: 0.7, frames: 4_000, seed: 1),
        FXSignals.noise(amplitude: 0.7, frames: 4_000, seed: 2),
    ]

    @Test func unityIsExactlyUnchanged() {
        var w = StereoWidth(width: 1)
        #expect(FXSignals.run(&w, Self.input) == Self.input)
    }

    @Test func zeroIsMonoAndTwoDoublesTheSide() {
        var mono = StereoWidth(width: 0)
        let m = FXSignals.run(&mono, Self.input)
        var wide = StereoWidth(width: 2)
        let w = FXSignals.run(&wide, Self.input)
        for i in 0..<4_000 {
            let l = Self.input[0][i], r = Self.input[1][i]
            #expect(m[0][i] == m[1][i])
            #expect(abs(m[0][i] - 0.5 * (l + r)) < 1e-6)
            // Mid unchanged, side doubled.
            #expect(abs(0.5 * (w[0][i] + w[1][i]) - 0.5 * (l + r)) < 1e-6)
            #expect(abs(0.5 * (w[0][i] - w[1][i]) - (l - r)) < 1e-6)
        }
    }

    @Test func automationIsSmoothAndMonoIsUntouched() {
        let x = [
            FXSignals.sine(200, amplitude: 0.5, frames: 48_000),
            FXSignals.sine(200, amplitude: 0.5, frames: 48_000, phase: 2),
        ]
        var w = StereoWidth(width: 0)
        let y = FXSignals.run(&w, x, blockSize: 64) { index, p in
            p.setParameter("width", to: (index / 30) % 2 == 0 ? 0 : 2)
        }
        var wide = StereoWidth(width: 2)
        let own = FXSignals.maximumStep(FXSignals.run(&wide, x)[0])
        #expect(FXSignals.maximumStep(y[0]) <= own * 1.01)
        var single = StereoWidth(width: 0)
        let one = [FXSignals.noise(amplitude: 0.5, frames: 100, seed: 5)]
        #expect(FXSignals.run(&single, one) == one)
        let refused = single.setParameter("pan", to: 0)
        #expect(!refused)
    }
}
