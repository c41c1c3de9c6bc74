import Foundation
import ProducerTestSupport
import ProducerJobs
import ProducerOffice
import Testing

/// The office's cases of issue 10, each run as the real `producer`: the message a musician reads
/// (exact, or its key words) and the exit status.
@Suite("error messages: the office", .enabled(if: producerExecutable != nil, "the producer executable was not built"))
struct OfficeErrorMessageTests {

    @Test(
        "schedule refuses a bad --time-limit or span, before it takes the project's lock",
        arguments: [
            (["--time-limit", "nan"], "producer schedule: --time-limit must be a positive number of seconds, not nan"),
            (
                ["--time-limit", "inf"],
                "producer schedule: --time-limit must be at most 600 seconds (10 minutes), not inf"
            ),
            (["--time-limit", "0"], "producer schedule: --time-limit must be a positive number of seconds, not 0"),
            (["--time-limit", "-1"], "producer schedule: --time-limit must be a positive number of seconds, not -1"),
            (
                ["--time-limit", "1e9"],
                "producer schedule: --time-limit must be at most 600 seconds (10 minutes), not 1e9"
            ),
            (
                ["--from", "2027-03-01", "--until", "2099-12-31", "--time-limit", "0.2"],
                "producer schedule: --until 2099-12-31 is more than 3 years after --from 2027-03-01: a schedule spans at most 3 years"
            ),
            (
                ["--from", "2027-03-01", "--until", "2027-02-01"],
                "producer schedule: --until 2027-02-01 is before --from 2027-03-01"
            ),
        ])
    func scheduleBounds(arguments: [String], message: String) async throws {
        let project = try await albumProject()
        let r = try await producer(["schedule"] + arguments + ["--project", project])
        #expect(r.status == 1)
        #expect(r.err == message + "\n")
        #expect(r.out.isEmpty)
    }

    @Test("schedule over three years with --time-limit 0.2 ends within about that")
    func scheduleThreeYearsQuickly() async throws {
        let project = try await albumProject()
        let started = Date()
        // The executable, as a person runs it: in process it would share the tests' threads.
        let r = try producerBinary([
            "schedule", "--from", "2027-03-01", "--until", "2030-02-28", "--time-limit", "0.2", "--json", "--project",
            project,
        ])
        let seconds = Date().timeIntervalSince(started)
        print("producer schedule, 3 years, --time-limit 0.2: \(seconds) s in all")
        #expect(r.status == 0, "\(r.err)")
        #expect(seconds < 5)
    }

    @Test("schedule with a confirmed session before --from, not marked done, keeps it and does not crash")
    func pastConfirmedBooking() async throws {
        // Given the album scheduled, its first tracking confirmed (Mon 1 Mar)
        let project = try await albumProject()
        #expect(
            try await producer(["schedule", "--from", "2027-03-01", "--time-limit", "0.3", "--project", project]).status
                == 0)
        #expect(
            try await producer(["bookings", "confirm", "Tracking — Night Trains", "--project", project]).status == 0)
        // When the schedule runs from the next day (SIGILL: "Negative value is not representable")
        let r = try await producer(["schedule", "--from", "2027-03-02", "--time-limit", "0.3", "--project", project])
        // Then it schedules the rest and says it kept the confirmed session where it is
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("Kept where it is: Tracking — Night Trains, confirmed for Mon 1 Mar 2027"), "\(r.out)")
        #expect(r.out.contains("25 sessions from Tue 2 Mar 2027"))
    }

    @Test(
        "amounts and currencies are checked against ISO 4217; a negative fee is refused in words",
        arguments: [
            (
                ["bookings", "cancel", "Mix — Blue Hour", "--fee", "-5"],
                "producer bookings cancel: --fee must be an amount of 0 or more, not -5"
            ),
            (
                ["bookings", "cancel", "Mix — Blue Hour", "--fee", "5 XYZ"],
                "producer bookings cancel: --fee: \"XYZ\" is not an ISO 4217 currency code (such as EUR, USD, GBP or CHF)"
            ),
            (
                ["bookings", "cancel", "Mix — Blue Hour", "--fee", "200 USD"],
                "producer bookings cancel: --fee: \"200 USD\" is in USD, but the project counts in EUR; amounts are not converted"
            ),
        ])
    func fees(arguments: [String], message: String) async throws {
        let project = try await albumProject()
        #expect(
            try await producer(["schedule", "--from", "2027-03-01", "--time-limit", "0.3", "--project", project]).status
                == 0)
        let r = try await producer(arguments + ["--project", project])
        #expect(r.status == 1)
        #expect(r.err == message + "\n")
        // And nothing was cancelled
        #expect(try await producer(["bookings", "list", "--project", project]).out.contains("✗") == false)
    }

    @Test(
        "project init --currency takes only an ISO 4217 code",
        arguments: [
            (
                "XYZ",
                "producer project init: --currency: \"XYZ\" is not an ISO 4217 currency code (such as EUR, USD, GBP or CHF)"
            ),
            (
                "eur",
                "producer project init: --currency: \"eur\" is not an ISO 4217 currency code: write it in capitals, EUR"
            ),
            (
                "HRK",
                "producer project init: --currency: \"HRK\" is not an ISO 4217 currency code (such as EUR, USD, GBP or CHF)"
            ),
        ])
    func projectCurrency(code: String, message: String) async throws {
        let dir = try temporaryDirectory()
        let r = try await producer(["project", "init", "Album", "--currency", code], in: dir)
        #expect(r.status == 1)
        #expect(r.err == message + "\n")
        #expect(!FileManager.default.fileExists(atPath: dir + "/album"))
    }

    @Test(
        "plan import reads keys as listen --key does, and amounts with ISO 4217 codes",
        arguments: [
            (
                "songs:\n  - { title: X, key: H major }",
                "plan.yaml:2:22: songs[0].key: \"H major\" could not be read: a key starts with its tonic, a letter A–G (as in \"E minor\" or \"Bb major\")."
            ),
            (
                "songs:\n  - { title: X, key: E minr }",
                "songs[0].key: \"E minr\" could not be read: after the tonic comes a mode"
            ),
            (
                "people:\n  - { name: Y, roles: [drummer], rate: { amount: 50 USD, per: hour } }",
                "plan.yaml:2:50: people[0].rate.amount: \"50 USD\" is in USD, but the project counts in EUR; amounts are not converted"
            ),
            (
                "people:\n  - { name: Y, roles: [drummer], rate: { amount: 50 EUX, per: hour } }",
                "people[0].rate.amount: \"EUX\" is not an ISO 4217 currency code (such as EUR, USD, GBP or CHF)"
            ),
            (
                "people:\n  - { name: Y, roles: [drummer], rate: { amount: -50, per: hour } }",
                "people[0].rate.amount: \"-50\" is negative; an amount here is 0 or more"
            ),
        ])
    func planKeysAndCurrencies(yaml: String, says: String) async throws {
        let project = try await albumProject()
        let dir = try temporaryDirectory()
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: dir + "/plan.yaml"))
        let r = try await producer(["project", "import", "plan.yaml", "--project", project], in: dir)
        #expect(r.status == 1)
        #expect(r.err.hasPrefix("producer project import: plan.yaml:2:"), "\(r.err)")
        #expect(r.err.contains(says), "\(r.err)")
    }

    @Test("a key the plan accepts is one listen --key accepts, kept as the key writes itself")
    func planKeyIsNormalised() throws {
        let yaml =
            "songs:\n  - { title: A, key: bb minor }\n  - { title: B, key: F#m }\n  - { title: C, key: D dorian }\n"
        let plan = try ProjectPlan(
            yaml: yaml, path: "plan.yaml", settings: ProjectSettings(name: "Album", timeZone: "Europe/Berlin"))
        var project = ProjectSnapshot(settings: ProjectSettings(name: "Album", timeZone: "Europe/Berlin"))
        _ = try plan.apply(to: &project)
        #expect(project.songs.map(\.key) == ["B♭ minor", "F♯ minor", "D dorian"])
    }

    @Test("bookings confirm refuses a hold moved since it was listed, names the new time, and --at confirms it there")
    func confirmAMovedHold() async throws {
        // Given the album scheduled and listed
        let project = try await albumProject()
        #expect(
            try await producer(["schedule", "--from", "2027-03-01", "--time-limit", "0.3", "--project", project]).status
                == 0)
        let listed = try await bookings(project)
        let hold = try #require(listed.first { $0.session == "Overdubs — Night Trains" })
        // And the guitarist busy that day, and the schedule repaired (which moves the hold)
        try await blockTeo(on: hold.start, in: project)
        #expect(
            try await producer([
                "schedule", "--repair", "--from", "2027-03-01", "--time-limit", "0.3", "--project", project,
            ])
            .status == 0)
        // When it is confirmed by name
        let r = try await producer(["bookings", "confirm", "Overdubs — Night Trains", "--project", project])
        // Then nothing is confirmed, and the message says where the hold is now and how to confirm it there
        #expect(r.status == 1)
        #expect(
            r.err.hasPrefix(
                "producer bookings confirm: Overdubs — Night Trains was moved since it was last listed: it is now "),
            "\(r.err)")
        #expect(
            r.err.contains(
                "; nothing was confirmed. To confirm it there: producer bookings confirm \(hold.bookingID) --at 2027-"),
            "\(r.err)")
        // And --at with a time it is not at is refused; with its time, it is confirmed and said
        let listedAt = BookingList.atText(hold.start, timeZone: "Europe/Berlin")
        let wrong = try await producer(["bookings", "confirm", hold.bookingID, "--at", listedAt, "--project", project])
        #expect(wrong.status == 1)
        #expect(wrong.err.contains("not at \(listedAt); nothing was confirmed"), "\(wrong.err)")
        let at = try #require(
            r.err.components(separatedBy: "--at ").last?.trimmingCharacters(in: .whitespacesAndNewlines))
        let ok = try await producer(["bookings", "confirm", hold.bookingID, "--at", at, "--project", project])
        #expect(ok.status == 0, "\(ok.err)")
        #expect(ok.out.hasPrefix("Confirmed Overdubs — Night Trains: "), "\(ok.out)")
    }

    @Test("bookings confirm started while schedule runs waits, says so, and never confirms the moved hold silently")
    func confirmDuringSchedule() async throws {
        // Given the album scheduled and listed, and the guitarist busy on the day of a hold
        let project = try await albumProject()
        #expect(
            try await producer(["schedule", "--from", "2027-03-01", "--time-limit", "0.3", "--project", project]).status
                == 0)
        let hold = try #require(try await bookings(project).first { $0.session == "Overdubs — Night Trains" })
        try await blockTeo(on: hold.start, in: project)
        // When a repair that moves the hold runs for 5 s, and a confirmation of it starts a second in
        let schedule = try start([
            "schedule", "--repair", "--from", "2027-03-01", "--time-limit", "5", "--project", project,
        ])
        try await Task.sleep(for: .seconds(1))
        let r = try await producer(["bookings", "confirm", "Overdubs — Night Trains", "--project", project])
        schedule.waitUntilExit()
        print("bookings confirm during schedule --repair: exit \(r.status), \(r.err)")
        #expect(schedule.terminationStatus == 0)
        // Then the confirmation never confirms the moved hold: usually it waited for the schedule,
        // said so, and refused naming the new time. On a machine so busy that it ran wholly before
        // the schedule took the lock, it confirmed the hold where it was listed (and the schedule
        // kept it there); wholly after, it refused it as moved since it was listed.
        let after = try #require(try await bookings(project).first { $0.bookingID == hold.bookingID })
        if r.status == 0 {
            #expect(after.status == "confirmed" && after.start == hold.start)
        } else {
            #expect(r.status == 1)
            #expect(after.status == "hold" && after.start != hold.start)
            let now = "it is now \(BookingList.when(after.start, after.end, timeZone: "Europe/Berlin"))"
            // Changed while it waited (with the lock notice when the wait passed a second), or moved
            // before it began: either way the message names the new time.
            let waited = r.err.contains(
                "Overdubs — Night Trains was changed by another command while this one waited: \(now)")
            let moved = r.err.contains("Overdubs — Night Trains was moved since it was last listed: \(now)")
            #expect(waited || moved, "\(r.err)")
            if r.err.contains("waiting for another producer command to finish with this project") {
                #expect(waited, "\(r.err)")
            }
        }
    }

    @Test("a command waiting for another's write lock says so on standard error after a second")
    func waitingForTheLock() async throws {
        let project = try await albumProject()
        #expect(
            try await producer(["schedule", "--from", "2027-03-01", "--time-limit", "0.3", "--project", project]).status
                == 0)
        let stress = try #require(Self.stressExecutable, "producer-store-stress is not built beside producer")
        // Given another process holding the project's write lock for 3 s
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: stress)
        holder.arguments = ["hold", project + "/project.sqlite", "3"]
        let output = Pipe()
        holder.standardOutput = output
        try holder.run()
        _ = output.fileHandleForReading.availableData  // "holding": it has the lock
        // Then bookings list does not wait: it lists, and says it could not record what it showed
        let list = try producerBinary(["bookings", "list", "--project", project])
        #expect(list.status == 0)
        #expect(list.out.hasPrefix("· hold"), "\(list.out)")
        #expect(
            list.err
                == "producer bookings list: another producer command is changing this project; list again when it has finished before you confirm a booking\n"
        )
        // When a command changes the project meanwhile
        let started = Date()
        let r = try producerBinary(["sessions", "done", "Mix — Blue Hour", "--project", project])
        holder.waitUntilExit()
        // Then it waited, said so once, and did its work
        #expect(r.status == 0, "\(r.err)")
        #expect(
            r.err == "waiting for another producer command to finish with this project (\(project)/project.sqlite)…\n")
        #expect(Date().timeIntervalSince(started) > 1)
    }

    // MARK: - Helpers

    /// producer-store-stress, built beside producer by `swift build --build-tests`.
    static let stressExecutable: String? = producerExecutable.map {
        URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("producer-store-stress").path
    }.flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil }

    /// Teo Marin (the guitarist of the overdubs) busy all day on `date`, from a calendar file.
    func blockTeo(on date: Date, in project: String) async throws {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "Europe/Berlin")!
        format.dateFormat = "yyyyMMdd"
        let calendar = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//Producer tests//EN\r
            BEGIN:VEVENT\r
            UID:busy@example.com\r
            DTSTAMP:20270101T000000Z\r
            DTSTART;VALUE=DATE:\(format.string(from: date))\r
            DTEND;VALUE=DATE:\(format.string(from: date.addingTimeInterval(86_400)))\r
            SUMMARY:Gig\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        try Data(calendar.utf8).write(to: URL(fileURLWithPath: project + "/teo.ics"))
        let r = try await producer([
            "people", "availability", "Teo Marin", "--ics", project + "/teo.ics", "--project", project,
        ])
        #expect(r.status == 0, "\(r.err)")
    }

    /// Starts `producer` without waiting for it (its output discarded).
    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(producerExecutable))
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["PRODUCER_DATABASE"] = nil
        process.environment = environment
        try process.run()
        return process
    }

    @Test(
        "editing commands name the option and say the plan's words",
        arguments: [
            (["songs", "add", "X", "--energy", "11"], "producer songs add: --energy: 11 is out of range (1 to 10)"),
            (
                ["people", "edit", "Nobody", "--rate", "5"],
                "producer people edit: no person \"Nobody\" in the project (see `producer people list`)"
            ),
            (
                ["project", "set", "--lateness-penalty", "-5"],
                "producer project set: --lateness-penalty: \"-5\" is negative; an amount here is 0 or more"
            ),
            (
                ["sessions", "add", "X", "--kind", "mixing", "--duration", "2h", "--after", "Nothing"],
                "producer sessions add: --after: no session \"Nothing\" in the plan or the project"
            ),
        ])
    func editing(arguments: [String], message: String) async throws {
        let project = try await albumProject()
        let r = try await producer(arguments + ["--project", project])
        #expect(r.status == 1)
        #expect(r.err == message + "\n")
        #expect(r.out.isEmpty)
    }
}
