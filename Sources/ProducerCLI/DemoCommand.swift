import ArgumentParser
import ProducerServer
import Foundation
import ProducerJobs
import ProducerStore

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

        @Flag(help: "Then serve the demo project on this machine (the studio server), with a demo account.")
        var serve = false

        @Option(help: "The port to serve on, with --serve.")
        var port = 8080

        @OptionGroup var format: OutputOptions

        func run() async throws {
            guard (1...65_535).contains(port) else {
                throw ValidationError("--port: \(port) is not a port (1 to 65535)")
            }
            do {
                let board = StageBoard(enabled: !format.json)
                let report = try await DemoJob(folder: output, replacesExisting: force).run(progress: {
                    board.update($0)
                })
                board.finish()
                if format.json { try printJSON(report) } else { print(report.text(), terminator: "") }
                if serve { try await serveDemo(report.project) }
            } catch {
                report(error, command: "demo", json: format.json)
                throw ExitCode(1)
            }
        }

        /// Serves the demo project on loopback with a demo account, until Ctrl-C.
        func serveDemo(_ folder: String) async throws {
            let launch = try await StudioLaunch.open(
                .projectFolder(folder), files: folder, configuration: StudioServer.Configuration(port: port),
                workers: 1)
            let account = try await launch.prepareDemo(project: folder)
            if format.json {
                try printJSON(["address": launch.address, "email": account.email, "password": account.password])
            } else {
                print(
                    """

                    The studio server: \(launch.address)
                      sign in as \(account.email) with the password \(account.password)
                      (the demo project, its mix with a comment, the schedule, budget and deliverables; Ctrl-C stops)
                    """)
            }
            try await launch.run()
        }
    }
}
