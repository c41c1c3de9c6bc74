import Foundation
import ProducerOffice
import ProducerStore
import SQLiteKit
import Testing

/// Bad places to open a project give a ``ProjectStoreError`` naming the place and the problem.
@Suite("ProjectDatabase refuses bad locations")
struct BadLocationTests {
    private func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("producer_bad_" + UUID().uuidString)
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("a path with nothing there")
    func missing() async throws {
        // Given a path where nothing is
        let path = try folder() + "/nothing/project.sqlite"
        // When it is opened
        let error = await #expect(throws: ProjectStoreError.self) {
            try await ProjectDatabase.open(.sqlite(path: path))
        }
        // Then it says there is no project, and makes no file
        #expect(error?.code == .notAProject)
        #expect(error?.description.hasPrefix(path) == true)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("a folder that is not a project")
    func plainFolder() async throws {
        // Given an empty folder
        let path = try folder()
        // When it is opened as a project
        let error = await #expect(throws: ProjectStoreError.self) {
            try await ProjectDatabase.open(DatabaseLocation(path))
        }
        // Then the error names the folder and the missing file
        #expect(error?.code == .notAProject)
        #expect(error?.database == path)
        #expect(error?.message.contains(ProjectDatabase.fileName) == true)
    }

    @Test("a file that is not SQLite", arguments: ["this is a text file, not a database\n", ""])
    func notSQLite(contents: String) async throws {
        // Given a project folder whose project.sqlite is text (or empty)
        let path = try folder()
        let file = path + "/" + ProjectDatabase.fileName
        try Data(contents.utf8).write(to: URL(fileURLWithPath: file))
        // When it is opened
        let error = await #expect(throws: ProjectStoreError.self) {
            try await ProjectDatabase.open(DatabaseLocation(path))
        }
        // Then the error names the file and says it is not a (project) database
        #expect(error?.database == file)
        #expect(error?.code == (contents.isEmpty ? .notAProject : .corrupt), "\(String(describing: error))")
    }

    @Test("a SQLite file with its pages damaged")
    func damaged() async throws {
        // Given a real project whose file is overwritten with noise after its header
        let path = try folder()
        try await ProjectDatabase.create(at: path, settings: TestProject.settings).close()
        let file = path + "/" + ProjectDatabase.fileName
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        for index in 100..<bytes.count { bytes[index] = UInt8(truncatingIfNeeded: index &* 131) }
        try bytes.write(to: URL(fileURLWithPath: file))
        // When it is opened
        let error = await #expect(throws: ProjectStoreError.self) {
            try await ProjectDatabase.open(DatabaseLocation(path))
        }
        // Then the error names the file and says it is damaged
        #expect(error?.code == .corrupt, "\(String(describing: error))")
        #expect(error?.database == file)
    }

    @Test("a SQLite database that is not a project")
    func foreignDatabase() async throws {
        // Given some other program's SQLite database
        let file = try folder() + "/other.sqlite"
        let connection = try await SQLiteConnection.open(storage: .file(path: file))
        try await connection.sql().raw("CREATE TABLE notes (body TEXT)").run()
        try await connection.close()
        // When it is opened as a project
        let error = await #expect(throws: ProjectStoreError.self) {
            try await ProjectDatabase.open(.sqlite(path: file))
        }
        // Then it is refused and left unchanged
        #expect(error?.code == .notAProject)
        let again = try await SQLiteConnection.open(storage: .file(path: file))
        let tables = try await again.sql().raw("SELECT name FROM sqlite_master WHERE type = 'table'").all()
            .map { try $0.decode(column: "name", as: String.self) }
        let mode = try await again.sql().raw("PRAGMA journal_mode").first()?.decode(
            column: "journal_mode", as: String.self)
        try await again.close()
        #expect(tables == ["notes"])
        #expect(mode == "delete")
    }

    @Test("a project from a newer Producer")
    func newerSchema() async throws {
        // Given a project whose schema_migrations records a version this code does not know
        let path = try folder()
        try await ProjectDatabase.create(at: path, settings: TestProject.settings).close()
        let file = path + "/" + ProjectDatabase.fileName
        let connection = try await SQLiteConnection.open(storage: .file(path: file))
        try await connection.sql().raw(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', '2030-01-01T00:00:00Z')"
        ).run()
        try await connection.close()
        // When it is opened
        let error = await #expect(throws: ProjectStoreError.self) {
            try await ProjectDatabase.open(DatabaseLocation(path))
        }
        // Then the error says so, with both versions
        #expect(error?.code == .schemaTooNew)
        #expect(error?.message.contains("999") == true)
        #expect(error?.message.contains("newer Producer") == true)
    }

    @Test(
        "malformed PostgreSQL URLs",
        arguments: [
            "postgres://", "postgres://host-without-user/db", "postgres://user@/db", "postgres://user@host",
            "postgres://user@host/db?sslmode=sometimes",
        ])
    func badURL(url: String) async throws {
        // When a malformed URL is opened
        let error = await #expect(throws: ProjectStoreError.self) {
            try await ProjectDatabase.open(DatabaseLocation(url))
        }
        // Then it is refused before any connection, naming the URL
        #expect(error?.code == .badLocation, "\(String(describing: error))")
        #expect(error?.database.hasPrefix("postgres://") == true)
    }

    @Test("a PostgreSQL server that is not there, without showing the password")
    func unreachableServer() async throws {
        // Given a URL to a port where no server listens
        let url = "postgres://producer:secret@127.0.0.1:1/nowhere?sslmode=disable"
        // When it is opened
        let error = await #expect(throws: ProjectStoreError.self) {
            try await ProjectDatabase.open(DatabaseLocation(url))
        }
        // Then the error says it cannot connect, and hides the password
        #expect(error?.code == .cannotConnect)
        #expect(error?.description.contains("secret") == false)
        #expect(error?.description.contains("***") == true)
    }

    @Test("a command inside a project folder finds its project")
    func enclosingProject() async throws {
        // Given a project folder with a folder inside it, and a folder that is no project
        let path = try folder()
        try await ProjectDatabase.create(at: path + "/Album", settings: TestProject.settings).close()
        try FileManager.default.createDirectory(atPath: path + "/Album/mixes/v2", withIntermediateDirectories: true)
        // When the project is looked for from inside, and from outside
        let inside = DatabaseLocation.enclosingProject(of: path + "/Album/mixes/v2")
        let outside = DatabaseLocation.enclosingProject(of: path)
        // Then inside finds the project's file, and outside finds nothing
        #expect(inside == .sqlite(path: URL(fileURLWithPath: path + "/Album/project.sqlite").standardizedFileURL.path))
        #expect(outside == nil)
        let project = try await ProjectDatabase.open(try #require(inside))
        #expect(try await project.snapshot().settings.name == TestProject.settings.name)
        try await project.close()
    }

    @Test("a closed project refuses further use")
    func closed() async throws {
        // Given a project that was closed
        let project = try await ProjectDatabase.create(at: try folder(), settings: TestProject.settings)
        try await project.close()
        // When it is read
        let error = await #expect(throws: ProjectStoreError.self) { try await project.snapshot() }
        // Then it says it was closed; closing again is harmless
        #expect(error?.code == .closed)
        try await project.close()
    }
}
