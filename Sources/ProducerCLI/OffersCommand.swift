import ArgumentParser
import Foundation
import ProducerOffice
import ProducerStore

extension ProducerCommand {
    struct OffersCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "offers",
            abstract: "Send offers of work to players and singers, and record their answers.",
            discussion: """
                An offer covers sessions for a fee and lapses after its answer-by day (expired). \
                Accepting puts the person on its sessions, commits the fee to the budget and \
                repairs the schedule around them.
                """,
            subcommands: [List.self, Send.self, Accept.self, Decline.self, Withdraw.self],
            defaultSubcommand: List.self)

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List the offers: sent, accepted and expired (--all: declined and withdrawn too).")
            @Flag(help: "Also list declined and withdrawn offers.")
            var all = false
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("offers list", json: output.json) {
                    try await project.place.with { store in
                        let now = Date()
                        let (list, _) = try await OfficeJobs.listOffers(all: all, store: store, now: now)
                        let zone = try await store.snapshot().settings.timeZone
                        if output.json { try printJSON(list) } else { print(list.text(timeZone: zone, now: now)) }
                    }
                }
            }
        }

        struct Send: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Offer a person work on sessions for a fee, to answer by a day.",
                discussion: """
                    Refuses an answer-by day in the past, a person who does not play the role \
                    (--force sends it anyway), a session done or one they are on, and a second \
                    open offer to them for the same session.

                    Example: producer offers send "Lena & Sofi" --role "backup singer" --session "Backing vocals — Night Trains" --fee 540 --answer-by 2027-02-20
                    """)
            @Argument(help: "The person, by name or id.")
            var person: String
            @Option(help: "The role they are offered (backup singer).")
            var role: String
            @Option(name: .customLong("session"), help: "A session it covers, by title or id (repeat for more).")
            var sessions: [String] = []
            @Option(
                parsing: .unconditional,
                help: "The whole fee offered, in the project's currency (e.g. 540, 540.00 or 540 EUR).")
            var fee: String
            @Option(
                name: .customLong("answer-by"),
                help: ArgumentHelp(
                    "The day they must answer by (to its end), in the project's time zone.", valueName: "YYYY-MM-DD"))
            var answerBy: String
            @Option(help: "A note kept with the offer.")
            var note: String = ""
            @Flag(help: "Send it even when they do not play the role.")
            var force = false
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("offers send", json: output.json) {
                    try await project.place.with { store in
                        let line = try await OfficeJobs.sendOffer(
                            to: person, role: role, sessions: sessions, fee: fee, answerBy: answerBy, note: note,
                            force: force, store: store)
                        if output.json {
                            try printJSON(line)
                        } else {
                            let zone = try await store.snapshot().settings.timeZone
                            let day = DateFormatter.fixed("EEE d MMM yyyy", timeZone: TimeZone(identifier: zone) ?? .gmt)
                            print(
                                "Sent \(line.id): \(line.person), \(line.role), \(line.fee.formatted) for \(line.sessions.joined(separator: "; ")); answer by \(day.string(from: line.answerBy))."
                            )
                        }
                    }
                }
            }
        }

        /// What accept, decline and withdraw share.
        struct Answer: ParsableArguments {
            @Argument(help: "The offer's id (o1), or a person with one open offer.")
            var offer: String
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run(_ answer: Offer.Status, command: String) async throws {
                try await runOffice(command, json: output.json) {
                    try await project.place.with { store in
                        let result = try await OfficeJobs.answerOffer(offer, answer, store: store)
                        if output.json { try printJSON(result) } else { print(result.text()) }
                    }
                }
            }
        }

        struct Accept: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Record a yes: the person joins the sessions and the schedule is repaired around them.",
                discussion: """
                    The person fills one of each session's needs for the role (or joins it as an \
                    extra when it has none); then the schedule is repaired (as `producer \
                    schedule --repair`) and what moved is printed. Refused for an expired, \
                    declined or withdrawn offer, and when no schedule has them on the sessions.

                    Example: producer offers accept o1
                    """)
            @OptionGroup var answer: Answer
            func run() async throws { try await answer.run(.accepted, command: "offers accept") }
        }

        struct Decline: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Record a no.")
            @OptionGroup var answer: Answer
            func run() async throws { try await answer.run(.declined, command: "offers decline") }
        }

        struct Withdraw: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Take back an offer not yet answered.")
            @OptionGroup var answer: Answer
            func run() async throws { try await answer.run(.withdrawn, command: "offers withdraw") }
        }
    }
}
