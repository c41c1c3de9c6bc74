import ArgumentParser
import Foundation
import ProducerJobs

extension ProducerCommand {
    struct DemoCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo",
            abstract: "Write a small project of flawed files and show what Producer finds in them.",
            discussion: """
                Writes synthesised files with known faults (a clipped mix, a DC offset, a quiet \
                and hissy recording, a phase-inverted stereo file, 16-bit audio in a 24-bit file) \
                into ./producer-demo/ and prints their analysis. Run again on the same folder, it \
                replaces its own files only with --force (other files there are left alone).

                Example: producer demo --output /tmp/demo
                """)

        @Option(name: .shortAndLong, help: "The folder to write into.")
        var output = "producer-demo"

        @Flag(help: "Replace the files of an earlier demo in the folder.")
        var force = false

        @OptionGroup var format: OutputOptions

        func run() async throws {
            do {
                let report = try await DemoJob(folder: output, replacesExisting: force).run()
                if format.json { try printJSON(report) } else { print(report.text(), terminator: "") }
            } catch {
                report(error, command: "demo", json: format.json)
                throw ExitCode(1)
            }
        }
    }
}
