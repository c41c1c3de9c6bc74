import ProducerEars
import Testing

@Suite("Note alignment and the beat grid")
struct AlignmentTests {
    func note(_ start: Double, _ midi: Double) -> PerformedNote {
        PerformedNote(
            start: start, end: start + 0.4, midi: midi, stabilityCents: 0, vibratoRate: 0,
            vibratoDepthCents: 0, levelDecibels: -20)
    }

    @Test("An extra note and a missing note are left unmatched; the rest keep their order")
    func extraAndMissing() {
        let reference = [60, 62, 64, 65, 67].enumerated().map {
            ReferenceNote(start: Double($0.offset) * 0.5, end: Double($0.offset) * 0.5 + 0.4, pitch: $0.element)
        }
        // Performed: 60, 62, (extra 70), 64, (65 missing), 67 — and 64 sung 40 ms late.
        let performed = [note(0, 60), note(0.5, 62.1), note(0.7, 70), note(1.04, 64), note(2.0, 67)]
        let matches = NoteAlignment().align(performed, to: reference)
        #expect(matches == [0, 1, nil, 2, 4])
    }

    @Test("Bars and beats on a steady grid, and the nearest sixteenth")
    func grid() {
        let grid = BeatGrid(tempo: 120, duration: 20)
        #expect(grid.barBeatText(at: 0) == "1:1")
        #expect(grid.barBeatText(at: 2.5) == "2:2")
        #expect(grid.barBeatText(at: 2.75) == "2:2.50")
        #expect(abs(grid.nearestGridPoint(to: 1.14) - 1.125) < 1e-9)
        #expect(abs(grid.tempo - 120) < 1e-9)
        #expect(grid.downbeats.prefix(3) == [0, 2, 4])
    }
}
