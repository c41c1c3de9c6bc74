import ArgumentParser
import Foundation
import ProducerJobs
import ProducerStore

extension ProducerCommand {
    struct WorkerCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "worker",
            abstract: "Run the studio's queued jobs: version analysis, mixes, masters, automix, align, produce.",
            discussion: """
                Takes jobs from the queue in the project database, up to --concurrency at once, and keeps \
                each job's lease while it runs. Start as many workers as you like, on one machine for a \
                SQLite project, on many for a PostgreSQL one: a job goes to one worker at a time, and a \
                job whose worker was killed is taken up again when its lease runs out (three times at most).

                Ctrl-C stops the worker: what its jobs were writing is removed, and their leases run out \
                so that another worker takes them up.
                """)

        @OptionGroup var project: ProjectOptions

        @Option(help: "Jobs run at once, 1 to 64.")
        var concurrency = 1

        @Option(
            help: ArgumentHelp(
                "How long a job's lease lasts without renewal (renewed every third of it): 30s, 2m, 1500ms.",
                valueName: "time"))
        var lease = "30s"

        @Option(
            name: .customLong("idle-exit"),
            help: ArgumentHelp(
                "Stop after this many seconds without a job (default: keep waiting).", valueName: "seconds"))
        var idleExit: Double?

        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard (1...64).contains(concurrency) else {
                throw ValidationError("--concurrency must be between 1 and 64, not \(concurrency)")
            }
            _ = try Self.seconds(lease)
            if let idleExit, !(idleExit >= 0 && idleExit <= 31_536_000) {
                throw ValidationError("--idle-exit must be between 0 and 31536000 seconds, not \(idleExit)")
            }
        }

        /// A lease as written: `30s`, `2m`, `1500ms`, or plain seconds; 1 s to 1 h.
        static func seconds(_ text: String) throws -> TimeInterval {
            let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
            let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3_600)]
            var value: Double?
            for (suffix, scale) in units where trimmed.hasSuffix(suffix) {
                if let number = Double(trimmed.dropLast(suffix.count)) {
                    value = number * scale
                    break
                }
            }
            if value == nil { value = Double(trimmed) }
            guard let value, value.isFinite, value >= 1, value <= 3_600 else {
                throw ValidationError("--lease must be a time from 1s to 1h, such as 30s or 2m, not \(text)")
            }
            return value
        }

        func run() async throws {
            try await runOffice("worker", json: output.json) {
                let location = try project.place.location()
                let queue = try await StoredJobQueue.open(location)
                let studio: StudioDatabase
                do {
                    studio = try await StudioDatabase.open(location)
                } catch {
                    await queue.close()
                    throw error
                }
                let terminal = Terminal.current
                let json = output.json
                let worker = Worker(
                    queue: queue, studio: studio, concurrency: concurrency, leaseDuration: try Self.seconds(lease),
                    report: { event in terminal.standardOutput(WorkerLine(event).text(json: json) + "\n") })
                terminal.standardOutput(
                    json
                        ? jsonLine(WorkerLine.Started(event: "started", owner: worker.owner, concurrency: concurrency))
                            + "\n"
                        : "worker \(worker.owner) taking jobs from \(location), \(concurrency) at a time\n")
                await worker.run(idleExit: idleExit)
                await studio.close()
                await queue.close()
            }
        }
    }
}

/// One line a worker prints per event: words, or with `--json` one JSON object.
struct WorkerLine: Encodable {
    var event: String
    var job: String?
    var kind: String?
    var attempt: Int?
    var seconds: Double?
    var result: String?
    var reason: String?

    struct Started: Encodable {
        var event: String
        var owner: String
        var concurrency: Int
    }

    init(_ event: Worker.Event) {
        switch event {
        case .took(let record):
            self.event = "took"
            (job, kind, attempt) = (record.id, record.job.kind, record.attempts)
        case .finished(let record, let result, let seconds):
            self.event = "finished"
            (job, kind, attempt) = (record.id, record.job.kind, record.attempts)
            self.seconds = (seconds * 1_000).rounded() / 1_000
            self.result = result
        case .failed(let record, let reason, let seconds):
            self.event = "failed"
            (job, kind, attempt) = (record.id, record.job.kind, record.attempts)
            self.seconds = (seconds * 1_000).rounded() / 1_000
            self.reason = reason
        case .lostLease(let record):
            self.event = "lost"
            (job, kind, attempt) = (record.id, record.job.kind, record.attempts)
        case .queueUnavailable(let reason):
            self.event = "queue unavailable"
            self.reason = reason
        }
    }

    func text(json: Bool) -> String {
        if json { return jsonLine(self) }
        let what = "\(kind ?? "") job \(job ?? "")"
        switch event {
        case "took": return "took the \(what) (attempt \(attempt ?? 1))"
        case "finished": return "finished the \(what) in \(String(format: "%.1f", seconds ?? 0)) s"
        case "failed": return "failed the \(what): \(reason ?? "")"
        case "lost": return "left the \(what) to another worker: its lease was taken over"
        default: return "the queue cannot be reached (\(reason ?? "")); trying again"
        }
    }
}
