import ArgumentParser
import Foundation
import ProducerJobs
import ProducerOffice
import ProducerStore

extension ProducerCommand {
    struct DeliverablesCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deliverables",
            abstract:
                "The files each song is delivered as: plan them, list them, check what arrives, report who is on time.",
            subcommands: [List.self, Plan.self, Receive.self, Report.self, Rules.self],
            defaultSubcommand: List.self)

        struct Plan: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract:
                    "Give someone the usual delivery set per song: main mix, instrumental, a cappella, TV mix, stems.",
                discussion: """
                    Without --song, every song. A deliverable already planned for a song is skipped.

                    Example: producer deliverables plan --song "Slow Signal" --to "Rui Costa" --due 2027-03-19
                    """)
            @Option(help: "A song (title or id); repeat for several. Default: every song.")
            var song: [String] = []
            @Option(help: "Who delivers them: a person's name or id.")
            var to: String
            @Option(help: ArgumentHelp("When they are due.", valueName: "YYYY-MM-DD[THH:MM]"))
            var due: String
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("deliverables plan", json: output.json) {
                    try await project.place.with { store in
                        let (added, skipped) = try await OfficeJobs.planDeliverables(
                            songs: song, to: to, due: due, store: store)
                        if output.json {
                            try printJSON(["added": added, "skipped": skipped])
                            return
                        }
                        let snapshot = try await store.snapshot()
                        let lines = TaskList(project: snapshot, now: Date()).tasks
                        print("Planned \(added.count) deliverable\(added.count == 1 ? "" : "s"):")
                        for task in added {
                            print("  \(lines.first { $0.id == task.id }?.text ?? task.title) [\(task.id)]")
                        }
                        if !skipped.isEmpty {
                            print("Already planned, left as they are: " + skipped.map(\.id).joined(separator: ", "))
                        }
                    }
                }
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List the deliverables, with what arrived and why a file was rejected.")
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("deliverables list", json: output.json) {
                    try await project.place.with { store in
                        let snapshot = try await store.snapshot()
                        var list = TaskList(project: snapshot, now: Date())
                        list.tasks = list.tasks.filter { $0.deliverable != nil }
                        if output.json {
                            try printJSON(list)
                        } else {
                            print(list.tasks.isEmpty ? "No deliverables planned." : list.text())
                        }
                    }
                }
            }
        }

        struct Receive: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Check a delivered file against the project's delivery rules and record it.",
                discussion: """
                    Checks the sample rate, bit depth, peak and clipping, head and tail, and the file's \
                    name. A file that passes marks the task delivered, with the time and the file's \
                    path; the file is not moved or copied. One that fails marks the task rejected \
                    with every reason, and the command exits 2 (the check ran; the file was refused). \
                    Stems arrive as several files or a folder of them: each is checked, and all must pass.

                    Example: producer deliverables receive mara-lind_slow-signal_main-mix_48k_24bit.wav --task t1
                    """)
            @Argument(help: "The file that arrived (for stems: the files, or their folder).")
            var files: [String]
            @Option(help: "The task it delivers: its id (or title, when only one task has it).")
            var task: String
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                var rejected = false
                try await runOffice("deliverables receive", json: output.json) {
                    try await project.place.with { store in
                        let receipt = try await DeliveryReceipt.receive(files, task: task, store: store)
                        let zone = try await store.snapshot().settings.timeZone
                        if output.json { try printJSON(receipt) } else { print(receipt.text(timeZone: zone)) }
                        rejected = receipt.status == .rejected
                    }
                }
                if rejected { throw ExitCode(2) }
            }
        }

        struct Report: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "On-time delivery per person: due, on time, late (with days), open, overdue.")
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("deliverables report", json: output.json) {
                    try await project.place.with { store in
                        let report = DeliveryReport(project: try await store.snapshot(), now: Date())
                        if output.json { try printJSON(report) } else { print(report.text()) }
                    }
                }
            }
        }
    }
}
