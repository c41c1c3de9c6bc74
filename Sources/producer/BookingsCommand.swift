import ArgumentParser
import ProducerFiles
import Foundation
import ProducerKit
import ProducerProjects
import ProducerOffice
import ProducerStore

extension ProducerCommand {
    struct BookingsCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bookings",
            abstract: "List, confirm, cancel and export the project's bookings.",
            subcommands: [List.self, Confirm.self, Cancel.self, Export.self],
            defaultSubcommand: List.self)

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the bookings, holds first.")
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("bookings list") {
                    try await project.place.with { store in
                        let snapshot = try await store.snapshot()
                        let lines = BookingList(project: snapshot)
                        if output.json { try printJSON(lines) } else { print(lines.text(timeZone: snapshot.settings.timeZone)) }
                    }
                }
            }
        }

        struct Confirm: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Confirm a hold: the scheduler will never move it.",
                discussion: "Example: producer bookings confirm \"Tracking — Night Trains\"")
            @Argument(help: "A booking id, or a session's title.")
            var booking: String
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("bookings confirm") {
                    try await project.place.with { store in
                        let booking = try await OfficeJobs.confirm(booking, store: store)
                        if output.json { try printJSON(booking) } else { print("Confirmed \(booking.id).") }
                    }
                }
            }
        }

        struct Cancel: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Cancel a booking, with the fee it costs; then `producer schedule --repair`.",
                discussion: "Example: producer bookings cancel \"Mix — Blue Hour\" --fee 200")
            @Argument(help: "A booking id, or a session's title.")
            var booking: String
            @Option(help: "The cancellation fee owed, in the project's currency (e.g. 250 or 250.00).")
            var fee: String?
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("bookings cancel") {
                    try await project.place.with { store in
                        let booking = try await OfficeJobs.cancel(booking, fee: fee, store: store)
                        if output.json { try printJSON(booking) } else {
                            print("Cancelled \(booking.id)" + (booking.cancellationFee.map { " (fee \($0.formatted))" } ?? "") + ". Run `producer schedule --repair` to re-plan.")
                        }
                    }
                }
            }
        }

        struct Export: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Write the bookings as an iCalendar file (RFC 5545) for calendar apps.",
                discussion: """
                    Holds are TENTATIVE, confirmed bookings CONFIRMED, cancellations CANCELLED.

                    Example: producer bookings export --ics mara.ics --person "Mara Lind"
                    """)
            @Option(help: ArgumentHelp("The .ics file to write.", valueName: "file"))
            var ics: String
            @Flag(help: "Replace the .ics file if it exists.")
            var force = false
            @Option(help: "Only this person's bookings.")
            var person: String?
            @Option(help: "Only this studio's bookings.")
            var studio: String?
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func validate() throws {
                if person != nil && studio != nil { throw ValidationError("choose --person or --studio, not both") }
            }

            func run() async throws {
                try await runOffice("bookings export") {
                    let policy = OutputPolicy(replacesExisting: force, inputs: project.place.files())
                    try policy.check(ics, what: "the calendar")
                    try await project.place.with { store in
                        let count = try await OfficeJobs.exportCalendar(to: ics, person: person, studio: studio, store: store)
                        if output.json { try printJSON(["file": ics, "events": "\(count)"]) } else { print("Wrote \(count) bookings to \(ics).") }
                    }
                }
            }
        }
    }
}
