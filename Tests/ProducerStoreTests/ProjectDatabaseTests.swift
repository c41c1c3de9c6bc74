import Foundation
import ProducerOffice
import ProducerStore
import Testing

/// The store on SQLite, the default: a `project.sqlite` in a temporary project folder.
@Suite("ProjectDatabase on SQLite")
struct SQLiteProjectDatabaseTests {
    @Test("a rich project round-trips, every field")
    func roundTrip() async throws { try await StoreScenarios.roundTrip(.sqlite) }

    @Test("a change that throws or cannot be stored writes nothing")
    func failedChange() async throws { try await StoreScenarios.failedChangeWritesNothing(.sqlite) }

    @Test("migrations are applied once and recorded")
    func migrations() async throws { try await StoreScenarios.migrationsAppliedOnceAndRecorded(.sqlite) }

    @Test("create refuses to overwrite a project")
    func createTwice() async throws { try await StoreScenarios.createRefusesAnExistingProject(.sqlite) }

    @Test("two processes editing one project never lose an update")
    func concurrentWriters() async throws {
        try await StoreScenarios.concurrentProcessesLoseNoUpdate(.sqlite, processes: 8, updates: 50)
    }

    @Test("a process killed mid-write leaves the project readable and consistent")
    func killedWriter() async throws { try await StoreScenarios.killedWriterLeavesProjectConsistent(.sqlite, kills: 8) }

    @Test("a writer waiting for another's lock says so after a second")
    func waitingWriter() async throws { try await StoreScenarios.waitingWriterSaysSo(.sqlite) }
}

/// The same tests against a real PostgreSQL server, each in a schema of its own.
@Suite(
    "ProjectDatabase on PostgreSQL",
    // Needs a server: set PRODUCER_TEST_POSTGRES_URL (e.g.
    // postgres://producer:producer@127.0.0.1:5432/producer_test?sslmode=disable); .ci/run does.
    .enabled(
        if: TestDatabase.postgresURL != nil,
        "PRODUCER_TEST_POSTGRES_URL is not set, so there is no PostgreSQL server to test against"))
struct PostgresProjectDatabaseTests {
    @Test("a rich project round-trips, every field")
    func roundTrip() async throws { try await StoreScenarios.roundTrip(.postgres) }

    @Test("a change that throws or cannot be stored writes nothing")
    func failedChange() async throws { try await StoreScenarios.failedChangeWritesNothing(.postgres) }

    @Test("migrations are applied once and recorded")
    func migrations() async throws { try await StoreScenarios.migrationsAppliedOnceAndRecorded(.postgres) }

    @Test("create refuses to overwrite a project")
    func createTwice() async throws { try await StoreScenarios.createRefusesAnExistingProject(.postgres) }

    @Test("two processes editing one project never lose an update")
    func concurrentWriters() async throws {
        try await StoreScenarios.concurrentProcessesLoseNoUpdate(.postgres, processes: 8, updates: 50)
    }

    @Test("a process killed mid-write leaves the project readable and consistent")
    func killedWriter() async throws {
        try await StoreScenarios.killedWriterLeavesProjectConsistent(.postgres, kills: 8)
    }

    @Test("a writer waiting for another's lock says so after a second")
    func waitingWriter() async throws { try await StoreScenarios.waitingWriterSaysSo(.postgres) }
}
