import Foundation
import ProducerAudio
import ProducerConsole
import ProducerTestSupport
import Testing

@Suite struct LimiterTests {
    static let rate = 48_000.0

    /// Hard material, stereo.
    static func materials() -> [(String, [[Float]])] {
        let n = 48_000
        var result: [(String, [[Float]])] = []
        // Full-scale square-ish wave: a 1 kHz square with sharp edges (band-limited overshoot).
        let square = (0..<n).map { i -> Float in ((i / 24) % 2 == 0) ? 1 : -1 }
        result.append(("square 1 kHz 0 dBFS", [square, square.map { -$0 }]))
        // fs/4 sine at +6 dBFS with 45° phase: samples at ±1.41, true peak 2.
        let quarter = FXSignals.sine(12_000, amplitude: 2, frames: n, phase: Double.pi / 4)
        result.append(("fs/4 sine +6 dBFS 45°", [quarter, quarter]))
        // Clipped drum hits: decaying 60 Hz + noise bursts clipped at ±1, every 250 ms.
        var drums = [Float](repeating: 0, count: n)
        var g = FXSignals.Random(seed: 9)
        for hit in stride(from: 1_000, to: n - 6_000, by: 12_000) {
            for i in 0..<6_000 {
                let env: Float = Float(exp(-Double(i) / 900))
                let tone: Float = Float(sin(2 * Double.pi * 60 * Double(i) / rate))
                let v: Float = 3 * env * (tone + 0.5 * Float(g.uniform()))
                drums[hit + i] = max(-1, min(1, v))
            }
        }
        result.append(("clipped drums", [drums, drums]))
        // Noise bursts at +10 dB (peak 3.16), 50 ms on, 50 ms off, between quiet sine.
        var bursts = FXSignals.sine(440, amplitude: 0.1, frames: n)
        let loud = FXSignals.noise(amplitude: FXSignals.gain(dB: 10), frames: n, seed: 4)
        for i in 0..<n where (i / 2_400) % 2 == 1 { bursts[i] = loud[i] }
        result.append(("noise bursts +10 dB", [bursts, loud.map { 0.3 * $0 }]))
        // Alternating full-scale samples near Nyquist with a slow phase drift.
        let nyquist = FXSignals.sine(23_000, amplitude: 1.4, frames: n, phase: 0.3)
        result.append(("23 kHz sine +3 dBFS", [nyquist, nyquist]))
        return result
    }

    @Test func truePeakNeverExceedsTheCeiling() {
        for ceiling in [-1.0, -0.1, -6.0] {
            for (name, x) in Self.materials() {
                var limiter = Limiter(ceiling: ceiling, release: 50)
                let y = FXSignals.run(&limiter, x)
                let peak = FXSignals.dB(FXSignals.truePeak(y))
                print("Limiter ceiling \(ceiling) dBTP, \(name): output true peak \(peak) dBTP")
                #expect(peak <= ceiling + 1e-4, "\(name)")
                #expect(peak > ceiling - 1.0, "\(name) is limited, not crushed")
            }
        }
    }

    /// Quiet stretches are moved through the delay line a stretch (32 frames) at a time: with a
    /// look-ahead shorter than a stretch (0.5 ms, 25 frames), the default one, one just short of
    /// a power of two (2.5 ms, 120 frames: the line must hold a stretch more) and the longest
    /// (20 ms, 960 frames), and blocks that cut stretches short.
    @Test(arguments: [(1.5, 72, 256), (0.5, 25, 256), (2.5, 120, 1000), (20, 960, 1000), (1.5, 72, 37)])
    func materialUnderTheCeilingPassesBitExactDelayedByTheLatency(lookahead: Double, latency: Int, blockSize: Int) {
        var limiter = Limiter(ceiling: -1, lookahead: lookahead)
        limiter.prepare(sampleRate: Self.rate, channelCount: 2, maximumBlockFrames: blockSize)
        #expect(limiter.latencyFrames == latency)
        // Just under the target for 10,000 frames (every frame checked), then quiet (whole
        // stretches pass by the fast way).
        var x = [
            FXSignals.sine(997, amplitude: FXSignals.gain(dB: -1.2), frames: 20_000),
            FXSignals.noise(amplitude: 0.5, frames: 20_000, seed: 2),
        ]
        for c in 0..<2 { for i in 10_000..<20_000 { x[c][i] *= 0.3 } }
        let y = FXSignals.run(&limiter, x, blockSize: blockSize)
        let lag = limiter.latencyFrames
        for c in 0..<2 {
            for i in 0..<lag { #expect(y[c][i] == 0) }
            var differing = 0
            for i in lag..<20_000 where y[c][i] != x[c][i - lag] { differing += 1 }
            #expect(differing == 0)
            print("Limiter channel \(c) input true peak \(FXSignals.dB(FXSignals.truePeak([x[c]]))) dBTP")
        }
    }

    @Test func gainReturnsToExactlyUnityAfterAPeak() {
        var limiter = Limiter(ceiling: -1, release: 20)
        var x = FXSignals.sine(500, amplitude: 0.5, frames: 48_000)
        for i in 1_000..<1_200 { x[i] *= 4 }
        let y = FXSignals.run(&limiter, [x])[0]
        let lag = limiter.latencyFrames
        // Well after the release (≥ 20 time constants), the output is the input again.
        for i in 30_000..<48_000 { #expect(y[i] == x[i - lag]) }
        // During the peak the gain went down.
        #expect(FXSignals.truePeak([y]) <= FXSignals.gain(dB: -1))
    }

    @Test func latencyFollowsLookaheadAndRate() {
        var limiter = Limiter(lookahead: 1.5)
        limiter.prepare(sampleRate: 44_100, channelCount: 1, maximumBlockFrames: 64)
        #expect(limiter.latencyFrames == 66)
        limiter.setParameter("lookahead", to: 5)
        limiter.prepare(sampleRate: 96_000, channelCount: 1, maximumBlockFrames: 64)
        #expect(limiter.latencyFrames == 480)
    }

    @Test func attackIsSmoothAcrossTheLookahead() {
        // A step from −20 dBFS to +6 dBFS on a low sine: the gain ramps, no step larger than the signal's own.
        var x = FXSignals.sine(100, amplitude: 0.1, frames: 9_600)
        for i in 4_800..<9_600 { x[i] *= 20 }
        var limiter = Limiter(ceiling: -1, release: 100)
        let y = FXSignals.run(&limiter, [x], blockSize: 64) { index, p in
            p.setParameter("ceiling", to: index % 20 < 10 ? -1 : -3)
        }[0]
        let ownStep = FXSignals.maximumStep(x.map { min(1, max(-1, $0)) })
        #expect(FXSignals.maximumStep(y) <= ownStep)
    }
}
