import Testing
import Foundation
import ProducerDSP

@Suite struct KeyDetectorTests {
    @Test(arguments: [false, true])
    func cadencesInEveryKey(minor: Bool) {
        for tonic in 0..<12 {
            let x = RhythmSignals.cadence(tonic: tonic, minor: minor)
            let key = KeyDetector().key(x, sampleRate: 22_050)
            #expect(key.tonic == tonic && key.isMinor == minor, "\(tonic) \(minor ? "minor" : "major") → \(key.name)")
            #expect(key.confidence > 0.05)
            #expect(key.correlations.count == 24)
        }
    }

    @Test func cadenceAt44100() {
        // A minor (i–iv–V–i) at 44.1 kHz: another frame size.
        let x = RhythmSignals.cadence(tonic: 9, minor: true, sampleRate: 44_100)
        let key = KeyDetector().key(x, sampleRate: 44_100)
        #expect(key.name == "A minor")
    }

    @Test func tuningIsEstimated() {
        // D major a third of a semitone sharp is still D major, and the tuning is found.
        let cents = 30.0
        let y = RhythmSignals.retuned(RhythmSignals.cadence(tonic: 2, minor: false), cents: cents)
        let (_, tuning) = ChromaExtractor().chroma(y, sampleRate: 22_050)
        #expect(abs(tuning - cents / 100) < 0.08)
        #expect(KeyDetector().key(y, sampleRate: 22_050).name == "D major")
    }

    @Test func chromaOfASingleToneIsItsPitchClass() {
        let x = RhythmSignals.tone(midi: 64, seconds: 2, sampleRate: 22_050)  // E4
        let (chroma, _) = ChromaExtractor().chroma(x, sampleRate: 22_050)
        #expect(chroma.indices.max { chroma[$0] < chroma[$1] } == 4)
    }

    @Test func silenceGivesNoConfidence() {
        let key = KeyDetector().key([Float](repeating: 0, count: 22_050), sampleRate: 22_050)
        #expect(key.confidence == 0)
    }
}
