import Foundation
import ProducerFiles
import Testing

@testable import ProducerMusic

@Suite("Chord chart errors")
struct ChartErrorTests {
    /// Reads `text` and returns the error it must throw.
    func error(_ text: String) -> ChartError? {
        do {
            _ = try Chart(parsing: text, file: "song.txt")
            return nil
        } catch {
            return error
        }
    }

    /// Each mistake a hand-written chart can have: the text, the place and a piece of the sentence.
    static let cases: [(text: String, line: Int, column: Int?, code: ChartError.Code, words: String)] = [
        ("title: A\ntempi: 92\n| C |\n", 2, 1, .unknownKey, "unknown key \"tempi\""),
        ("tempo: fast\n| C |\n", 1, 8, .invalidValue, "\"fast\" is not a tempo"),
        ("tempo: 0\n| C |\n", 1, 8, .invalidValue, "from 10 to 500"),
        ("tempo: 9999999999\n| C |\n", 1, 8, .invalidValue, "is not a tempo"),
        ("time: 4/3\n| C |\n", 1, 7, .invalidValue, "\"4/3\" is not a time signature"),
        ("time: 0/4\n| C |\n", 1, 7, .invalidValue, "not a time signature"),
        ("time: four\n| C |\n", 1, 7, .invalidValue, "not a time signature"),
        ("key: H major\n| C |\n", 1, 6, .invalidValue, "key: a key starts with its tonic"),
        ("title: A\ntitle: B\n| C |\n", 2, 1, .syntax, "title: is given twice"),
        ("tempo:\n| C |\n", 1, 7, .invalidValue, "tempo: needs a value"),
        ("| C | Hm7 |\n", 1, 7, .chord, "\"Hm7\" is not a chord symbol: at character 1"),
        ("[A]\n| C | Cmaj7x |\n", 2, 12, .chord, "\"Cmaj7x\" is not a chord symbol"),
        ("| C D E F G |\n", 1, 3, .beats, "5 chords in a 4/4 bar, which has only 4 beats"),
        ("| C G D |\n", 1, 3, .beats, "3 chords in a 4/4 bar: mark the beats with /"),
        ("| C / G |\n", 1, 3, .beats, "3 beats marked in a 4/4 bar"),
        ("time: 3/4\n| C / / / |\n", 2, 3, .beats, "4 beats marked in a 3/4 bar"),
        ("| / C |\n", 1, 3, .syntax, "a bar starts with a chord"),
        ("| % |\n", 1, 3, .syntax, "this is the first bar"),
        ("| C | % G |\n", 1, 7, .syntax, "% stands alone"),
        ("| C |  | G |\n", 1, 6, .syntax, "an empty bar"),
        ("| C | G\n", 1, 7, .syntax, "\"G\" is outside a bar"),
        ("| C | G |:\n", 1, 9, .syntax, "|: at the end of a line"),
        (":| C |\n", 1, 1, .syntax, "not :|"),
        ("[A]\n|: C | G |\n[B]\n| F |\n", 2, 1, .syntax, "has no :| to end it"),
        ("|: C |: G :|\n", 1, 6, .syntax, "a |: inside the passage started at 1:1"),
        ("|: C :| x17\n", 1, 9, .invalidValue, "x17 is not a repeat count"),
        ("|: C :| x0\n", 1, 9, .invalidValue, "x0 is not a repeat count"),
        ("[Chorus] x99999999999999\n| C |\n", 1, 10, .invalidValue, "not a repeat count"),
        ("[Chorus] twice\n| C |\n", 1, 10, .syntax, "how many times it is played"),
        ("[A]\n|\n", 2, 1, .syntax, "at least one bar"),
        ("| C | x3 |\n", 1, 7, .syntax, "x3 counts repeats"),
        ("[]\n| C |\n", 1, 1, .syntax, "a section needs a name"),
        ("[Verse\n| C |\n", 1, 1, .syntax, "ends with ]"),
        ("[Intro]\n[Verse]\n| C |\n", 1, 1, .syntax, "section [Intro] has no bars"),
        ("| C |\nkey: G major\n", 2, 1, .syntax, "key: belongs in the header"),
        ("| C |\ntempo: 90\n", 2, 1, .syntax, "tempo: here is followed by no bar"),
        ("| C |\ntime: 3/4\ntime: 6/8\n| C |\n", 3, 1, .syntax, "a second time:"),
        ("Am F C G\n", 1, 1, .syntax, "is not a line of a chart"),
        ("", 1, nil, .syntax, "the chart has no bars"),
        ("melody: | C4/1 |\n| C |\n", 1, 1, .mismatch, "melody: follows the line of bars"),
        ("| C | G |\nmelody: | C4/1 |\n", 2, 9, .mismatch, "the melody has 1 bar but its line of bars has 2"),
        ("| C |\nmelody: | C4/2 D4/4 |\n", 2, 10, .beats, "melody bar 1 lasts 3 quarter notes, but a 4/4 bar lasts 4"),
        ("| C |\nmelody: | C4/2 D4/2 E4/4 |\n", 2, 10, .beats, "lasts 5 quarter notes"),
        ("| C |\nmelody: | |\n", 2, 9, .beats, "melody bar 1 is empty"),
        ("| C |\nmelody: | C4/3 r/2 |\n", 2, 11, .syntax, "\"C4/3\" is not a melody note: the note value is 1, 2"),
        ("| C |\nmelody: | H4/1 |\n", 2, 11, .syntax, "a note starts with a letter"),
        ("| C |\nmelody: | C/1 |\n", 2, 11, .syntax, "its octave"),
        ("| C |\nmelody: | C4 |\n", 2, 11, .syntax, "a / and the note value"),
        ("| C |\nmelody: | C99/1 |\n", 2, 11, .syntax, "outside the MIDI range"),
        ("| C |\nmelody: | C4/2~ D4/2 |\n", 2, 17, .syntax, "must have the same pitch"),
        ("| C |\nmelody: | r/2~ r/2 |\n", 2, 11, .syntax, "a rest cannot be tied"),
        ("| C |\nmelody: C4/1\n", 2, 9, .syntax, "melody: writes its bars between bar lines"),
        ("| C |\nlyrics: | la |\n", 2, 1, .mismatch, "lyrics: follows the melody: line"),
        (
            "| C | G |\nmelody: | C4/1 | D4/1 |\nlyrics: | la |\n", 3, 9, .mismatch,
            "the lyrics have 1 bar but their melody has 2"
        ),
        ("| C |\nmelody: | C4/2 D4/2 |\nlyrics: | la la la |\n", 3, 10, .mismatch, "3 syllables for 2 notes"),
        ("| C |\nmelody: | r/2 D4/2 |\nlyrics: | la la |\n", 3, 11, .mismatch, "\"la\" falls on a rest"),
    ]

    @Test(arguments: cases.indices)
    func mistakeIsNamedWithItsPlace(_ i: Int) throws {
        let c = Self.cases[i]
        let e = try #require(error(c.text), "no error for \(c.text.debugDescription)")
        #expect(e.file == "song.txt")
        #expect(e.line == c.line, "\(e)")
        #expect(e.column == c.column, "\(e)")
        #expect(e.code == c.code, "\(e)")
        #expect(e.message.contains(c.words), "\(e)")
        let place = "song.txt:\(c.line)" + (c.column.map { ":\($0)" } ?? "") + ": "
        #expect(e.description.hasPrefix(place), "\(e)")
    }

    @Test func errorReportsItsPlace() throws {
        let e = try #require(error("| C | Hm7 |\n"))
        #expect(e.place.file == "song.txt" && e.place.line == 1 && e.place.column == 7)
        #expect(e.report.code == "unreadable chord")
    }

    /// A digit with a combining mark on it is one character that is not a digit (found by the
    /// chart fuzz target: it used to stop the program).
    @Test func aDigitWithACombiningMarkIsNotADigit() {
        for text in [
            "[Chorus] x13\u{0592}3\n| F |\n", "| C |\nmelody: | C4\u{0301}/1 |\n",
            "| C |\nmelody: | C4/4\u{0301} C4/2. |\n",
        ] {
            #expect(throws: ChartError.self, "\(text.debugDescription)") { try Chart(parsing: text, file: "song.txt") }
        }
    }

    /// A title written right after the colon may start with "#" (a comment begins only after a
    /// space); it prints back the same way, so the printed chart reads back (found by the chart
    /// fuzz target: "title: #Late" read as an empty title).
    @Test func aTitleStartingWithAHashPrintsBack() throws {
        let chart = try Chart(parsing: "title:#9 Dream\n| C |\n", file: "song.txt")
        #expect(chart.title == "#9 Dream")
        #expect(chart.text.hasPrefix("title:#9 Dream\n"))
        let again = try Chart(parsing: chart.text, file: "printed.txt")
        #expect(again.title == "#9 Dream" && again.text == chart.text)
    }

    @Test func tooManyBars() throws {
        let e = try #require(error(String(repeating: "| C ", count: 10_001) + "|\n"))
        #expect(e.code == .tooLarge)
        #expect(e.column == 40_001)
        #expect(try Chart(parsing: String(repeating: "| C ", count: 10_000) + "|\n").sections[0].bars.count == 10_000)
    }

    @Test func tooLargeText() throws {
        let e = try #require(error(String(repeating: "#", count: Chart.maximumTextBytes + 1)))
        #expect(e.code == .tooLarge && e.line == nil)
    }

    @Test func repeatsStayBounded() throws {
        let chart = try Chart(parsing: "[A] x16\n|: C :| x16\n", file: "a.txt")
        #expect(chart.played().count == 256)
        #expect(chart.playedBarCount == 256)
        let rich = try Chart(parsing: richChart)
        #expect(rich.playedBarCount == rich.played().count)
        // 400 sections of 16 × 16 bars: 102 400 bars played.
        let long = String(repeating: "[A] x16\n|: C :| x16\n", count: 400)
        let e = try #require(error(long))
        #expect(e.code == .tooLarge && e.message.contains("plays 102400 bars"))
    }

    @Test func windowsLineEndsAndAByteOrderMark() throws {
        let text = "\u{FEFF}" + lateTrain.replacingOccurrences(of: "\n", with: "\r\n")
        let chart = try Chart(parsing: text, file: "crlf.txt")
        #expect(chart.text == lateTrain)
    }
}
