import ArgumentParser
import Foundation
import ProducerOffice
import ProducerStore

extension ProducerCommand {
    struct ScheduleCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schedule",
            abstract: "Plan every open session: a room, a time and people, at the lowest cost.",
            discussion: """
                Keeps every hard rule (who is free when, opening hours, room size and gear, no \
                double-booking, the order of sessions, deadlines, the longest working day and the \
                breaks) and lowers the cost of studios and people and the lateness. Sessions get \
                holds; confirmed bookings never move. When no schedule exists it says which \
                constraints conflict, and books nothing (exit status 2).

                --repair re-plans after a cancellation, moving as few sessions as it can.

                The whole run takes at most --time-limit seconds (plus a fraction of a second); \
                it plans at most 3 years of days (--until at most 3 years after --from).

                Example: producer schedule --from 2027-03-01 --until 2027-03-31
                """)

        @Option(help: ArgumentHelp("First day to plan (default: today).", valueName: "YYYY-MM-DD"))
        var from: String?

        @Option(help: ArgumentHelp("Last day to plan (default: the project's deadline).", valueName: "YYYY-MM-DD"))
        var until: String?

        @Flag(help: "Also show what limits the schedule most: the busiest people and rooms.")
        var explain = false

        @Flag(help: "Keep sessions on their holds where they still fit; move as few as possible.")
        var repair = false

        @Option(
            name: .customLong("time-limit"), parsing: .unconditional,
            help: ArgumentHelp(
                "Seconds the whole run may take, above 0 and at most 600 (default: 1.5).", valueName: "seconds"))
        var timeLimit: String?

        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            var infeasible = false
            try await runOffice("schedule", json: output.json) {
                var job = ScheduleJob(repair: repair)
                if let timeLimit { job.timeLimit = try ScheduleJob.timeLimit(parsing: timeLimit) }
                try await project.place.with { store in
                    let settings = try await store.snapshot().settings
                    if let from { job.from = try OfficeJobs.date(from, timeZone: settings.timeZone, option: "--from") }
                    if let until {
                        job.until = try OfficeJobs.date(until, timeZone: settings.timeZone, option: "--until")
                    }
                    // Checked before the project is locked; checked again inside the job.
                    _ = try job.horizon(settings: settings, now: Date())
                    let report = try await job.run(store: store)
                    if output.json {
                        try printJSON(report)
                    } else {
                        print(report.text(timeZone: settings.timeZone))
                        if explain, let limits = report.limits, !limits.isEmpty {
                            print("\nWhat limits this schedule most:")
                            for line in limits { print("  - " + line) }
                        }
                    }
                    infeasible = report.status != .scheduled
                }
            }
            if infeasible { throw ExitCode(2) }
        }
    }
}
