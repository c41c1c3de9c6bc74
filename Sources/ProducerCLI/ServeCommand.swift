import ArgumentParser
import Foundation
import ProducerOffice
import ProducerServer
import ProducerStore

extension ProducerCommand {
    struct ServeCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the project to everyone on the record: the studio server.",
            discussion: """
                Starts the studio server on the project (its folder's SQLite database, or \
                --database for PostgreSQL): songs and their versions, comments on a time range, \
                approvals, the schedule, polls, budget, deliverables, status and the produce \
                report, for the people invited, each with their role. The first account to sign \
                up becomes the project's producer. Jobs (the analysis of each upload, produce runs) \
                go to a queue in the same database: --workers run them in this process, and \
                `producer worker` runs more elsewhere. Ctrl-C stops.

                Example: producer serve --project Album --port 8080
                """)

        @OptionGroup var place: ProjectOptions

        @Option(help: "The address to listen on (127.0.0.1: this machine only).")
        var host = "127.0.0.1"

        @Option(help: "The port to listen on.")
        var port = 8080

        @Option(
            help: ArgumentHelp(
                "Where uploads are kept (default: the project folder's uploads/; needed with --database).",
                valueName: "folder"))
        var files: String?

        @Option(help: ArgumentHelp("The largest upload, e.g. 500M or 2G.", valueName: "size"))
        var maxUpload = "2G"

        @Option(help: "Workers in this process taking jobs from the queue (0: only `producer worker`s).")
        var workers = 1

        @Flag(
            help:
                "Send cookies without Secure (only for plain http on a network; browsers keep Secure ones on loopback)."
        )
        var insecureCookies = false

        @OptionGroup var format: OutputOptions

        func run() async throws {
            try await runOffice("serve", json: format.json) {
                guard (1...65_535).contains(port) else {
                    throw ValidationError("--port: \(port) is not a port (1 to 65535)")
                }
                guard (0...16).contains(workers) else {
                    throw ValidationError("--workers: give 0 to 16, not \(workers)")
                }
                let bytes = try Self.size(maxUpload)
                let location = try place.place.location()
                guard let folder = files ?? place.place.folder() else {
                    throw ValidationError("--files: name the folder for uploads (the project is only in a database)")
                }
                let configuration = StudioServer.Configuration(
                    host: host, port: port, maxUploadBytes: bytes, secureCookies: !insecureCookies)
                let launch = try await StudioLaunch.open(
                    location, files: folder, configuration: configuration, workers: workers)
                if format.json {
                    try printJSON(["address": launch.address, "project": launch.services.home?.name ?? ""])
                } else {
                    print("Serving \(launch.services.home?.name ?? "the studio") at \(launch.address) (Ctrl-C stops)")
                }
                try await launch.run()
            }
        }

        /// "500M", "2G", "1048576" → bytes.
        static func size(_ text: String) throws -> Int64 {
            let units: [Character: Int64] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
            let upper = text.uppercased()
            let scale = upper.last.flatMap { units[$0] } ?? 1
            let digits = scale == 1 ? upper : String(upper.dropLast())
            guard let value = Int64(digits), value > 0, value <= (64 << 30) / scale else {
                throw ValidationError("--max-upload: \"\(text)\" is not a size from 1 byte to 64G (e.g. 500M, 2G)")
            }
            return value * scale
        }
    }
}
