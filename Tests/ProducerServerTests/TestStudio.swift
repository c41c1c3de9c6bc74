import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import ProducerJobs
import ProducerOffice
import ProducerServer
import ProducerTestSupport

/// A studio server in memory for tests: in-memory stores, queue and projects, a files folder of
/// its own, and a clock the test may move.
struct TestStudio {
    let studio: InMemoryStudioStore
    let projects: InMemoryProjects
    let queue: InMemoryJobQueue
    let files: String
    let services: StudioServices

    init(now: Date = PlanFixture.now) throws {
        studio = InMemoryStudioStore()
        projects = InMemoryProjects()
        queue = InMemoryJobQueue()
        files = try temporaryDirectory()
        services = StudioServices(studio: studio, projects: projects, queue: queue, filesFolder: files, now: { now })
    }

    /// The same studio (stores, queue, files) at another moment.
    init(now: Date, sharing other: TestStudio) throws {
        studio = other.studio
        projects = other.projects
        queue = other.queue
        files = other.files
        services = StudioServices(studio: studio, projects: projects, queue: queue, filesFolder: files, now: { now })
    }

    func application(_ configuration: StudioServer.Configuration = .init()) -> some ApplicationProtocol {
        StudioServer.application(configuration, services: services)
    }

    /// Lowercase hex SHA-256, as the store keeps sign-in tokens.
    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
