import Testing
import Foundation
import ProducerAudio
import ProducerDSP

@Suite struct OnsetDetectorTests {
    @Test func pianoLikeNotes() {
        let take = RhythmSignals.pianoMelody(seconds: 20)
        let found = OnsetDetector().onsets(take.samples, sampleRate: take.sampleRate)
        let f = RhythmSignals.fMeasure(found, take.onsets)
        #expect(f >= 0.95, "F = \(f): \(found.count) found, \(take.onsets.count) true")
    }

    @Test func legatoPitchChanges() {
        let take = RhythmSignals.legato(seconds: 20)
        let found = OnsetDetector().onsets(take.samples, sampleRate: take.sampleRate)
        let f = RhythmSignals.fMeasure(found, take.onsets)
        #expect(f >= 0.95, "F = \(f): \(found.count) found, \(take.onsets.count) true")
    }

    @Test(arguments: [44_100.0, 48_000])
    func drumsAndClicks(sampleRate: Double) {
        for take in [
            RhythmSignals.drumPattern(bpm: 100, seconds: 15, sampleRate: sampleRate, eighths: false),
            RhythmSignals.clickTrack(bpm: 140, seconds: 15, sampleRate: sampleRate),
        ] {
            let found = OnsetDetector().onsets(take.samples, sampleRate: take.sampleRate)
            let f = RhythmSignals.fMeasure(found, take.onsets)
            #expect(f >= 0.95, "F = \(f): \(found.count) found, \(take.onsets.count) true")
        }
    }

    @Test func envelopeHasFramesEveryTenMilliseconds() {
        let take = RhythmSignals.clickTrack(bpm: 120, seconds: 5)
        let env = OnsetDetector().strength(take.samples, sampleRate: take.sampleRate)
        #expect(abs(env.frameRate - 100) < 1e-9)
        #expect(env.values.count == take.samples.count / 441 + 1)
        #expect(env.lowFrequency.count == env.values.count)
        #expect(env.values.allSatisfy { $0 >= 0 })
    }

    @Test func silenceHasNoOnsets() {
        #expect(OnsetDetector().onsets([Float](repeating: 0, count: 44_100), sampleRate: 44_100).isEmpty)
        #expect(OnsetDetector().onsets([], sampleRate: 44_100).isEmpty)
    }

    @Test func fMeasureMatchesOneToOne() {
        #expect(RhythmSignals.fMeasure([1.0, 1.01], [1.0]) == 2 * 0.5 * 1 / 1.5)
        #expect(RhythmSignals.fMeasure([1.0, 2.0], [1.04, 2.06]) == 0.5)
    }

    @Test(.enabled(if: RhythmSignals.madmom != nil, "../shared/testdata is missing"))
    func madmomSample() throws {
        let dir = try #require(RhythmSignals.madmom)
        let file = try AudioFile.read(path: dir + "/sample.wav")
        let reference = try RhythmSignals.annotation(dir + "/sample.onsets").map { $0[0] }
        #expect(reference.count == 15)
        let found = OnsetDetector().onsets(file.buffer.channel(0), sampleRate: file.format.sampleRate)
        let f = RhythmSignals.fMeasure(found, reference)
        #expect(f >= 0.90, "F = \(f): \(found)")
    }
}
