import Foundation
import ProducerOffice

/// A job queue in memory: the test double for ``JobQueue``, with the same lease rules.
public actor InMemoryJobQueue: JobQueue {
    private var records: [JobRecord] = []

    public init() {}

    /// Every job, oldest first.
    public var all: [JobRecord] { records }

    public func enqueue(_ job: QueuedJob, projectID: String?, now: Date) async throws -> String {
        let id = Identifier.secret()
        records.append(
            JobRecord(
                id: id, projectID: projectID, job: job, state: .queued, attempts: 0, leaseOwner: nil,
                leaseUntil: nil, enqueuedAt: now, finishedAt: nil, result: nil, error: nil))
        return id
    }

    public func job(id: String) async throws -> JobRecord? { records.first { $0.id == id } }

    public func lease(owner: String, duration: TimeInterval, now: Date) async throws -> JobRecord? {
        guard
            let index = records.firstIndex(where: {
                $0.state == .queued || ($0.state == .running && ($0.leaseUntil ?? now) <= now)
            })
        else { return nil }
        records[index].state = .running
        records[index].leaseOwner = owner
        records[index].leaseUntil = now.addingTimeInterval(duration)
        records[index].attempts += 1
        return records[index]
    }

    public func renew(id: String, owner: String, until: Date) async throws -> Bool {
        guard let index = ownedIndex(id: id, owner: owner) else { return false }
        records[index].leaseUntil = until
        return true
    }

    public func complete(id: String, owner: String, result: String?, now: Date) async throws -> Bool {
        guard let index = ownedIndex(id: id, owner: owner) else { return false }
        records[index].state = .done
        records[index].result = result
        records[index].finishedAt = now
        return true
    }

    public func fail(id: String, owner: String, error: String, now: Date) async throws -> Bool {
        guard let index = ownedIndex(id: id, owner: owner) else { return false }
        records[index].state = .failed
        records[index].error = error
        records[index].finishedAt = now
        return true
    }

    private func ownedIndex(id: String, owner: String) -> Int? {
        records.firstIndex { $0.id == id && $0.state == .running && $0.leaseOwner == owner }
    }
}
