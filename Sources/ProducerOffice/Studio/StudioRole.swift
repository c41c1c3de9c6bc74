/// What a person is on a project in the studio server, given by the invitation that let them in.
///
/// The owner who made the project is its `producer`. What each role may do is
/// ``PermissionMatrix`` data, not code.
public enum StudioRole: String, Hashable, Sendable, Codable, CaseIterable {
    case producer
    case artist
    case manager
    case songwriter
    case engineer
    case sessionPlayer = "session player"
    case viewer
}

/// One thing a role may do on a project.
public enum StudioPermission: String, Hashable, Sendable, Codable, CaseIterable {
    /// See the project: songs, versions, comments, schedule, deliverables, status, reports.
    case read
    /// Upload versions of takes, mixes and masters.
    case upload
    /// Comment and reply on versions, answer availability polls.
    case comment
    /// Approve a mix for mastering.
    case approveMix = "approve mix"
    /// Approve a master for delivery.
    case approveMaster = "approve master"
    /// Book sessions: open and close availability polls, repair the schedule, turn comments into tasks.
    case book
    /// See money: the budget, rates, fees and costs.
    case seeMoney = "see money"
    /// Invite people and change their roles.
    case invite
}
