import ProducerMusic

/// Charts built in code for the arranger's tests.
enum ArrangeCharts {
    /// A section from bars of chord symbols; the chords of a bar share it equally.
    static func section(
        _ name: String, repeats: Int = 1, _ bars: [[String]], time: TimeSignature = .fourFour,
        tempoChange: Double? = nil,
        melody: [[Chart.MelodyNote]] = []
    ) -> Chart.Section {
        var out: [Chart.Bar] = []
        for (i, chords) in bars.enumerated() {
            let length = time.quarterNotesPerBar / Double(chords.count)
            let events = chords.enumerated().map { k, text in
                Chart.ChordEvent(try! ChordSymbol(parsing: text), start: Double(k) * length, length: length)
            }
            var bar = Chart.Bar(chords: events, time: time)
            if i == 0, let tempoChange { bar.tempoChange = tempoChange }
            if i < melody.count { bar.melody = melody[i] }
            out.append(bar)
        }
        return Chart.Section(name: name, repeats: repeats, lines: [Chart.Line(bars: out)])
    }

    /// "Late Train" from the issue, with a bridge and an outro added.
    static let lateTrain = Chart(
        title: "Late Train", key: Key(tonic: NoteName(.a), mode: .minor), tempo: 92, time: .fourFour,
        sections: [
            section("Intro", [["Am"], ["F"], ["C"], ["G"]]),
            section("Verse", [["Am"], ["Am"], ["F"], ["F"], ["C"], ["G"], ["Am"], ["E7"]]),
            section("Pre-Chorus", [["Dm7"], ["Em7"], ["Fmaj7"], ["G7sus4", "G7"]]),
            section("Chorus", repeats: 2, [["F"], ["G"], ["C", "G/B"], ["Am"]]),
            section("Verse", [["Am"], ["Am"], ["F"], ["F"], ["C"], ["G"], ["Am"], ["E7"]]),
            section("Chorus", repeats: 2, [["F"], ["G"], ["C", "G/B"], ["Am"]]),
            section("Bridge", [["Dm7", "G7"], ["Cmaj7"], ["Bm7b5", "E7(b9)"], ["Am7"]]),
            section("Chorus", [["F"], ["G"], ["C", "G/B"], ["Am"]]),
            section("Outro", [["Am"], ["F"], ["E7sus4"], ["Am"]]),
        ])

    /// A chart with a melody, a tempo change and a 3/4 section.
    static let withMelody: Chart = {
        func n(_ text: String, _ start: Double, _ length: Double) -> Chart.MelodyNote {
            Chart.MelodyNote(note: try! Note(parsing: text), start: start, length: length)
        }
        let verseMelody: [[Chart.MelodyNote]] = [
            [n("A4", 0, 1), n("C5", 1, 0.5), n("B4", 1.5, 0.5), n("A4", 2, 2)],
            [Chart.MelodyNote(note: nil, start: 0, length: 2), n("E4", 2, 1.5), n("F4", 3.5, 0.5)],
            [n("F4", 0, 4)],
            [n("G4", 0, 2), n("A4", 2, 2)],
        ]
        return Chart(
            title: "Melody", key: Key(tonic: NoteName(.a), mode: .minor), tempo: 100,
            sections: [
                section("Verse", [["Am"], ["Am"], ["F"], ["G"]], melody: verseMelody),
                section("Chorus", [["F"], ["G"], ["C"], ["Am"]], tempoChange: 104),
                section("Waltz", [["Dm"], ["E7"], ["Am"]], time: .threeFour),
            ])
    }()

    /// Notes starting in [from, to).
    static func notes(_ part: Arrangement.Part?, from: Double, to: Double) -> [ArrangedNote] {
        (part?.notes ?? []).filter { $0.start >= from - 1e-9 && $0.start < to - 1e-9 }
    }
}
