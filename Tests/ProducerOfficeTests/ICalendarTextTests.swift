import Foundation
import ProducerOffice
import Testing

@Suite struct ICalendarTextTests {
    @Test func escapesTextValues() {
        #expect(ICalendar.escaped(#"a\b;c,d"#) == #"a\\b\;c\,d"#)
        #expect(ICalendar.escaped("one\ntwo\r\nthree\rfour") == #"one\ntwo\nthree\nfour"#)
        #expect(ICalendar.escaped("tab\there\u{07}bell") == "tab\there" + "bell")
        #expect(ICalendar.escaped("Köthener Str. 38: “quotes”") == "Köthener Str. 38: “quotes”")
    }

    @Test(arguments: [
        #"a\b;c,d"#, "one\ntwo", "Ünïcødé — 🎸🥁", "", "\\n is not a newline", "trailing backslash \\",
    ])
    func unescapingUndoesEscaping(_ text: String) {
        #expect(ICalendar.unescaped(ICalendar.escaped(text)) == text)
    }

    @Test func shortLinesAreNotFolded() {
        let line = "SUMMARY:" + String(repeating: "x", count: 67)
        #expect(line.utf8.count == 75)
        #expect(ICalendar.folded(line) == line)
    }

    @Test func aLongUnicodeSummaryFoldsWithinSeventyFiveOctetsAndUnfoldsBackExactly() throws {
        // 200 characters mixing 1-, 2-, 3- and 4-octet UTF-8 sequences.
        let pattern = Array("aé€🎛️ß—ö😀 ,;\\")
        let summary = String((0..<200).map { pattern[$0 % pattern.count] })
        #expect(summary.count == 200)
        let line = "SUMMARY:" + ICalendar.escaped(summary)
        let folded = ICalendar.folded(line)

        let physical = folded.components(separatedBy: "\r\n")
        #expect(physical.count > 3)
        for piece in physical {
            #expect(piece.utf8.count <= 75)
            // Every piece is valid UTF-8 on its own: no sequence was split.
            #expect(String(validating: Array(piece.utf8), as: UTF8.self) != nil)
        }
        #expect(physical.dropFirst().allSatisfy { $0.utf8.first == UInt8(ascii: " ") })

        let unfolded = ICalendar.unfolded(folded + "\r\n")
        #expect(unfolded == [line])
        #expect(ICalendar.unescaped(String(unfolded[0].dropFirst("SUMMARY:".count))) == summary)
    }

    @Test func unfoldingTakesCRLFOrLFOrCRAndTabContinuations() {
        let text = "BEGIN:VCALENDAR\nSUMMARY:ab\n cd\n\tef\r\nX:1\rY:2\r\n\r\nEND:VCALENDAR"
        #expect(ICalendar.unfolded(text) == ["BEGIN:VCALENDAR", "SUMMARY:abcdef", "X:1", "Y:2", "END:VCALENDAR"])
    }
}
