import Foundation
import ProducerOffice
import SQLKit

extension StudioDatabase {
    // MARK: Projects

    static let projectColumns = "id, name, location, created_at"

    static func project(_ row: any SQLRow) throws -> StudioProject {
        let row = StoredRow(row: row, table: "studio_projects")
        return StudioProject(
            id: try row.text("id"), name: try row.text("name"), location: try row.text("location"),
            createdAt: try row.date("created_at"))
    }

    public func addProject(_ project: StudioProject, owner: Membership) async throws {
        defer { recent.drop() }
        try await write("adding a project", duplicate: "a project with that id already exists") { connection in
            try await connection.sql.raw(
                """
                INSERT INTO studio_projects (\(unsafeRaw: Self.projectColumns)) VALUES (\(bind: project.id), \
                \(bind: project.name), \(bind: project.location), \(bind: ColumnCoding.text(project.createdAt)))
                """
            ).run()
            try await Self.upsert(owner, on: connection)
        }
    }

    public func project(id: String) async throws -> StudioProject? {
        try await read("reading a project") { connection in
            try await connection.sql.raw(
                "SELECT \(unsafeRaw: Self.projectColumns) FROM studio_projects WHERE id = \(bind: id)"
            ).first().map(Self.project)
        }
    }

    public func projects() async throws -> [StudioProject] {
        try await read("listing the projects") { connection in
            try await connection.sql.raw(
                "SELECT \(unsafeRaw: Self.projectColumns) FROM studio_projects ORDER BY created_at, id"
            ).all().map(Self.project)
        }
    }

    // MARK: Members

    static let membershipColumns = "project_id, account_id, role, person_id, joined_at"

    static func membership(_ row: any SQLRow) throws -> Membership {
        let row = StoredRow(row: row, table: "memberships")
        return Membership(
            projectID: try row.text("project_id"), accountID: try row.text("account_id"),
            role: try row.value("role", as: StudioRole.self), personID: try row.optionalText("person_id"),
            joinedAt: try row.date("joined_at"))
    }

    static func upsert(_ membership: Membership, on connection: DatabaseConnection) async throws {
        try await connection.sql.raw(
            """
            INSERT INTO memberships (\(unsafeRaw: membershipColumns)) VALUES (\(bind: membership.projectID), \
            \(bind: membership.accountID), \(bind: membership.role.rawValue), \(bind: membership.personID), \
            \(bind: ColumnCoding.text(membership.joinedAt))) \
            ON CONFLICT (project_id, account_id) DO UPDATE SET role = excluded.role, \
            person_id = excluded.person_id, joined_at = excluded.joined_at
            """
        ).run()
    }

    public func memberships(accountID: String) async throws -> [Membership] {
        try await read("listing an account's projects") { connection in
            try await connection.sql.raw(
                """
                SELECT \(unsafeRaw: Self.membershipColumns) FROM memberships WHERE account_id = \(bind: accountID) \
                ORDER BY joined_at, project_id
                """
            ).all().map(Self.membership)
        }
    }

    public func membership(projectID: String, accountID: String) async throws -> Membership? {
        try await read("reading a membership") { connection in
            try await connection.sql.raw(
                """
                SELECT \(unsafeRaw: Self.membershipColumns) FROM memberships \
                WHERE project_id = \(bind: projectID) AND account_id = \(bind: accountID)
                """
            ).first().map(Self.membership)
        }
    }

    public func memberProject(
        projectID: String, accountID: String
    ) async throws -> (project: StudioProject, membership: Membership)? {
        if let kept = recent.member(projectID: projectID, accountID: accountID) { return kept }
        let mark = recent.mark
        let found: (StudioProject, Membership)? = try await read("reading a membership") { connection in
            try await connection.sql.raw(
                """
                SELECT p.id, p.name, p.location, p.created_at, m.project_id, m.account_id, m.role, m.person_id, \
                m.joined_at FROM studio_projects p JOIN memberships m ON m.project_id = p.id \
                WHERE p.id = \(bind: projectID) AND m.account_id = \(bind: accountID)
                """
            ).first().map { row in (try Self.project(row), try Self.membership(row)) }
        }
        if let found { recent.keep(found, projectID: projectID, accountID: accountID, mark: mark) }
        return found
    }

    public func members(projectID: String) async throws -> [Membership] {
        try await read("listing a project's members") { connection in
            try await connection.sql.raw(
                """
                SELECT \(unsafeRaw: Self.membershipColumns) FROM memberships WHERE project_id = \(bind: projectID) \
                ORDER BY joined_at, account_id
                """
            ).all().map(Self.membership)
        }
    }

    public func setMembership(_ membership: Membership) async throws {
        defer { recent.drop() }
        try await write("changing a membership") { connection in try await Self.upsert(membership, on: connection) }
    }

    public func removeMembership(projectID: String, accountID: String) async throws {
        defer { recent.drop() }
        try await write("removing a member") { connection in
            try await connection.sql.raw(
                "DELETE FROM memberships WHERE project_id = \(bind: projectID) AND account_id = \(bind: accountID)"
            ).run()
        }
    }

    // MARK: Invitations

    static let invitationColumns =
        "id, project_id, email, role, person_id, invited_by, created_at, expires_at, accepted_at, accepted_by"

    static func invitation(_ row: any SQLRow) throws -> Invitation {
        let row = StoredRow(row: row, table: "invitations")
        return Invitation(
            id: try row.text("id"), projectID: try row.text("project_id"), email: try row.text("email"),
            role: try row.value("role", as: StudioRole.self), personID: try row.optionalText("person_id"),
            invitedBy: try row.text("invited_by"), createdAt: try row.date("created_at"),
            expiresAt: try row.date("expires_at"), acceptedAt: try row.optionalDate("accepted_at"),
            acceptedBy: try row.optionalText("accepted_by"))
    }

    public func addInvitation(_ invitation: Invitation) async throws {
        try await write("adding an invitation", duplicate: "an invitation with that id already exists") {
            connection in
            try await connection.sql.raw(
                """
                INSERT INTO invitations (\(unsafeRaw: Self.invitationColumns)) VALUES (\(bind: invitation.id), \
                \(bind: invitation.projectID), \(bind: invitation.email), \(bind: invitation.role.rawValue), \
                \(bind: invitation.personID), \(bind: invitation.invitedBy), \
                \(bind: ColumnCoding.text(invitation.createdAt)), \(bind: ColumnCoding.text(invitation.expiresAt)), \
                \(bind: ColumnCoding.text(invitation.acceptedAt)), \(bind: invitation.acceptedBy))
                """
            ).run()
        }
    }

    public func invitation(id: String) async throws -> Invitation? {
        try await read("reading an invitation") { connection in
            try await connection.sql.raw(
                "SELECT \(unsafeRaw: Self.invitationColumns) FROM invitations WHERE id = \(bind: id)"
            ).first().map(Self.invitation)
        }
    }

    public func invitations(projectID: String) async throws -> [Invitation] {
        try await read("listing a project's invitations") { connection in
            try await connection.sql.raw(
                """
                SELECT \(unsafeRaw: Self.invitationColumns) FROM invitations WHERE project_id = \(bind: projectID) \
                ORDER BY created_at, id
                """
            ).all().map(Self.invitation)
        }
    }

    public func acceptInvitation(id: String, accountID: String, at: Date) async throws -> Membership {
        defer { recent.drop() }
        return try await write("accepting an invitation") { connection in
            guard
                let found = try await connection.sql.raw(
                    """
                    SELECT \(unsafeRaw: Self.invitationColumns) FROM invitations WHERE id = \(bind: id)\
                    \(unsafeRaw: Self.forUpdate(connection))
                    """
                ).first()
            else { throw StudioStoreError(.notFound, "no such invitation") }
            let invitation = try Self.invitation(found)
            guard invitation.acceptedAt == nil else {
                throw StudioStoreError(.refused, "this invitation has already been accepted")
            }
            guard invitation.expiresAt > at else { throw StudioStoreError(.refused, "this invitation has expired") }
            try await connection.sql.raw(
                """
                UPDATE invitations SET accepted_at = \(bind: ColumnCoding.text(at)), accepted_by = \(bind: accountID) \
                WHERE id = \(bind: id)
                """
            ).run()
            let membership = Membership(
                projectID: invitation.projectID, accountID: accountID, role: invitation.role,
                personID: invitation.personID, joinedAt: at)
            try await Self.upsert(membership, on: connection)
            return membership
        }
    }
}
