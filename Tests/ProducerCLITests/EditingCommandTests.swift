import Foundation
import ProducerTestSupport
import Testing

/// Editing the project by command: `songs`, `people`, `studios`, `sessions` … `list|add|edit|remove`,
/// `project set|show`, `people holidays`, and `schedule --repair` keeping the plan's start.
@Suite struct EditingCommandTests {
    func run(_ arguments: [String], _ project: String) async throws -> (status: Int32, out: String, err: String) {
        try await producer(arguments + ["--project", project])
    }

    func ok(_ arguments: [String], _ project: String) async throws -> String {
        let r = try await run(arguments, project)
        #expect(r.status == 0, "\(arguments): \(r.err)")
        return r.out
    }

    func jsonList(_ arguments: [String], _ project: String) async throws -> [[String: Any]] {
        let out = try await ok(arguments + ["--json"], project)
        return try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]], "\(out)")
    }

    func jsonObject(_ arguments: [String], _ project: String) async throws -> [String: Any] {
        let out = try await ok(arguments + ["--json"], project)
        return try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any], "\(out)")
    }

    @Test("songs add, edit, list and remove; the album's ratings and energy are imported")
    func songs() async throws {
        let project = try await albumProject()
        var songs = try await jsonList(["songs", "list"], project)
        let first = try #require(songs.first)
        #expect((first["ratings"] as? [String: Any])?["artist"] as? Int == 9)
        #expect(first["energy"] as? Int == 6)
        // Add
        let added = try await jsonObject(
            [
                "songs", "add", "Last Light", "--key", "A minor", "--tempo", "100", "--length", "3:30",
                "--artist-rating", "8", "--energy", "4", "--isrc", "DEA122700009", "--writer", "Mara Lind:100",
            ], project)
        #expect(added["id"] as? String == "last-light")
        #expect(added["isrc"] as? String == "DE-A12-27-00009")
        // Edit only the energy
        _ = try await ok(["songs", "edit", "last light", "--energy", "5", "--iswc", "T-034.524.680-1"], project)
        songs = try await jsonList(["songs", "list"], project)
        let edited = try #require(songs.first { $0["id"] as? String == "last-light" })
        #expect(edited["energy"] as? Int == 5)
        #expect(edited["tempo"] as? Double == 100)
        #expect(edited["key"] as? String == "A minor")
        #expect(edited["iswc"] as? String == "T-034.524.680-1")
        #expect((edited["ratings"] as? [String: Any])?["artist"] as? Int == 8)
        let text = try await ok(["songs", "list"], project)
        #expect(
            text.contains("Last Light [last-light] — demo — A minor, 100 bpm, 3:30 — rated artist 8 — energy 5"),
            "\(text)")
        // Remove: a song with sessions is refused, naming them; a new one goes
        let refused = try await run(["songs", "remove", "Night Trains"], project)
        #expect(refused.status == 1)
        #expect(
            refused.err.contains("Night Trains is still the song of 5 sessions (Tracking — Night Trains,"),
            "\(refused.err)")
        _ = try await ok(["songs", "remove", "last-light"], project)
        #expect(try await jsonList(["songs", "list"], project).count == 5)
    }

    @Test("the same mistake in a plan and by command gives the same sentence")
    func sameSentence() async throws {
        let project = try await albumProject()
        let cases: [(yaml: String, arguments: [String], option: String)] = [
            (
                "songs:\n  - { id: song1, title: Night Trains, tempo: 500 }\n",
                ["songs", "edit", "song1", "--tempo", "500"], "--tempo"
            ),
            (
                "songs:\n  - { id: song1, title: Night Trains, isrc: DE-A12 }\n",
                ["songs", "edit", "song1", "--isrc", "DE-A12"], "--isrc"
            ),
            (
                "people:\n  - { name: Zoe, roles: [singer], rate: { amount: 10, per: fortnight } }\n",
                ["people", "add", "Zoe", "--role", "singer", "--rate", "10", "--per", "fortnight"], "--per"
            ),
            (
                "sessions:\n  - { title: X, kind: mixing, duration: 25h }\n",
                ["sessions", "add", "X", "--kind", "mixing", "--duration", "25h"], "--duration"
            ),
            (
                "studios:\n  - { name: Y, rooms: [{ name: R, hourlyRate: 10, capacity: 0 }] }\n",
                ["studios", "add", "Y", "--room", "R", "--hourly-rate", "10", "--capacity", "0"], "--capacity"
            ),
            ("project: { break: forever }\n", ["project", "set", "--break", "forever"], "--break"),
        ]
        for c in cases {
            let plan = project + "/mistake.yaml"
            try Data(c.yaml.utf8).write(to: URL(fileURLWithPath: plan))
            let imported = try await run(["project", "import", plan], project)
            let typed = try await run(c.arguments, project)
            #expect(imported.status == 1 && typed.status == 1)
            // `producer project import: …/mistake.yaml:2:40: songs[0].tempo: SENTENCE`
            // `producer project import: …/mistake.yaml:2:40: songs[0].tempo: SENTENCE`
            let planSentence = imported.err.components(separatedBy: ": ").dropFirst(3).joined(separator: ": ")
            #expect(typed.err.hasPrefix("producer \(c.arguments[0]) \(c.arguments[1]): \(c.option): "), "\(typed.err)")
            let typedSentence = typed.err.components(separatedBy: ": ").dropFirst(2).joined(separator: ": ")
            #expect(
                !planSentence.isEmpty && planSentence == typedSentence, "plan: \(imported.err) command: \(typed.err)")
        }
    }

    @Test("people add, edit, list and remove; a booked person is refused")
    func people() async throws {
        let project = try await albumProject()
        let added = try await jsonObject(
            [
                "people", "add", "Nia Hart", "--role", "backup singer", "--style", "Gospel", "--style", "soul",
                "--rate", "70", "--per", "hour", "--minimum-hours", "3", "--weekly", "Tue-Sat 12:00-20:00",
                "--busy", "2027-03-10..2027-03-11",
            ], project)
        #expect(added["styles"] as? [String] == ["gospel", "soul"])
        _ = try await ok(["people", "edit", "Nia Hart", "--rate", "75", "--email", "nia@example.com"], project)
        let people = try await jsonList(["people", "list"], project)
        let nia = try #require(people.first { $0["name"] as? String == "Nia Hart" })
        let rate = try #require(nia["rate"] as? [String: Any])
        #expect((rate["amount"] as? [String: Any])?["minorUnits"] as? Int == 7_500)
        #expect(rate["unit"] as? String == "hour")
        #expect(rate["minimumHours"] as? Double == 3)
        #expect(nia["styles"] as? [String] == ["gospel", "soul"])
        let busy = (nia["availability"] as? [String: Any])?["exceptions"] as? [[String: Any]]
        #expect(busy?.count == 1)
        let refused = try await run(["people", "remove", "Mara Lind"], project)
        #expect(refused.status == 1)
        #expect(refused.err.contains("Mara Lind is still in 10 sessions (Tracking — Night Trains"), "\(refused.err)")
        _ = try await ok(["people", "remove", "nia-hart"], project)
        #expect(try await jsonList(["people", "list"], project).count == 8)
    }

    @Test("studios add, add-room, edit-room, list, remove-room and remove; a room with holds is refused")
    func studios() async throws {
        let project = try await albumProject()
        let added = try await jsonObject(
            [
                "studios", "add", "Hafen Studio", "--location", "Hamburg", "--room", "Live room", "--hourly-rate", "80",
                "--capacity", "8", "--gear", "drum kit", "--open", "Mon-Fri 10:00-20:00",
            ], project)
        #expect(added["id"] as? String == "hafen-studio")
        // A room id is the project's: Kranich's Booth 2 has "booth"
        let clash = try await run(
            ["studios", "add-room", "Hafen Studio", "Booth", "--hourly-rate", "30", "--capacity", "2"], project)
        #expect(
            clash.err
                == "producer studios add-room: Hafen Studio: the room id \"booth\" is already Kranich Studios's Booth 2; give the room another id\n"
        )
        _ = try await ok(
            [
                "studios", "add-room", "Hafen Studio", "Booth", "--id", "hafen-booth", "--hourly-rate", "30",
                "--capacity", "2",
            ],
            project)
        _ = try await ok(["studios", "edit-room", "hafen-studio", "hafen-booth", "--daily-rate", "200"], project)
        _ = try await ok(["studios", "edit", "Hafen Studio", "--location", "Hamburg-Altona"], project)
        let studios = try await jsonList(["studios", "list"], project)
        let hafen = try #require(studios.first { $0["id"] as? String == "hafen-studio" })
        #expect(hafen["location"] as? String == "Hamburg-Altona")
        let rooms = try #require(hafen["rooms"] as? [[String: Any]])
        try #require(rooms.map { $0["id"] as? String } == ["live-room", "hafen-booth"])
        #expect((rooms[1]["dailyRate"] as? [String: Any])?["minorUnits"] as? Int == 20_000)
        _ = try await ok(["studios", "remove-room", "Hafen Studio", "Booth"], project)
        _ = try await ok(["studios", "remove", "Hafen Studio"], project)
        // A room with holds is refused, naming the sessions
        _ = try await ok(["schedule", "--from", "2027-03-01", "--time-limit", "0.3"], project)
        let refused = try await run(["studios", "remove", "Tideway Mix"], project)
        #expect(refused.status == 1)
        #expect(refused.err.contains("Tideway Mix has holds (Mix — "), "\(refused.err)")
    }

    @Test("sessions add, edit, list and remove; one that others come after is refused")
    func sessions() async throws {
        let project = try await albumProject()
        let added = try await jsonObject(
            [
                "sessions", "add", "--song", "Blue Hour", "--kind", "overdub", "--duration", "2h", "--need",
                "backup singer:1", "--need", "engineer", "--gear", "vocal booth", "--after", "Lead vocal — Blue Hour",
            ], project)
        #expect(added["title"] as? String == "Overdub — Blue Hour")
        #expect(added["songID"] as? String == "song4")
        #expect(added["after"] as? [String] == ["song4-vocal"])
        _ = try await ok(["sessions", "edit", "Overdub — Blue Hour", "--duration", "90m"], project)
        let sessions = try await jsonList(["sessions", "list"], project)
        let edited = try #require(sessions.first { $0["title"] as? String == "Overdub — Blue Hour" })
        #expect(edited["durationMinutes"] as? Int == 90)
        #expect(edited["after"] as? [String] == ["song4-vocal"])
        let refused = try await run(["sessions", "remove", "Tracking — Night Trains"], project)
        #expect(refused.status == 1)
        #expect(
            refused.err.contains("Tracking — Night Trains is still waited for by Overdubs — Night Trains (after:)"),
            "\(refused.err)")
        _ = try await ok(["sessions", "remove", "Overdub — Blue Hour"], project)
        #expect(try await jsonList(["sessions", "list"], project).count == 26)
    }

    @Test("project set changes the working rules; project show --json has them")
    func projectSettings() async throws {
        let project = try await albumProject()
        let out = try await ok(
            [
                "project", "set", "--max-work-per-day", "9h", "--break", "45m", "--lateness-penalty", "175",
                "--start", "2027-03-02",
            ], project)
        #expect(
            out.contains("Set longest working day 9 h, break 45 min, lateness €175.00 a day, start 2027-03-02."),
            "\(out)")
        let settings = try await jsonObject(["project", "show"], project)
        #expect(settings["maxWorkMinutesPerDay"] as? Int == 540)
        #expect(settings["breakMinutes"] as? Int == 45)
        #expect((settings["latenessPenaltyPerDay"] as? [String: Any])?["minorUnits"] as? Int == 17_500)
        let shown = try await ok(["project", "show"], project)
        #expect(shown.contains("start:             2027-03-02"), "\(shown)")
    }

    @Test("schedule --from next month, then --repair: no session moves before that day")
    func repairKeepsThePlansStart() async throws {
        let project = try await albumProject()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
        let nextMonth = calendar.date(byAdding: .month, value: 1, to: calendar.startOfDay(for: Date()))!
        let start = calendar.date(from: calendar.dateComponents([.year, .month], from: nextMonth))!
        let day = DateFormatter()
        day.calendar = calendar
        day.timeZone = calendar.timeZone
        day.dateFormat = "yyyy-MM-dd"
        let first = try await jsonObject(
            ["schedule", "--from", day.string(from: start), "--until", "2027-03-26", "--time-limit", "0.3"], project)
        #expect(first["status"] as? String == "scheduled")
        // The start is kept …
        let settings = try await jsonObject(["project", "show"], project)
        #expect((settings["planStart"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) } == start)
        // … through a cancellation and a repair without --from.
        _ = try await ok(["bookings", "cancel", "Tracking — Paper Harbour"], project)
        let repaired = try await jsonObject(["schedule", "--repair", "--time-limit", "0.3"], project)
        #expect(repaired["status"] as? String == "scheduled")
        #expect((repaired["from"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) } == start)
        let all = try await bookings(project)
        #expect(!all.isEmpty)
        #expect(all.allSatisfy { $0.start >= start }, "\(all.map(\.start).min()!)")
    }

    @Test("people holidays --ics: all-day events are busy days for everyone, replaced on a new import")
    func holidays() async throws {
        let project = try await albumProject()
        let ics = project + "/feiertage.ics"
        let text =
            [
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Producer tests//EN",
                "BEGIN:VEVENT", "UID:karfreitag-2027", "DTSTAMP:20261201T000000Z", "DTSTART;VALUE=DATE:20270326",
                "DTEND;VALUE=DATE:20270327", "SUMMARY:Karfreitag", "END:VEVENT",
                "BEGIN:VEVENT", "UID:frauentag-2027", "DTSTAMP:20261201T000000Z", "DTSTART;VALUE=DATE:20270308",
                "SUMMARY:Frauentag", "END:VEVENT",
                "BEGIN:VEVENT", "UID:party", "DTSTAMP:20261201T000000Z", "DTSTART:20270305T180000Z",
                "DTEND:20270305T220000Z", "SUMMARY:Label party", "END:VEVENT",
                "END:VCALENDAR",
            ].joined(separator: "\r\n") + "\r\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: ics))
        // The file is a calendar to an independent reader too
        if Python.canImport("icalendar") {
            let summaries = try Python.run(
                """
                import sys, icalendar
                cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
                print(sorted(str(e['SUMMARY']) for e in cal.walk('VEVENT')))
                """, arguments: [ics])
            #expect(summaries.contains("['Frauentag', 'Karfreitag', 'Label party']"), "\(summaries)")
        } else {
            Issue.record("python3 with icalendar is needed to check the test's calendar (pip install icalendar)")
        }
        let result = try await jsonObject(["people", "holidays", "--ics", ics, "--close-studios"], project)
        #expect(result["days"] as? [String] == ["2027-03-08 Frauentag", "2027-03-26 Karfreitag"])
        #expect(result["people"] as? Int == 8)
        #expect(result["rooms"] as? Int == 3)
        #expect(result["timedEventsSkipped"] as? Int == 1)
        func holidayCount() async throws -> [Int] {
            try await jsonList(["people", "list"], project).map { person in
                let exceptions = (person["availability"] as? [String: Any])?["exceptions"] as? [[String: Any]] ?? []
                return exceptions.filter { ($0["source"] as? String)?.hasPrefix("holidays:feiertage.ics:") == true }
                    .count
            }
        }
        #expect(try await holidayCount() == Array(repeating: 2, count: 8))
        // Importing again replaces, not adds; the plan imported again keeps them.
        _ = try await ok(["people", "holidays", "--ics", ics], project)
        _ = try await ok(["project", "import", albumPlan], project)
        #expect(try await holidayCount() == Array(repeating: 2, count: 8))
        // Nobody is booked on a holiday.
        _ = try await ok(["schedule", "--from", "2027-03-01", "--time-limit", "0.3"], project)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
        let holiday = calendar.date(from: DateComponents(year: 2027, month: 3, day: 8))!
        #expect(try await bookings(project).allSatisfy { !calendar.isDate($0.start, inSameDayAs: holiday) })
    }
}
