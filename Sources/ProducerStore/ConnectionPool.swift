import Foundation
import PostgresKit
import ProducerOffice
import SQLKit
import SQLiteKit

/// A few connections to one database, shared by callers running at once (a web server's
/// requests, a worker's jobs): each call borrows one connection, and waits its turn when all are
/// busy.
///
/// A connection that fails as if it were lost (the server restarted, or ended it) is dropped
/// instead of being given back; the next call opens a fresh one. So a PostgreSQL restart fails
/// the calls that were under way and nothing after it.
actor ConnectionPool {
    /// The database (a SQLite file, not a folder; or a PostgreSQL URL).
    let location: DatabaseLocation
    /// The most connections open at once.
    let size: Int
    private var idle: [DatabaseConnection] = []
    private var openCount = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var closed = false

    init(location: DatabaseLocation, size: Int) {
        self.location = location
        self.size = max(1, size)
    }

    /// Runs `body` on a connection of the pool. The connection goes back to the pool afterwards,
    /// unless `body` threw an error that says the connection is lost.
    nonisolated func withConnection<R: Sendable>(_ body: (DatabaseConnection) async throws -> R) async throws -> R {
        let connection = try await acquire()
        do {
            let result = try await body(connection)
            await release(connection, lost: false)
            return result
        } catch {
            await release(connection, lost: Self.isConnectionLoss(error))
            throw error
        }
    }

    /// Runs `body` on a connection of the pool as ``withConnection(_:)`` does, for a write
    /// transaction. On SQLite, this process's writers take turns here first: a writer waiting in
    /// SQLite's busy handler blocks a thread of the few SQLite runs on, and several of them
    /// could block the thread the writer holding the lock needs to commit.
    nonisolated func withWriteConnection<R: Sendable>(_ body: (DatabaseConnection) async throws -> R) async throws -> R
    {
        guard case .sqlite = location else { return try await withConnection(body) }
        await writers.acquire()
        do {
            let result = try await withConnection(body)
            await writers.release()
            return result
        } catch {
            await writers.release()
            throw error
        }
    }

    /// This process's SQLite writers of this file (through every pool), one at a time.
    private nonisolated var writers: TurnTaking { TurnTaking.forFile(location.description) }

    /// A pool dropped without ``close()`` still closes its connections (in the background).
    deinit {
        let connections = idle
        if !connections.isEmpty {
            // The task holds the connections until they are closed.
            Task { for connection in connections { try? await connection.close() } }
        }
    }

    /// Closes every connection; later calls throw ``PoolClosed``.
    func close() async {
        closed = true
        let connections = idle
        idle = []
        openCount -= connections.count
        for connection in connections { try? await connection.close() }
        while !waiting.isEmpty { waiting.removeFirst().resume() }
    }

    private func acquire() async throws -> DatabaseConnection {
        while true {
            if closed { throw PoolClosed() }
            if let connection = idle.popLast() { return connection }
            if openCount < size {
                openCount += 1
                do {
                    return try await Self.connect(location)
                } catch {
                    openCount -= 1
                    wakeOne()
                    throw error
                }
            }
            await withCheckedContinuation { waiting.append($0) }
        }
    }

    private func release(_ connection: DatabaseConnection, lost: Bool) {
        if lost || closed {
            openCount -= 1
            Task { try? await connection.close() }
        } else {
            idle.append(connection)
        }
        wakeOne()
    }

    private func wakeOne() {
        if !waiting.isEmpty { waiting.removeFirst().resume() }
    }

    private static func connect(_ location: DatabaseLocation) async throws -> DatabaseConnection {
        switch location {
        case .sqlite(let path): return try await DatabaseConnection.sqlite(path: path, create: false)
        case .postgres(let url): return try await DatabaseConnection.postgres(url: url, create: false)
        }
    }

    /// Whether `error` says the connection itself is gone (rather than a statement refused):
    /// PostgreSQL's connection errors and its "connection exception" (08…) and "operator
    /// intervention" (57…: shut down, terminated) states. SQLite's errors never are: its file stays.
    static func isConnectionLoss(_ error: any Error) -> Bool {
        switch error {
        case is SQLiteError, is ProjectStoreError, is StudioStoreError, is StoredValueError, is DecodingError,
            is EncodingError, is PoolClosed, is CancellationError:
            return false
        case let error as PSQLError:
            guard let state = error.serverInfo?[.sqlState] else { return true }
            return state.hasPrefix("08") || state.hasPrefix("57")
        default:
            // The transport's own errors (a closed channel, a reset connection).
            return true
        }
    }

    /// Whether `error` is a unique or primary key violation.
    static func isDuplicate(_ error: any Error) -> Bool {
        if let error = error as? SQLiteError {
            return error.reason == .constraint && error.message.contains("UNIQUE")
                || error.reason == .constraintUniqueFailed || error.reason == .constraintPrimaryKeyFailed
        }
        if let error = error as? PSQLError { return error.serverInfo?[.sqlState] == "23505" }
        return false
    }
}

/// The pool was closed.
struct PoolClosed: Error {}

/// Callers taking turns: one at a time, in the order they came, waiting without blocking a thread.
actor TurnTaking {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var byFile: [String: TurnTaking] = [:]

    /// The turns of the writers of the SQLite file at `path`.
    static func forFile(_ path: String) -> TurnTaking {
        lock.withLock {
            if let turns = byFile[path] { return turns }
            let turns = TurnTaking()
            byFile[path] = turns
            return turns
        }
    }

    private var isTaken = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if !isTaken {
            isTaken = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            isTaken = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}

extension ConnectionPool {
    /// A pool on the project database at `location`, opened once through ``ProjectDatabase`` so
    /// the schema is brought up to date and a place with no project is refused; returns the
    /// resolved location with it. At most `connections` (1 to 32) are open at once.
    static func project(
        _ location: DatabaseLocation, connections: Int
    ) async throws -> (DatabaseLocation, ConnectionPool) {
        let project = try await ProjectDatabase.open(location)
        let resolved = project.location
        try await project.close()
        let pool = ConnectionPool(location: resolved, size: min(max(connections, 1), 32))
        do {
            try await pool.withConnection { _ in }
        } catch {
            await pool.close()
            throw error
        }
        return (resolved, pool)
    }
}
