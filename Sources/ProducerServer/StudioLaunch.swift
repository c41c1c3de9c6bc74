import Foundation
import Hummingbird
import Logging
import ProducerJobs
import ProducerOffice
import ProducerStore

/// Starting the studio server on a home database: the studio's store and job queue in it, the
/// projects' databases beside it, and workers in process when asked.
public struct StudioLaunch: Sendable {
    public var services: StudioServices
    public var configuration: StudioServer.Configuration
    /// Workers run in the server's process (0: only `producer worker` processes take jobs).
    public var workers: Int
    let databases: ProjectDatabases
    let studio: StudioDatabase
    let queue: StoredJobQueue

    /// Opens the home at `location`; uploads go below `files`.
    public static func open(
        _ location: DatabaseLocation, files: String, configuration: StudioServer.Configuration, workers: Int
    ) async throws -> StudioLaunch {
        let project = try await ProjectDatabase.open(location)
        let name = try await project.snapshot().settings.name
        try await project.close()
        let studio = try await StudioDatabase.open(location)
        let queue = try await StoredJobQueue.open(location)
        let databases = ProjectDatabases(home: location)
        let home = try await StudioServices.home(
            location: location.text, name: name, studio: studio, now: Date())
        let services = StudioServices(
            studio: studio, projects: databases, queue: queue, filesFolder: files, home: home)
        return StudioLaunch(
            services: services, configuration: configuration, workers: workers, databases: databases, studio: studio,
            queue: queue)
    }

    /// The address people open.
    public var address: String { "http://\(configuration.host):\(configuration.port)/" }

    /// Serves until SIGINT or SIGTERM, with the in-process workers beside it; `report` hears
    /// what the workers do.
    public func run(report: @escaping @Sendable (Worker.Event) -> Void = { _ in }) async throws {
        let app = StudioServer.application(configuration, services: services)
        let services = services
        let workers = workers
        try await withThrowingTaskGroup(of: Void.self) { group in
            if workers > 0 {
                let worker = Worker(
                    queue: services.queue, studio: services.studio, concurrency: workers, report: report)
                group.addTask { await worker.run() }
            }
            try await app.runService()
            group.cancelAll()
        }
        await databases.close()
        await queue.close()
        await studio.close()
    }
}
