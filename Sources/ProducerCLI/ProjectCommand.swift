import ArgumentParser
import Foundation
import ProducerJobs
import ProducerOffice
import ProducerStore

extension ProducerCommand {
    struct ProjectCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "project",
            abstract: "Make a project: the album's songs, people, studios, sessions and bookings.",
            subcommands: [Init.self, Import.self, Check.self, ProjectShow.self, ProjectSet.self])

        struct Init: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Make a project folder with its database (SQLite inside it, or PostgreSQL).",
                discussion: """
                    Makes ./<name>/project.sqlite (or --path). Every other office command works \
                    inside that folder, or with --project PATH. With --database postgres://… the \
                    project lives in PostgreSQL and the folder only points at it.

                    Example: producer project init "Night Trains" --currency EUR --deadline 2027-06-30
                    """)

            @Argument(help: "The project's name, such as the album's title.")
            var name: String

            @Option(help: "ISO 4217 currency of every amount in the project.")
            var currency = "EUR"

            @Option(help: ArgumentHelp("The day the record must be finished.", valueName: "YYYY-MM-DD"))
            var deadline: String?

            @Option(name: .customLong("time-zone"), help: "IANA time zone the project counts days in.")
            var timeZone = TimeZone.current.identifier

            @Option(help: "The folder to make (default: the name in lower case with hyphens).")
            var path: String?

            @Option(
                help: ArgumentHelp(
                    "Keep the project in PostgreSQL: postgres://user:password@host/db.", valueName: "url"))
            var database: String?

            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("project init", json: output.json) {
                    let settings = try self.settings()
                    let made = try await ProjectFolder.make(settings, folder: path, database: database)
                    try ProjectLayout.makeFolders(in: made.folder)
                    if output.json {
                        try printJSON(ProjectMade(folder: made.folder, database: made.location, settings: settings))
                    } else {
                        print("Made project \"\(settings.name)\" in \(made.folder)/ (database: \(made.location)).")
                        print(
                            "Put each part's takes in \(made.folder)/takes/SONG/PART/, multi-mic groups in mics/SONG/GROUP/, "
                                + "intended parts in parts/SONG/PART.mid and reference tracks in refs/; then `producer produce`."
                        )
                        print(
                            "Counting in \(settings.currency), days in \(settings.timeZone)"
                                + (deadline.map { ", deadline \($0)" } ?? "") + ".")
                    }
                }
            }

            /// The new project's settings from the options, each mistake named by its option.
            func settings() throws -> ProjectSettings {
                guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw OfficeError("the project needs a name")
                }
                do throws(MoneyError) {
                    try Money.checkCurrency(currency)
                } catch {
                    throw OfficeError("--currency: \(error.message)")
                }
                guard TimeZone(identifier: timeZone) != nil else {
                    throw OfficeError(
                        "--time-zone \(timeZone): not a time zone; use an IANA name such as Europe/Berlin")
                }
                var settings = ProjectSettings(name: name, currency: currency, timeZone: timeZone)
                if let deadline {
                    settings.deadline = try OfficeJobs.date(deadline, timeZone: timeZone, option: "--deadline")
                }
                return settings
            }
        }

        struct Import: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add or update songs, people, studios and sessions from a YAML plan.",
                discussion: """
                    Reads a plan written by hand (see Examples/album.yaml) and adds its records \
                    to the project, or updates those with the same id (or, without an id, the \
                    same name). Amounts are in the project's currency, dates in its time zone. \
                    Everything is imported in one transaction: a plan with an error, which is \
                    reported with its line, changes nothing.

                    Example: producer project import album.yaml && producer schedule
                    """)

            @Argument(help: ArgumentHelp("The plan to import.", valueName: "file.yaml"))
            var file: String

            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("project import", json: output.json) {
                    try await project.place.with { store in
                        let report = try await ProjectPlan.importFile(file, into: store)
                        if output.json { try printJSON(report) } else { print(report.text()) }
                    }
                }
            }
        }
    }

    struct ProjectShow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show the project's settings: currency, time zone, start, deadline and working rules.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await runOffice("project show", json: output.json) {
                try await project.place.with { store in
                    let settings = try await store.snapshot().settings
                    if output.json { return try printJSON(settings) }
                    for line in Self.lines(settings) { print(line) }
                }
            }
        }

        static func lines(_ s: ProjectSettings) -> [String] {
            let day = DateFormatter.fixed("yyyy-MM-dd", timeZone: s.calendar.timeZone)
            func duration(_ m: Int) -> String { m % 60 == 0 ? "\(m / 60)h" : m < 60 ? "\(m)m" : "\(m / 60)h\(m % 60)m" }
            return [
                "\(s.name) — counting in \(s.currency), days in \(s.timeZone)",
                "  start:             " + (s.planStart.map { day.string(from: $0) } ?? "today (not set)"),
                "  deadline:          " + (s.deadline.map { day.string(from: $0) } ?? "none"),
                "  longest day:       " + duration(s.maxWorkMinutesPerDay),
                "  break:             " + duration(s.breakMinutes),
                "  lateness penalty:  " + s.latenessPenaltyPerDay.formatted + " a day",
            ]
        }
    }

    struct ProjectSet: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change the project's working rules, start and deadline.",
            discussion: """
                Checked as the plan's project: section is. Then `producer schedule --repair`.

                Example: producer project set --max-work-per-day 9h --break 45m --lateness-penalty 150 --start 2027-03-01
                """)
        @Option(
            name: .customLong("max-work-per-day"),
            help: ArgumentHelp("The longest working day: 9h, 8h30m.", valueName: "duration"))
        var maxWorkPerDay: String?
        @Option(
            name: .customLong("break"),
            help: ArgumentHelp("The least time between two sessions of one person: 45m, 1h.", valueName: "duration"))
        var breakTime: String?
        @Option(
            name: .customLong("lateness-penalty"), parsing: .unconditional,
            help: ArgumentHelp("What a day late costs, in the project's currency.", valueName: "amount"))
        var latenessPenalty: String?
        @Option(help: ArgumentHelp("The day the record must be finished.", valueName: "YYYY-MM-DD"))
        var deadline: String?
        @Option(
            help: ArgumentHelp(
                "The first day to plan; `schedule` and `schedule --repair` start there.", valueName: "YYYY-MM-DD"))
        var start: String?
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await runOffice("project set", json: output.json) {
                var edit = RecordEdit()
                edit.set("maxWorkPerDay", text: maxWorkPerDay, option: "--max-work-per-day")
                edit.set("break", text: breakTime, option: "--break")
                edit.set("latenessPenalty", text: latenessPenalty, option: "--lateness-penalty")
                edit.set("deadline", text: deadline, option: "--deadline")
                edit.set("start", text: start, option: "--start")
                guard !edit.isEmpty else {
                    throw OfficeError(
                        "say what to set: --max-work-per-day, --break, --lateness-penalty, --deadline or --start")
                }
                try await project.place.with { store in
                    let (changed, settings) = try await OfficeJobs.setProject(edit: edit, store: store)
                    if output.json { return try printJSON(settings) }
                    print(changed.isEmpty ? "Nothing changed." : "Set " + changed.joined(separator: ", ") + ".")
                    if !changed.isEmpty { print("Run `producer schedule --repair` to re-plan with them.") }
                }
            }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say what is missing or inconsistent in a project folder before producing it.",
            discussion: """
                Reads the folder's layout (takes/SONG/PART/, mics/SONG/GROUP/, parts/SONG/PART.mid, \
                refs/, takes/SONG/song.yaml) and lists the problems: a take at another sample rate, a \
                part with no takes, an intended part with none to judge, a file that does not read, \
                a mistake in a song.yaml (with its line and column), a song of the plan with no takes. \
                Exits with status 1 when there is an error (warnings alone exit 0).

                Example: producer project check night-trains
                """)

        @Argument(help: "The project folder (default: the folder you are in).", completion: .directory)
        var folder: String = "."

        @OptionGroup var output: OutputOptions

        func run() async throws {
            var planSongs: [(id: String, title: String)]?
            let hasDatabase = ["project.sqlite", ".producer-database"].contains {
                FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent($0))
            }
            if hasDatabase {
                try await runOffice("project check", json: output.json) {
                    try await ProjectPlace(project: folder).with { store in
                        planSongs = try await store.snapshot().songs.map { ($0.id, $0.title) }
                    }
                }
            }
            let check = ProjectCheck.run(folder: folder, databaseSongs: planSongs)
            if output.json { try printJSON(check) } else { print(check.text()) }
            if !check.ready { throw ExitCode(1) }
        }
    }

    struct ProjectMade: Encodable {
        var folder: String
        var database: String
        var settings: ProjectSettings
    }
}
