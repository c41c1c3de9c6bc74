import Foundation
import ProducerOffice
import ProducerStore

/// The ``JobQueue`` kept in a project's database: ProducerStore's ``DatabaseJobQueue`` with each
/// ``QueuedJob`` stored as JSON text under its ``QueuedJob/kind``.
///
/// ```swift
/// let queue = try await StoredJobQueue.open(DatabaseLocation("Album"))
/// let id = try await queue.enqueue(.mix(MixJob(session: "mix.yaml", output: "mix.wav")), projectID: nil, now: Date())
/// ```
public struct StoredJobQueue: JobQueue {
    /// The queue as the database keeps it (kinds and JSON text).
    public let database: DatabaseJobQueue

    public init(_ database: DatabaseJobQueue) { self.database = database }

    /// Opens the queue in the project database at `location`, bringing its schema up to date.
    /// - Throws: ``ProjectStoreError`` when there is no project there or it cannot be reached.
    public static func open(_ location: DatabaseLocation) async throws -> StoredJobQueue {
        StoredJobQueue(try await DatabaseJobQueue.open(location))
    }

    /// Closes the queue's connections.
    public func close() async { await database.close() }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    public func enqueue(_ job: QueuedJob, projectID: String?, now: Date) async throws -> String {
        let payload = String(decoding: try Self.encoder.encode(job), as: UTF8.self)
        return try await database.enqueue(kind: job.kind, payload: payload, projectID: projectID, now: now)
    }

    public func job(id: String) async throws -> JobRecord? {
        guard let stored = try await database.job(id: id) else { return nil }
        return try Self.record(stored, database: database)
    }

    /// Leases the next job. One whose description no longer reads (written by another version of
    /// Producer) is failed with the reason, and the next one is leased instead.
    public func lease(owner: String, duration: TimeInterval, now: Date) async throws -> JobRecord? {
        for _ in 0..<100 {
            guard let stored = try await database.lease(owner: owner, duration: duration, now: now) else { return nil }
            do {
                return try Self.record(stored, database: database)
            } catch let error as ProjectStoreError {
                _ = try await database.fail(id: stored.id, owner: owner, error: error.message, now: now)
            }
        }
        return nil
    }

    public func renew(id: String, owner: String, until: Date) async throws -> Bool {
        try await database.renew(id: id, owner: owner, until: until)
    }

    public func complete(id: String, owner: String, result: String?, now: Date) async throws -> Bool {
        try await database.complete(id: id, owner: owner, result: result, now: now)
    }

    public func fail(id: String, owner: String, error: String, now: Date) async throws -> Bool {
        try await database.fail(id: id, owner: owner, error: error, now: now)
    }

    static func record(_ stored: DatabaseJobQueue.Job, database: DatabaseJobQueue) throws -> JobRecord {
        guard let job = try? JSONDecoder().decode(QueuedJob.self, from: Data(stored.payload.utf8)) else {
            throw ProjectStoreError(
                .corrupt, database: database.location.description,
                "the \(stored.kind) job \(stored.id) has a description this Producer cannot read")
        }
        let state: JobRecord.State =
            switch stored.state {
            case .queued: .queued
            case .running: .running
            case .done: .done
            case .failed: .failed
            }
        return JobRecord(
            id: stored.id, projectID: stored.projectID, job: job, state: state, attempts: stored.attempts,
            leaseOwner: stored.leaseOwner, leaseUntil: stored.leaseUntil, enqueuedAt: stored.enqueuedAt,
            finishedAt: stored.finishedAt, result: stored.result, error: stored.error)
    }
}
