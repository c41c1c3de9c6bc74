import Foundation
import ProducerOffice
import ProducerStore
import SQLiteKit
import Testing

@Suite("ProjectDatabase upgrades a project saved by an older Producer")
struct SchemaUpgradeTests {
    @Test("a project at schema 1 gets bookings.listed_sequence and schema 3, its bookings never listed")
    func fromSchemaOne() async throws {
        try await TestDatabase.with(.sqlite) { database in
            // Given a project with bookings, taken back to schema 1 (no listed_sequence)
            let project = try await ProjectDatabase.create(database.location, settings: TestProject.settings)
            try await project.update { snapshot in
                let rich = TestProject.rich
                (snapshot.songs, snapshot.people, snapshot.studios, snapshot.sessions, snapshot.bookings) =
                    (rich.songs, rich.people, rich.studios, rich.sessions, rich.bookings)
            }
            try await project.close()
            let connection = try await SQLiteConnection.open(storage: .file(path: database.path))
            try await connection.sql().raw("ALTER TABLE bookings DROP COLUMN listed_sequence").run()
            try await connection.sql().raw("DELETE FROM schema_migrations WHERE version = 2").run()
            try await Self.undoSchemaThree(connection)
            try await connection.close()
            // When it is opened
            let reopened = try await ProjectDatabase.open(database.location)
            // Then migration 2 is applied and recorded, and the bookings read as never listed
            #expect(
                try await reopened.appliedMigrations().map(\.version) == Array(1...ProjectDatabase.latestSchemaVersion))
            let read = try await reopened.snapshot()
            #expect(read.bookings.map(\.id) == ["b-1", "b-2"])
            #expect(read.bookings.allSatisfy { $0.listedSequence == nil })
            // and what schema 3 added reads as not yet said
            #expect(read.songs.allSatisfy { $0.ratings == Song.Ratings() && $0.isrc == nil && $0.energy == nil })
            #expect(read.people.allSatisfy { $0.styles.isEmpty })
            #expect(read.budget.isEmpty && read.offers.isEmpty && read.tasks.isEmpty && read.tracklist == nil)
            #expect(read.settings.planStart == nil && read.scaleRates == nil)
            try await reopened.close()
        }
    }

    @Test("a project at schema 2 gets the budget, offers, tasks and tracklist, keeping its records")
    func fromSchemaTwo() async throws {
        try await TestDatabase.with(.sqlite) { database in
            // Given a project at schema 2
            let project = try await ProjectDatabase.create(database.location, settings: TestProject.settings)
            try await project.update { snapshot in
                let rich = TestProject.rich
                (snapshot.songs, snapshot.people, snapshot.studios, snapshot.sessions, snapshot.bookings) =
                    (rich.songs, rich.people, rich.studios, rich.sessions, rich.bookings)
            }
            try await project.close()
            let connection = try await SQLiteConnection.open(storage: .file(path: database.path))
            try await Self.undoSchemaThree(connection)
            try await connection.close()
            // When it is opened and given a budget line
            let reopened = try await ProjectDatabase.open(database.location)
            #expect(
                try await reopened.appliedMigrations().map(\.version) == Array(1...ProjectDatabase.latestSchemaVersion))
            try await reopened.update { snapshot in
                snapshot.budget = [
                    BudgetLine(id: "l-1", category: .artwork, planned: Money(minorUnits: 50_000, currency: "EUR"))
                ]
            }
            // Then its records are kept, and the new one reads back
            let read = try await reopened.snapshot()
            #expect(read.bookings.map(\.listedSequence) == [2, nil])
            #expect(read.songs.map(\.id) == ["song-1", "song-2"])
            #expect(read.budget.map(\.planned.minorUnits) == [50_000])
            try await reopened.close()
        }
    }

    /// Takes a SQLite project back from schema 3 to schema 2 (and so without the job queue and
    /// the studio's tables of schemas 4 to 7).
    static func undoSchemaThree(_ connection: SQLiteConnection) async throws {
        let sql = connection.sql()
        for table in [
            "job_queue", "accounts", "sign_ins", "studio_projects", "memberships", "invitations", "song_versions",
            "song_comments", "approvals", "activity", "polls", "poll_answers",
        ] {
            try await sql.raw("DROP TABLE \(ident: table)").run()
        }
        try await sql.raw("DELETE FROM schema_migrations WHERE version IN (4, 5, 6, 7)").run()
        for table in ["budget_lines", "expenses", "offers", "tasks", "tracklist", "project_documents"] {
            try await sql.raw("DROP TABLE \(ident: table)").run()
        }
        for (table, column) in [
            ("project", "plan_start"), ("songs", "rating_artist"), ("songs", "rating_producer"),
            ("songs", "rating_market"), ("songs", "energy"), ("songs", "isrc"), ("songs", "iswc"),
            ("people", "styles_json"),
        ] {
            try await sql.raw("ALTER TABLE \(ident: table) DROP COLUMN \(ident: column)").run()
        }
        try await sql.raw("DELETE FROM schema_migrations WHERE version = 3").run()
    }
}
