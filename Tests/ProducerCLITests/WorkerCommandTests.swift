#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ProducerAudio
import ProducerJobs
import ProducerOffice
import ProducerStore
import ProducerTestSupport
import Testing

/// A `producer worker` process, its JSON lines collected as it prints them.
final class RunningWorker: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var data = Data()

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: try #require(producerExecutable))
        process.arguments = ["worker", "--json"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PRODUCER_DATABASE"] = nil
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        output.fileHandleForReading.readabilityHandler = { [self] handle in
            let chunk = handle.availableData
            lock.withLock { data.append(chunk) }
        }
        try process.run()
    }

    /// The lines printed so far, each a JSON object (or text, for an error).
    var lines: [[String: Any]] {
        lock.withLock { String(decoding: data, as: UTF8.self) }.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }

    /// The events printed for `job` ("took", "finished", …).
    func events(of job: String) -> [String] {
        lines.filter { $0["job"] as? String == job }.compactMap { $0["event"] as? String }
    }

    var owner: String? { lines.first { $0["event"] as? String == "started" }?["owner"] as? String }

    /// Waits until `isDone` holds, for at most `seconds`; true when it did.
    func wait(seconds: Double, until isDone: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if isDone() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return isDone()
    }

    /// Waits for the process to end by itself (at most `seconds`, then kills it); true when it ended.
    func waitForExit(seconds: Double) async -> Bool {
        let ended = await wait(seconds: seconds) { !process.isRunning }
        if !ended { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return ended
    }

    func killHard() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// A home project (SQLite in a folder, or a PostgreSQL schema) with a studio project in it.
struct WorkerHome {
    /// `--project DIR` or `--database URL`.
    var arguments: [String]
    var location: DatabaseLocation
    var folder: String
    var schema: String?
    var projectID: String

    static let postgresServer: String? = {
        let value = ProcessInfo.processInfo.environment["PRODUCER_TEST_POSTGRES_URL"] ?? ""
        return value.isEmpty ? nil : value
    }()

    static func make(postgres: Bool) async throws -> (WorkerHome, StudioDatabase, StoredJobQueue) {
        let folder = try temporaryDirectory()
        var home: WorkerHome
        if postgres {
            let server = try #require(postgresServer)
            let schema =
                "producer_worker_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(10)
            let url = server + (server.contains("?") ? "&" : "?") + "schema=" + schema
            home = WorkerHome(
                arguments: ["--database", url], location: .postgres(url: url), folder: folder, schema: String(schema),
                projectID: "")
        } else {
            home = WorkerHome(
                arguments: ["--project", folder + "/home"], location: .projectFolder(folder + "/home"), folder: folder,
                schema: nil, projectID: "")
            try FileManager.default.createDirectory(atPath: folder + "/home", withIntermediateDirectories: true)
        }
        try await ProjectDatabase.create(
            home.location, settings: ProjectSettings(name: "Night Trains", currency: "EUR", timeZone: "Europe/Berlin")
        ).close()
        let studio = try await StudioDatabase.open(home.location)
        let queue = try await StoredJobQueue.open(home.location)
        let project = StudioProject(name: "Night Trains", location: home.location.description, createdAt: Date())
        try await studio.addProject(
            project, owner: Membership(projectID: project.id, accountID: "ada", role: .producer, joinedAt: Date()))
        home.projectID = project.id
        return (home, studio, queue)
    }

    /// Adds a version of `seconds` of a stereo sine to the studio and queues its analysis.
    func queueAnalysis(
        seconds: Double, name: String, studio: StudioDatabase, queue: StoredJobQueue
    ) async throws -> (job: String, version: String) {
        let path = try writeWAV(sine(frequency: 220, dBFS: -6, seconds: seconds), name, in: folder)
        let version = try await studio.addVersion(
            SongVersion(
                projectID: projectID, songID: "night-trains", kind: .mix, fileName: name, storedPath: path,
                byteCount: 0, sha256: "", sampleRate: 48_000, channelCount: 2, frameCount: Int64(seconds * 48_000),
                uploadedBy: "ada", uploadedAt: Date()))
        let job = try await queue.enqueue(
            .analyzeVersion(VersionAnalysisJob(projectID: projectID, versionID: version.id, path: path)),
            projectID: projectID, now: Date())
        return (job, version.id)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
        if let schema, let server = Self.postgresServer {
            _ = try? runProcess(
                "/usr/bin/env", ["psql", server, "-q", "-c", "DROP SCHEMA IF EXISTS \(schema) CASCADE"])
        }
    }
}

/// `producer worker` as a process: killed mid-job, its job is finished by the next worker exactly once.
@Suite("producer worker", .serialized)
struct WorkerCommandTests {
    static func killedWorker(postgres: Bool) async throws {
        // Given a home project with a long version to analyse, queued
        let (home, studio, queue) = try await WorkerHome.make(postgres: postgres)
        defer { home.remove() }
        let (job, versionID) = try await home.queueAnalysis(
            seconds: 90, name: "long mix.wav", studio: studio, queue: queue)
        // When a worker with a 3 s lease takes it, and is killed with SIGKILL while it runs
        let first = try RunningWorker(home.arguments + ["--lease", "3s"])
        let taken = await first.wait(seconds: 60) { first.events(of: job).contains("took") }
        #expect(taken, "the first worker did not take the job: \(first.text)")
        let running = try #require(try await queue.job(id: job))
        #expect(running.state == .running && running.attempts == 1 && running.leaseOwner == first.owner)
        first.killHard()
        #expect(first.events(of: job) == ["took"])
        #expect(try await queue.job(id: job)?.state == .running)
        // And a second worker with a 1 s lease is started, to stop when idle
        let second = try RunningWorker(home.arguments + ["--lease", "1s", "--idle-exit", "6"])
        let exited = await second.waitForExit(seconds: 600)
        #expect(exited, "the second worker did not stop: \(second.text)")
        // Then the second worker finished the job, once, on the second attempt, with its result
        #expect(second.events(of: job) == ["took", "finished"], "\(second.text)")
        let done = try #require(try await queue.job(id: job))
        #expect(done.state == .done && done.attempts == 2 && done.leaseOwner == second.owner)
        let result = try JSONSerialization.jsonObject(with: Data(try #require(done.result).utf8)) as? [String: Any]
        #expect(result?["versionID"] as? String == versionID)
        #expect(abs((result?["seconds"] as? Double ?? 0) - 90) < 0.01)
        // And the analysis is whole, recorded as done once
        let version = try #require(try await studio.version(id: versionID, projectID: home.projectID))
        #expect(version.analysisState == .done && version.analysisError == nil)
        #expect(version.analysis?.peaks.count == 800)
        #expect(abs((version.analysis?.peaks.max() ?? 0) - 0.501) < 0.01)
        let analysed = try await studio.activity(projectID: home.projectID, limit: 100).filter { $0.verb == .analysed }
        #expect(analysed.count == 1)
        print(
            "producer worker (\(postgres ? "PostgreSQL" : "SQLite")): killed on attempt 1, job done on attempt \(done.attempts) by the second worker"
        )
        await studio.close()
        await queue.close()
    }

    @Test("a worker killed mid-job on a SQLite project: the next worker finishes the job exactly once")
    func killedWorkerSQLite() async throws { try await Self.killedWorker(postgres: false) }

    @Test(
        "a worker killed mid-job on PostgreSQL: the next worker finishes the job exactly once",
        .enabled(
            if: WorkerHome.postgresServer != nil,
            "PRODUCER_TEST_POSTGRES_URL is not set, so there is no PostgreSQL server to test against"))
    func killedWorkerPostgres() async throws { try await Self.killedWorker(postgres: true) }

    @Test(
        "two workers on PostgreSQL share 6 short jobs: each run exactly once",
        .enabled(
            if: WorkerHome.postgresServer != nil,
            "PRODUCER_TEST_POSTGRES_URL is not set, so there is no PostgreSQL server to test against"))
    func twoWorkersShareTheQueue() async throws {
        // Given 6 short analyses queued
        let (home, studio, queue) = try await WorkerHome.make(postgres: true)
        defer { home.remove() }
        var jobs: [String] = []
        for i in 0..<6 {
            jobs.append(
                try await home.queueAnalysis(seconds: 2, name: "take \(i).wav", studio: studio, queue: queue).job)
        }
        // When two workers run until idle
        let workers = try (0..<2).map { _ in try RunningWorker(home.arguments + ["--lease", "5s", "--idle-exit", "3"]) }
        for worker in workers {
            #expect(await worker.waitForExit(seconds: 300), "a worker did not stop: \(worker.text)")
        }
        // Then every job was taken once and finished once, by one of them
        for job in jobs {
            let events = workers.flatMap { $0.events(of: job) }
            #expect(events.sorted() == ["finished", "took"], "job \(job): \(events)")
            let record = try #require(try await queue.job(id: job))
            #expect(record.state == .done && record.attempts == 1)
        }
        let counts = workers.map { worker in jobs.filter { worker.events(of: $0).contains("finished") }.count }
        print("producer worker: two workers on PostgreSQL finished \(counts[0]) and \(counts[1]) of 6 jobs")
        let analysed = try await studio.activity(projectID: home.projectID, limit: 100).filter { $0.verb == .analysed }
        #expect(analysed.count == 6)
        await studio.close()
        await queue.close()
    }

    @Test("bad options are refused in words, with exit status 1")
    func badOptions() async throws {
        let dir = try temporaryDirectory()
        for (arguments, words) in [
            (["--concurrency", "0"], "--concurrency must be between 1 and 64"),
            (["--lease", "soon"], "--lease must be a time from 1s to 1h"),
            (["--lease", "0.5s"], "--lease must be a time from 1s to 1h"),
            (["--idle-exit", "nan"], "--idle-exit must be between 0"),
        ] {
            let r = try await producer(["worker", "--project", dir] + arguments)
            #expect(r.status == 1)
            #expect(r.err.contains(words), "\(arguments): \(r.err)")
        }
        let none = try await producer(["worker", "--project", dir, "--idle-exit", "0"])
        #expect(none.status == 1)
        #expect(none.err.contains("producer worker:"), "\(none.err)")
    }
}
