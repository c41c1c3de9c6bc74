import ArgumentParser
import Foundation
import ProducerJobs

extension ProducerCommand {
    struct DemoCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo",
            abstract: "Make a small project on its own, produce it, and show what Producer found.",
            discussion: """
                Makes ./producer-demo/night-trains/, a project folder as a musician would fill it \
                (a song's stems, three lead-vocal takes with flaws planted on purpose, an overhead \
                pair wired wrong, a reference, the album's plan), runs `producer produce` on it, \
                prints what was planted against what Producer found, and where the report is. \
                Run again on the same folder, it replaces its project only with --force (other \
                files there are left alone).

                Example: producer demo --output /tmp/demo
                """)

        @Option(name: .shortAndLong, help: "The folder to write into.")
        var output = "producer-demo"

        @Flag(help: "Replace the files of an earlier demo in the folder.")
        var force = false

        @OptionGroup var format: OutputOptions

        func run() async throws {
            do {
                let board = StageBoard(enabled: !format.json)
                let report = try await DemoJob(folder: output, replacesExisting: force).run(progress: {
                    board.update($0)
                })
                board.finish()
                if format.json { try printJSON(report) } else { print(report.text(), terminator: "") }
            } catch {
                report(error, command: "demo", json: format.json)
                throw ExitCode(1)
            }
        }
    }
}
