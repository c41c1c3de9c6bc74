import Foundation
import ProducerFiles
import ProducerOffice

/// Where a command finds its project: a database named outright, `$PRODUCER_DATABASE`, a
/// project folder named outright, or the project folder the command runs in (or one above it).
///
/// A project folder holds `project.sqlite`, or, for a project kept in PostgreSQL, a
/// `.producer-database` file naming the server (written by `producer project init --database`).
public struct ProjectPlace: Sendable {
    public var project: String?
    public var database: String?

    public init(project: String? = nil, database: String? = nil) {
        self.project = project
        self.database = database
    }

    /// The file that points a project folder at a PostgreSQL database.
    public static let pointerFile = ".producer-database"

    /// The database to open.
    public func location(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        from directory: String = FileManager.default.currentDirectoryPath
    ) throws -> DatabaseLocation {
        if let database { return DatabaseLocation(database) }
        if let url = environment["PRODUCER_DATABASE"], !url.isEmpty { return DatabaseLocation(url) }
        if let project { return try Self.location(ofFolder: project) ?? DatabaseLocation(project) }
        if let found = try Self.enclosingProject(of: directory) { return found.location }
        throw ProjectStoreError(.notAProject, database: directory, "no project in this folder or above it")
    }

    /// The nearest folder, `directory` or one above it, that holds a project, with its database.
    static func enclosingProject(of directory: String) throws -> (folder: String, location: DatabaseLocation)? {
        var folder = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            if let found = try location(ofFolder: folder.path) { return (folder.path, found) }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// The project's folder (where `takes/`, `out/` and the database or its pointer are): the
    /// `project` given, or the folder this one is in or below that holds a project; nil when the
    /// project is only a `database` URL.
    public func folder(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        from directory: String = FileManager.default.currentDirectoryPath
    ) -> String? {
        if let project { return project }
        if database != nil || !(environment["PRODUCER_DATABASE"] ?? "").isEmpty { return nil }
        return (try? Self.enclosingProject(of: directory))??.folder
    }

    static func location(ofFolder folder: String) throws -> DatabaseLocation? {
        let pointer = (folder as NSString).appendingPathComponent(pointerFile)
        if FileManager.default.fileExists(atPath: pointer) {
            let text = try InputFile.text(pointer, kind: "database pointer", limit: 64 << 10)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else {
                throw ProjectStoreError(
                    .badLocation, database: pointer,
                    "the file is empty; it should name the project's database (postgres://…)")
            }
            return DatabaseLocation(text)
        }
        let file = (folder as NSString).appendingPathComponent(ProjectDatabase.fileName)
        return FileManager.default.fileExists(atPath: file) ? .sqlite(path: file) : nil
    }

    /// The project's own files on disk (its SQLite database with its journal files, or the
    /// pointer to its PostgreSQL database): inputs no command may write over.
    public func files(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        from directory: String = FileManager.default.currentDirectoryPath
    ) -> [String] {
        var files: [String] = []
        if let project {
            files.append((project as NSString).appendingPathComponent(Self.pointerFile))
        }
        if case .sqlite(let path)? = try? location(environment: environment, from: directory) {
            files += ["", "-wal", "-shm"].map { path + $0 }
            files.append(
                ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(Self.pointerFile))
        }
        return files
    }

    /// Opens the project, runs `body` and closes the project, also when `body` throws. A change
    /// that waits for another command's write lock says so on standard error after a second.
    public func with<T: Sendable>(_ body: (ProjectDatabase) async throws -> T) async throws -> T {
        let database = try await ProjectDatabase.open(location(), lockWaitNotice: .standardError)
        do {
            let result = try await body(database)
            try await database.close()
            return result
        } catch {
            try? await database.close()
            throw error
        }
    }
}
