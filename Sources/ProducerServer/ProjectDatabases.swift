import Foundation
import ProducerOffice
import ProducerStore

/// The studio's projects on disk or on a PostgreSQL server: opens each project's database once
/// and keeps it, makes new ones beside the home project, and reopens one whose connection was
/// lost (a PostgreSQL restart) on the next request.
///
/// Snapshots are kept for ``freshness`` seconds so a busy page does not read the whole project
/// for every request; a change made through the server drops the kept one at once.
public actor ProjectDatabases: ProjectOpening {
    /// Where the server's home is: new projects go beside it.
    public nonisolated let home: DatabaseLocation
    /// How long a snapshot read from the database serves requests before it is read again
    /// (changes by other processes, such as a command run in the project folder, show after
    /// this long and the time that read takes).
    public nonisolated let freshness: TimeInterval
    private var open: [String: ProjectDatabase] = [:]
    private var kept: [String: (snapshot: ProjectSnapshot, at: Date)] = [:]
    private var reads: [String: (generation: Int, task: Task<ProjectSnapshot, any Error>)] = [:]
    /// Counts the changes made through the server, so a read begun before one is not kept.
    private var generation: [String: Int] = [:]

    public init(home: DatabaseLocation, freshness: TimeInterval = 1) {
        self.home = home
        self.freshness = freshness
    }

    public nonisolated func store(for project: StudioProject) async throws -> any ProjectStore {
        KeptProjectStore(databases: self, location: project.location)
    }

    public func create(id: String, settings: ProjectSettings) async throws -> String {
        let location: DatabaseLocation
        switch home {
        case .sqlite(let path):
            let folder =
                (((path as NSString).deletingLastPathComponent as NSString)
                .appendingPathComponent("projects") as NSString).appendingPathComponent(id)
            let database = try await ProjectDatabase.create(at: folder, settings: settings)
            location = database.location
            open[location.text] = database
        case .postgres(let url):
            location = .postgres(url: Self.url(url, schema: "p_\(id)"))
            open[location.text] = try await ProjectDatabase.create(location, settings: settings)
        }
        return location.text
    }

    /// The project folder of a SQLite project (where `report/` and `out/` are), nil on PostgreSQL
    /// or when there is no such folder.
    public nonisolated static func folder(of location: String) -> String? {
        guard case .sqlite(let path) = DatabaseLocation(location) else { return nil }
        let folder =
            path.hasSuffix("/" + ProjectDatabase.fileName) || path == ProjectDatabase.fileName
            ? (path as NSString).deletingLastPathComponent : path
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) && isDirectory.boolValue
            ? folder : nil
    }

    /// `url` with its `schema=` set to `schema`.
    static func url(_ url: String, schema: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        var items = (components.queryItems ?? []).filter { $0.name != "schema" }
        items.append(URLQueryItem(name: "schema", value: schema))
        components.queryItems = items
        return components.string ?? url
    }

    func database(_ location: String) async throws -> ProjectDatabase {
        if let database = open[location] { return database }
        let database = try await ProjectDatabase.open(DatabaseLocation(location))
        if let raced = open[location] {
            try? await database.close()
            return raced
        }
        open[location] = database
        return database
    }

    /// The project as kept. One older than ``freshness`` is still served while a single read
    /// replaces it in the background, so a busy page neither waits for the read nor starts one
    /// per request; with nothing kept (at first, and after a change) callers wait for that read.
    func snapshot(_ location: String) async throws -> ProjectSnapshot {
        if let kept = kept[location] {
            if Date().timeIntervalSince(kept.at) >= freshness { _ = reading(location) }
            return kept.snapshot
        }
        return try await reading(location).task.value
    }

    func update<Result: Sendable>(
        _ location: String, _ change: @Sendable (inout ProjectSnapshot) throws -> Result
    ) async throws -> Result {
        forget(location)
        defer { forget(location) }
        return try await guarded(location) { try await $0.update(change) }
    }

    /// Drops the kept snapshot and lets a read under way finish without keeping what it read.
    private func forget(_ location: String) {
        kept[location] = nil
        reads[location] = nil
        generation[location, default: 0] += 1
    }

    /// The read of `location` under way, or a new one.
    private func reading(_ location: String) -> (generation: Int, task: Task<ProjectSnapshot, any Error>) {
        if let running = reads[location] { return running }
        let started = generation[location, default: 0]
        let task = Task { try await self.read(location, generation: started) }
        reads[location] = (started, task)
        return (started, task)
    }

    private func read(_ location: String, generation started: Int) async throws -> ProjectSnapshot {
        defer { if reads[location]?.generation == started { reads[location] = nil } }
        let snapshot = try await guarded(location) { try await $0.snapshot() }
        if generation[location, default: 0] == started { kept[location] = (snapshot, Date()) }
        return snapshot
    }

    /// Runs `body` on the project's database; a lost connection closes it so the next call reopens.
    private func guarded<T: Sendable>(
        _ location: String, _ body: (ProjectDatabase) async throws -> T
    ) async throws -> T {
        let database = try await database(location)
        do {
            return try await body(database)
        } catch let error as ProjectStoreError {
            if [.cannotConnect, .databaseFailed, .closed].contains(error.code), open[location] === database {
                open[location] = nil
                try? await database.close()
            }
            throw error
        }
    }

    /// Closes every project database.
    public func close() async {
        for database in open.values { try? await database.close() }
        open = [:]
        kept = [:]
        reads = [:]
    }
}

/// A project's store as the server sees it: reads through the kept snapshot, changes through
/// the database (one transaction each).
struct KeptProjectStore: ProjectStore {
    let databases: ProjectDatabases
    let location: String

    func snapshot() async throws -> ProjectSnapshot { try await databases.snapshot(location) }

    func update<Result: Sendable>(_ change: @Sendable (inout ProjectSnapshot) throws -> Result) async throws -> Result {
        try await databases.update(location, change)
    }

    func close() async throws {}
}

extension DatabaseLocation {
    /// The location as ``StudioProject/location`` keeps it: the path, or the URL (with its password).
    var text: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): url
        }
    }
}
