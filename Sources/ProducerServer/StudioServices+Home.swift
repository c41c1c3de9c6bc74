import Foundation
import ProducerOffice

extension StudioServices {
    /// The studio project for the server's home location: the one already registered there, or
    /// a new one named after the project (registered when its first producer arrives).
    public static func home(
        location: String, name: String, studio: any StudioStore, now: Date
    ) async throws -> StudioProject {
        if let existing = try await studio.projects().first(where: { $0.location == location }) { return existing }
        return StudioProject(name: name, location: location, createdAt: now)
    }

    /// Welcomes a new account: when the home project has no producer yet, this account becomes it.
    /// Returns the home project when it was taken on.
    @discardableResult
    public func welcome(_ account: Account) async throws -> StudioProject? {
        guard let home, try await studio.project(id: home.id) == nil else { return nil }
        try await studio.addProject(
            home, owner: Membership(projectID: home.id, accountID: account.id, role: .producer, joinedAt: now()))
        try await record(
            .created, "the project \(home.name)", projectID: home.id, by: account, link: "/projects/\(home.id)")
        return home
    }
}
