import Foundation
import ProducerOffice
import Testing

@Suite struct ICalendarImportTests {
    /// 2025-01-01 to 2026-01-01 UTC.
    static let year2025 = DateInterval(start: utc(2025, 1, 1), end: utc(2026, 1, 1))

    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    static func calendar(_ body: String...) -> String {
        (["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN"] + body + ["END:VCALENDAR"]).joined(separator: "\r\n")
            + "\r\n"
    }

    static func event(_ lines: String...) -> String {
        (["BEGIN:VEVENT"] + lines + ["END:VEVENT"]).joined(separator: "\r\n")
    }

    func busy(_ text: String, timeZone: String? = nil) throws -> [Availability.Exception] {
        try ICalendar.busyTimes(
            from: text, file: "anna.ics", timeZone: timeZone.flatMap(TimeZone.init(identifier:)), within: Self.year2025)
    }

    func spans(_ busy: [Availability.Exception]) -> [DateInterval] {
        busy.map { DateInterval(start: $0.start, end: $0.end) }
    }

    @Test func readsUTCFloatingAndZonedTimes() throws {
        let text = Self.calendar(
            Self.event("UID:gig-1", "SUMMARY:Gig\\, Hamburg", "DTSTART:20250310T190000Z", "DTEND:20250310T230000Z"),
            Self.event("UID:dentist", "SUMMARY:Dentist", "DTSTART:20250311T090000", "DTEND:20250311T100000"),
            Self.event(
                "UID:nyc", "SUMMARY:Session in NYC", "DTSTART;TZID=America/New_York:20250312T100000",
                "DTEND;TZID=America/New_York:20250312T120000"),
            // Summer time in Berlin: 10:00 CEST is 08:00 UTC.
            Self.event(
                "UID:summer", "SUMMARY:Rehearsal", "DTSTART;TZID=Europe/Berlin:20250701T100000", "DURATION:PT2H30M"))
        let busy = try busy(text, timeZone: "Europe/Berlin")
        #expect(busy.map(\.source) == ["ics:gig-1", "ics:dentist", "ics:nyc", "ics:summer"])
        #expect(busy.map(\.note) == ["Gig, Hamburg", "Dentist", "Session in NYC", "Rehearsal"])
        #expect(busy.allSatisfy { $0.isBusy })
        #expect(
            spans(busy) == [
                DateInterval(start: Self.utc(2025, 3, 10, 19), end: Self.utc(2025, 3, 10, 23)),
                // floating, read in Berlin (CET)
                DateInterval(start: Self.utc(2025, 3, 11, 8), end: Self.utc(2025, 3, 11, 9)),
                DateInterval(start: Self.utc(2025, 3, 12, 14), end: Self.utc(2025, 3, 12, 16)),  // EDT began 9 March
                DateInterval(start: Self.utc(2025, 7, 1, 8), end: Self.utc(2025, 7, 1, 10, 30)),
            ])
    }

    @Test func readsAllDayEventsInTheGivenZoneOrTheCalendarsOrUTC() throws {
        let holiday = Self.event(
            "UID:holiday", "SUMMARY:Holiday", "DTSTART;VALUE=DATE:20250414", "DTEND;VALUE=DATE:20250416")
        let oneDay = Self.event("UID:one-day", "SUMMARY:Birthday", "DTSTART;VALUE=DATE:20250501")
        let plain = Self.calendar(holiday, oneDay)
        #expect(
            spans(try busy(plain)) == [
                DateInterval(start: Self.utc(2025, 4, 14), end: Self.utc(2025, 4, 16)),
                DateInterval(start: Self.utc(2025, 5, 1), end: Self.utc(2025, 5, 2)),
            ])
        let berlin = [
            DateInterval(start: Self.utc(2025, 4, 13, 22), end: Self.utc(2025, 4, 15, 22)),
            DateInterval(start: Self.utc(2025, 4, 30, 22), end: Self.utc(2025, 5, 1, 22)),
        ]
        #expect(spans(try busy(plain, timeZone: "Europe/Berlin")) == berlin)
        let withCalendarZone = Self.calendar("X-WR-TIMEZONE:Europe/Berlin", holiday, oneDay)
        #expect(spans(try busy(withCalendarZone)) == berlin)
    }

    @Test func leavesOutFreeCancelledAndInstantEvents() throws {
        let text = Self.calendar(
            Self.event(
                "UID:free", "SUMMARY:Reminder", "TRANSP:TRANSPARENT", "DTSTART:20250310T190000Z",
                "DTEND:20250310T200000Z"),
            Self.event(
                "UID:off", "SUMMARY:Called off", "STATUS:CANCELLED", "DTSTART:20250310T190000Z",
                "DTEND:20250310T200000Z"),
            Self.event("UID:instant", "SUMMARY:Call Bob", "DTSTART:20250310T190000Z"),
            Self.event("UID:old", "SUMMARY:Last year", "DTSTART:20240310T190000Z", "DTEND:20240310T200000Z"),
            Self.event(
                "UID:kept", "SUMMARY:Kept", "TRANSP:OPAQUE", "STATUS:CONFIRMED", "DTSTART:20250310T190000Z",
                "DTEND:20250310T200000Z"))
        let busy = try busy(text)
        #expect(busy.map(\.source) == ["ics:kept"])
    }

    @Test func expandsWeeklyAndDailyRulesWithCountUntilAndExceptions() throws {
        let text = Self.calendar(
            // Tuesdays and Thursdays 18:00–21:00 Berlin time, 6 times, across the change to summer time.
            Self.event(
                "UID:choir", "SUMMARY:Choir", "DTSTART;TZID=Europe/Berlin:20250318T180000",
                "DTEND;TZID=Europe/Berlin:20250318T210000", "RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=6",
                "EXDATE;TZID=Europe/Berlin:20250320T180000"),
            // Every other day until 7 June (inclusive), UTC.
            Self.event(
                "UID:run", "SUMMARY:Run", "DTSTART:20250601T060000Z", "DTEND:20250601T070000Z",
                "RRULE:FREQ=DAILY;INTERVAL=2;UNTIL=20250607T060000Z"))
        let busy = try busy(text)
        let choir = busy.filter { $0.source == "ics:choir" }.map(\.start)
        #expect(
            choir == [
                Self.utc(2025, 3, 18, 17), Self.utc(2025, 3, 25, 17), Self.utc(2025, 3, 27, 17),  // CET
                Self.utc(2025, 4, 1, 16), Self.utc(2025, 4, 3, 16),  // CEST from 30 March
            ])
        #expect(busy.filter { $0.source == "ics:choir" }.allSatisfy { $0.end.timeIntervalSince($0.start) == 3 * 3600 })
        #expect(
            busy.filter { $0.source == "ics:run" }.map(\.start) == [
                Self.utc(2025, 6, 1, 6), Self.utc(2025, 6, 3, 6), Self.utc(2025, 6, 5, 6), Self.utc(2025, 6, 7, 6),
            ])
    }

    @Test func expandsMonthlyRulesAndMovedOccurrences() throws {
        let text = Self.calendar(
            // Second Tuesday of each month, 6 times; March's moved to Wednesday, May's cancelled.
            Self.event(
                "UID:meeting", "SUMMARY:Label meeting", "DTSTART:20250114T100000Z", "DTEND:20250114T110000Z",
                "RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=6"),
            Self.event(
                "UID:meeting", "SUMMARY:Label meeting (moved)", "RECURRENCE-ID:20250311T100000Z",
                "DTSTART:20250312T150000Z",
                "DTEND:20250312T160000Z"),
            Self.event(
                "UID:meeting", "STATUS:CANCELLED", "RECURRENCE-ID:20250513T100000Z", "DTSTART:20250513T100000Z",
                "DTEND:20250513T110000Z"))
        let starts = try busy(text).map(\.start)
        #expect(
            starts == [
                Self.utc(2025, 1, 14, 10), Self.utc(2025, 2, 11, 10), Self.utc(2025, 3, 12, 15),
                Self.utc(2025, 4, 8, 10),
                Self.utc(2025, 6, 10, 10),
            ])
    }

    @Test func expandsOnlyWithinTheHorizon() throws {
        // Weekly since 2020, forever: only 2025's Mondays come back.
        let text = Self.calendar(
            Self.event(
                "UID:lesson", "SUMMARY:Lesson", "DTSTART:20200106T170000Z", "DTEND:20200106T180000Z",
                "RRULE:FREQ=WEEKLY"))
        let starts = try busy(text).map(\.start)
        #expect(starts.count == 52)
        #expect(starts.first == Self.utc(2025, 1, 6, 17))
        #expect(starts.last == Self.utc(2025, 12, 29, 17))
    }

    @Test func readsOutlookZonesFromTheirVTIMEZONE() throws {
        let text = Self.calendar(
            "BEGIN:VTIMEZONE", "TZID:W. Europe Standard Time",
            "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
            "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE",
            Self.event(
                "UID:winter", "SUMMARY:Winter", "DTSTART;TZID=W. Europe Standard Time:20250328T100000",
                "DTEND;TZID=W. Europe Standard Time:20250328T110000"),
            Self.event(
                "UID:summer", "SUMMARY:Summer", "DTSTART;TZID=\"W. Europe Standard Time\":20250331T100000",
                "DTEND;TZID=\"W. Europe Standard Time\":20250331T110000"))
        let starts = try busy(text).map(\.start)
        #expect(starts == [Self.utc(2025, 3, 28, 9), Self.utc(2025, 3, 31, 8)])
    }

    @Test func readsFreeBusyPeriods() throws {
        let text = Self.calendar(
            "BEGIN:VFREEBUSY", "UID:fb-1", "DTSTART:20250301T000000Z", "DTEND:20250401T000000Z",
            "FREEBUSY;FBTYPE=BUSY:20250303T090000Z/20250303T120000Z,20250304T140000Z/PT2H",
            "FREEBUSY;FBTYPE=FREE:20250305T090000Z/20250305T120000Z",
            "FREEBUSY:20250306T090000Z/20250306T093000Z", "END:VFREEBUSY")
        let busy = try busy(text)
        #expect(
            spans(busy) == [
                DateInterval(start: Self.utc(2025, 3, 3, 9), end: Self.utc(2025, 3, 3, 12)),
                DateInterval(start: Self.utc(2025, 3, 4, 14), end: Self.utc(2025, 3, 4, 16)),
                DateInterval(start: Self.utc(2025, 3, 6, 9), end: Self.utc(2025, 3, 6, 9, 30)),
            ])
        #expect(busy.allSatisfy { $0.source == "ics:fb-1" })
    }

    @Test func foldedLFOnlyFilesReadTheSame() throws {
        let crlf = Self.calendar(
            Self.event(
                "UID:long", "SUMMARY:" + ICalendar.escaped(String(repeating: "Überlänge, ", count: 12)),
                "DTSTART:20250310T190000Z", "DTEND:20250310T200000Z"))
        let folded = ICalendar.unfolded(crlf).map { ICalendar.folded($0) }.joined(separator: "\r\n")
        let lf = folded.replacingOccurrences(of: "\r\n", with: "\n")
        let fromLF = try busy(lf)
        let fromCRLF = try busy(crlf)
        #expect(fromLF == fromCRLF)
        #expect(fromLF.first?.note == String(repeating: "Überlänge, ", count: 12))
    }

    @Test(
        arguments: [
            ("", nil, "the file is empty"),
            ("Hello, this is not a calendar\n", 1, "not an iCalendar file"),
            ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20250310T190000Z\n", 2, "BEGIN:VEVENT is never ended"),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nEND:VCALENDAR\n", 4,
                "END:VCALENDAR closes BEGIN:VEVENT from line 2"
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20251310T190000Z\nEND:VEVENT\nEND:VCALENDAR\n", 4,
                "DTSTART \"20251310T190000Z\" is not a date"
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20250310T190000Z\nDTEND:20250310T180000Z\nEND:VEVENT\nEND:VCALENDAR\n",
                5, "is before DTSTART"
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20250310T190000Z\nDURATION:PT1X\nEND:VEVENT\nEND:VCALENDAR\n",
                5,
                "DURATION \"PT1X\""
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20250310T190000Z\nDURATION:PT1H\nRRULE:FREQ=HOURLY\nEND:VEVENT\nEND:VCALENDAR\n",
                6, "FREQ=HOURLY is not supported"
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART;TZID=Mars/Olympus:20250310T190000\nEND:VEVENT\nEND:VCALENDAR\n",
                4,
                "TZID \"Mars/Olympus\""
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nthis line has no colon\nEND:VEVENT\nEND:VCALENDAR\n", 3,
                "is not a property"
            ),
        ] as [(String, Int?, String)])
    func malformedCalendarsThrowWithFileLineAndProblem(_ text: String, line: Int?, problem: String) {
        #expect {
            try ICalendar.busyTimes(from: text, file: "anna.ics", within: Self.year2025)
        } throws: { error in
            guard let error = error as? ICalendarError else { return false }
            return error.file == "anna.ics" && error.line == line && error.description.contains(problem)
                && error.description.hasPrefix("anna.ics:" + (line.map { "\($0):" } ?? ""))
        }
    }

    @Test func truncatedAndMutatedCalendarsThrowOrReadButNeverCrash() throws {
        // Given a calendar that exercises every part of the reader
        let text =
            ICalendar.export(
                bookings: ICalendarFixtures.snapshot.bookings, in: ICalendarFixtures.snapshot,
                now: ICalendarFixtures.now)
            + Self.calendar(
                Self.event(
                    "UID:r", "SUMMARY:R", "DTSTART;TZID=Europe/Berlin:20250318T180000", "DURATION:P1DT2H",
                    "RRULE:FREQ=MONTHLY;BYDAY=-1FR;BYSETPOS=1;UNTIL=20251231", "EXDATE;VALUE=DATE:20250425"),
                "BEGIN:VFREEBUSY", "FREEBUSY:20250303T090000Z/PT3H", "END:VFREEBUSY")
        let bytes = Array(text.utf8)
        var generator = SplitMix64(seed: 5)
        var thrown = 0
        var read = 0
        func attempt(_ mutated: [UInt8]) {
            // When it is read
            do {
                _ = try ICalendar.busyTimes(
                    from: String(decoding: mutated, as: UTF8.self), file: "m.ics", within: Self.year2025)
                read += 1
            } catch {
                // Then a failure names the file
                #expect(error.description.hasPrefix("m.ics"))
                thrown += 1
            }
        }
        // Every truncation on a line boundary, and a sample of others
        for cut in stride(from: 0, to: bytes.count, by: 7) { attempt(Array(bytes[..<cut])) }
        // Random byte changes, deletions and duplications
        let alphabet = Array("0123456789:;=,\\\"TZ-/\r\n PBEGINDVCALRU".utf8)
        for _ in 0..<1500 {
            var mutated = bytes
            for _ in 0..<Int(generator.next() % 4 + 1) {
                let at = Int(generator.next() % UInt64(mutated.count))
                switch generator.next() % 3 {
                case 0: mutated[at] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                case 1: mutated.remove(at: at)
                default: mutated.insert(contentsOf: mutated[at..<min(mutated.count, at + 12)], at: at)
                }
            }
            attempt(mutated)
        }
        #expect(thrown > 100)
        #expect(read > 10)
    }

    @Test func aGigCalendarReadsBackAsTheSameBusyIntervals() throws {
        // Given Ben's gigs, exported as a calendar
        let snapshot = ICalendarFixtures.snapshot
        let text = ICalendar.export(
            bookings: snapshot.bookings, in: snapshot, for: .person("ben"), now: ICalendarFixtures.now)
        // When it is read as his calendar
        let busy = try ICalendar.busyTimes(from: text, file: "ben.ics", within: Self.year2025)
        // Then the hold and the confirmed booking are busy, the cancelled one is not
        let expected = snapshot.bookings.filter { $0.people.contains("ben") && $0.status != .cancelled }
            .sorted { $0.start < $1.start }
        #expect(spans(busy) == expected.map { DateInterval(start: $0.start, end: $0.end) })
        #expect(busy.map(\.source) == expected.map { "ics:" + $0.id + "@producer" })
        #expect(busy.map(\.note) == ["Tracking — Northern Line", "Lead vocal, Northern Line"])
    }

    @Test func reimportingReplacesTheEarlierImportAndKeepsManualExceptions() throws {
        // Given a person with a holiday entered by hand and an earlier import
        let manual = Availability.Exception(start: Self.utc(2025, 8, 1), end: Self.utc(2025, 8, 15), note: "Holiday")
        let stale = Availability.Exception(
            start: Self.utc(2025, 2, 1), end: Self.utc(2025, 2, 2), note: "Gone", source: "ics:gone")
        var availability = Availability(exceptions: [manual, stale], timeZone: "Europe/Berlin")
        let text = Self.calendar(
            Self.event("UID:gig", "SUMMARY:Gig", "DTSTART:20250310T190000Z", "DTEND:20250310T230000Z"))
        // When the calendar is imported twice
        let busy = try busy(text)
        availability.replaceImportedBusyTimes(with: busy)
        let once = availability
        availability.replaceImportedBusyTimes(with: try self.busy(text))
        // Then the second import changes nothing, the stale import is gone, the holiday stays
        #expect(availability == once)
        #expect(availability.exceptions.map(\.note) == ["Holiday", "Gig"])
        #expect(!availability.isFree(DateInterval(start: Self.utc(2025, 3, 10, 20), duration: 3600)))
        #expect(availability.isFree(DateInterval(start: Self.utc(2025, 2, 1, 10), duration: 3600)))
    }

    // Needs Python's `icalendar` package (`python3 -m pip install icalendar`); .ci/run installs it.
    @Test(
        .enabled(if: PythonICalendar.isAvailable, "python3 cannot import icalendar (python3 -m pip install icalendar)"))
    func readsACalendarWrittenByPythonICalendar() throws {
        let writer = """
            import sys
            from datetime import datetime, date, timedelta
            from zoneinfo import ZoneInfo
            from icalendar import Calendar, Event
            cal = Calendar()
            cal.add("prodid", "-//python icalendar//test//")
            cal.add("version", "2.0")
            berlin = ZoneInfo("Europe/Berlin")
            e = Event(); e.add("uid", "tz-1"); e.add("summary", "Tour rehearsal, Berlin; loud")
            e.add("dtstart", datetime(2025, 3, 28, 10, 0, tzinfo=berlin)); e.add("dtend", datetime(2025, 3, 28, 18, 0, tzinfo=berlin))
            cal.add_component(e)
            e = Event(); e.add("uid", "allday-1"); e.add("summary", "Festival")
            e.add("dtstart", date(2025, 7, 4)); e.add("dtend", date(2025, 7, 6))
            cal.add_component(e)
            e = Event(); e.add("uid", "weekly-1"); e.add("summary", "Piano lesson")
            e.add("dtstart", datetime(2025, 3, 24, 17, 0, tzinfo=berlin)); e.add("duration", timedelta(hours=1))
            e.add("rrule", {"freq": "weekly", "byday": ["MO"], "count": 3})
            cal.add_component(e)
            if hasattr(cal, "add_missing_timezones"): cal.add_missing_timezones()
            sys.stdout.write(cal.to_ical().decode("utf-8"))
            """
        let text = try PythonICalendar.run(writer)
        #expect(text.contains("TZID=Europe/Berlin"))
        let busy = try ICalendar.busyTimes(
            from: text, file: "python.ics", timeZone: TimeZone(identifier: "Europe/Berlin"), within: Self.year2025)
        #expect(busy.map(\.source) == ["ics:weekly-1", "ics:tz-1", "ics:weekly-1", "ics:weekly-1", "ics:allday-1"])
        #expect(busy[1].note == "Tour rehearsal, Berlin; loud")
        #expect(
            spans(busy)
                == [
                    DateInterval(start: Self.utc(2025, 3, 28, 9), end: Self.utc(2025, 3, 28, 17)),
                    DateInterval(start: Self.utc(2025, 3, 24, 16), end: Self.utc(2025, 3, 24, 17)),  // CET
                    DateInterval(start: Self.utc(2025, 3, 31, 15), end: Self.utc(2025, 3, 31, 16)),  // CEST
                    DateInterval(start: Self.utc(2025, 4, 7, 15), end: Self.utc(2025, 4, 7, 16)),
                    DateInterval(start: Self.utc(2025, 7, 3, 22), end: Self.utc(2025, 7, 5, 22)),
                ].sorted { $0.start < $1.start })
    }
}

@Suite struct ICalendarHorizonTests {
    @Test func anUnboundedHorizonDoesNotCrash() throws {
        let text = ICalendarImportTests.calendar(
            ICalendarImportTests.event(
                "UID:x", "DTSTART:20250106T170000Z", "DURATION:PT1H", "RRULE:FREQ=YEARLY;COUNT=3"))
        let busy = try ICalendar.busyTimes(
            from: text, file: "x.ics", within: DateInterval(start: .distantPast, end: .distantFuture))
        #expect(busy.count == 3)
    }
}
