import Foundation
import PostgresKit
import ProducerOffice
import ProducerStore
import Testing

/// A fresh place for one test's project, SQLite or PostgreSQL, removed by ``remove()``.
struct TestDatabase: Sendable {
    enum Kind: Sendable { case sqlite, postgres }

    /// The server the PostgreSQL tests use, from `PRODUCER_TEST_POSTGRES_URL`; nil skips them.
    static let postgresURL: String? = {
        let value = ProcessInfo.processInfo.environment["PRODUCER_TEST_POSTGRES_URL"] ?? ""
        return value.isEmpty ? nil : value
    }()

    let kind: Kind
    /// The project's location: a SQLite file in a temporary folder, or the server URL with a
    /// schema of its own.
    let location: DatabaseLocation
    /// The temporary folder (SQLite) or the schema (PostgreSQL).
    let place: String

    static func make(_ kind: Kind) async throws -> TestDatabase {
        let name = "producer_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        switch kind {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(String(name)).path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            return TestDatabase(kind: kind, location: .projectFolder(folder), place: folder)
        case .postgres:
            let url = try #require(postgresURL)
            let separator = url.contains("?") ? "&" : "?"
            return TestDatabase(
                kind: kind, location: .postgres(url: url + separator + "schema=" + name), place: String(name))
        }
    }

    /// The SQLite file's path (SQLite only).
    var path: String {
        guard case .sqlite(let path) = location else { return "" }
        return path
    }

    func remove() async {
        switch kind {
        case .sqlite:
            try? FileManager.default.removeItem(atPath: place)
        case .postgres:
            guard let url = Self.postgresURL, let configuration = try? SQLPostgresConfiguration(url: url),
                let connection = try? await PostgresConnection.connect(
                    configuration: configuration.coreConfiguration, id: 0, logger: Logger(label: "producer.store.tests")
                )
            else { return }
            try? await connection.sql().raw("DROP SCHEMA IF EXISTS \(ident: place) CASCADE").run()
            try? await connection.close()
        }
    }

    /// Runs `body` with a fresh database and removes it afterwards, whether `body` threw or not.
    static func with(_ kind: Kind, _ body: (TestDatabase) async throws -> Void) async throws {
        let database = try await make(kind)
        do {
            try await body(database)
        } catch {
            await database.remove()
            throw error
        }
        await database.remove()
    }
}

/// Runs `producer-store-stress`, the writer built beside the test binary, as a separate process.
enum StressWriter {
    /// The helper's path: beside this test binary (`swift test` builds both into one folder).
    static var executable: String {
        get throws {
            if let path = ProcessInfo.processInfo.environment["PRODUCER_STORE_STRESS"] { return path }
            // Linux: the test binary itself. macOS: the PackageTests.xctest bundle, whose folder
            // holds the helper too.
            let starts =
                [URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()]
                + Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
            for start in starts {
                var folder = start.deletingLastPathComponent()
                while folder.path != "/" && !folder.path.isEmpty {
                    let candidate = folder.appendingPathComponent("producer-store-stress").path
                    if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
                    folder = folder.deletingLastPathComponent()
                }
            }
            throw StressError(
                message: "producer-store-stress is not built beside the tests; run them with `swift test`")
        }
    }

    struct StressError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Starts the helper with `arguments`, its output going to the returned pipe; `input`, if
    /// given, is its standard input.
    static func start(
        _ arguments: [String], input: Pipe? = nil
    ) throws -> (process: Process, output: Pipe, errors: Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        if let input { process.standardInput = input }
        try process.run()
        return (process, output, errors)
    }

    /// Collects what a helper prints while it runs.
    final class Output: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()

        init(_ pipe: Pipe) {
            pipe.fileHandleForReading.readabilityHandler = { [self] handle in
                let chunk = handle.availableData
                lock.withLock { data.append(chunk) }
            }
        }

        var lines: [String] {
            lock.withLock { String(decoding: data, as: UTF8.self) }.split(separator: "\n").map(String.init)
        }

        /// Waits until a line satisfies `isWanted`, or `timeout` passes; true when one did.
        func wait(for timeout: Duration, until isWanted: (String) -> Bool) async -> Bool {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if lines.contains(where: isWanted) { return true }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return false
        }
    }

    /// Waits for `process` to end without blocking a thread of the test's pool for long.
    static func wait(_ process: Process) async {
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        process.waitUntilExit()
    }
}
