import Foundation
import ProducerJobs
import ProducerOffice
import ProducerTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plan files and calendar files that are too deep, too large, not files at all or not UTF-8:
/// each an error in our words with the place, never libyaml's text, a crash or a hang.
@Suite struct InputLimitsTests {
    static let settings = ProjectSettings(name: "Limits", currency: "EUR", timeZone: "Europe/Berlin")

    func planError(_ yaml: String) -> ProjectPlanError? {
        do {
            _ = try ProjectPlan(yaml: yaml, path: "plan.yaml", settings: Self.settings)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Plans

    @Test func deepNestingInAPlanIsOurErrorNamingTheLimit() throws {
        // libyaml reads ahead for a key and stops at its own limit (1000) where the lists begin:
        // the message is ours all the same.
        let found = try #require(planError("songs: " + String(repeating: "[", count: 100_000)))
        #expect(found.code == .syntax)
        #expect(
            found.description
                == "plan.yaml:1:9: the YAML is nested deeper than 64 levels (lists and mappings inside one another)")
    }

    @Test(
        arguments: [
            ("songs:\n\t- title: A\n", "YAML syntax", 2, 1, "a tab is used for indentation here"),
            ("songs:\n  - title: \"A\\q\"\n", "YAML syntax", 2, 14, "\\q is not an escape"),
            ("songs:\n  - title: A\nsongs: []\n", "duplicate", 1, 1, "the key \"songs\" is given twice in one mapping"),
            ("songs:\n  - &a { title: A }\n  - *a\n", "YAML syntax", 3, 5, "YAML aliases (*a) are not supported here"),
        ] as [(String, String, Int, Int, String)])
    func yamlProblemsInAPlanAreInOurWords(_ yaml: String, code: String, line: Int, column: Int, says: String) throws {
        let found = try #require(planError(yaml))
        #expect(found.code.description == code, "\(found)")
        #expect(found.description.hasPrefix("plan.yaml:\(line):\(column): "), "\(found)")
        #expect(found.description.contains(says), "\(found)")
        #expect(!found.description.contains("YAML:") && !found.description.contains("scanner"), "\(found)")
    }

    @Test(arguments: [
        (
            "sessions:\n  - { title: A, kind: mixing, duration: 1e300h }\n",
            "duration: \"1e300h\" is not a length of time"
        ),
        (
            "sessions:\n  - { title: A, kind: mixing, duration: \"1h9223372036854775807m\" }\n",
            "is not a length of time"
        ),
        ("songs:\n  - { title: A, length: \"99999999999999999:00\" }\n", "length: must be a number"),
    ])
    func numbersTooLargeForTheirTypeAreErrorsNotCrashes(_ yaml: String, says: String) throws {
        let found = try #require(planError(yaml))
        #expect(found.code.description == "bad value" || found.code.description == "wrong type", "\(found)")
        #expect(found.description.contains(says), "\(found)")
    }

    @Test func aPlanLargerThanTheLimitIsRefusedNamingIt() throws {
        let yaml = "songs: []\n" + String(repeating: "# " + String(repeating: "x", count: 98) + "\n", count: 45_000)
        let found = try #require(planError(yaml))
        #expect(found.code == .unreadable)
        #expect(
            found.description
                == "plan.yaml: the plan file is 4,545,010 bytes long; a plan file may be at most 4 MB (4,194,304 bytes)"
        )
    }

    @Test func aFIFOAFolderOrADeviceGivenAsAPlanIsRefusedWithoutBlocking() throws {
        try withFIFO { dir, fifo in
            for (path, says) in [
                (fifo, "this is a pipe (FIFO), not a regular file; give the plan file itself"),
                (dir, "this is a folder, not a plan file"),
                ("/dev/null", "this is a device, not a regular file; give the plan file itself"),
                (dir + "/missing.yaml", "the plan file does not exist"),
            ] {
                #expect(throws: ProjectPlanError(file: path, code: .unreadable, says)) {
                    try ProjectPlan(contentsOf: path, settings: Self.settings)
                }
            }
        }
    }

    @Test func readingAPlanTakesTimeLinearInItsSize() throws {
        func plan(_ n: Int) -> String {
            var lines = ["songs:"]
            for i in 0..<n {
                lines.append(
                    "  - { id: s\(i), title: Song \(i), key: E minor, tempo: 92, length: \"3:08\", status: arranged, writers: [{ name: Mara, share: 60 }, { name: Teo, share: 40 }], parts: [drums, bass] }"
                )
            }
            lines.append("people:")
            for i in 0..<n {
                lines += [
                    "  - id: p\(i)", "    name: Person \(i)", "    roles: [drummer]",
                    "    rate: { amount: 320, per: session }",
                    "    availability: { weekly: [\"Mon-Fri 10:00-20:00\"], busy: [{ from: 2027-03-09, until: 2027-03-10 }] }",
                ]
            }
            lines.append("sessions:")
            for i in 0..<n {
                lines.append(
                    "  - { id: t\(i), song: s\(i), kind: tracking, duration: 6h, needs: [drummer, { role: engineer, count: 1 }], people: [p\(i)], after: [\(i > 0 ? "t\(i - 1)" : "")], due: 2027-03-20 }"
                )
            }
            return lines.joined(separator: "\n") + "\n"
        }
        let ratio = try LinearTime.ratio(small: plan(8), large: plan(80)) { yaml in
            _ = try ProjectPlan(yaml: yaml, path: "plan.yaml", settings: Self.settings)
        }
        #expect(ratio <= 20, "10× the plan took \(ratio)× the time")
    }

    @Test func aPlanWaitingForAChainOf200000SessionsIsCheckedWithoutOverflowingTheStack() throws {
        // Given a project whose sessions each wait for the one before, 200,000 long
        let sessions = (0..<200_000).map { i in
            StudioSession(
                id: "s\(i)", kind: .editing, title: "Edit \(i)", durationMinutes: 60, after: i > 0 ? ["s\(i - 1)"] : [])
        }
        var project = ProjectSnapshot(settings: Self.settings, sessions: sessions)
        // When a plan adds one more at its end
        let plan = try ProjectPlan(
            yaml: "sessions:\n  - { title: Last, kind: mixing, duration: 1h, after: [s199999] }\n", path: "plan.yaml",
            settings: Self.settings)
        let report = try plan.apply(to: &project)
        // Then the order is checked (it used to recurse once per session) and the session added
        #expect(report.sessions.added == ["Last"])
        #expect(project.sessions.count == 200_001)
    }

    @Test func applyingAPlanTakesTimeLinearInItsSize() throws {
        // Songs, people and sessions that refer to each other by name, into a project that has
        // as many records already.
        func plan(_ n: Int) throws -> (ProjectPlan, ProjectSnapshot) {
            var lines = ["songs:"]
            for i in 0..<n { lines.append("  - { title: Song \(i) }") }
            lines.append("people:")
            for i in 0..<n {
                lines.append("  - { name: Person \(i), roles: [drummer], rate: { amount: 1, per: hour } }")
            }
            lines.append("sessions:")
            for i in 0..<n {
                lines.append(
                    "  - { title: Take \(i), song: song \(i), kind: tracking, duration: 1h, needs: [drummer], people: [person \(i)], after: [\(i > 0 ? "take \(i - 1)" : "")] }"
                )
            }
            let existing = ProjectSnapshot(
                settings: Self.settings, songs: (0..<n).map { Song(id: "old\($0)", title: "Old \($0)") },
                sessions: (0..<n).map {
                    StudioSession(id: "olds\($0)", kind: .editing, title: "Old edit \($0)", durationMinutes: 60)
                })
            return (
                try ProjectPlan(yaml: lines.joined(separator: "\n") + "\n", path: "plan.yaml", settings: Self.settings),
                existing
            )
        }
        let ratio = try LinearTime.ratio(small: try plan(100), large: try plan(1000)) { input in
            var project = input.1
            _ = try input.0.apply(to: &project)
        }
        #expect(ratio <= 20, "10× the records took \(ratio)× the time")
    }

    // MARK: - Calendar files

    @Test func aFIFOAFolderOrADeviceGivenAsACalendarIsRefusedWithoutBlocking() throws {
        try withFIFO { dir, fifo in
            for (path, says) in [
                (fifo, "this is a pipe (FIFO), not a regular file; give the calendar itself"),
                (dir, "this is a folder, not a calendar"),
                ("/dev/zero", "this is a device, not a regular file; give the calendar itself"),
                (dir + "/missing.ics", "the calendar does not exist"),
            ] {
                #expect(throws: ICalendarError(file: path, line: nil, code: .unreadable, reason: says)) {
                    try ICalendar.text(ofFile: path)
                }
            }
        }
    }

    @Test func aCalendarFileThatIsNotUTF8NamesTheLine() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/latin1.ics"
        try Data(Array("BEGIN:VCALENDAR\r\nSUMMARY:K".utf8) + [0xF6, 0x6C, 0x6E]).write(to: URL(fileURLWithPath: path))
        #expect(
            throws: ICalendarError(
                file: path, line: 2, code: .unreadable,
                reason: "the calendar is not UTF-8 text (byte 26 is 0xF6); save it as UTF-8")
        ) {
            try ICalendar.text(ofFile: path)
        }
        try Data("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try ICalendar.text(ofFile: path) == "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    }
}

/// A temporary folder with a FIFO in it; a watchdog opens the FIFO for writing if a reader has
/// blocked on it, so that a reader that wrongly waits fails the test instead of hanging it.
func withFIFO(_ body: (_ dir: String, _ fifo: String) throws -> Void) throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let fifo = dir + "/input"
    #expect(mkfifo(fifo, 0o644) == 0)
    let watchdog = FIFOWatchdog(path: fifo)
    defer { watchdog.stop() }
    try body(dir, fifo)
    #expect(!watchdog.hadToUnblock, "a reader blocked on the FIFO")
}
