import Foundation
import ProducerAudio
import ProducerConsole
import ProducerDSP
import ProducerTestSupport
import Testing

/// A steady tone under loud kicks: what a limiter that pumps makes audible (the tone ducks at each
/// kick and swells back before the next).
enum PumpingProbe {
    static let rate = 48_000.0
    static let toneFrequency = 3_000.0
    /// Kicks every half second.
    static let beat = 24_000

    /// `seconds` of a 3 kHz tone at 0.15 under kicks (a 60 Hz thump of 0.8, decaying in about 80 ms).
    static func mix(seconds: Double) -> [[Float]] {
        let n = Int(seconds * rate)
        var x = TestSignals.sine(frequency: toneFrequency, amplitude: 0.15, sampleRate: rate, frames: n)
        for start in Swift.stride(from: 0, to: n, by: beat) {
            for i in 0..<min(beat, n - start) {
                let t = Double(i) / rate
                x[start + i] += Float(0.8 * exp(-t * 12) * sin(2 * .pi * 60 * t))
            }
        }
        return [x, x]
    }

    /// The largest swing (dB) of the tone's level within the stretches between kicks (from
    /// 150 ms after each kick to the next), after the first two seconds: the tone is isolated by
    /// a band-pass (Q 30) and its level taken as the RMS of 20 ms windows every 10 ms.
    static func toneSwing(_ master: [[Float]], rate: Double) -> Double {
        let w0 = 2 * Double.pi * toneFrequency / rate, q = 30.0
        let alpha = sin(w0) / (2 * q), a0 = 1 + alpha
        var filter = Biquad(
            BiquadCoefficients(b0: alpha / a0, b1: 0, b2: -alpha / a0, a1: -2 * cos(w0) / a0, a2: (1 - alpha) / a0))
        let y = master[0].map { Float(filter.process(Double($0))) }
        let window = Int(0.02 * rate), hop = Int(0.01 * rate)
        let beat = Int(0.5 * rate)
        var worst = 0.0
        var start = Int(2 * rate)
        while start + beat <= y.count {
            var levels: [Double] = []
            var w = start + Int(0.15 * rate)
            while w + window <= start + beat {
                var sum = 0.0
                for i in w..<(w + window) { sum += Double(y[i] * y[i]) }
                levels.append(10 * log10(max(sum / Double(window), 1e-20)))
                w += hop
            }
            worst = max(worst, levels.max()! - levels.min()!)
            start += beat
        }
        return worst
    }
}

@Suite struct MasteringDynamicsTests {
    /// Loud kicks over a steady tone pushed to −9 LUFS: the limiter's release is chosen so that
    /// the tone does not swell back between the kicks.
    @Test func aLoudMasterDoesNotPump() throws {
        let mix = PumpingProbe.mix(seconds: 10)
        let target = try #require(MasteringTarget.named("-9LUFS"))
        let result = Mastering(target: target).master(mix, sampleRate: PumpingProbe.rate)
        let m = Programme.measure(result.master, rate: PumpingProbe.rate)
        #expect(abs(m.integrated - target.loudness) <= 0.5, "\(m.integrated) LUFS")
        #expect(m.truePeak <= target.ceiling, "\(m.truePeak) dBTP")
        let swing = PumpingProbe.toneSwing(result.master, rate: PumpingProbe.rate)
        #expect(swing <= 1.0, "the tone swings \(swing) dB between kicks (release \(result.report.limiterRelease) ms)")
        let reported = try #require(result.report.gainReductionSwing)
        #expect(reported <= 1.0, "reported swing \(reported) dB")

        // The same gain into a limiter with a long release does pump, and the probe sees it.
        var pumped = mix
        let g = Float(pow(10, result.report.gain / 20))
        var buffer = AudioBuffer(channels: pumped.map { $0.map { $0 * g } })
        var limiter = Limiter(ceiling: -1.1, release: 250, lookahead: 5)
        limiter.prepare(sampleRate: PumpingProbe.rate, channelCount: 2, maximumBlockFrames: buffer.frameCount)
        limiter.process(&buffer, sidechain: nil)
        pumped = [buffer.channel(0), buffer.channel(1)]
        let long = PumpingProbe.toneSwing(pumped, rate: PumpingProbe.rate)
        #expect(long > 2, "a 250 ms release swings the tone \(long) dB")
    }

    /// Sparse hits pushed to −9 LUFS, out of the limiter's reach alone: a soft clipper before it
    /// lands the loudness, under the ceiling, and the report says so.
    @Test func aTargetOutOfTheLimitersReachIsReachedWithASoftClip() throws {
        let mix = Programme.sparse(seconds: 12)
        let target = try #require(MasteringTarget.named("-8LUFS"))
        let result = Mastering(target: target).master(mix, sampleRate: Programme.rate)
        let m = Programme.measure(result.master, rate: Programme.rate)
        #expect(abs(m.integrated - target.loudness) <= 0.5, "\(m.integrated) LUFS")
        #expect(m.truePeak <= target.ceiling, "\(m.truePeak) dBTP")
        #expect(result.report.softClip != nil)
        #expect(result.report.warnings.contains { $0.contains("soft clipper") })
    }
}
