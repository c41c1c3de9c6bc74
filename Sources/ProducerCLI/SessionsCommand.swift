import ArgumentParser
import Foundation
import ProducerOffice
import ProducerStore

extension ProducerCommand {
    struct SessionsCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sessions",
            abstract: "The studio sessions to plan, and marking them done.",
            subcommands: [List.self, Done.self],
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
    }
}
