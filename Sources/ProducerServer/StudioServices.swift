import Foundation
import ProducerJobs
import ProducerOffice

/// What the server works with: the studio's store, the projects' own stores, the job queue, the
/// folder uploads go to, the permission matrix and the clock.
public struct StudioServices: Sendable {
    public var studio: any StudioStore
    public var projects: any ProjectOpening
    public var queue: any JobQueue
    /// Where uploaded files are kept (`uploads/PROJECT/VERSION.wav` below it).
    public var filesFolder: String
    public var permissions: PermissionMatrix
    public var now: @Sendable () -> Date
    /// The project the server was started on, which the first account to sign up takes on as
    /// its producer (nil: every project is made in the browser).
    public var home: StudioProject?

    public init(
        studio: any StudioStore, projects: any ProjectOpening, queue: any JobQueue, filesFolder: String,
        permissions: PermissionMatrix = .standard, home: StudioProject? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.studio = studio
        self.projects = projects
        self.queue = queue
        self.filesFolder = filesFolder
        self.permissions = permissions
        self.home = home
        self.now = now
    }
}

/// Opens the project database behind a studio project, and makes new ones.
public protocol ProjectOpening: Sendable {
    /// The project's own store (songs, people, sessions, bookings, budget…).
    func store(for project: StudioProject) async throws -> any ProjectStore
    /// Makes a new project database with `settings` for the studio project `id`; returns its
    /// location as ``StudioProject/location`` keeps it.
    func create(id: String, settings: ProjectSettings) async throws -> String
}

/// Projects kept in memory, for tests: each a ``InMemoryProjectStore``.
public actor InMemoryProjects: ProjectOpening {
    private var stores: [String: InMemoryProjectStore] = [:]

    public init() {}

    /// Adds a project with this snapshot at `location`.
    public func add(_ snapshot: ProjectSnapshot, at location: String) {
        stores[location] = InMemoryProjectStore(snapshot)
    }

    public func store(for project: StudioProject) async throws -> any ProjectStore {
        guard let store = stores[project.location] else {
            throw StudioStoreError(.notFound, "the project \(project.name) has no data")
        }
        return store
    }

    public func create(id: String, settings: ProjectSettings) async throws -> String {
        let location = "memory:\(id)"
        stores[location] = InMemoryProjectStore(ProjectSnapshot(settings: settings))
        return location
    }
}
