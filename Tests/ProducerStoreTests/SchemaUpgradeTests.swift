import Foundation
import ProducerOffice
import ProducerStore
import SQLiteKit
import Testing

@Suite("ProjectDatabase upgrades a project saved by an older Producer")
struct SchemaUpgradeTests {
    @Test("a project at schema 1 gets bookings.listed_sequence, its bookings never listed")
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
            try await connection.close()
            // When it is opened
            let reopened = try await ProjectDatabase.open(database.location)
            // Then migration 2 is applied and recorded, and the bookings read as never listed
            #expect(try await reopened.appliedMigrations().map(\.version) == [1, 2])
            let bookings = try await reopened.snapshot().bookings
            #expect(bookings.map(\.id) == ["b-1", "b-2"])
            #expect(bookings.allSatisfy { $0.listedSequence == nil })
            try await reopened.close()
        }
    }
}
