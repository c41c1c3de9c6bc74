import Foundation
import ProducerOffice
import SQLKit

/// The job queue kept in a project's database (the `job_queue` table), SQLite or PostgreSQL:
/// each job a kind and a description as text, leased to one worker at a time.
///
/// A lease gives the oldest job that is queued, or running with a lease that ran out (its worker
/// was killed), to a worker until a time it renews while it works; every lease counts an attempt.
/// A job whose lease ran out after ``maxAttempts`` attempts is marked failed instead. Only the
/// worker holding the current lease can renew, complete or fail a job.
///
/// On PostgreSQL the lease's transaction picks the job with `FOR UPDATE SKIP LOCKED`, so workers
/// on many machines take different jobs without waiting for each other; on SQLite it runs under
/// `BEGIN IMMEDIATE` (workers on one machine).
public final class DatabaseJobQueue: Sendable {
    /// Leases of a job before it is given up.
    public static let maxAttempts = 3

    /// Where the database is (a project folder resolved to its SQLite file).
    public let location: DatabaseLocation
    let pool: ConnectionPool

    private init(location: DatabaseLocation, pool: ConnectionPool) {
        self.location = location
        self.pool = pool
    }

    /// Opens the queue in the project database at `location`, bringing its schema up to date.
    /// - Throws: ``ProjectStoreError`` as ``ProjectDatabase/open(_:lockWaitNotice:)`` does.
    public static func open(_ location: DatabaseLocation, connections: Int = 4) async throws -> DatabaseJobQueue {
        let (resolved, pool) = try await ConnectionPool.project(location, connections: connections)
        return DatabaseJobQueue(location: resolved, pool: pool)
    }

    /// Closes the connections.
    public func close() async { await pool.close() }

    /// One job as the queue keeps it.
    public struct Job: Sendable, Hashable {
        public enum State: String, Sendable, Hashable { case queued, running, done, failed }

        public var id: String
        public var projectID: String?
        public var kind: String
        /// The job's description (JSON text).
        public var payload: String
        public var state: State
        public var attempts: Int
        public var maxAttempts: Int
        public var leaseOwner: String?
        public var leaseUntil: Date?
        public var enqueuedAt: Date
        /// When the current (or last) lease began.
        public var startedAt: Date?
        public var finishedAt: Date?
        /// What the job made (JSON text), once done.
        public var result: String?
        /// Why it failed, in words.
        public var error: String?
    }

    static let columns = """
        id, project_id, kind, payload, state, attempts, max_attempts, lease_owner, lease_until, enqueued_at, \
        started_at, finished_at, result, error
        """

    static func job(_ found: any SQLRow) throws -> Job {
        let row = StoredRow(row: found, table: "job_queue")
        return Job(
            id: try row.text("id"), projectID: try row.optionalText("project_id"), kind: try row.text("kind"),
            payload: try row.text("payload"), state: try row.value("state", as: Job.State.self),
            attempts: try row.int("attempts"), maxAttempts: try row.int("max_attempts"),
            leaseOwner: try row.optionalText("lease_owner"), leaseUntil: try row.optionalDate("lease_until"),
            enqueuedAt: try row.date("enqueued_at"), startedAt: try row.optionalDate("started_at"),
            finishedAt: try row.optionalDate("finished_at"), result: try row.optionalText("result"),
            error: try row.optionalText("error"))
    }

    /// The reason a job is given up with when its lease ran out ``maxAttempts`` times.
    static func gaveUp(after attempts: Int) -> String {
        "gave up after \(attempts) attempts: its worker stopped each time"
    }

    /// Adds a job; returns its id (128 random bits).
    public func enqueue(
        kind: String, payload: String, projectID: String?, now: Date, maxAttempts: Int = DatabaseJobQueue.maxAttempts
    ) async throws -> String {
        let id = Identifier.secret()
        try await transaction("adding a job", write: true) { connection in
            try await connection.sql.raw(
                """
                INSERT INTO job_queue (\(unsafeRaw: Self.columns)) VALUES (\(bind: id), \(bind: projectID), \
                \(bind: kind), \(bind: payload), 'queued', 0, \(bind: max(1, maxAttempts)), NULL, NULL, \
                \(bind: ColumnCoding.text(now)), NULL, NULL, NULL, NULL)
                """
            ).run()
        }
        return id
    }

    /// The job with this id, in whatever state.
    public func job(id: String) async throws -> Job? {
        try await transaction("reading a job", write: false) { connection in
            try await connection.sql.raw("SELECT \(unsafeRaw: Self.columns) FROM job_queue WHERE id = \(bind: id)")
                .first().map(Self.job)
        }
    }

    /// Every job, oldest first.
    public func jobs() async throws -> [Job] {
        try await transaction("listing the jobs", write: false) { connection in
            try await connection.sql.raw(
                "SELECT \(unsafeRaw: Self.columns) FROM job_queue ORDER BY enqueued_at, id"
            ).all().map(Self.job)
        }
    }

    /// Leases the oldest job that is queued, or running with a lease that ran out by `now`, to
    /// `owner` until `now + duration`, counting an attempt. A job whose lease ran out with no
    /// attempt left is marked failed on the way. Nil when there is nothing to do.
    public func lease(owner: String, duration: TimeInterval, now: Date) async throws -> Job? {
        let nowText = ColumnCoding.text(now)
        let until = ColumnCoding.text(now.addingTimeInterval(max(0.001, duration)))
        return try await transaction("leasing a job", write: true) { connection in
            let skipLocked = connection.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
            // Each pass either leases a job or gives one up, so the loop ends; the bound is a
            // guard against a clock that moves backwards between statements.
            for _ in 0..<1_000 {
                guard
                    let found = try await connection.sql.raw(
                        """
                        SELECT \(unsafeRaw: Self.columns) FROM job_queue \
                        WHERE state = 'queued' OR (state = 'running' AND lease_until <= \(bind: nowText)) \
                        ORDER BY enqueued_at, id LIMIT 1\(unsafeRaw: skipLocked)
                        """
                    ).first()
                else { return nil }
                var job = try Self.job(found)
                if job.state == .running && job.attempts >= job.maxAttempts {
                    try await connection.sql.raw(
                        """
                        UPDATE job_queue SET state = 'failed', finished_at = \(bind: nowText), \
                        error = \(bind: Self.gaveUp(after: job.attempts)), lease_until = NULL WHERE id = \(bind: job.id)
                        """
                    ).run()
                    continue
                }
                try await connection.sql.raw(
                    """
                    UPDATE job_queue SET state = 'running', attempts = attempts + 1, lease_owner = \(bind: owner), \
                    lease_until = \(bind: until), started_at = \(bind: nowText) WHERE id = \(bind: job.id)
                    """
                ).run()
                job.state = .running
                job.attempts += 1
                job.leaseOwner = owner
                job.leaseUntil = try ColumnCoding.date(until, column: "job_queue.lease_until") as Date
                job.startedAt = try ColumnCoding.date(nowText, column: "job_queue.started_at") as Date
                return job
            }
            return nil
        }
    }

    /// Extends `owner`'s lease to `until`; false when the job is no longer running under their lease.
    public func renew(id: String, owner: String, until: Date) async throws -> Bool {
        try await changeOwned(
            "renewing a lease", id: id, owner: owner, set: "lease_until = \(bind: ColumnCoding.text(until))")
    }

    /// Marks the job done with `result`; false when the job is no longer running under `owner`'s lease.
    public func complete(id: String, owner: String, result: String?, now: Date) async throws -> Bool {
        try await changeOwned(
            "completing a job", id: id, owner: owner,
            set: "state = 'done', result = \(bind: result), finished_at = \(bind: ColumnCoding.text(now))")
    }

    /// Marks the job failed with `error` (in words); false when the job is no longer running under
    /// `owner`'s lease.
    public func fail(id: String, owner: String, error: String, now: Date) async throws -> Bool {
        try await changeOwned(
            "failing a job", id: id, owner: owner,
            set: "state = 'failed', error = \(bind: error), finished_at = \(bind: ColumnCoding.text(now))")
    }

    private func changeOwned(_ doing: String, id: String, owner: String, set: SQLQueryString) async throws -> Bool {
        try await transaction(doing, write: true) { connection in
            try await connection.sql.raw(
                """
                UPDATE job_queue SET \(set) WHERE id = \(bind: id) AND state = 'running' \
                AND lease_owner = \(bind: owner) RETURNING id
                """
            ).first() != nil
        }
    }

    private func transaction<R: Sendable>(
        _ doing: String, write: Bool, _ body: (DatabaseConnection) async throws -> R
    ) async throws -> R {
        do {
            if write {
                return try await pool.withWriteConnection { connection in
                    try await connection.writeTransaction { try await body(connection) }
                }
            }
            return try await pool.withConnection { connection in
                try await connection.readTransaction { try await body(connection) }
            }
        } catch let error as ProjectStoreError {
            throw error
        } catch let error as StoredValueError {
            throw ProjectStoreError(.corrupt, database: location.description, error.description)
        } catch is PoolClosed {
            throw ProjectStoreError(.closed, database: location.description, "the job queue was closed")
        } catch {
            if ConnectionPool.isConnectionLoss(error) {
                throw ProjectStoreError(
                    .databaseFailed, database: location.description,
                    "the connection was lost while \(doing); the next call connects again")
            }
            throw ProjectStoreError(
                .databaseFailed, database: location.description,
                "\(doing) failed (\(DatabaseConnection.reason(error)))")
        }
    }
}
