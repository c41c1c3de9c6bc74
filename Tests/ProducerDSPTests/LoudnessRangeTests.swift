import ProducerDSP
import Testing

/// EBU Tech 3342 cases 1–4 (loudness range, ±1 LU).
@Suite struct LoudnessRangeTests {
    typealias S = LoudnessSignals

    static let cases: [(levels: [Double], expected: Double)] = [
        ([-20, -30], 10), ([-20, -15], 5), ([-40, -20], 20), ([-50, -35, -20, -35, -50], 15),
    ]

    @Test("Tech 3342 cases 1–4", arguments: [44100.0, 48000, 96000], 0..<4)
    func range(rate: Double, index: Int) {
        let c = Self.cases[index]
        let x = S.tone(c.levels.map { ($0, 20) }, sampleRate: rate)
        let r = S.loudness([x, x], sampleRate: rate)
        let lra = try! #require(r.loudnessRange)
        #expect(abs(lra - c.expected) <= 1, "case \(index + 1) at \(rate): \(lra)")
    }

    @Test func steadyToneHasNoRange() {
        let x = S.tone([(-20, 10)], sampleRate: 48000)
        let r = S.loudness([x, x], sampleRate: 48000)
        #expect(abs(r.loudnessRange!) < 0.01)
    }
}
