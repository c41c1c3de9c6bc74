import Foundation
import ProducerTestSupport
import Testing

@testable import ProducerMusic

/// A chart with no melody, chords changing inside bars, meters that a whole rest does not fill
/// evenly, and chords that need `<degree>` elements.
let chordsOnlyChart = """
    title: Rock & <Roll> "Night"
    key: F# minor
    tempo: 100
    time: 5/4

    [A]
    | F#m7 / / B7(b9) / | C#7#9 / / / Bbmaj9 | Dm7b5 Ebdim7 Esus4 Gadd9 F+ |
    time: 6/8
    [B] x2
    | Eb6 / / / / A13 | Gm6 Gm(maj7) | C9sus4 C5 | F/A / / / E7/G# / | N.C. |
    time: 7/8
    | D13 |

    """

/// What a bar of the written MusicXML holds, read back by a small scan of the document.
struct MeasureCheck {
    var number: Int
    var durations: Int
    var expected: Int
}

/// Reads back `xml` measure by measure: the sum of the notes' durations and what the time
/// signature asks for (in divisions).
func measureSums(_ xml: String) -> [MeasureCheck] {
    func value(_ tag: String, in text: Substring) -> [Int] {
        var result: [Int] = []
        var rest = text
        while let open = rest.range(of: "<\(tag)>"),
            let close = rest.range(of: "</\(tag)>", range: open.upperBound..<rest.endIndex)
        {
            result.append(Int(rest[open.upperBound..<close.lowerBound])!)
            rest = rest[close.upperBound...]
        }
        return result
    }
    var checks: [MeasureCheck] = []
    var divisions = 1
    var beats = 4
    var beatType = 4
    var rest = xml[...]
    while let open = rest.range(of: "<measure number=\""),
        let close = rest.range(of: "</measure>", range: open.upperBound..<rest.endIndex)
    {
        let measure = rest[open.upperBound..<close.lowerBound]
        divisions = value("divisions", in: measure).first ?? divisions
        beats = value("beats", in: measure).first ?? beats
        beatType = value("beat-type", in: measure).first ?? beatType
        let number = Int(measure.prefix(while: \.isNumber))!
        // Harmonies carry <offset>, never <duration>: every <duration> is a note's or a rest's.
        let sum = value("duration", in: measure).reduce(0, +)
        checks.append(MeasureCheck(number: number, durations: sum, expected: divisions * 4 * beats / beatType))
        rest = rest[close.upperBound...]
    }
    return checks
}

@Suite("MusicXML lead sheets")
struct LeadSheetTests {
    static let charts = [lateTrain, richChart, chordsOnlyChart]

    @Test(arguments: charts.indices)
    func everyBarAddsUpToItsTimeSignature(_ i: Int) throws {
        let chart = try Chart(parsing: Self.charts[i], file: "chart.txt")
        let sheet = LeadSheet(chart: chart)
        let measures = measureSums(sheet.xml)
        #expect(measures.count == chart.sections.flatMap(\.bars).count)
        #expect(measures.map(\.number) == Array(1...measures.count))
        for m in measures {
            #expect(
                m.durations == m.expected, "measure \(m.number): \(m.durations) divisions, the meter asks \(m.expected)"
            )
        }
    }

    @Test func divisionsMakeEveryValueWhole() throws {
        #expect(LeadSheet(chart: try Chart(parsing: lateTrain)).divisions == 1)
        // The rich chart's shortest value is a 16th.
        #expect(LeadSheet(chart: try Chart(parsing: richChart)).divisions == 4)
        #expect(
            LeadSheet(chart: try Chart(parsing: "| C |\nmelody: | C4/32... C4/32... r/32.. r/32. r/32 r/2. |\n"))
                .divisions == 64)
    }

    @Test func structure() throws {
        let xml = LeadSheet(chart: try Chart(parsing: lateTrain)).xml
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<!DOCTYPE score-partwise"))
        #expect(xml.contains("<score-partwise version=\"4.0\">"))
        #expect(xml.components(separatedBy: "<rehearsal>").count - 1 == 3)
        #expect(xml.contains("<rehearsal>Chorus</rehearsal>"))
        #expect(xml.components(separatedBy: "<harmony>").count - 1 == 17)
        #expect(xml.contains("<key>\n          <fifths>0</fifths>\n          <mode>minor</mode>"))
        #expect(xml.contains("<sound tempo=\"92\"/>"))
        // The chorus (bars 13–16) is written once between repeat barlines played twice.
        #expect(xml.components(separatedBy: "<repeat direction=\"forward\"/>").count - 1 == 1)
        #expect(xml.contains("<repeat direction=\"backward\" times=\"2\"/>"))
        #expect(xml.contains("<bass>\n          <bass-step>B</bass-step>\n        </bass>"))
        #expect(xml.components(separatedBy: "<rest measure=\"yes\"/>").count - 1 == 15)
    }

    @Test func textIsEscaped() throws {
        let xml = LeadSheet(chart: try Chart(parsing: chordsOnlyChart)).xml
        #expect(xml.contains("<work-title>Rock &amp; &lt;Roll&gt; &quot;Night&quot;</work-title>"))
        #expect(!xml.contains("<Roll>"))
    }

    @Test func harmonyKinds() throws {
        func kind(_ s: String) throws -> String {
            let (k, d) = LeadSheetWriter.kind(of: try ChordSymbol(parsing: s))
            return ([k] + d.map { "\($0.type) \($0.value) \($0.alter)" }).joined(separator: ", ")
        }
        #expect(try kind("Am") == "minor")
        #expect(try kind("Cmaj7") == "major-seventh")
        #expect(try kind("Am7b5") == "half-diminished")
        #expect(try kind("G7(#9)") == "dominant, add 9 1")
        #expect(try kind("Bb13sus4") == "suspended-fourth, add 7 -1, add 9 0, add 13 0")
        #expect(try kind("C13") == "dominant-13th, subtract 11 0")
        #expect(try kind("C7b5") == "dominant, alter 5 -1")
        #expect(try kind("N.C.") == "none")
        #expect(
            LeadSheetWriter.writtenKind(
                Chart.ChordEvent(try ChordSymbol(parsing: "Bbm7/Ab"), start: 0, length: 4, written: "Bbm7/Ab")) == "m7")
    }

    @Test func writesThroughATemporaryFile() throws {
        let dir = try Support.tempDirectory()
        let sheet = LeadSheet(chart: try Chart(parsing: lateTrain))
        try sheet.write(to: dir + "/late.musicxml")
        #expect(try String(contentsOfFile: dir + "/late.musicxml", encoding: .utf8) == sheet.xml)
        #expect(throws: MusicXMLError.self) { try sheet.write(to: dir + "/missing/late.musicxml") }
    }
}

/// What music21 reads from a lead sheet.
struct Music21Sheet: Decodable {
    struct Item: Decodable {
        var measure: Int
        var offset: Double
        var length: Double
        var midi: Int?
        var lyric: String?
    }
    struct Harmony: Decodable {
        var measure: Int
        var offset: Double
        var root: String?
        var pitchClasses: [Int]
        var bass: Int?
    }
    var notes: [Item]
    var chords: [Harmony]
    /// Measures whose notes and rests do not fill the bar, as music21 counts them.
    var short: [Int]
}

let music21SheetScript = """
    import json, sys
    from music21 import converter, harmony
    score = converter.parse(sys.argv[1], format="musicxml")
    notes, chords, short = [], [], []
    for m in score.parts[0].getElementsByClass("Measure"):
        total = 0.0
        for el in m.recurse().notesAndRests:
            if isinstance(el, harmony.ChordSymbol):
                nc = isinstance(el, harmony.NoChord)
                chords.append({"measure": m.number, "offset": float(el.offset),
                               "root": None if nc else el.root().name,
                               "pitchClasses": [] if nc else sorted({p.pitchClass for p in el.pitches}),
                               "bass": None if nc else el.bass().pitchClass})
                continue
            total += float(el.quarterLength)
            notes.append({"measure": m.number, "offset": float(el.offset), "length": float(el.quarterLength),
                          "midi": None if el.isRest else el.pitch.midi,
                          "lyric": el.lyric})
        if abs(total - float(m.barDuration.quarterLength)) > 1e-9:
            short.append(m.number)
    print(json.dumps({"notes": notes, "chords": chords, "short": short}))
    """

@Suite("MusicXML lead sheets in other tools")
struct LeadSheetToolTests {
    static let hasPartitura = Python.canImport("partitura")

    func write(_ text: String) throws -> (Chart, String) {
        let chart = try Chart(parsing: text, file: "chart.txt")
        let path = try Support.tempDirectory() + "/lead.musicxml"
        try LeadSheet(chart: chart).write(to: path)
        return (chart, path)
    }

    @Test(
        .enabled(if: hasPartitura, "python3 with partitura is not installed (pip install partitura)"),
        arguments: LeadSheetTests.charts.indices)
    func partituraValidatesAndLoads(_ i: Int) throws {
        let (chart, path) = try write(LeadSheetTests.charts[i])
        let script = """
            import json, sys, partitura
            score = partitura.load_musicxml(sys.argv[1], validate=True)
            print(json.dumps([int(n.midi_pitch) for n in score.parts[0].notes_tied]))
            """
        let pitches = try Support.python(script, [path], as: [Int].self)
        // partitura joins tied notes into one.
        var expected: [Int] = []
        var tied = false
        for bar in chart.sections.flatMap(\.bars) {
            for n in bar.melody {
                if let note = n.note, !tied { expected.append(note.midi) }
                tied = n.tiedToNext
            }
        }
        #expect(pitches == expected)
    }

    @Test(
        .enabled(if: Support.hasMusic21, "python3 with music21 is not installed (pip install music21)"),
        arguments: LeadSheetTests.charts.indices)
    func music21ReadsTheSameNotesAndChords(_ i: Int) throws {
        let (chart, path) = try write(LeadSheetTests.charts[i])
        let sheet = try Support.python(music21SheetScript, [path], as: Music21Sheet.self)
        #expect(sheet.short == [])
        let bars = chart.sections.flatMap(\.bars)
        var notes: [Music21Sheet.Item] = []
        var chords: [Music21Sheet.Harmony] = []
        for (b, bar) in bars.enumerated() {
            for n in bar.melody {
                let lyric = n.lyric.map { $0.count > 1 && $0.hasSuffix("-") ? String($0.dropLast()) : $0 }
                notes.append(.init(measure: b + 1, offset: n.start, length: n.length, midi: n.note?.midi, lyric: lyric))
            }
            for c in bar.chords {
                let s = c.symbol
                chords.append(
                    .init(
                        measure: b + 1, offset: c.start, root: s.isNoChord ? nil : s.root.music21Name,
                        pitchClasses: Set(s.pitchClasses.map(\.value)).sorted(),
                        bass: s.isNoChord ? nil : s.bassPitchClass.value))
            }
        }
        let melodyBars = Set(bars.indices.filter { !bars[$0].melody.isEmpty }.map { $0 + 1 })
        let theirNotes = sheet.notes.filter { melodyBars.contains($0.measure) }
        #expect(theirNotes.map(\.midi) == notes.map(\.midi))
        #expect(theirNotes.map(\.length) == notes.map(\.length))
        #expect(theirNotes.map(\.offset) == notes.map(\.offset))
        #expect(theirNotes.map(\.lyric) == notes.map(\.lyric))
        #expect(sheet.chords.map(\.measure) == chords.map(\.measure))
        #expect(sheet.chords.map(\.offset) == chords.map(\.offset))
        #expect(sheet.chords.map(\.root) == chords.map(\.root))
        for (theirs, ours) in zip(sheet.chords, chords) {
            #expect(theirs.pitchClasses == ours.pitchClasses, "measure \(ours.measure) at \(ours.offset)")
            #expect(theirs.bass == ours.bass, "measure \(ours.measure) at \(ours.offset)")
        }
    }
}

extension NoteName {
    /// The name as music21 spells it: `B-`, `F#`.
    var music21Name: String {
        "\(letter)" + String(repeating: accidental.semitones < 0 ? "-" : "#", count: abs(accidental.semitones))
    }
}
