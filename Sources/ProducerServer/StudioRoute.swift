import ProducerOffice

/// One route of the server and what a request needs to be let in.
public struct StudioRoute: Sendable, Hashable, CustomStringConvertible {
    /// What a route requires.
    public enum Requirement: Sendable, Hashable {
        /// Anyone, signed in or not (sign-in and sign-up pages, `/health`).
        case anyone
        /// A signed-in account.
        case signedIn
        /// A member of the route's `:project` whose role holds the permission.
        case project(StudioPermission)
    }

    /// `GET`, `POST`, `PATCH`, `DELETE`.
    public var method: String
    /// The path as registered, with `:name` parameters (`/projects/:project/songs/:song`).
    public var path: String
    public var requirement: Requirement

    public init(method: String, path: String, requirement: Requirement) {
        self.method = method
        self.path = path
        self.requirement = requirement
    }

    /// Whether the route answers JSON (`/api/…`) rather than pages.
    public var isAPI: Bool { path == "/api" || path.hasPrefix("/api/") || path == "/openapi.json" }

    public var description: String { "\(method) \(path)" }
}
