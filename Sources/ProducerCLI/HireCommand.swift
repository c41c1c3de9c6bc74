import ArgumentParser
import Foundation
import ProducerOffice
import ProducerStore

extension ProducerCommand {
    struct HireCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hire",
            abstract: "Rank the roster for a role: who fits best on the days and sessions you need.",
            discussion: """
                Scores everyone who plays the role, and as "could also" those with a related \
                role (one sharing a word: lead singer for backup singer), out of 100: role 25 \
                (related 10), availability on the needed days 30 (free all day, part, busy — \
                their weekly hours, busy times and bookings in the project), rate 20 (their rate \
                for the --session lengths, or a day of 8 hours per --on day; cheaper is better; \
                none over --budget), style 15 and past work on the project 10. Ties go by name.

                Example: producer hire --role "backup singer" --style soul --on 2027-03-02 --budget 500
                """)

        @Option(help: "The role to fill (backup singer, drummer…).")
        var role: String

        @Option(help: "A style they should play or sing in (soul).")
        var style: String?

        @Option(name: .customLong("on"), help: ArgumentHelp("A day you need them (repeat for more).", valueName: "YYYY-MM-DD"))
        var days: [String] = []

        @Option(name: .customLong("session"), help: "A session they are for, by title or id (repeat for more).")
        var sessions: [String] = []

        @Option(
            parsing: .unconditional, help: "The most their fee for that time should be, in the project's currency.")
        var budget: String?

        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await runOffice("hire", json: output.json) {
                try await project.place.with { store in
                    let ranking = try await OfficeJobs.hire(
                        role: role, style: style, on: days, sessions: sessions, budget: budget, store: store)
                    if output.json { try printJSON(ranking) } else { print(ranking.text()) }
                }
            }
        }
    }
}
