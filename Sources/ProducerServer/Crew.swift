import Foundation
import HTTPTypes
import ProducerOffice

/// Projects, members and invitations as the routes use them: every rule in words (the last
/// producer stays, only a producer makes or unmakes producers, an invitation is taken once).
struct Crew: Sendable {
    let services: StudioServices

    /// How long an invitation link stays open.
    static let invitationLifetime: TimeInterval = 14 * 86_400

    /// The projects `account` is on, with its role, oldest first.
    func projects(of account: Account) async throws -> [ProjectView] {
        var rows: [ProjectView] = []
        for membership in try await services.studio.memberships(accountID: account.id) {
            guard let project = try await services.studio.project(id: membership.projectID) else { continue }
            rows.append(
                ProjectView(id: project.id, name: project.name, role: membership.role, createdAt: project.createdAt))
        }
        return rows
    }

    /// Makes a project with its own database, `account` its producer.
    func create(name: String, currency: String?, timeZone: String?, by account: Account) async throws -> StudioProject {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw ServerFailure.invalid("Give the project a name.") }
        guard name.unicodeScalars.count <= 100 else {
            throw ServerFailure.invalid("The project's name may be at most 100 characters.")
        }
        let currency = currency ?? "EUR"
        guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw ServerFailure.invalid("The currency should be a three-letter code such as EUR or USD.")
        }
        let zone = timeZone ?? "UTC"
        guard zone.utf8.count <= 64, TimeZone(identifier: zone) != nil else {
            throw ServerFailure.invalid("\"\(zone.prefix(64))\" is not a time zone (Europe/Berlin, America/New_York…).")
        }
        let id = Identifier.secret()
        let location = try await services.projects.create(
            id: id, settings: ProjectSettings(name: name, currency: currency, timeZone: zone))
        let now = services.now()
        let project = StudioProject(id: id, name: name, location: location, createdAt: now)
        try await services.studio.addProject(
            project, owner: Membership(projectID: id, accountID: account.id, role: .producer, joinedAt: now))
        try await services.record(.created, "the project \(name)", projectID: id, by: account, link: "/projects/\(id)")
        return project
    }

    /// The members of `project` with their names and emails, producers first.
    func members(of project: StudioProject) async throws -> [MemberView] {
        var rows: [MemberView] = []
        for membership in try await services.studio.members(projectID: project.id) {
            guard let account = try await services.studio.account(id: membership.accountID) else { continue }
            rows.append(
                MemberView(
                    accountID: account.id, name: account.name, email: account.email, role: membership.role,
                    personID: membership.personID, joinedAt: membership.joinedAt))
        }
        let order = StudioRole.allCases
        return rows.sorted {
            (order.firstIndex(of: $0.role) ?? 0, $0.name) < (order.firstIndex(of: $1.role) ?? 0, $1.name)
        }
    }

    /// Opens an invitation to `project` for `email` as `role`; its id is the link's secret.
    func invite(
        email: String, role: String, personID: String?, to project: StudioProject, by account: Account,
        as membership: Membership
    ) async throws -> Invitation {
        let email = email.lowercased()
        guard People.looksLikeEmail(email) else {
            throw ServerFailure.invalid(
                "\"\(email.prefix(100))\" does not look like an email address (name@example.com).")
        }
        let role = try Self.role(role)
        if role == .producer, membership.role != .producer {
            throw ServerFailure.forbidden("Only a producer may invite another producer.")
        }
        if let personID {
            let people = try await services.projects.store(for: project).snapshot().people
            guard people.contains(where: { $0.id == personID }) else {
                throw ServerFailure.conflict("\(project.name) has no person with the id \"\(personID.prefix(64))\".")
            }
        }
        let now = services.now()
        let invitation = Invitation(
            projectID: project.id, email: email, role: role, personID: personID, invitedBy: account.id, createdAt: now,
            expiresAt: now.addingTimeInterval(Self.invitationLifetime))
        try await services.studio.addInvitation(invitation)
        try await services.record(
            .invited, "\(email) as \(role.rawValue)", projectID: project.id, by: account,
            link: "/projects/\(project.id)/members")
        return invitation
    }

    /// An invitation and its project, or 404.
    func invitation(_ id: String) async throws -> (Invitation, StudioProject) {
        guard id.utf8.count <= 64, let invitation = try await services.studio.invitation(id: id),
            let project = try await services.studio.project(id: invitation.projectID)
        else { throw ServerFailure.notFound("There is no such invitation; check the link.") }
        return (invitation, project)
    }

    /// Accepts invitation `id` for `account` (any email: the link is the secret), once, before it expires.
    func accept(_ id: String, by account: Account) async throws -> Membership {
        let (invitation, project) = try await self.invitation(id)
        if invitation.acceptedAt != nil {
            throw ServerFailure.conflict("This invitation has already been accepted; ask for a new one.")
        }
        let now = services.now()
        if invitation.expiresAt <= now {
            throw ServerFailure(
                .unprocessableContent, "expired",
                "This invitation expired on \(Self.dayAndTime(invitation.expiresAt)); ask for a new one.")
        }
        if let existing = try await services.studio.membership(projectID: project.id, accountID: account.id) {
            throw ServerFailure.conflict("You are already on \(project.name) as \(existing.role.rawValue).")
        }
        let membership = try await services.studio.acceptInvitation(id: invitation.id, accountID: account.id, at: now)
        try await services.record(
            .joined, "\(account.name) as \(membership.role.rawValue)", projectID: project.id, by: account,
            link: "/projects/\(project.id)")
        return membership
    }

    /// Gives member `accountID` of `project` the role `roleName`.
    func change(accountID: String, to roleName: String, on project: StudioProject, by changer: Membership) async throws
    {
        let role = try Self.role(roleName)
        var target = try await member(accountID, of: project)
        try await checkProducerRule(target: target, newRole: role, project: project, changer: changer)
        target.role = role
        try await services.studio.setMembership(target)
    }

    /// Takes member `accountID` off `project`.
    func remove(accountID: String, from project: StudioProject, by changer: Membership) async throws {
        let target = try await member(accountID, of: project)
        try await checkProducerRule(target: target, newRole: nil, project: project, changer: changer)
        try await services.studio.removeMembership(projectID: project.id, accountID: accountID)
    }

    private func member(_ accountID: String, of project: StudioProject) async throws -> Membership {
        guard accountID.utf8.count <= 64,
            let membership = try await services.studio.membership(projectID: project.id, accountID: accountID)
        else { throw ServerFailure.notFound("That person is not on \(project.name).") }
        return membership
    }

    /// Only a producer makes or unmakes a producer, and the last producer stays one.
    private func checkProducerRule(
        target: Membership, newRole: StudioRole?, project: StudioProject, changer: Membership
    ) async throws {
        let touchesProducer = target.role == .producer || newRole == .producer
        if touchesProducer, target.role != newRole, changer.role != .producer {
            throw ServerFailure.forbidden("Only a producer may make or unmake a producer.")
        }
        if target.role == .producer, newRole != .producer {
            let producers = try await services.studio.members(projectID: project.id).filter { $0.role == .producer }
            if producers.count <= 1 {
                throw ServerFailure.conflict(
                    "\(project.name) needs a producer: make someone else producer before this one steps down.")
            }
        }
    }

    static func role(_ name: String) throws -> StudioRole {
        guard let role = StudioRole(rawValue: name) else {
            let names = StudioRole.allCases.map(\.rawValue).joined(separator: ", ")
            throw ServerFailure.invalid("\"\(name.prefix(40))\" is not a role; choose one of \(names).")
        }
        return role
    }

    /// `2027-03-01 14:05 UTC`.
    static func dayAndTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}

extension Crew {
    /// A project as listed: with your role on it.
    struct ProjectView: Codable, Sendable {
        var id: String
        var name: String
        var role: StudioRole
        var createdAt: Date
    }

    struct SongView: Codable, Sendable {
        var id: String
        var title: String
        var status: String
    }

    /// A project with its songs and members.
    struct ProjectDetail: Codable, Sendable {
        var id: String
        var name: String
        var role: StudioRole
        var createdAt: Date
        var currency: String
        var timeZone: String
        var songs: [SongView]
        var members: [MemberView]
    }

    struct MemberView: Codable, Sendable {
        var accountID: String
        var name: String
        var email: String
        var role: StudioRole
        var personID: String?
        var joinedAt: Date
    }

    struct NewProject: Decodable {
        var name: String
        var currency: String?
        var timeZone: String?
    }

    struct NewInvitation: Decodable {
        var email: String
        var role: String
        var personID: String?
    }

    /// An invitation as the API shows it to the inviter: `link` is the page to send.
    struct InvitationView: Codable, Sendable {
        var id: String
        var projectID: String
        var email: String
        var role: StudioRole
        var personID: String?
        var link: String
        var expiresAt: Date

        init(_ invitation: Invitation) {
            id = invitation.id
            projectID = invitation.projectID
            email = invitation.email
            role = invitation.role
            personID = invitation.personID
            link = "/invitations/\(invitation.id)"
            expiresAt = invitation.expiresAt
        }
    }
}
