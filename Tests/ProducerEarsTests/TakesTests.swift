import ProducerEars
import Testing

@Suite("Ranking takes and comping")
struct TakesTests {
    @Test("The cleaner take ranks first; each phrase comes from the take that sings it best")
    func ranking() {
        // Take A: phrase 2 (notes 4–7) badly out of tune. Take B: phrase 3 (notes 8–11) late.
        let a = Take(name: "A", sampleRate: 44_100, samples: SungMaterial.sing(cents: [4: 40, 5: -35, 6: 45]))
        let b = Take(
            name: "B", sampleRate: 44_100, samples: SungMaterial.sing(late: [8: 0.06, 9: 0.07, 10: 0.06], seed: 5))
        let ranking = TakeRanker(options: ListenOptions(reference: SungMaterial.reference, part: .vocal)).rank([a, b])
        #expect(ranking.phrases.count == 4)
        #expect(ranking.phrases[1].takeIndex == 1, "phrase 2 should come from B")
        #expect(ranking.phrases[2].takeIndex == 0, "phrase 3 should come from A")
        #expect(ranking.takes.first?.take == "B", "B's flaws are milder")
        #expect(ranking.phrases[1].why.contains("cents"))
    }

    @Test("A phrase that clips is not used, however well it is sung; the take that clips ranks lower")
    func clippingIsAvoided() {
        // Two takes sung alike; A is driven into full scale through phrase 2 (notes 4–7).
        var clipped = SungMaterial.sing()
        let reference = SungMaterial.reference
        let from = Int(reference[4].start * 44_100), to = Int(reference[7].end * 44_100)
        for i in from..<to { clipped[i] = max(-1, min(1, clipped[i] * 8)) }
        let a = Take(name: "A", sampleRate: 44_100, samples: clipped)
        let b = Take(name: "B", sampleRate: 44_100, samples: SungMaterial.sing(seed: 5))
        let ranking = TakeRanker(options: ListenOptions(reference: SungMaterial.reference, part: .vocal)).rank([a, b])
        #expect(ranking.phrases[1].takeIndex == 1, "phrase 2 should come from B, not the clipped A")
        #expect(ranking.phrases[1].scores[0] < ranking.phrases[1].scores[1] - 30, "\(ranking.phrases[1].scores)")
        #expect(ranking.takes.first?.take == "B")
        #expect(ranking.takes.last?.reasons.contains { $0.hasPrefix("clips") } == true)
    }

    @Test("The comp has no click at its edits: no jump larger than the takes' own nearby")
    func compWithoutClicks() {
        let a = Take(name: "A", sampleRate: 44_100, samples: SungMaterial.sing(cents: [4: 40, 5: -35, 6: 45]))
        let b = Take(
            name: "B", sampleRate: 44_100, samples: SungMaterial.sing(late: [8: 0.06, 9: 0.07, 10: 0.06], seed: 5))
        let ranking = TakeRanker(options: ListenOptions(reference: SungMaterial.reference, part: .vocal)).rank([a, b])
        let comp = CompRenderer().render(takes: [a, b], phrases: ranking.phrases)
        #expect(!comp.edits.isEmpty)
        for edit in comp.edits {
            let centre = Int(edit.time * 44_100), reach = 2_205  // ±50 ms
            var compJump: Float = 0, takeJump: Float = 0
            for i in (centre - reach + 1)..<(centre + reach) {
                compJump = max(compJump, abs(comp.samples[i] - comp.samples[i - 1]))
                for t in [a, b] { takeJump = max(takeJump, abs(t.samples[i] - t.samples[i - 1])) }
            }
            #expect(compJump <= takeJump * 1.01, "edit at \(edit.time): comp jump \(compJump), takes' own \(takeJump)")
        }
    }
}
