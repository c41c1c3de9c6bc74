import Foundation
import ProducerOffice
import ProducerStore
import Testing

/// What the job queue must do, on SQLite and PostgreSQL alike.
enum QueueScenarios {
    static let t0 = Date(timeIntervalSince1970: 1_804_000_000.5)

    static func with(
        _ kind: TestDatabase.Kind, _ body: (DatabaseJobQueue, TestDatabase) async throws -> Void
    )
        async throws
    {
        try await TestDatabase.with(kind) { database in
            try await ProjectDatabase.create(database.location, settings: TestProject.settings).close()
            let queue = try await DatabaseJobQueue.open(database.location)
            do {
                try await body(queue, database)
            } catch {
                await queue.close()
                throw error
            }
            await queue.close()
        }
    }

    static func leases(_ kind: TestDatabase.Kind) async throws {
        try await with(kind) { queue, _ in
            // Given two jobs, the second enqueued a second later
            let first = try await queue.enqueue(kind: "mix", payload: #"{"a":1}"#, projectID: "p1", now: t0)
            let second = try await queue.enqueue(kind: "master", payload: "{}", projectID: nil, now: t0 + 1)
            // When two workers lease for 10 s
            let a = try #require(try await queue.lease(owner: "A", duration: 10, now: t0 + 2))
            let b = try #require(try await queue.lease(owner: "B", duration: 10, now: t0 + 2))
            // Then the oldest goes first, each to one worker, with its first attempt
            #expect(a.id == first && a.kind == "mix" && a.payload == #"{"a":1}"# && a.projectID == "p1")
            #expect(b.id == second && b.projectID == nil)
            #expect(a.attempts == 1 && a.state == .running && a.leaseOwner == "A" && a.leaseUntil == t0 + 12)
            #expect(try await queue.lease(owner: "C", duration: 10, now: t0 + 3) == nil)
            // And only the owner renews and completes; a second completion is refused
            #expect(try await queue.renew(id: first, owner: "B", until: t0 + 40) == false)
            #expect(try await queue.renew(id: first, owner: "A", until: t0 + 40))
            #expect(try await queue.complete(id: first, owner: "B", result: "{}", now: t0 + 5) == false)
            #expect(try await queue.complete(id: first, owner: "A", result: #"{"lufs":-14}"#, now: t0 + 5))
            #expect(try await queue.complete(id: first, owner: "A", result: "{}", now: t0 + 6) == false)
            #expect(try await queue.fail(id: second, owner: "B", error: "the session has no tracks", now: t0 + 7))
            let done = try #require(try await queue.job(id: first))
            #expect(done.state == .done && done.result == #"{"lufs":-14}"# && done.finishedAt == t0 + 5)
            let failed = try #require(try await queue.job(id: second))
            #expect(failed.state == .failed && failed.error == "the session has no tracks")
            #expect(try await queue.jobs().map(\.id) == [first, second])
            // And nothing is left to lease
            #expect(try await queue.lease(owner: "C", duration: 10, now: t0 + 100) == nil)
        }
    }

    static func takeover(_ kind: TestDatabase.Kind) async throws {
        try await with(kind) { queue, _ in
            // Given a job leased by A for 10 s, whose worker then stops renewing
            let id = try await queue.enqueue(kind: "analysis", payload: "{}", projectID: "p1", now: t0)
            _ = try #require(try await queue.lease(owner: "A", duration: 10, now: t0))
            // Then nobody takes it before the lease runs out
            #expect(try await queue.lease(owner: "B", duration: 10, now: t0 + 9.999) == nil)
            // When it has run out, B takes it over, with the second attempt
            let taken = try #require(try await queue.lease(owner: "B", duration: 10, now: t0 + 10))
            #expect(taken.id == id && taken.attempts == 2 && taken.leaseOwner == "B")
            // Then A, back late, can neither renew nor complete nor fail it
            #expect(try await queue.renew(id: id, owner: "A", until: t0 + 30) == false)
            #expect(try await queue.complete(id: id, owner: "A", result: "{}", now: t0 + 11) == false)
            #expect(try await queue.fail(id: id, owner: "A", error: "late", now: t0 + 11) == false)
            // And B completes it, once
            #expect(try await queue.complete(id: id, owner: "B", result: "{}", now: t0 + 12))
            let job = try #require(try await queue.job(id: id))
            #expect(job.state == .done && job.attempts == 2 && job.leaseOwner == "B" && job.error == nil)
        }
    }

    static func givesUp(_ kind: TestDatabase.Kind) async throws {
        try await with(kind) { queue, _ in
            // Given a job whose worker stops three times, and a later job
            let id = try await queue.enqueue(kind: "produce", payload: "{}", projectID: nil, now: t0)
            let later = try await queue.enqueue(kind: "mix", payload: "{}", projectID: nil, now: t0 + 1)
            for attempt in 1...3 {
                let leased = try #require(
                    try await queue.lease(owner: "W\(attempt)", duration: 10, now: t0 + Double(attempt - 1) * 10))
                #expect(leased.id == id && leased.attempts == attempt)
                if attempt == 1 {
                    // the later job is taken (and finished) meanwhile
                    let other = try #require(try await queue.lease(owner: "X", duration: 10, now: t0 + 1))
                    #expect(other.id == later)
                    #expect(try await queue.complete(id: later, owner: "X", result: nil, now: t0 + 2))
                }
            }
            // When its third lease runs out, it is not leased a fourth time
            #expect(try await queue.lease(owner: "W4", duration: 10, now: t0 + 30) == nil)
            // Then it is failed, saying why
            let job = try #require(try await queue.job(id: id))
            #expect(job.state == .failed && job.attempts == 3)
            #expect(job.error == "gave up after 3 attempts: its worker stopped each time")
            #expect(job.finishedAt == t0 + 30)
        }
    }
}

@Suite("DatabaseJobQueue on SQLite")
struct SQLiteJobQueueTests {
    @Test("the oldest job first, one worker each; only the lease owner renews and finishes")
    func leases() async throws { try await QueueScenarios.leases(.sqlite) }

    @Test("a job whose lease ran out is taken over; its first owner cannot complete it")
    func takeover() async throws { try await QueueScenarios.takeover(.sqlite) }

    @Test("after 3 attempts whose leases ran out, a job is failed with the reason")
    func givesUp() async throws { try await QueueScenarios.givesUp(.sqlite) }
}

@Suite(
    "DatabaseJobQueue on PostgreSQL",
    .enabled(
        if: TestDatabase.postgresURL != nil,
        "PRODUCER_TEST_POSTGRES_URL is not set, so there is no PostgreSQL server to test against"))
struct PostgresJobQueueTests {
    @Test("the oldest job first, one worker each; only the lease owner renews and finishes")
    func leases() async throws { try await QueueScenarios.leases(.postgres) }

    @Test("a job whose lease ran out is taken over; its first owner cannot complete it")
    func takeover() async throws { try await QueueScenarios.takeover(.postgres) }

    @Test("after 3 attempts whose leases ran out, a job is failed with the reason")
    func givesUp() async throws { try await QueueScenarios.givesUp(.postgres) }

    @Test("two queues on separate connections leasing 40 jobs at once take each exactly once (SKIP LOCKED)")
    func skipLocked() async throws {
        try await QueueScenarios.with(.postgres) { queue, database in
            // Given 40 jobs, and a second queue opened on the same database
            var ids: [String] = []
            for i in 0..<40 {
                ids.append(
                    try await queue.enqueue(
                        kind: "mix", payload: "{}", projectID: nil, now: QueueScenarios.t0 + Double(i)))
            }
            let other = try await DatabaseJobQueue.open(database.location)
            // When 8 workers, 4 on each queue, lease and complete until nothing is left
            let now = QueueScenarios.t0 + 100
            let taken = try await withThrowingTaskGroup(of: [String].self) { group in
                for worker in 0..<8 {
                    let mine = worker % 2 == 0 ? queue : other
                    group.addTask {
                        var got: [String] = []
                        while let job = try await mine.lease(owner: "W\(worker)", duration: 60, now: now) {
                            got.append(job.id)
                            #expect(try await mine.complete(id: job.id, owner: "W\(worker)", result: nil, now: now))
                        }
                        return got
                    }
                }
                return try await group.reduce(into: [String]()) { $0 += $1 }
            }
            await other.close()
            // Then every job was taken once, and is done after one attempt
            #expect(taken.sorted() == ids.sorted())
            let jobs = try await queue.jobs()
            #expect(jobs.allSatisfy { $0.state == .done && $0.attempts == 1 })
        }
    }
}
