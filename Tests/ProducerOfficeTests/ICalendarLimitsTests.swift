import Foundation
import ProducerOffice
import ProducerTestSupport
import Testing

/// What no calendar may do to the reader: nest without end, fold one line over a file, be too
/// large, or take time growing faster than the file; and how far ahead an import reaches.
@Suite struct ICalendarLimitsTests {
    static let year2025 = ICalendarImportTests.year2025

    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Date {
        ICalendarImportTests.utc(year, month, day, hour, minute)
    }

    func error(_ text: String) -> ICalendarError? {
        do {
            _ = try ICalendar.importBusyTimes(from: text, file: "deep.ics", within: Self.year2025)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Nesting

    @Test func aHundredThousandNestedEventsAreAnErrorNamingTheLimitFileAndLine() throws {
        // Given 100,000 BEGIN:VEVENT lines inside a calendar, never ended (it used to overflow the stack)
        let text = "BEGIN:VCALENDAR\r\n" + String(repeating: "BEGIN:VEVENT\r\n", count: 100_000)
        // When it is read
        let found = try #require(error(text))
        // Then the 17th component, on line 17, is one too deep
        #expect(found.code == .tooDeep)
        #expect(found.file == "deep.ics")
        #expect(found.line == 17)
        #expect(
            found.description
                == "deep.ics:17: BEGIN:VEVENT is nested 17 components deep; a calendar may nest at most 16 (a VALARM in a VEVENT in a VCALENDAR is 3)"
        )
    }

    @Test func nestedEventsThatAreAllEndedAreAnErrorToo() throws {
        let depth = 100_000
        let text =
            "BEGIN:VCALENDAR\n" + String(repeating: "BEGIN:VEVENT\n", count: depth)
            + String(repeating: "END:VEVENT\n", count: depth) + "END:VCALENDAR\n"
        let found = try #require(error(text))
        #expect(found.code == .tooDeep)
        #expect(found.line == 17)
    }

    @Test func sixteenLevelsAreRead() throws {
        // VCALENDAR, VEVENT and 14 VALARMs inside one another
        let inner = (0..<14).map { _ in "BEGIN:VALARM" } + (0..<14).map { _ in "END:VALARM" }
        let text = ICalendarImportTests.calendar(
            ICalendarImportTests.event(
                (["UID:a", "DTSTART:20250310T190000Z", "DTEND:20250310T200000Z"] + inner).joined(separator: "\r\n")))
        #expect(try ICalendar.busyTimes(from: text, file: "a.ics", within: Self.year2025).count == 1)
        #expect(ICalendar.maximumNesting == 16)
    }

    // MARK: - Size

    @Test func textLargerThanTheLimitIsAnErrorNamingIt() throws {
        let text =
            "BEGIN:VCALENDAR\r\n"
            + String(repeating: "X-PAD:" + String(repeating: "x", count: 1000) + "\r\n", count: 33_600)
        #expect(text.utf8.count > ICalendar.maximumTextBytes)
        let found = try #require(error(text))
        #expect(found.code == .tooLarge)
        #expect(found.line == nil)
        #expect(found.description.hasPrefix("deep.ics: the calendar is "))
        #expect(found.description.hasSuffix("bytes long; a calendar file may be at most 32 MB (33,554,432 bytes)"))
    }

    // MARK: - Folding

    @Test func twoHundredThousandContinuationLinesUnfoldIntoOneSummary() throws {
        // Given a SUMMARY folded over 200,000 continuation lines (it took over a minute)
        let text = Self.foldedCalendar(continuationLines: 200_000)
        // When it is read
        let busy = try ICalendar.busyTimes(from: text, file: "long.ics", within: Self.year2025)
        // Then the summary is whole, and the lines after it are read
        #expect(busy.count == 1)
        #expect(busy.first?.note.count == 200_000 * 10)
        #expect(busy.first?.start == Self.utc(2025, 3, 10, 19))
    }

    static func foldedCalendar(continuationLines: Int) -> String {
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:long\r\nSUMMARY:"
            + String(repeating: "\r\n abcdefghij", count: continuationLines)
            + "\r\nDTSTART:20250310T190000Z\r\nDTEND:20250310T200000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    }

    @Test func unfoldingTimeIsLinearInTheNumberOfContinuationLines() throws {
        let small = Self.foldedCalendar(continuationLines: 10_000)
        let large = Self.foldedCalendar(continuationLines: 100_000)
        let ratio = try LinearTime.ratio(small: small, large: large) { text in
            _ = try ICalendar.busyTimes(from: text, file: "long.ics", within: Self.year2025)
        }
        #expect(ratio <= 20, "10× the continuation lines took \(ratio)× the time")
    }

    @Test func readingTimeIsLinearInTheNumberOfEvents() throws {
        // Events of every kind: timed, all-day, zoned, repeating, with folded summaries.
        func calendar(events: Int) -> String {
            var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN"]
            for i in 0..<events {
                let day = String(format: "202503%02d", i % 28 + 1)
                lines += [
                    "BEGIN:VEVENT", "UID:e\(i)",
                    ICalendar.folded("SUMMARY:" + String(repeating: "Rehearsal \(i), ", count: 8)),
                ]
                switch i % 4 {
                case 0: lines += ["DTSTART:\(day)T100000Z", "DTEND:\(day)T120000Z"]
                case 1: lines += ["DTSTART;VALUE=DATE:\(day)", "DTEND;VALUE=DATE:\(day)"]
                case 2:
                    lines += ["DTSTART;TZID=Europe/Berlin:\(day)T180000", "DURATION:PT3H", "RRULE:FREQ=WEEKLY;COUNT=5"]
                default:
                    lines += [
                        "DTSTART:\(day)T090000Z", "DURATION:PT1H",
                        "RRULE:FREQ=MONTHLY;BYDAY=2TU;UNTIL=20250901T000000Z",
                    ]
                }
                lines.append("END:VEVENT")
            }
            lines.append("END:VCALENDAR")
            return lines.joined(separator: "\r\n") + "\r\n"
        }
        let ratio = try LinearTime.ratio(small: calendar(events: 60), large: calendar(events: 600)) { text in
            _ = try ICalendar.busyTimes(from: text, file: "many.ics", within: Self.year2025)
        }
        #expect(ratio <= 20, "10× the events took \(ratio)× the time")
    }

    // MARK: - How far ahead

    @Test func singleEventsFarAheadAreImportedAndRepeatsCutAtTheHorizonAreNamed() throws {
        // Given a tour two years ahead, a weekly lesson that never ends, a choir that ends in
        // June, and a daily run whose COUNT ends inside the horizon though it began long before
        let text = ICalendarImportTests.calendar(
            ICalendarImportTests.event(
                "UID:tour", "SUMMARY:Tour", "DTSTART;VALUE=DATE:20270601", "DTEND;VALUE=DATE:20270615"),
            ICalendarImportTests.event(
                "UID:lesson", "SUMMARY:Lesson", "DTSTART:20240108T170000Z", "DTEND:20240108T180000Z",
                "RRULE:FREQ=WEEKLY"),
            ICalendarImportTests.event(
                "UID:choir", "SUMMARY:Choir", "DTSTART:20250107T180000Z", "DURATION:PT2H",
                "RRULE:FREQ=WEEKLY;UNTIL=20250630T000000Z",
                "RDATE:20280104T180000Z"),
            ICalendarImportTests.event(
                "UID:run", "SUMMARY:Run", "DTSTART:20241201T060000Z", "DURATION:PT1H", "RRULE:FREQ=DAILY;COUNT=40"))
        // When it is imported for 2025
        let result = try ICalendar.importBusyTimes(from: text, file: "anna.ics", within: Self.year2025)
        // Then the tour and the choir's extra date in 2028 are there
        #expect(
            result.busyTimes.contains {
                $0.source == "ics:tour" && $0.start == Self.utc(2027, 6, 1) && $0.end == Self.utc(2027, 6, 15)
            })
        #expect(result.busyTimes.contains { $0.source == "ics:choir" && $0.start == Self.utc(2028, 1, 4, 18) })
        // The lesson is expanded through 2025 only, and named as going on
        let lessons = result.busyTimes.filter { $0.source == "ics:lesson" }
        #expect(lessons.count == 52)
        #expect(lessons.allSatisfy { $0.start < Self.year2025.end })
        #expect(result.repeatingEventsCut == ["Lesson"])
        #expect(result.repeatsUntil == Self.year2025.end)
        #expect(
            result.warning
                == "anna.ics: 1 repeating event goes on after 2026-01-01 (Lesson); its occurrences after that day are not imported: import the calendar again before then"
        )
        // The run's 40 days, from 1 December, end on 9 January: 9 of them in 2025
        #expect(
            result.busyTimes.filter { $0.source == "ics:run" }.map(\.start) == (1...9).map { Self.utc(2025, 1, $0, 6) })
    }

    @Test func aCalendarWithNoRepeatsPastTheHorizonHasNoWarning() throws {
        let text = ICalendarImportTests.calendar(
            ICalendarImportTests.event("UID:gig", "SUMMARY:Gig", "DTSTART:20300310T190000Z", "DTEND:20300310T230000Z"),
            ICalendarImportTests.event(
                "UID:weekly", "SUMMARY:Weekly", "DTSTART:20250106T170000Z", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;COUNT=4"
            ))
        let result = try ICalendar.importBusyTimes(from: text, file: "anna.ics", within: Self.year2025)
        #expect(result.busyTimes.count == 5)
        #expect(result.repeatingEventsCut.isEmpty)
        #expect(result.warning == nil)
    }

    @Test func anOutlookZoneIsWorkedOutAsFarAsItsEventsReach() throws {
        // An event in summer three years ahead, in a zone only the file defines.
        let text = ICalendarImportTests.calendar(
            "BEGIN:VTIMEZONE", "TZID:W. Europe Standard Time",
            "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
            "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE",
            ICalendarImportTests.event(
                "UID:summer", "SUMMARY:Summer", "DTSTART;TZID=W. Europe Standard Time:20280710T100000",
                "DTEND;TZID=W. Europe Standard Time:20280710T110000"),
            ICalendarImportTests.event(
                "UID:winter", "SUMMARY:Winter", "DTSTART;TZID=W. Europe Standard Time:20281210T100000",
                "DTEND;TZID=W. Europe Standard Time:20281210T110000"))
        let starts = try ICalendar.busyTimes(from: text, file: "outlook.ics", within: Self.year2025).map(\.start)
        #expect(starts == [Self.utc(2028, 7, 10, 8), Self.utc(2028, 12, 10, 9)])
    }
}
