import Foundation
import Testing
import ProducerDSP
import ProducerMusic
import ProducerTestSupport

@Suite struct PitchTrackerTests {
    static func sine(_ frequency: Double, seconds: Double = 1, sampleRate: Double = 44_100) -> [Float] {
        TestSignals.sine(
            frequency: frequency, amplitude: 0.5, sampleRate: sampleRate, frames: Int(seconds * sampleRate))
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        return s.isEmpty ? .nan : s[s.count / 2]
    }

    @Test func sungMelodyAt44100() {
        let take = PitchTestMaterial.take44
        let frames = PitchTracker(sampleRate: 44_100).track(take.samples)
        #expect(frames.count == take.f0.count)
        let s = PitchTestMaterial.score(reference: take.f0, estimate: frames)
        print("pitch 44.1 kHz: \(s)")
        // Over all voiced frames, note changes and onsets included.
        #expect(s.rawPitchAccuracy >= 0.98, "\(s)")
        #expect(s.rawPitchAccuracySteady >= 0.99, "\(s)")
        #expect(s.octaveErrors < 0.01, "\(s)")
        #expect(s.voicingRecall >= 0.95, "\(s)")
        #expect(s.voicingPrecision >= 0.95, "\(s)")
    }

    /// Another melody, so that the accuracy at note changes is not down to one draw.
    @Test func secondSungMelody() {
        let take = PitchTestMaterial.take(sampleRate: 44_100, melodySeed: 21)
        let frames = PitchTracker(sampleRate: 44_100).track(take.samples)
        let s = PitchTestMaterial.score(reference: take.f0, estimate: frames)
        print("pitch 44.1 kHz, melody 21: \(s)")
        #expect(s.rawPitchAccuracy >= 0.98, "\(s)")
        #expect(s.rawPitchAccuracySteady >= 0.99, "\(s)")
        #expect(s.octaveErrors < 0.01, "\(s)")
        #expect(s.voicingRecall >= 0.95 && s.voicingPrecision >= 0.95, "\(s)")
    }

    @Test func sungMelodyAt48000() {
        let take = PitchTestMaterial.take(sampleRate: 48_000)
        let frames = PitchTracker(sampleRate: 48_000).track(take.samples)
        let s = PitchTestMaterial.score(reference: take.f0, estimate: frames)
        print("pitch 48 kHz: \(s)")
        #expect(s.rawPitchAccuracy >= 0.98, "\(s)")
        #expect(s.rawPitchAccuracySteady >= 0.99, "\(s)")
        #expect(s.octaveErrors < 0.01, "\(s)")
        #expect(s.voicingRecall >= 0.95 && s.voicingPrecision >= 0.95, "\(s)")
    }

    /// Detached notes, each fading out over the voice's release before a 20 ms rest, at 44.1 kHz
    /// with breath noise and consonants, in the listener's range (65–1100 Hz): the last voiced frame
    /// of a note is faint, and its pitch has to come from the audio just before it.
    @Test func noteEndsFadingIntoRests() {
        let take = PitchTestMaterial.take(sampleRate: 44_100, notes: PitchTestMaterial.detachedMelody())
        let frames = PitchTracker(sampleRate: 44_100, minimumFrequency: 65, maximumFrequency: 1100).track(take.samples)
        let s = PitchTestMaterial.score(reference: take.f0, estimate: frames)
        var ends = 0, endsCorrect = 0
        for i in 0..<(min(take.f0.count, frames.count) - 1) where take.f0[i] > 0 && take.f0[i + 1] == 0 {
            ends += 1
            if frames[i].isVoiced && abs(PitchTestMaterial.cents(frames[i].f0, take.f0[i])) <= 50 { endsCorrect += 1 }
        }
        print("pitch 44.1 kHz, detached notes: \(s), last frames \(endsCorrect) of \(ends)")
        #expect(ends == 40)
        #expect(endsCorrect >= 36, "\(endsCorrect) of \(ends) last frames within 50 cents")
        #expect(s.rawPitchAccuracy >= 0.995, "\(s)")
        #expect(s.octaveErrors < 0.01, "\(s)")
        #expect(s.voicingRecall >= 0.95 && s.voicingPrecision >= 0.95, "\(s)")
    }

    @Test(arguments: [40.0, 100, 440, 1000, 2000])
    func pureSines(frequency: Double) {
        let frames = PitchTracker(sampleRate: 44_100).track(Self.sine(frequency))
        let inner = frames[10..<(frames.count - 10)]
        #expect(inner.allSatisfy { $0.isVoiced })
        let errors = inner.map { abs(PitchTestMaterial.cents($0.f0, frequency)) }
        #expect((errors.max() ?? .infinity) < 5, "worst \(errors.max() ?? .nan) cents at \(frequency) Hz")
    }

    @Test func silenceIsUnvoiced() {
        let frames = PitchTracker(sampleRate: 44_100).track([Float](repeating: 0, count: 44_100))
        #expect(frames.count == 101)
        #expect(frames.allSatisfy { !$0.isVoiced && $0.voicing == 0 })
    }

    @Test func whiteNoiseIsUnvoiced() {
        var g = HealthSignals.Random(seed: 11)
        let noise = (0..<88_200).map { _ in Float(0.3 * g.uniform()) }
        let frames = PitchTracker(sampleRate: 44_100).track(noise)
        let voiced = frames.filter(\.isVoiced).count
        #expect(Double(voiced) < 0.02 * Double(frames.count), "\(voiced) of \(frames.count) voiced")
    }

    @Test func detunedNoteReadsItsCents() {
        var synth = VoiceSynth(sampleRate: 44_100, seed: 5)
        synth.breathNoiseSNR = 20
        let take = synth.render([
            SungNote(start: 0.2, duration: 1.5, midi: 64.35, vibratoRate: 5.5, vibratoDepthCents: 30)
        ])
        let frames = PitchTracker(sampleRate: 44_100).track(take.samples)
        let e4 = 440 * pow(2, (64.0 - 69) / 12)
        let cents = frames.filter(\.isVoiced).map { PitchTestMaterial.cents($0.f0, e4) }
        let m = Self.median(cents)
        #expect(abs(m - 35) <= 3, "median \(m) cents")
    }

    @Test func frameLayout() {
        let tracker = PitchTracker(sampleRate: 48_000, hopSeconds: 0.005)
        let frames = tracker.track(Self.sine(220, seconds: 0.5, sampleRate: 48_000))
        #expect(frames.count == 101)
        for (i, f) in frames.enumerated() { #expect(abs(f.time - Double(i) * 0.005) < 1e-12) }
        #expect(tracker.track([Float]()).isEmpty)
        #expect(frames.allSatisfy { $0.voicing >= 0 && $0.voicing <= 1 })
    }

    @Test func lowSampleRateAndNarrowRange() {
        // 16 kHz, no decimation: the tracker still works end to end.
        let frames = PitchTracker(sampleRate: 16_000, minimumFrequency: 60, maximumFrequency: 1000)
            .track(Self.sine(300, seconds: 0.5, sampleRate: 16_000))
        let inner = frames[10..<(frames.count - 10)]
        #expect(inner.allSatisfy { $0.isVoiced && abs(PitchTestMaterial.cents($0.f0, 300)) < 5 })
    }
}
