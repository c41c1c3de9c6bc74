import ArgumentParser
import Foundation
import ProducerOffice
import ProducerStore

extension ProducerCommand {
    struct PeopleCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "people",
            abstract: "The people on the project: roles, rates and when they are free.",
            subcommands: [List.self, AvailabilityCommand.self],
            defaultSubcommand: List.self)

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List the people, their roles, rates and availability.")
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("people list", json: output.json) {
                    try await project.place.with { store in
                        let snapshot = try await store.snapshot()
                        if output.json {
                            try printJSON(snapshot.people)
                        } else {
                            for person in snapshot.people {
                                var line =
                                    "\(person.name) — \(person.roles.map(\.name).joined(separator: ", ")) — \(person.rate.formatted)"
                                if person.headcount > 1 { line += " — \(person.headcount) players" }
                                if let union = person.unionScale { line += " — \(union)" }
                                print(line)
                                print("    free " + person.availability.summary())
                            }
                        }
                    }
                }
            }
        }

        struct AvailabilityCommand: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "availability",
                abstract: "Import a person's busy times from their calendar (.ics).",
                discussion: """
                    Reads the events of an iCalendar file (Google, Apple or Outlook export, with \
                    repeating events and all-day events) as times the person is busy. Importing \
                    again replaces the earlier import. Then `producer schedule --repair`.

                    Example: producer people availability "Jonas Berg" --ics jonas.ics
                    """)
            @Argument(help: "The person's name.")
            var name: String
            @Option(help: ArgumentHelp("The calendar file to read.", valueName: "file"))
            var ics: String
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("people availability", json: output.json) {
                    try await project.place.with { store in
                        let (person, busy, warning) = try await OfficeJobs.importAvailability(
                            person: name, icsPath: ics, store: store)
                        if output.json {
                            try printJSON(busy)
                        } else {
                            print("\(person): \(busy.count) busy times imported from \(ics).")
                        }
                        if let warning { writeStandardError("warning: \(warning)\n") }
                    }
                }
            }
        }
    }
}
