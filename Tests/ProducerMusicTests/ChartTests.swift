import Foundation
import Testing

@testable import ProducerMusic

/// The chart from issue 15, exactly as written there (with a final newline).
let lateTrain = """
    title: Late Train
    key: A minor
    tempo: 92
    time: 4/4

    [Intro]
    | Am | F | C | G |
    [Verse]
    | Am | Am | F | F |
    | C | G | Am | E7 |
    [Chorus] x2
    | F | G | C G/B | Am |

    """

/// A chart using every feature of the format, in canonical layout except where noted.
let richChart = """
    # a comment line
    title: Everything in C#   # a comment after a space
    key: Bb major
    tempo: 120.5
    time: 4/4

    [Intro] x3
    |: Bbmaj7 / Gm7 C7 | F7sus4 :| x4
    | N.C. | % | Bb6 |
    melody: | r/4 D5/8. C5/16 Bb4/2 | r/1 | F4/2~ F4/8 G4/4. |
    lyrics: | Ev- ery- thing | | here _ |
    tempo: 96
    time: 3/4
    [Bridge]
    | Eb / F | Gm :|: Cm7/Bb / / | F7 :| x3
    melody: | Eb5/4 D5/2 | G4/2. | C5/4~ C5/2 | A4/2 r/4 |
    lyrics: | once a- | gain | _ line | |
    time: 6/8
    | Gm C | Bb |
    melody: | G4/4. F♯4/8 E♭4/8 D4/8 | Bb4/2.~ |
    lyrics: | _ all the way | |
    | Bb | Eb |
    melody: | Bb4/2. | r/2. |
    lyrics: | _ | |

    """

/// The chart with every source position set to 0, for comparing a parse with a re-parse.
func withoutPositions(_ chart: Chart) -> Chart {
    var c = chart
    for s in c.sections.indices {
        c.sections[s].sourceLine = 0
        for l in c.sections[s].lines.indices {
            c.sections[s].lines[l].sourceLine = 0
            for b in c.sections[s].lines[l].bars.indices {
                c.sections[s].lines[l].bars[b].sourceLine = 0
                c.sections[s].lines[l].bars[b].sourceColumn = 0
            }
        }
    }
    return c
}

@Suite("Chord charts")
struct ChartTests {
    @Test func lateTrainReadsAsWritten() throws {
        let chart = try Chart(parsing: lateTrain, file: "late-train.txt")
        #expect(chart.title == "Late Train")
        #expect(chart.key == Key(tonic: NoteName(.a), mode: .minor))
        #expect(chart.tempo == 92)
        #expect(chart.time == .fourFour)
        #expect(chart.sections.map(\.name) == ["Intro", "Verse", "Chorus"])
        #expect(chart.sections.map(\.repeats) == [1, 1, 2])
        #expect(chart.sections.map { $0.bars.count } == [4, 8, 4])
        #expect(chart.sections[1].lines.count == 2)
        let names = chart.sections.flatMap(\.bars).map { $0.chords.map(\.symbol.description).joined(separator: " ") }
        #expect(names == ["Am", "F", "C", "G", "Am", "Am", "F", "F", "C", "G", "Am", "E7", "F", "G", "C G/B", "Am"])
        let shared = chart.sections[2].bars[2].chords
        #expect(shared.map(\.start) == [0, 2])
        #expect(shared.map(\.length) == [2, 2])
        #expect(shared[1].symbol.bass == NoteName(.b))
        #expect(
            chart.sections[0].bars[0].chords == [
                Chart.ChordEvent(chart.sections[0].bars[0].chords[0].symbol, start: 0, length: 4, written: "Am")
            ])
        #expect(chart.sections[2].sourceLine == 11)
        #expect(chart.sections[2].bars[2].sourceLine == 12)
        #expect(chart.sections[2].bars[2].sourceColumn == 9)

        let played = chart.played()
        #expect(played.count == 4 + 8 + 4 * 2)
        #expect(played.map(\.sectionName).filter { $0 == "Chorus" }.count == 8)
        #expect(played[16].pass == 1 && played[16].barInSection == 0 && played[16].start == 64)
        #expect(chart.lengthInQuarterNotes == 80)
    }

    @Test func lateTrainPrintsBackByteForByte() throws {
        let chart = try Chart(parsing: lateTrain, file: "late-train.txt")
        #expect(chart.text == lateTrain)
        #expect(Array(chart.text.utf8) == Array(lateTrain.utf8))
    }

    @Test func richChartReads() throws {
        let chart = try Chart(parsing: richChart, file: "rich.txt")
        #expect(chart.title == "Everything in C#")
        #expect(chart.tempo == 120.5)
        let intro = chart.sections[0]
        #expect(intro.repeats == 3)
        let first = intro.bars[0]
        #expect(first.startsRepeat && first.endsRepeat == nil)
        #expect(first.chords.map(\.start) == [0, 2, 3])
        #expect(first.chords.map(\.length) == [2, 1, 1])
        #expect(intro.bars[1].endsRepeat == 4)
        #expect(intro.bars[2].chords.map(\.symbol) == [.noChord])
        #expect(intro.bars[3].repeatsPrevious && intro.bars[3].chords.map(\.symbol) == [.noChord])
        let melody = intro.bars[2].melody
        #expect(melody.map(\.length) == [1, 0.75, 0.25, 2])
        #expect(melody.map(\.start) == [0, 1, 1.75, 2])
        #expect(melody.map { $0.note?.ascii } == [nil, "D5", "C5", "Bb4"])
        #expect(melody.map(\.lyric) == [nil, "Ev-", "ery-", "thing"])
        #expect(intro.bars[4].melody.map(\.length) == [2, 0.5, 1.5])
        #expect(intro.bars[4].melody[0].tiedToNext)
        // "here" on F4, "_" skips the tied-on F4 (per singable note: here on F4, nothing on G4).
        #expect(intro.bars[4].melody.map(\.lyric) == ["here", nil, nil])

        let bridge = chart.sections[1]
        #expect(bridge.bars.prefix(4).allSatisfy { $0.time == .threeFour })
        #expect(bridge.bars[0].tempoChange == 96 && bridge.bars[0].timeChanges)
        #expect(bridge.bars[0].chords.map(\.length) == [2, 1])
        #expect(bridge.bars[1].endsRepeat == 2 && bridge.bars[2].startsRepeat)
        #expect(bridge.bars[3].endsRepeat == 3)
        // Per note and rest: "_" on C5, "line" on the tied-on C5.
        #expect(bridge.bars[2].melody.map(\.lyric) == [nil, "line"])
        let six = bridge.bars[4]
        #expect(six.time == .sixEight && six.timeChanges)
        #expect(six.chords.map(\.length) == [1.5, 1.5])
        #expect(six.melody.map { $0.note?.description } == ["G4", "F♯4", "E♭4", "D4"])
        #expect(six.melody.map(\.lyric) == [nil, "all", "the", "way"])
        #expect(bridge.bars[5].melody[0].tiedToNext)
        // The tied-on Bb4 of the next line takes no syllable; "_" skips it.
        #expect(bridge.bars[6].melody[0].lyric == nil)

        let played = chart.played()
        // Intro: (2 bars ×4 + 3) × 3 = 33; bridge: 2 ×2 + 2 ×3 + 4 = 14.
        #expect(played.count == 33 + 14)
        #expect(played.filter { $0.sectionName == "Intro" }.count == 33)
        #expect(played[33].tempo == 96)
        let map = chart.tempoMap()
        #expect(map.tempoChanges.map(\.bpm) == [120.5, 96])
        #expect(map.meterChanges.map(\.meter) == [.fourFour, .threeFour, .sixEight])
    }

    @Test func richChartRoundTrips() throws {
        let chart = try Chart(parsing: richChart, file: "rich.txt")
        let printed = chart.text
        let again = try Chart(parsing: printed, file: "printed.txt")
        #expect(withoutPositions(again) == withoutPositions(chart))
        // Canonical text is a fixed point.
        #expect(again.text == printed)
    }

    @Test func printedLayout() throws {
        let chart = try Chart(parsing: richChart, file: "rich.txt")
        let lines = chart.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.prefix(5) == ["title: Everything in C#", "key: Bb major", "tempo: 120.5", "time: 4/4", ""])
        #expect(lines.contains("|: Bbmaj7 / Gm7 C7 | F7sus4 :| x4"))
        #expect(lines.contains("| Eb / F | Gm :|: Cm7/Bb | F7 :| x3"))
        #expect(lines.contains("melody: | G4/4. F#4/8 Eb4/8 D4/8 | Bb4/2.~ |"))
        #expect(lines.contains("lyrics: | once a- | gain | _ line | |"))
        #expect(lines.contains("lyrics: | Ev- ery- thing | | here |"))
        #expect(lines.contains("lyrics: | _ all the way | |"))
        let bridge = lines.firstIndex(of: "[Bridge]")!
        #expect(lines[bridge - 2] == "tempo: 96" && lines[bridge - 1] == "time: 3/4")
    }

    @Test func chordsWithSlashesAndSharing() throws {
        let chart = try Chart(parsing: "time: 4/4\n| C / / G | Am F | E7 / / / | Dm G7 C E |\n", file: "c.txt")
        let bars = chart.sections[0].bars
        #expect(bars[0].chords.map(\.length) == [3, 1])
        #expect(bars[1].chords.map(\.length) == [2, 2])
        #expect(bars[2].chords.map(\.length) == [4])
        #expect(bars[3].chords.map(\.start) == [0, 1, 2, 3])
        #expect(chart.sections[0].name == "")
        // A chart without sections prints without one.
        #expect(chart.text == "tempo: 120\ntime: 4/4\n\n| C / / G | Am F | E7 | Dm G7 C E |\n")
    }

    @Test func changesAtTheFirstBarStayInTheBody() throws {
        let chart = try Chart(parsing: "tempo: 100\n[A]\ntempo: 90\ntime: 3/4\n| C |\n", file: "c.txt")
        #expect(chart.tempo == 100 && chart.time == .fourFour)
        #expect(chart.sections[0].bars[0].tempoChange == 90 && chart.sections[0].bars[0].time == .threeFour)
        #expect(chart.text == "tempo: 100\ntime: 4/4\n\n[A]\ntempo: 90\ntime: 3/4\n| C |\n")
        #expect(withoutPositions(try Chart(parsing: chart.text)) == withoutPositions(chart))
    }

    @Test func readmeChartsRead() throws {
        let readme = try String(contentsOfFile: Support.packageRoot + "/README.md", encoding: .utf8)
        var blocks: [String] = []
        var current: String?
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "```chart" {
                current = ""
            } else if line == "```", let c = current {
                blocks.append(c)
                current = nil
            } else if current != nil {
                current! += line + "\n"
            }
        }
        #expect(blocks.count == 2)
        #expect(blocks.first == lateTrain)
        for block in blocks {
            let chart = try Chart(parsing: block, file: "README.md")
            #expect(withoutPositions(try Chart(parsing: chart.text)) == withoutPositions(chart))
        }
    }

    @Test func percentFollowsAMeterChange() throws {
        let chart = try Chart(parsing: "| C G |\ntime: 2/4\n| % |\n", file: "c.txt")
        let bar = chart.sections[0].bars[1]
        #expect(bar.repeatsPrevious)
        #expect(bar.chords.map(\.start) == [0, 1])
        #expect(bar.chords.map(\.length) == [1, 1])
    }

    @Test func transposedChordIsNotPrintedWithItsOldName() throws {
        var chart = try Chart(parsing: "| C∆7 |\n", file: "c.txt")
        #expect(chart.text.hasSuffix("| C∆7 |\n"))
        chart.sections[0].lines[0].bars[0].chords[0].symbol.root = NoteName(.d)
        #expect(chart.text.hasSuffix("| Dmaj7 |\n"))
    }

    @Test func readsAFileAndRefusesALargeOne() throws {
        let dir = try Support.tempDirectory()
        let path = dir + "/late-train.txt"
        try lateTrain.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try Chart(path: path).text == lateTrain)
        let big = dir + "/big.txt"
        try String(repeating: "# padding\n", count: 110_000).write(toFile: big, atomically: true, encoding: .utf8)
        #expect(throws: ChartError.self) { try Chart(path: big) }
        do {
            _ = try Chart(path: big)
        } catch {
            #expect(error.code == .tooLarge)
            #expect(error.description.hasPrefix(big + ": "))
        }
        do {
            _ = try Chart(path: dir + "/missing.txt")
        } catch {
            #expect(error.code == .unreadable)
        }
    }
}
