import ArgumentParser
import Foundation
import ProducerOffice
import ProducerStore

extension ProducerCommand {
    struct PeopleCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "people",
            abstract: "The people on the project: roles, rates and when they are free.",
            discussion: """
                Every option is checked as `project import` checks the plan's person keys.

                Example: producer people add "Lena Roth" --role "backup singer" --style soul --rate 60 --per hour
                         producer people holidays --ics feiertage.ics --close-studios
                """,
            subcommands: [
                List.self, Add.self, Edit.self, Remove.self, AvailabilityCommand.self, HolidaysCommand.self,
            ],
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
                                if !person.styles.isEmpty { line += " — " + person.styles.joined(separator: ", ") }
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

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add a person (or an ensemble).")
            @Argument(help: "Their name.")
            var name: String
            @Option(help: "Their id (default: the name in lower case with hyphens).")
            var id: String?
            @OptionGroup var fields: PersonFields
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("people add", json: output.json) {
                    var edit = RecordEdit()
                    edit.set("name", text: name, option: "the name")
                    edit.set("id", text: id, option: "--id")
                    edit.name("roles", option: "--role")
                    edit.name("rate", option: "--rate")
                    fields.add(to: &edit)
                    try await project.place.with { store in
                        let outcome = try await OfficeJobs.addRecord(.people, edit: edit, store: store)
                        try printOutcome(outcome, kind: .people, json: output.json)
                    }
                }
            }
        }

        struct Edit: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Change what the options give; keep the rest (a list option replaces that list).")
            @Argument(help: ArgumentHelp(recordKeyHelp))
            var person: String
            @Option(help: "A new name.")
            var name: String?
            @OptionGroup var fields: PersonFields
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("people edit", json: output.json) {
                    var edit = RecordEdit()
                    edit.set("name", text: name, option: "--name")
                    fields.add(to: &edit)
                    try await project.place.with { store in
                        let outcome = try await OfficeJobs.editRecord(.people, person, edit: edit, store: store)
                        try printOutcome(outcome, kind: .people, json: output.json)
                    }
                }
            }
        }

        struct Remove: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Remove a person; refused while sessions or holds name them, unless --force.",
                discussion: "Offers, tasks and confirmed bookings are never dropped: settle them first.")
            @Argument(help: ArgumentHelp(recordKeyHelp))
            var person: String
            @Flag(help: "Remove them anyway, from the sessions and holds that name them.")
            var force = false
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("people remove", json: output.json) {
                    try await project.place.with { store in
                        let outcome = try await OfficeJobs.removeRecord(.people, person, force: force, store: store)
                        try printOutcome(outcome, kind: .people, json: output.json)
                    }
                }
            }
        }

        struct HolidaysCommand: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "holidays",
                abstract: "Make the public holidays of a calendar (.ics) busy days for everyone.",
                discussion: """
                    Reads the all-day events of the file (timed events are left out) in the \
                    project's time zone and makes each a busy day for every person on the \
                    project; with --close-studios every room is closed on them too. Importing \
                    a file of the same name again replaces its days. Then `producer schedule --repair`.

                    Example: producer people holidays --ics feiertage-berlin.ics --close-studios
                    """)
            @Option(help: ArgumentHelp("The calendar of holidays.", valueName: "file"))
            var ics: String
            @Flag(name: .customLong("close-studios"), help: "Close every room on those days too.")
            var closeStudios = false
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("people holidays", json: output.json) {
                    try await project.place.with { store in
                        let result = try await OfficeJobs.importHolidays(
                            icsPath: ics, closesStudios: closeStudios, store: store)
                        if output.json {
                            try printJSON(result)
                        } else {
                            print(
                                "\(result.days.count) holidays from \(ics) are busy days for \(result.people) people"
                                    + (closeStudios ? " and \(result.rooms) rooms" : "") + ".")
                            for day in result.days { print("  " + day) }
                            if result.timedEventsSkipped > 0 {
                                print(
                                    "Left out \(result.timedEventsSkipped) events with times: a holiday is a whole day."
                                )
                            }
                        }
                        if let warning = result.warning { writeStandardError("warning: \(warning)\n") }
                    }
                }
            }
        }
    }
}
