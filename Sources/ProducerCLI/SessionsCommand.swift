import ArgumentParser
import Foundation
import ProducerOffice
import ProducerStore

extension ProducerCommand {
    struct SessionsCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sessions",
            abstract: "The studio sessions to plan: list, add, edit, remove, and mark them done.",
            discussion: """
                Every option is checked as `project import` checks the plan's session keys.

                Example: producer sessions add --song "Night Trains" --kind overdub --duration 3h \\
                           --need "backup singer:2" --need engineer --after "Lead vocal — Night Trains"
                """,
            subcommands: [List.self, Add.self, Edit.self, Remove.self, Done.self],
            defaultSubcommand: List.self)

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List the sessions, what they need and whether they are done.")
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("sessions list", json: output.json) {
                    try await project.place.with { store in
                        let snapshot = try await store.snapshot()
                        if output.json {
                            try printJSON(snapshot.sessions)
                        } else {
                            for session in snapshot.sessions {
                                let needs = session.needs.map {
                                    $0.count == 1 ? $0.role.name : "\($0.count) × \($0.role.name)"
                                }
                                let people = session.people.compactMap { id in
                                    snapshot.people.first { $0.id == id }?.name
                                }
                                var line =
                                    "\(session.isDone ? "■" : "□") \(session.title) — \(session.kind.rawValue), \(session.durationMinutes / 60) h"
                                if session.durationMinutes % 60 != 0 { line += " \(session.durationMinutes % 60) min" }
                                let who = people + needs
                                if !who.isEmpty { line += " — " + who.joined(separator: ", ") }
                                if !session.gear.isEmpty { line += " — needs " + session.gear.joined(separator: ", ") }
                                print(line)
                            }
                        }
                    }
                }
            }
        }

        struct Done: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Mark a session's work done; `producer status` counts it.",
                discussion: "Example: producer sessions done \"Tracking — Night Trains\"")
            @Argument(help: "The session's title or id.")
            var session: String
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("sessions done", json: output.json) {
                    try await project.place.with { store in
                        let done = try await OfficeJobs.markDone(session, store: store)
                        if output.json { try printJSON(done) } else { print("Done: \(done.title).") }
                    }
                }
            }
        }

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add a session.")
            @Argument(help: "Its title (default: the kind and the song, as \"Overdub — Night Trains\").")
            var title: String?
            @Option(help: "Its id (default: the title in lower case with hyphens).")
            var id: String?
            @OptionGroup var fields: SessionFields
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("sessions add", json: output.json) {
                    var edit = RecordEdit()
                    edit.set("title", text: title, option: "the title")
                    edit.name("title", option: "the title")
                    edit.set("id", text: id, option: "--id")
                    fields.add(to: &edit)
                    try await project.place.with { store in
                        let outcome = try await OfficeJobs.addRecord(.sessions, edit: edit, store: store)
                        try printOutcome(outcome, kind: .sessions, json: output.json)
                    }
                }
            }
        }

        struct Edit: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Change what the options give; keep the rest (a list option replaces that list).")
            @Argument(help: ArgumentHelp(recordKeyHelp))
            var session: String
            @Option(help: "A new title.")
            var title: String?
            @OptionGroup var fields: SessionFields
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("sessions edit", json: output.json) {
                    var edit = RecordEdit()
                    edit.set("title", text: title, option: "--title")
                    fields.add(to: &edit)
                    try await project.place.with { store in
                        let outcome = try await OfficeJobs.editRecord(.sessions, session, edit: edit, store: store)
                        try printOutcome(outcome, kind: .sessions, json: output.json)
                    }
                }
            }
        }

        struct Remove: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Remove a session and its hold; refused while others come after it, unless --force.",
                discussion: "A confirmed booking or an offer covering it is never dropped: cancel or withdraw it first."
            )
            @Argument(help: ArgumentHelp(recordKeyHelp))
            var session: String
            @Flag(help: "Remove it anyway, from the after: of the sessions that wait for it.")
            var force = false
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("sessions remove", json: output.json) {
                    try await project.place.with { store in
                        let outcome = try await OfficeJobs.removeRecord(.sessions, session, force: force, store: store)
                        try printOutcome(outcome, kind: .sessions, json: output.json)
                    }
                }
            }
        }
    }
}
