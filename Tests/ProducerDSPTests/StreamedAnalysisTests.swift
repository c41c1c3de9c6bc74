import Foundation
import ProducerTestSupport
import Testing

@testable import ProducerDSP

/// The onset picker and the chroma work on audio as it is read, with the answers of the whole.
@Suite("Onsets and chroma while the audio is read")
struct StreamedAnalysisTests {
    @Test("Onsets picked from a growing envelope are those of the whole envelope")
    func pickerOnAGrowingEnvelope() {
        let take = RhythmSignals.drumPattern(bpm: 100, seconds: 15, sampleRate: 44_100, eighths: true)
        let detector = OnsetDetector()
        let envelope = detector.strength(take.samples, sampleRate: take.sampleRate)
        let whole = detector.onsets(in: envelope)
        #expect(whole.count > 40)
        for step in [1, 7, 64] {
            var picker = OnsetDetector.Picker(detector, frameRate: envelope.frameRate)
            var found: [Double] = []
            var n = 0
            while n < envelope.values.count {
                n = min(envelope.values.count, n + step)
                let decidedBefore = picker.decidedFrames
                Array(envelope.values[..<n]).withUnsafeBufferPointer {
                    picker.pick($0, isComplete: false) { found.append($0) }
                }
                #expect(picker.decidedFrames >= decidedBefore)
            }
            #expect(picker.decidedFrames < envelope.values.count)
            envelope.values.withUnsafeBufferPointer { picker.pick($0, isComplete: true) { found.append($0) } }
            #expect(found == whole, "steps of \(step): \(found.count) onsets, \(whole.count) in the whole")
        }
    }

    @Test("The chroma of audio fed in blocks is that of the whole, to the last digit")
    func chromaInBlocks() {
        let x = RhythmSignals.cadence(tonic: 9, minor: true, sampleRate: 44_100)
        let whole = ChromaExtractor().chroma(x, sampleRate: 44_100)
        for size in [1_000, 8_192, 65_536] {
            var stream = ChromaExtractor().stream(sampleRate: 44_100)
            forEachBlock(of: x, size: size) { stream.consume($0) }
            let cut = stream.finish()
            #expect(cut.chroma == whole.chroma && cut.tuning == whole.tuning, "blocks of \(size)")
        }
    }

    @Test("A long input takes its tuning from its start and still finds the key")
    func tuningFromTheStart() {
        // D major a third of a semitone sharp, twice over; the tuning is decided on the first second.
        let cents = 30.0
        let once = RhythmSignals.retuned(RhythmSignals.cadence(tonic: 2, minor: false), cents: cents)
        let y = once + once
        var stream = ChromaExtractor().stream(sampleRate: 22_050, tuningSeconds: 1)
        y.withUnsafeBufferPointer { stream.consume($0) }
        let (chroma, tuning) = stream.finish()
        #expect(abs(tuning - cents / 100) < 0.08, "tuning \(tuning)")
        #expect(KeyDetector().key(chroma: chroma).name == "D major")
        let whole = ChromaExtractor().chroma(y, sampleRate: 22_050)
        #expect(chroma != whole.chroma, "the first second decided the tuning, not the whole")
    }
}
