import Testing
import Foundation
import ProducerAudio
import ProducerDSP

@Suite struct BeatTrackerTests {
    static let tempos: [Double] = [60, 75, 90, 100, 120, 140, 160, 180]

    static func check(_ take: RhythmSignals.Take, bpm: Double, _ what: String) {
        let track = BeatTracker().track(take.samples, sampleRate: take.sampleRate)
        #expect(abs(track.tempo / bpm - 1) <= 0.005, "\(what) \(bpm): tempo \(track.tempo)")
        for beat in take.beats where beat > 2 {
            let nearest = track.beats.map { abs($0 - beat) }.min() ?? .infinity
            #expect(nearest <= 0.02, "\(what) \(bpm): beat at \(beat) missed by \(nearest) s")
        }
        // Downbeats fall on the accented first beats.
        #expect(track.downbeats.count >= take.downbeats.count - 1)
        for d in track.downbeats where d > 2 {
            #expect(
                take.downbeats.contains { abs($0 - d) <= 0.02 },
                "\(what) \(bpm): downbeat at \(d) is not a bar's first beat")
        }
    }

    @Test(arguments: tempos)
    func clickTrack(bpm: Double) {
        Self.check(RhythmSignals.clickTrack(bpm: bpm, seconds: 24), bpm: bpm, "clicks")
    }

    @Test(arguments: tempos)
    func drumPattern(bpm: Double) {
        Self.check(RhythmSignals.drumPattern(bpm: bpm, seconds: 24), bpm: bpm, "drums")
    }

    @Test func threeFourBars() {
        let take = RhythmSignals.clickTrack(bpm: 132, seconds: 20, beatsPerBar: 3)
        let track = BeatTracker().track(take.samples, sampleRate: take.sampleRate, beatsPerBar: 3)
        for d in track.downbeats where d > 2 { #expect(take.downbeats.contains { abs($0 - d) <= 0.02 }) }
        #expect(track.downbeats.count >= take.downbeats.count - 1)
    }

    @Test func tempoEstimatorAlone() throws {
        let take = RhythmSignals.clickTrack(bpm: 97, seconds: 20)
        let env = OnsetDetector().strength(take.samples, sampleRate: take.sampleRate)
        let tempo = try #require(TempoEstimator().tempo(env) as Double?)
        #expect(abs(tempo / 97 - 1) < 0.02)
    }

    @Test func silenceHasNoBeats() {
        let track = BeatTracker().track([Float](repeating: 0, count: 44_100 * 3), sampleRate: 44_100)
        #expect(track.beats.isEmpty && track.downbeats.isEmpty)
    }

    @Test(.enabled(if: RhythmSignals.madmom != nil, "../shared/testdata is missing"))
    func madmomSample() throws {
        let dir = try #require(RhythmSignals.madmom)
        let file = try AudioFile.read(path: dir + "/sample.wav")
        // "87.5 175 0.7": two tempi and the first's relative strength; the first counts.
        let tempo = try #require(RhythmSignals.annotation(dir + "/sample.tempo").first?.first)
        #expect(tempo == 87.5)
        let track = BeatTracker().track(file.buffer.channel(0), sampleRate: file.format.sampleRate)
        // On these 2.8 s of dense sixteenths the autocorrelation peaks about as high at three
        // sixteenths (~117 BPM) as at the annotated beat (87.5) and at 175; the comb over each
        // period and its half rejects the dotted period. MIREX Acc1: within 4 % of the first
        // annotated tempo (175, Acc2, would not do).
        #expect(abs(track.tempo - tempo) <= 0.04 * tempo, "tempo \(track.tempo), annotated \(tempo)")
        // The annotated beats are found, within MIREX's ±70 ms.
        let annotatedBeats = try RhythmSignals.annotation(dir + "/sample.beats").map { $0[0] }
        #expect(annotatedBeats.count == 4)
        for beat in annotatedBeats {
            let nearest = track.beats.map { abs($0 - beat) }.min() ?? .infinity
            #expect(nearest <= 0.07, "annotated beat \(beat) missed by \(nearest) s: \(track.beats)")
        }
        // The beats found still lie on onsets: every one within 50 ms of an annotated onset.
        let onsets = try RhythmSignals.annotation(dir + "/sample.onsets").map { $0[0] }
        #expect(!track.beats.isEmpty)
        for beat in track.beats { #expect(onsets.contains { abs($0 - beat) <= 0.05 }, "beat \(beat)") }
    }
}
