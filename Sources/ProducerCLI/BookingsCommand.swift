import ArgumentParser
import ProducerFiles
import Foundation
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
                try await runOffice("bookings list", json: output.json) {
                    try await project.place.with { store in
                        let (lines, recorded) = try await OfficeJobs.listBookings(store: store)
                        let zone = try await store.snapshot().settings.timeZone
                        if output.json { try printJSON(lines) } else { print(lines.text(timeZone: zone)) }
                        if !recorded {
                            writeStandardError(
                                "producer bookings list: another producer command is changing this project; list again when it has finished before you confirm a booking\n"
                            )
                        }
                    }
                }
            }
        }

        struct Confirm: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Confirm a hold: the scheduler will never move it.",
                discussion: """
                    Confirms the hold as `producer bookings list` last showed it, and says its \
                    time and room. When the schedule moved it since, or while this command \
                    waited for another one, it confirms nothing and says where the hold is now; \
                    --at confirms it at the time you expect (and only there).

                    Example: producer bookings confirm "Tracking — Night Trains"
                             producer bookings confirm b-song1-tracking --at 2027-03-01T11:00
                    """)
            @Argument(help: "A booking id, or a session's title.")
            var booking: String
            @Option(
                parsing: .unconditional,
                help: ArgumentHelp(
                    "The start you expect, in the project's time zone; confirms only a hold that starts then.",
                    valueName: "YYYY-MM-DDTHH:MM"))
            var at: String?
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("bookings confirm", json: output.json) {
                    try await project.place.with { store in
                        let zone = try await store.snapshot().settings.timeZone
                        let expected = try at.map { try OfficeJobs.date($0, timeZone: zone, option: "--at") }
                        let line = try await OfficeJobs.confirm(booking, at: expected, store: store)
                        if output.json {
                            try printJSON(line)
                        } else {
                            print(
                                "Confirmed \(line.session): \(BookingList.when(line.start, line.end, timeZone: zone)), \(line.studio) — \(line.room) [\(line.bookingID)]."
                            )
                        }
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
            @Option(
                parsing: .unconditional,
                help: "The cancellation fee owed, 0 or more, in the project's currency (e.g. 250, 250.00 or 250 EUR).")
            var fee: String?
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("bookings cancel", json: output.json) {
                    try await project.place.with { store in
                        let booking = try await OfficeJobs.cancel(booking, fee: fee, store: store)
                        if output.json {
                            try printJSON(booking)
                        } else {
                            print(
                                "Cancelled \(booking.id)"
                                    + (booking.cancellationFee.map { " (fee \($0.formatted))" } ?? "")
                                    + ". Run `producer schedule --repair` to re-plan.")
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
                try await runOffice("bookings export", json: output.json) {
                    let policy = OutputPolicy(replacesExisting: force, inputs: project.place.files())
                    try policy.check(ics, what: "the calendar")
                    try await project.place.with { store in
                        let count = try await OfficeJobs.exportCalendar(
                            to: ics, person: person, studio: studio, store: store)
                        if output.json {
                            try printJSON(["file": ics, "events": "\(count)"])
                        } else {
                            print("Wrote \(count) bookings to \(ics).")
                        }
                    }
                }
            }
        }
    }
}
