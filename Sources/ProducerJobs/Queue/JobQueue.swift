import Foundation

/// A queue of ``QueuedJob``s shared by the studio server (which adds jobs) and workers (which
/// lease, run and finish them). ProducerStore's database queue implements it on SQLite and
/// PostgreSQL; ``InMemoryJobQueue`` is the test double.
///
/// A lease is held for a time and renewed while the job runs; a job whose lease ran out (its
/// worker was killed) is leased again. Finishing names the lease owner, and only the owner of
/// the current lease can finish a job, so a job is never completed twice.
public protocol JobQueue: Sendable {
    /// Adds a job; returns its id.
    func enqueue(_ job: QueuedJob, projectID: String?, now: Date) async throws -> String
    /// The job with this id, in whatever state.
    func job(id: String) async throws -> JobRecord?
    /// Leases the oldest job that is queued, or running with an expired lease, to `owner` until
    /// `now + duration`. Nil when there is none.
    func lease(owner: String, duration: TimeInterval, now: Date) async throws -> JobRecord?
    /// Extends `owner`'s lease; false when the lease is no longer theirs.
    func renew(id: String, owner: String, until: Date) async throws -> Bool
    /// Marks the job done with its result (JSON text); false when the lease is no longer `owner`'s.
    func complete(id: String, owner: String, result: String?, now: Date) async throws -> Bool
    /// Marks the job failed with the reason in words; false when the lease is no longer `owner`'s.
    func fail(id: String, owner: String, error: String, now: Date) async throws -> Bool
}

/// One job in the queue with its state.
public struct JobRecord: Sendable, Codable, Equatable, Identifiable {
    public enum State: String, Sendable, Codable, Equatable {
        case queued, running, done, failed
    }

    public var id: String
    public var projectID: String?
    public var job: QueuedJob
    public var state: State
    /// How many times it has been leased.
    public var attempts: Int
    public var leaseOwner: String?
    public var leaseUntil: Date?
    public var enqueuedAt: Date
    public var finishedAt: Date?
    public var result: String?
    public var error: String?

    public init(
        id: String, projectID: String?, job: QueuedJob, state: State, attempts: Int, leaseOwner: String?,
        leaseUntil: Date?, enqueuedAt: Date, finishedAt: Date?, result: String?, error: String?
    ) {
        self.id = id
        self.projectID = projectID
        self.job = job
        self.state = state
        self.attempts = attempts
        self.leaseOwner = leaseOwner
        self.leaseUntil = leaseUntil
        self.enqueuedAt = enqueuedAt
        self.finishedAt = finishedAt
        self.result = result
        self.error = error
    }
}
