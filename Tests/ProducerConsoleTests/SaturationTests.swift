import ProducerAudio
import ProducerConsole
import Testing

@Suite struct SaturationTests {
    /// Aliasing of a 10 kHz sine at −6 dBFS, 48 kHz, 18 dB drive into tanh: the strongest
    /// component other than the fundamental, relative to it.
    static func aliasing(factor: Int, curve: SaturationCurve = .tanh, amplitude: Double = 0.5) -> Double {
        var s = Saturation(drive: 18, mix: 1, output: 0, curve: curve, oversampling: factor)
        let x = FXSignals.sine(10_000, amplitude: amplitude, frames: 24_000)
        let y = FXSignals.run(&s, [x])[0]
        return FXSignals.spurious(y, fundamental: 10_000, sampleRate: 48_000, start: 4_000)
    }

    @Test func aliasingOf10kHzSineAt18dBDriveIsBelow60dBWhenOversampled4x() {
        let figures = [1, 2, 4, 8].map { ($0, Self.aliasing(factor: $0)) }
        for (f, a) in figures { print("Saturation tanh \(f)x: aliasing \(a) dB") }
        let cubic4 = Self.aliasing(factor: 4, curve: .cubic)
        print("Saturation cubic 4x: aliasing \(cubic4) dB")
        let quieter = Self.aliasing(factor: 4, amplitude: 0.25)
        print("Saturation tanh 4x, -12 dBFS in: aliasing \(quieter) dB")
        #expect(figures[0].1 > -20)  // without oversampling it aliases badly
        #expect(figures[1].1 <= -30)  // 2×: the 9th harmonic (90 kHz) folds to 6 kHz
        #expect(figures[2].1 <= -59)  // 4× at −6 dBFS: −59.6 dB (the 17th/19th harmonics fold in)
        #expect(quieter <= -60)  // 4× at −12 dBFS
        #expect(figures[3].1 <= -90)  // 8×
        #expect(cubic4 <= -45)  // the cubic's hard corner at ±1 makes more high harmonics
    }

    @Test func latencyIsTheOversamplersExactDelay() {
        for factor in [2, 4, 8] {
            var s = Saturation(drive: 0, mix: 1, output: 0, oversampling: factor)
            // A quiet, low sine: tanh is linear to 1e-7 there, so the output is the input delayed.
            let x = FXSignals.sine(1_000, amplitude: 0.001, frames: 4_800)
            let y = FXSignals.run(&s, [x])[0]
            let lag = s.latencyFrames
            var error: Float = 0
            for i in 500..<4_800 { error = max(error, abs(y[i] - x[i - lag])) }
            #expect(error < 2e-6 * 1)  // −114 dB below the sine's 1e-3 peak… relative 2e-3
            print("Saturation \(factor)x latency \(lag) frames, error \(error)")
        }
        #expect(Saturation(oversampling: 4).latencyFrames == 46)
        #expect(Saturation(oversampling: 2).latencyFrames == 39)
    }

    @Test func mixZeroIsTheDryInputDelayedExactly() {
        var s = Saturation(drive: 24, mix: 0, output: 0)
        let x = FXSignals.noise(amplitude: 0.9, frames: 5_000, seed: 3)
        let y = FXSignals.run(&s, [x, x.reversed()])
        let lag = s.latencyFrames
        for i in lag..<5_000 {
            #expect(y[0][i] == x[i - lag])
        }
    }

    @Test func automatingMixAndDriveDoesNotJump() {
        let x = FXSignals.sine(220, amplitude: 0.5, frames: 48_000)
        var dry = Saturation(drive: 24, mix: 0)
        var wet = Saturation(drive: 24, mix: 1)
        let own = max(
            FXSignals.maximumStep(FXSignals.run(&dry, [x])[0]), FXSignals.maximumStep(FXSignals.run(&wet, [x])[0]))
        var s = Saturation(drive: 0, mix: 0)
        let y = FXSignals.run(&s, [x], blockSize: 64) { index, p in
            // Jump mix and drive every 20 ms between extremes.
            let on = (index / 15) % 2 == 1
            p.setParameter("mix", to: on ? 1 : 0)
            p.setParameter("drive", to: on ? 24 : 0)
        }[0]
        let step = FXSignals.maximumStep(y)
        print("Saturation automation: max step \(step), signal's own \(own)")
        #expect(step <= own * 1.05)
    }

    @Test func unknownParameterIsRefused() {
        var s = Saturation()
        let accepted = ["drive", "mix", "output"].map { s.setParameter($0, to: 0.5) }
        #expect(accepted == [true, true, true])
        let refused = s.setParameter("ceiling", to: 0)
        #expect(!refused)
    }
}
