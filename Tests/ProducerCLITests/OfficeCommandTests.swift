import Foundation
import ProducerTestSupport
import ProducerJobs
import ProducerOffice
import Testing

/// The office commands as a producer types them: `project init`, `project import`, `schedule`,
/// `bookings`, `people availability`, `status`, run as the real `producer` in temporary folders.
@Suite("office commands", .enabled(if: producerExecutable != nil, "the producer executable was not built"))
struct OfficeCommandTests {
    static let monday: Date = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
        return calendar.date(from: DateComponents(year: 2027, month: 3, day: 1))!
    }()

    // MARK: - project init

    @Test("project init makes the folder and its database; --json parses")
    func initMakesAProject() async throws {
        // Given an empty folder
        let dir = try temporaryDirectory()
        // When a project is made in it
        let r = try await producer(
            [
                "project", "init", "Night Trains", "--currency", "EUR", "--deadline", "2027-03-26", "--time-zone",
                "Europe/Berlin", "--json",
            ], in: dir)
        // Then the folder holds the SQLite database and the JSON names it and the settings
        #expect(r.status == 0, "\(r.err)")
        #expect(FileManager.default.fileExists(atPath: dir + "/night-trains/project.sqlite"))
        let made = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(made["folder"] as? String == "night-trains")
        let settings = try #require(made["settings"] as? [String: Any])
        #expect(settings["name"] as? String == "Night Trains")
        #expect(settings["currency"] as? String == "EUR")
        #expect(settings["timeZone"] as? String == "Europe/Berlin")
    }

    @Test(
        "project init refuses a bad option, naming it, and makes nothing",
        arguments: [("--currency", "eur"), ("--deadline", "2027-02-30")])
    func initRefusesABadOption(option: String, value: String) async throws {
        // Given an empty folder
        let dir = try temporaryDirectory()
        // When init gets a bad value
        let r = try await producer(["project", "init", "Album", option, value], in: dir)
        // Then it exits 1, names the option on stderr and makes no project
        #expect(r.status == 1)
        #expect(r.err.contains(option) && r.err.contains(value), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/album"))
    }

    @Test("a command outside a project exits 1 naming the folder")
    func outsideAProject() async throws {
        // Given a folder with no project in it or above it
        let dir = try temporaryDirectory()
        // When a project command runs there
        let r = try await producer(["status"], in: dir)
        // Then it exits 1 and names the folder
        #expect(r.status == 1)
        #expect(r.err.contains(dir) && r.err.contains("no project"), "\(r.err)")
    }

    // MARK: - project import

    @Test("the demo album is its plan, Examples/album.yaml, with every date moved to the first day asked for")
    func albumPlanIsTheDemoAlbum() throws {
        // Given the example plan applied to an empty project, and the demo album made for the plan's own first day
        let demo = DemoAlbum.make(start: Self.monday)
        var project = ProjectSnapshot(settings: demo.settings)
        let plan = try ProjectPlan(contentsOf: albumPlan, settings: demo.settings)
        let report = try plan.apply(to: &project)
        // Then they are the same project: 5 songs, 8 people, 2 studios with 3 rooms, 26 sessions
        #expect(report.songs.added.count == 5 && report.people.added.count == 8 && report.studios.added.count == 2)
        #expect(demo.studios.flatMap(\.rooms).count == 3 && demo.sessions.count == 26)
        #expect(project.songs == demo.songs && project.people == demo.people)
        #expect(project.studios == demo.studios && project.sessions == demo.sessions)
        #expect(
            demo.songs.map(\.title) == ["Night Trains", "Paper Harbour", "Slow Signal", "Blue Hour", "Ferris Wheel"])
        #expect(demo.songs.map(\.tempo) == [92, 118, 76, 104, 128])
        // And made for a Monday in June (summer time), every date moves by the same whole days
        let calendar = demo.settings.calendar
        let june = calendar.date(from: DateComponents(year: 2027, month: 6, day: 7))!
        let later = DemoAlbum.make(start: june)
        let days = calendar.dateComponents([.day], from: Self.monday, to: june).day!
        func moved(_ date: Date?) -> Date? { date.map { calendar.date(byAdding: .day, value: days, to: $0)! } }
        let festival = try #require(demo.people.first { $0.id == "mara" }?.availability.exceptions.first)
        let festivalLater = try #require(later.people.first { $0.id == "mara" }?.availability.exceptions.first)
        #expect(festival.note == "festival in Leipzig")
        #expect(festival.start == calendar.date(from: DateComponents(year: 2027, month: 3, day: 9)))
        #expect(festivalLater.start == moved(festival.start) && festivalLater.end == moved(festival.end))
        #expect(calendar.component(.hour, from: festivalLater.start) == 0)
        #expect(later.sessions.map(\.due) == demo.sessions.map { moved($0.due) })
        #expect(later.settings.deadline == moved(demo.settings.deadline))
        // And importing the plan again changes nothing
        let again = try plan.apply(to: &project)
        #expect(
            again.sessions.unchanged.count == demo.sessions.count && again.sessions.added.isEmpty
                && again.sessions.updated.isEmpty)
    }

    @Test("a record without an id takes the id of the project's record of that name; references resolve by name or id")
    func idsAndReferences() throws {
        // Given the demo album in a project
        var project = DemoAlbum.make(start: Self.monday)
        // When a plan updates Jonas by name and adds a session that names people and sessions both ways
        let yaml = """
            people:
              - { name: Jonas Berg, roles: [drummer, percussionist], rate: { amount: 350, per: session } }
            sessions:
              - { song: Blue Hour, kind: overdub, needs: [{ role: percussionist, count: 1 }], people: [Mara Lind],
                  duration: 1h30m, after: [song4-tracking, Overdubs — Blue Hour], due: 2027-03-12 }
            """
        let report = try ProjectPlan(yaml: yaml, path: "extra.yaml", settings: project.settings).apply(to: &project)
        // Then Jonas is updated in place and the session is added with its references as ids
        #expect(report.people.updated == ["Jonas Berg"])
        let jonas = try #require(project.people.first { $0.id == "jonas" })
        #expect(jonas.roles == ["drummer", "percussionist"] && jonas.rate.amount.minorUnits == 35_000)
        let added = try #require(project.sessions.first { $0.id == "overdub-blue-hour" })
        #expect(added.title == "Overdub — Blue Hour" && added.songID == "song4" && added.people == ["mara"])
        #expect(added.after == ["song4-tracking", "song4-overdubs"] && added.durationMinutes == 90)
        #expect(added.needs == [.init("percussionist")])
    }

    @Test(
        "a plan with an error names file:line:col, the key and the problem, and changes nothing",
        arguments: [
            // (yaml, code, line, what the message says)
            ("songs:\n  - { title: X, colour: red }", "unknown key", 2, "songs[0].colour: unknown key"),
            ("songs:\n  - { title: X, tempo: fast }", "wrong type", 2, "songs[0].tempo: must be a number"),
            (
                "songs:\n  - title: X\n    writers: [{ name: A, share: 60 }, { name: B, share: 30 }]", "shares", 3,
                "add up to 90 %"
            ),
            (
                "people:\n  - { name: Z, roles: [x], rate: { amount: 5, per: week } }", "bad value", 2,
                "rate.per: \"week\" is not one of"
            ),
            (
                "people:\n  - name: Z\n    roles: [x]\n    rate: { amount: 5, per: hour }\n    availability:\n      busy: [{ from: 2027-03-09, until: 2027-03-08 }]",
                "bad time range", 6, "busy[0].until: 2027-03-08 is before from: 2027-03-09"
            ),
            (
                "people:\n  - name: Z\n    roles: [x]\n    rate: { amount: 5, per: hour }\n    availability: [\"Mon-Fri 19:00-10:00\"]",
                "bad time range", 5, "ends before it starts"
            ),
            (
                "sessions:\n  - { title: A, kind: mixing, duration: 1h, needs: [drumer] }", "unknown reference", 2,
                "nobody in the plan or the project plays \"drumer\""
            ),
            (
                "sessions:\n  - { title: A, kind: mixing, duration: 1h, people: [Nobody] }", "unknown reference", 2,
                "people[0]: no person \"Nobody\""
            ),
            (
                "sessions:\n  - { title: A, kind: mixing, duration: 1h, after: [Mix — Nowhere] }", "unknown reference",
                2, "after[0]: no session"
            ),
            (
                "sessions:\n  - { title: A, kind: mixing, duration: 1h }\n  - { title: B, kind: mixing, duration: 1h, after: [A, Mix — Blue Hour] }\n  - { id: song4-tracking, song: song4, title: T, kind: tracking, duration: 6h, after: [B] }",
                "dependency cycle", 3, "waits for"
            ),
            (
                "sessions:\n  - { title: A, kind: mixing, duration: six hours }", "bad value", 2,
                "duration: \"six hours\" is not a length of time"
            ),
            ("songs:\n  - [title: X", "YAML syntax", 3, "a list in [ ] is not closed"),
        ])
    func planErrors(yaml: String, code: String, line: Int, says: String) async throws {
        // Given the demo album in a store and a plan file with one mistake
        let dir = try temporaryDirectory()
        let file = dir + "/plan.yaml"
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: file))
        let store = InMemoryProjectStore(DemoAlbum.make(start: Self.monday))
        let before = try await store.snapshot()
        // When it is imported
        let error = await #expect(throws: ProjectPlanError.self) { try await ProjectPlan.importFile(file, into: store) }
        // Then the error names the file, the line, the key and the problem, and nothing changed
        let found = try #require(error)
        #expect(found.code.description == code)
        #expect(found.line == line, "\(found)")
        #expect(found.description.hasPrefix("\(file):\(line):"), "\(found)")
        #expect(found.description.contains(says), "\(found)")
        #expect(try await store.snapshot() == before)
    }

    @Test("project import with an error exits 1, names file:line on stderr and writes nothing")
    func importErrorWritesNothing() async throws {
        // Given a project with the album in it, and a plan whose second half has an error
        let project = try await albumProject()
        let plan = project + "/bad.yaml"
        let yaml =
            "songs:\n  - { title: New Song }\nsessions:\n  - { title: A, song: New Song, kind: mixing, duration: 1h, people: [Nobody] }\n"
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: plan))
        // When it is imported
        let r = try await producer(["project", "import", plan, "--project", project])
        // Then it fails naming the place, and the song of the first half was not added
        #expect(r.status == 1)
        #expect(r.err.contains("bad.yaml:4:") && r.err.contains("no person \"Nobody\""), "\(r.err)")
        let status = try await json(producer(["status", "--json", "--project", project]))
        let songs = try #require(status["songs"] as? [[String: Any]])
        #expect(songs.count == 5 && !songs.contains { $0["title"] as? String == "New Song" })
    }

    // MARK: - schedule, bookings, people, status

    @Test("import, schedule, confirm: every session booked; status lists the songs")
    func scheduleTheAlbum() async throws {
        // Given the album imported into a new project
        let project = try await albumProject()
        // When it is scheduled
        let report = try await json(
            producer(["schedule", "--from", "2027-03-01", "--time-limit", "0.3", "--json", "--project", project]))
        // Then it is scheduled and every session has a booking
        #expect(report["status"] as? String == "scheduled")
        let lines = try #require(report["lines"] as? [[String: Any]])
        #expect(lines.count == 26)
        #expect(Set(lines.compactMap { $0["session"] as? String }).count == 26)
        // And a hold can be confirmed by its session's title
        let confirm = try await producer(["bookings", "confirm", "Tracking — Night Trains", "--project", project])
        #expect(confirm.status == 0, "\(confirm.err)")
        let list = try await bookings(project)
        #expect(list.first { $0.session == "Tracking — Night Trains" }?.status == "confirmed")
        #expect(list.filter { $0.status == "confirmed" }.count == 1)
        // And status lists the songs
        let status = try await json(producer(["status", "--json", "--project", project]))
        let songs = try #require(status["songs"] as? [[String: Any]])
        #expect(
            songs.compactMap { $0["title"] as? String } == [
                "Night Trains", "Paper Harbour", "Slow Signal", "Blue Hour", "Ferris Wheel",
            ])
        #expect(status["sessionsDone"] as? Int == 0)
        // And once the tracking is marked done, status counts it and the song moves on to overdubs
        let done = try await producer(["sessions", "done", "Tracking — Night Trains", "--project", project])
        #expect(done.status == 0, "\(done.err)")
        let after = try await json(producer(["status", "--json", "--project", project]))
        #expect(after["sessionsDone"] as? Int == 1)
        #expect((after["songs"] as? [[String: Any]])?.first?["status"] as? String == "overdubs")
    }

    // Needs a server: `.ci/run` starts one and sets PRODUCER_TEST_POSTGRES_URL.
    @Test(
        "--database postgres://…: the same commands on a PostgreSQL project, found again through its folder",
        .enabled(
            if: !(ProcessInfo.processInfo.environment["PRODUCER_TEST_POSTGRES_URL"] ?? "").isEmpty,
            "PRODUCER_TEST_POSTGRES_URL is not set, so there is no PostgreSQL server to test against"))
    func postgresProject() async throws {
        // Given a project made in a schema of its own on the server
        let server = try #require(ProcessInfo.processInfo.environment["PRODUCER_TEST_POSTGRES_URL"])
        let schema = "producer_cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(10)
        let url = server + (server.contains("?") ? "&" : "?") + "schema=" + schema
        defer { _ = try? Self.psql(server, "DROP SCHEMA IF EXISTS \(schema) CASCADE") }
        let dir = try temporaryDirectory()
        let made = try await producer([
            "project", "init", "Night Trains", "--deadline", "2027-03-26", "--time-zone", "Europe/Berlin", "--path",
            dir + "/album", "--database", url,
        ])
        #expect(made.status == 0, "\(made.err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/album/project.sqlite"))
        // And the folder's pointer to the database (which may hold its password) is its owner's only
        let pointer = try FileManager.default.attributesOfItem(atPath: dir + "/album/.producer-database")
        #expect((pointer[.posixPermissions] as? Int) == 0o600)
        #expect(try String(contentsOfFile: dir + "/album/.producer-database", encoding: .utf8) == url + "\n")
        // When the plan is imported with --database and the schedule run inside the folder
        let imported = try await producer(["project", "import", albumPlan, "--database", url])
        #expect(imported.status == 0, "\(imported.err)")
        let report = try await json(
            producer(["schedule", "--from", "2027-03-01", "--time-limit", "0.3", "--json"], in: dir + "/album"))
        // Then the project in PostgreSQL is scheduled like the SQLite one
        #expect(report["status"] as? String == "scheduled")
        #expect((report["lines"] as? [[String: Any]])?.count == 26)
        let status = try await json(producer(["status", "--json", "--database", url]))
        #expect((status["songs"] as? [[String: Any]])?.count == 5)
    }

    /// Runs one SQL statement with `psql` (for cleaning up).
    static func psql(_ url: String, _ statement: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["psql", url, "-q", "-c", statement]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
    }

    @Test(
        "bookings export --ics: Python's icalendar reads every booking, the confirmed one CONFIRMED",
        .enabled(
            if: Python.canImport("icalendar"), "python3 cannot import icalendar (python3 -m pip install icalendar)"))
    func exportReadsInPython() async throws {
        // Given the album scheduled with one booking confirmed
        let project = try await albumProject()
        let scheduled = try await producer([
            "schedule", "--from", "2027-03-01", "--time-limit", "0.3", "--project", project,
        ])
        #expect(scheduled.status == 0, "\(scheduled.err)")
        #expect(
            try await producer(["bookings", "confirm", "Tracking — Night Trains", "--project", project]).status == 0)
        // When the bookings are exported
        let file = project + "/album.ics"
        let r = try await producer(["bookings", "export", "--ics", file, "--project", project])
        #expect(r.status == 0, "\(r.err)")
        // Then Python reads 26 events without errors, the confirmed one CONFIRMED and the rest TENTATIVE
        let output = try Python.run(
            """
            import sys, json, icalendar
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            print(json.dumps({"errors": [str(e) for c in cal.walk() for e in c.errors],
                              "events": [{"summary": str(e["SUMMARY"]), "status": str(e["STATUS"])} for e in cal.walk("VEVENT")]},
                             ensure_ascii=False))
            """, arguments: [file])
        let parsed = try json(output)
        #expect((parsed["errors"] as? [Any])?.isEmpty == true)
        let events = try #require(parsed["events"] as? [[String: String]])
        #expect(events.count == 26)
        #expect(events.filter { $0["status"] == "CONFIRMED" }.map { $0["summary"] } == ["Tracking — Night Trains"])
        #expect(events.filter { $0["status"] == "TENTATIVE" }.count == 25)
    }

    @Test("a person's calendar blocks a hold's day: schedule --repair moves it and never the confirmed booking")
    func repairAfterACalendarImport() async throws {
        // Given the album scheduled, Night Trains' tracking confirmed
        let project = try await albumProject()
        #expect(
            try await producer(["schedule", "--from", "2027-03-01", "--time-limit", "0.3", "--project", project]).status
                == 0)
        #expect(
            try await producer(["bookings", "confirm", "Tracking — Night Trains", "--project", project]).status == 0)
        let before = try await bookings(project)
        let confirmed = try #require(before.first { $0.status == "confirmed" })
        // And Jonas's calendar with an all-day event on the day of one of his holds (not the confirmed one)
        let hold = try #require(
            before.first {
                $0.status == "hold" && $0.people.contains("Jonas Berg") && !sameDay($0.start, confirmed.start)
            })
        let day = Self.berlinDay(hold.start)
        let next = Self.berlinDay(hold.start.addingTimeInterval(86_400))
        let calendar = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//Producer tests//EN\r
            BEGIN:VEVENT\r
            UID:gig-\(day)@example.com\r
            DTSTAMP:20270101T000000Z\r
            DTSTART;VALUE=DATE:\(day)\r
            DTEND;VALUE=DATE:\(next)\r
            SUMMARY:Gig in Hamburg\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        let ics = project + "/jonas.ics"
        try Data(calendar.utf8).write(to: URL(fileURLWithPath: ics))
        // When it is imported and the schedule repaired
        let imported = try await producer(["people", "availability", "Jonas Berg", "--ics", ics, "--project", project])
        #expect(imported.status == 0, "\(imported.err)")
        let report = try await json(
            producer([
                "schedule", "--repair", "--from", "2027-03-01", "--time-limit", "0.3", "--json", "--project", project,
            ]))
        // Then at least one session moved, Jonas works nowhere that day, and the confirmed booking stayed
        #expect(report["status"] as? String == "scheduled")
        #expect(try #require(report["moved"] as? Int) >= 1)
        let after = try await bookings(project)
        #expect(after.count == 26)
        #expect(!after.contains { $0.people.contains("Jonas Berg") && Self.berlinDay($0.start) == day })
        let still = try #require(after.first { $0.bookingID == confirmed.bookingID })
        #expect(
            still.status == "confirmed" && still.start == confirmed.start && still.end == confirmed.end
                && still.room == confirmed.room)
        #expect(still.people == confirmed.people)
    }

    // MARK: - Helpers

    func sameDay(_ a: Date, _ b: Date) -> Bool { Self.berlinDay(a) == Self.berlinDay(b) }

    /// `20270308`: the day of `date` in Berlin, as iCalendar writes a date.
    static func berlinDay(_ date: Date) -> String {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "Europe/Berlin")!
        format.dateFormat = "yyyyMMdd"
        return format.string(from: date)
    }

    func json(_ result: (status: Int32, out: String, err: String)) throws -> [String: Any] {
        #expect(result.status == 0, "\(result.err)")
        return try json(result.out)
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }
}
