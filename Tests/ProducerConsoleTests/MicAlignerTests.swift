import Foundation
import ProducerAudio
import ProducerConsole
import ProducerDSP
import ProducerTestSupport
import Testing

@Suite struct MicAlignerTests {
    static let rate = 48_000.0
    static let frames = 144_000  // 3 s

    /// Eight mics against one reference over −100…+100 ms: fractional delays, four flipped, each
    /// coloured differently, room noise at 10 dB SNR and a second source bleeding in at −12 dB.
    @Test func findsFractionalDelaysAndPolarityWithNoiseAndBleed() throws {
        let main = MicScene.Source(seed: 11, count: 90, period: 13_000)
        let other = MicScene.Source(seed: 29, count: 70, period: 17_300, low: 80, high: 9_000)
        let bleed = 0.25  // −12 dB
        let reference = MicScene.mic(
            main: main.render(frames: Self.frames, delay: 0),
            bleedSignal: other.render(frames: Self.frames, delay: 700.4), colour: [1], inverted: false,
            bleed: bleed, snr: 10, seed: 1)
        let delays = [-4_798.63, -2_210.62, -96.45, -0.37, 0.5, 13.25, 1_187.81, 4_799.07]
        let aligner = MicAligner(sampleRate: Self.rate)
        for (i, delay) in delays.enumerated() {
            let inverted = i % 2 == 1
            let samples = MicScene.mic(
                main: main.render(frames: Self.frames, delay: delay),
                bleedSignal: other.render(frames: Self.frames, delay: 700.4 - 310.7 * Double(i + 1)),
                colour: MicScene.colourations[i % MicScene.colourations.count], inverted: inverted,
                bleed: bleed, snr: 10, seed: UInt64(100 + i))
            let found = try aligner.measure(reference: MemoryMicSource(reference), mic: MemoryMicSource(samples))
            let error = found.delay.samples - delay
            print(
                "mic \(i): true \(delay), found \(String(format: "%.4f", found.delay.samples)) "
                    + "(error \(String(format: "%+.4f", error))), inverted \(found.delay.inverted), "
                    + "r \(String(format: "%.3f", found.delay.correlation)), peak \(String(format: "%.1f", found.delay.peakRatio)) dB"
            )
            #expect(abs(error) <= 0.05, "mic \(i): delay \(delay) found as \(found.delay.samples)")
            #expect(found.delay.inverted == inverted, "mic \(i): polarity")
        }
    }

    /// The rendered mic lines up with the reference to a fraction of a sample: measured again it
    /// has no delay left, and it matches the reference closely — which it would not if the
    /// fraction were dropped (half a sample leaves the top octave out of phase).
    @Test func renderedMicKeepsTheFraction() throws {
        let main = MicScene.Source(seed: 5, count: 80, period: 11_000, high: 18_000)
        let reference = main.render(frames: 96_000, delay: 0).map { Float($0 * 0.1) }
        let delay = 37.5
        let mic = main.render(frames: 96_000, delay: delay).map { Float(-$0 * 0.1) }
        let aligner = MicAligner(sampleRate: Self.rate)
        let found = try aligner.measure(reference: MemoryMicSource(reference), mic: MemoryMicSource(mic))
        #expect(abs(found.delay.samples - delay) <= 0.01 && found.delay.inverted)
        var aligned: [Float] = []
        try aligner.render(mic: MemoryMicSource(mic), alignment: found) { aligned += $0.channel(0) }
        #expect(aligned.count == mic.count)
        let again = try aligner.measure(reference: MemoryMicSource(reference), mic: MemoryMicSource(aligned))
        #expect(abs(again.delay.samples) <= 0.01 && !again.delay.inverted)
        // The difference, away from the ends: the error of the interpolation.
        var diff = 0.0, ref = 0.0
        for n in 2_000..<90_000 {
            diff += Double(aligned[n] - reference[n]) * Double(aligned[n] - reference[n])
            ref += Double(reference[n]) * Double(reference[n])
        }
        let errorDB = 10 * log10(diff / ref)
        print("aligned vs reference: \(errorDB) dB")
        #expect(errorDB < -60)
        // Dropping the fraction (moving by 37 samples only) leaves the difference far larger.
        let whole = MicAlignment(
            sampleRate: Self.rate,
            delay: DelayEstimate(samples: 37, inverted: true, correlation: 1, peakRatio: 0))
        var rough: [Float] = []
        try aligner.render(mic: MemoryMicSource(mic), alignment: whole) { rough += $0.channel(0) }
        var roughDiff = 0.0
        for n in 2_000..<90_000 { roughDiff += Double(rough[n] - reference[n]) * Double(rough[n] - reference[n]) }
        #expect(10 * log10(roughDiff / ref) > -30)
    }

    /// A singer swaying: the delay drifts from 120 to 124 samples and back over 6 s; measured in
    /// 0.5 s windows the curve follows it within 0.1 sample, and the rendered mic, measured again
    /// in windows, has under 0.1 sample left anywhere.
    @Test func followsAMovingSource() throws {
        let frames = 288_000
        let main = MicScene.Source(seed: 21, count: 40, period: 9_000, high: 12_000)
        let path: (Int) -> Double = { 122 - 2 * cos(2 * .pi * Double($0) / Double(frames)) }
        let reference = main.render(frames: frames, delay: 0).map { Float($0 * 0.1) }
        let mic = main.render(frames: frames, delay: path).map { Float($0 * 0.1) }
        let aligner = MicAligner(sampleRate: Self.rate, window: 0.5)
        let found = try aligner.measure(reference: MemoryMicSource(reference), mic: MemoryMicSource(mic))
        #expect(found.moving)
        #expect(found.curve.count >= 20)
        var worst = 0.0
        for point in found.curve {
            worst = max(worst, abs(point.samples - path(Int(point.time * Self.rate))))
        }
        print("moving source: \(found.curve.count) windows, worst error \(worst) samples")
        #expect(worst <= 0.1)
        var aligned: [Float] = []
        try aligner.render(mic: MemoryMicSource(mic), alignment: found) { aligned += $0.channel(0) }
        let check = try aligner.measure(reference: MemoryMicSource(reference), mic: MemoryMicSource(aligned))
        let left = check.curve.map { abs($0.samples) }.max() ?? 1
        print("after alignment: worst \(left) samples left")
        #expect(left <= 0.1)
    }

    @Test func notchesFollowFromTheDelay() {
        // 1 ms, same polarity: 500, 1500, 2500 Hz…; opposite polarity: 0, 1000, 2000 Hz…
        let same = MicAlignment.notches(samples: 48, inverted: false, sampleRate: Self.rate, count: 3)
        #expect(same.map { $0.rounded() } == [500, 1_500, 2_500])
        let opposite = MicAlignment.notches(samples: 48, inverted: true, sampleRate: Self.rate, count: 3)
        #expect(opposite.map { $0.rounded() } == [0, 1_000, 2_000])
        #expect(MicAlignment.notches(samples: 0.5, inverted: false, sampleRate: Self.rate).isEmpty)
    }

    /// A flipped, delayed mic summed with the reference loses its lows; aligned it gains them back.
    @Test func lowBandEnergyIsRegained() throws {
        let main = MicScene.Source(seed: 8, count: 60, period: 12_000, low: 40, high: 4_000)
        let reference = main.render(frames: 96_000, delay: 0).map { Float($0 * 0.1) }
        let mic = main.render(frames: 96_000, delay: 9.3).map { Float(-$0 * 0.1) }
        let aligner = MicAligner(sampleRate: Self.rate)
        let found = try aligner.measure(reference: MemoryMicSource(reference), mic: MemoryMicSource(mic))
        var aligned: [Float] = []
        try aligner.render(mic: MemoryMicSource(mic), alignment: found) { aligned += $0.channel(0) }
        let before = try aligner.lowBandLevel(reference: MemoryMicSource(reference), mic: MemoryMicSource(mic))
        let after = try aligner.lowBandLevel(reference: MemoryMicSource(reference), mic: MemoryMicSource(aligned))
        print("low band: before \(before) dB, after \(after) dB")
        #expect(after - before > 10)
    }
}

@Suite struct MicAlignerSilenceTests {
    @Test func aSilentMicIsAnErrorNamingIt() throws {
        let main = MicScene.Source(seed: 3, count: 20, period: 9_000)
        let reference = MemoryMicSource(main.render(frames: 48_000, delay: 0).map { Float($0 * 0.1) }, name: "ref.wav")
        let silent = MemoryMicSource([Float](repeating: 0, count: 48_000), name: "dead.wav")
        let aligner = MicAligner(sampleRate: 48_000)
        #expect {
            try aligner.measure(reference: reference, mic: silent)
        } throws: { error in
            (error as? MicError)?.description.hasPrefix("dead.wav: the recording is silent") == true
        }
    }
}

@Suite struct MicAlignerColourTests {
    /// A noise-free source of a few partials: the bins between partials hold only window leakage
    /// (with its partial's phase, coherent in both mics); weighted like the rest they looked like
    /// no delay at all, and the lag came out near 0 (−1.35 and +0.02 samples before the fix).
    /// Minimum-phase colouration (an 80 Hz high-pass and a +6 dB presence peak at 5 kHz, as
    /// biquads) adds its own group delay, which the measurement includes: 0.14 sample here.
    @Test func noiseFreePartialsAndMinimumPhaseColour() throws {
        let main = MicScene.Source(seed: 13, count: 90, period: 13_000)
        let rate = 48_000.0
        let reference = main.render(frames: 144_000, delay: 0).map { Float($0 * 0.1) }
        let pure = main.render(frames: 144_000, delay: 321.4).map { Float($0 * 0.1) }
        let aligner = MicAligner(sampleRate: rate)
        let plain = try aligner.measure(reference: MemoryMicSource(reference), mic: MemoryMicSource(pure))
        #expect(abs(plain.delay.samples - 321.4) <= 0.01 && !plain.delay.inverted)
        var coloured = pure
        var filters = [
            Biquad(FilterDesign.highPass(frequency: 80, sampleRate: rate)),
            Biquad(FilterDesign.peak(frequency: 5_000, gain: 6, q: 1, sampleRate: rate)),
        ]
        coloured.withUnsafeMutableBufferPointer { buffer in
            for f in filters.indices { filters[f].process(buffer) }
        }
        let found = try aligner.measure(reference: MemoryMicSource(reference), mic: MemoryMicSource(coloured))
        print("noise-free: pure \(plain.delay.samples), minimum-phase colour \(found.delay.samples) (true 321.4)")
        #expect(abs(found.delay.samples - 321.4) <= 0.2 && !found.delay.inverted)
    }
}
