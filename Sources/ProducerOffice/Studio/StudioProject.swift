import Foundation

/// A project the studio server holds: its name and where its project database is
/// (a `DatabaseLocation` as text: a project folder, or a PostgreSQL URL with `?schema=`).
public struct StudioProject: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var location: String
    public var createdAt: Date

    public init(id: String = Identifier.secret(), name: String, location: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.location = location
        self.createdAt = createdAt
    }
}

/// An account's place on a project: its role, and the project's ``Person`` it is, when linked
/// (for the calendar, polls and tasks).
public struct Membership: Hashable, Sendable, Codable {
    public var projectID: String
    public var accountID: String
    public var role: StudioRole
    public var personID: String?
    public var joinedAt: Date

    public init(projectID: String, accountID: String, role: StudioRole, personID: String? = nil, joinedAt: Date) {
        self.projectID = projectID
        self.accountID = accountID
        self.role = role
        self.personID = personID
        self.joinedAt = joinedAt
    }
}

/// An invitation to a project with a role. Its id is the secret in the link sent to the person.
public struct Invitation: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var projectID: String
    public var email: String
    public var role: StudioRole
    /// The project's person the new member will be, if the inviter chose one.
    public var personID: String?
    public var invitedBy: String
    public var createdAt: Date
    public var expiresAt: Date
    public var acceptedAt: Date?
    public var acceptedBy: String?

    public init(
        id: String = Identifier.secret(), projectID: String, email: String, role: StudioRole, personID: String? = nil,
        invitedBy: String, createdAt: Date, expiresAt: Date, acceptedAt: Date? = nil, acceptedBy: String? = nil
    ) {
        self.id = id
        self.projectID = projectID
        self.email = email
        self.role = role
        self.personID = personID
        self.invitedBy = invitedBy
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.acceptedAt = acceptedAt
        self.acceptedBy = acceptedBy
    }
}
