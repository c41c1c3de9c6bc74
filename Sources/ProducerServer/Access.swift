import ProducerOffice

/// Who is asking and, on a project's route, which project and as what: given to every handler
/// after the route's requirement was checked.
struct Access: Sendable {
    var account: Account?
    var project: StudioProject?
    var membership: Membership?
    var permissions: PermissionMatrix

    /// The signed-in account (routes that require one always have it).
    var signedIn: Account {
        get throws {
            guard let account else { throw ServerFailure.signInNeeded }
            return account
        }
    }

    /// The route's project and membership (project routes always have them).
    var member: (project: StudioProject, membership: Membership) {
        get throws {
            guard let project, let membership else { throw ServerFailure.notFound("no such project") }
            return (project, membership)
        }
    }

    /// Whether the member's role holds `permission`.
    func may(_ permission: StudioPermission) -> Bool {
        guard let membership else { return false }
        return permissions.allows(membership.role, permission)
    }
}
