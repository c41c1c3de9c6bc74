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
    /// Callers waiting for a connection, first come first served: a connection given back goes
    /// to the first of them directly, so a caller that just came cannot take it first and
    /// nobody waits behind callers that came after them.
    private var waiting: [CheckedContinuation<Grant, Never>] = []
    private var firstWaiting = 0
    /// SQLite's write connection, when no writer holds it.
    private var idleWriter: DatabaseConnection?
    private var closed = false

    /// What a waiting caller is given.
    private enum Grant {
        /// A connection given back by another caller.
        case connection(DatabaseConnection)
        /// Room to open a new connection (one was lost or could not be opened); already counted.
        case room
        /// The pool closed.
        case closed
    }

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
    /// could block the thread the writer holding the lock needs to commit. The writer whose turn
    /// it is then writes on the pool's own write connection, kept apart from the readers', so it
    /// does not hold every other writer back while it queues behind readers for a connection.
    nonisolated func withWriteConnection<R: Sendable>(_ body: (DatabaseConnection) async throws -> R) async throws -> R
    {
        guard case .sqlite = location else { return try await withConnection(body) }
        await writers.acquire()
        do {
            let connection = try await takeWriter()
            let result: R
            do {
                result = try await body(connection)
            } catch {
                await giveBackWriter(connection)
                throw error
            }
            await giveBackWriter(connection)
            await writers.release()
            return result
        } catch {
            await writers.release()
            throw error
        }
    }

    /// The SQLite write connection, opened the first time; only the writer whose turn it is holds it.
    private func takeWriter() async throws -> DatabaseConnection {
        if closed { throw PoolClosed() }
        if let writer = idleWriter {
            idleWriter = nil
            return writer
        }
        return try await Self.connect(location)
    }

    private func giveBackWriter(_ connection: DatabaseConnection) {
        if closed || idleWriter != nil {
            Task { try? await connection.close() }
        } else {
            idleWriter = connection
        }
    }

    /// This process's SQLite writers of this file (through every pool), one at a time.
    private nonisolated var writers: TurnTaking { TurnTaking.forFile(location.description) }

    /// A pool dropped without ``close()`` still closes its connections (in the background).
    deinit {
        let connections = idle + (idleWriter.map { [$0] } ?? [])
        if !connections.isEmpty {
            // The task holds the connections until they are closed.
            Task { for connection in connections { try? await connection.close() } }
        }
    }

    /// Closes every connection; later calls throw ``PoolClosed``.
    func close() async {
        closed = true
        let connections = idle + (idleWriter.map { [$0] } ?? [])
        openCount -= idle.count
        idle = []
        idleWriter = nil
        while let next = nextWaiting() { next.resume(returning: .closed) }
        for connection in connections { try? await connection.close() }
    }

    private func acquire() async throws -> DatabaseConnection {
        if closed { throw PoolClosed() }
        if let connection = idle.popLast() { return connection }
        if openCount < size {
            openCount += 1
            return try await open()
        }
        switch await withCheckedContinuation({ waiting.append($0) }) {
        case .connection(let connection): return connection
        case .room: return try await open()
        case .closed: throw PoolClosed()
        }
    }

    /// Opens a connection already counted in `openCount`.
    private func open() async throws -> DatabaseConnection {
        do {
            return try await Self.connect(location)
        } catch {
            openCount -= 1
            giveRoom()
            throw error
        }
    }

    private func release(_ connection: DatabaseConnection, lost: Bool) {
        if lost || closed {
            openCount -= 1
            Task { try? await connection.close() }
            giveRoom()
        } else if let next = nextWaiting() {
            next.resume(returning: .connection(connection))
        } else {
            idle.append(connection)
        }
    }

    /// Lets the first waiting caller open a connection, if there is room for one.
    private func giveRoom() {
        guard !closed, openCount < size, let next = nextWaiting() else { return }
        openCount += 1
        next.resume(returning: .room)
    }

    private func nextWaiting() -> CheckedContinuation<Grant, Never>? {
        guard firstWaiting < waiting.count else { return nil }
        let next = waiting[firstWaiting]
        firstWaiting += 1
        if firstWaiting == waiting.count {
            waiting.removeAll(keepingCapacity: true)
            firstWaiting = 0
        } else if firstWaiting >= 64 && firstWaiting * 2 >= waiting.count {
            waiting.removeFirst(firstWaiting)
            firstWaiting = 0
        }
        return next
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
