import Foundation

/// Where the studio server keeps what is not the project plan: accounts, sign-ins, projects and
/// their members, invitations, song versions, comments, approvals, activity and polls.
///
/// ProducerStore implements it over SQLite and PostgreSQL (`StudioDatabase`), beside the job
/// queue; ``InMemoryStudioStore`` is the test double. Every method is one transaction. Records
/// of a project are only ever found with that project's id: a lookup by id names the project too,
/// so an id from another project finds nothing.
public protocol StudioStore: Sendable {
    // MARK: Accounts and sign-ins

    /// Adds an account. Throws ``StudioStoreError/Code/duplicate`` when the email is taken.
    func addAccount(_ account: Account) async throws
    func account(id: String) async throws -> Account?
    /// The account with this email (compared lowercased).
    func account(email: String) async throws -> Account?
    func updateAccount(_ account: Account) async throws

    func addSignIn(_ session: SignInSession) async throws
    /// The sign-in with this token hash, if it has not expired by `now`.
    func signIn(tokenHash: String, now: Date) async throws -> SignInSession?
    /// The unexpired sign-in with `tokenHash` and its account, read together (every request
    /// asks this first).
    func signedInAccount(tokenHash: String, now: Date) async throws -> (session: SignInSession, account: Account)?
    func removeSignIn(tokenHash: String) async throws

    // MARK: Projects, members, invitations

    /// Adds a project and its first member (the producer who made it).
    func addProject(_ project: StudioProject, owner: Membership) async throws
    func project(id: String) async throws -> StudioProject?
    /// Every project, oldest first (for workers and the demo).
    func projects() async throws -> [StudioProject]
    /// The projects `accountID` is a member of, with the membership, oldest first.
    func memberships(accountID: String) async throws -> [Membership]
    func membership(projectID: String, accountID: String) async throws -> Membership?
    /// The project and `accountID`'s membership of it, read together; nil when either is missing.
    func memberProject(
        projectID: String, accountID: String
    ) async throws -> (
        project: StudioProject, membership: Membership
    )?
    func members(projectID: String) async throws -> [Membership]
    /// Adds or replaces a membership.
    func setMembership(_ membership: Membership) async throws
    func removeMembership(projectID: String, accountID: String) async throws

    func addInvitation(_ invitation: Invitation) async throws
    func invitation(id: String) async throws -> Invitation?
    func invitations(projectID: String) async throws -> [Invitation]
    /// Accepts an open invitation for `accountID` in one transaction: records the acceptance
    /// and adds (or changes) the membership. Refuses an expired or already accepted one.
    func acceptInvitation(id: String, accountID: String, at: Date) async throws -> Membership

    // MARK: Versions, comments, approvals

    /// Adds a version, giving it the next ``SongVersion/number`` for its song and kind; returns it.
    func addVersion(_ version: SongVersion) async throws -> SongVersion
    func version(id: String, projectID: String) async throws -> SongVersion?
    /// A song's versions, oldest first.
    func versions(projectID: String, songID: String) async throws -> [SongVersion]
    func updateVersion(_ version: SongVersion) async throws

    func addComment(_ comment: SongComment) async throws
    /// Adds a comment and the activity entry that tells of it, in one transaction.
    func addComment(_ comment: SongComment, recording entry: ActivityEntry) async throws
    func comment(id: String, projectID: String) async throws -> SongComment?
    /// A song's comments on every version, oldest first: `limit` of them after the first `offset`.
    func comments(projectID: String, songID: String, offset: Int, limit: Int) async throws -> [SongComment]
    /// The comments that start threads (not replies) on `versionID`, in the order of where they
    /// start: whole-version comments first, then by start frame, then oldest first; `limit` of
    /// them after the first `offset`.
    func threadStarts(projectID: String, versionID: String, offset: Int, limit: Int) async throws -> [SongComment]
    /// The unresolved comments that start threads on any of `versionIDs`, oldest first, at most
    /// `limit`.
    func openThreadStarts(projectID: String, versionIDs: [String], limit: Int) async throws -> [SongComment]
    /// The replies to any of `parentIDs` (one level down), oldest first, at most `limit`.
    func replies(projectID: String, to parentIDs: [String], limit: Int) async throws -> [SongComment]
    func updateComment(_ comment: SongComment) async throws

    func addApproval(_ approval: Approval) async throws
    func approvals(projectID: String, versionID: String) async throws -> [Approval]
    /// The approvals of any of `versionIDs`, in the order they were given, read together.
    func approvals(projectID: String, versionIDs: [String]) async throws -> [Approval]

    // MARK: Activity and polls

    func addActivity(_ entry: ActivityEntry) async throws
    /// The project's activity, newest first, at most `limit`.
    func activity(projectID: String, limit: Int) async throws -> [ActivityEntry]

    func addPoll(_ poll: AvailabilityPoll) async throws
    func poll(id: String, projectID: String) async throws -> AvailabilityPoll?
    func polls(projectID: String) async throws -> [AvailabilityPoll]
    func updatePoll(_ poll: AvailabilityPoll) async throws
    /// Records an answer, replacing the same member's earlier answer to the same option.
    func addPollAnswer(_ answer: PollAnswer) async throws
    func pollAnswers(pollID: String) async throws -> [PollAnswer]
}

extension StudioStore {
    public func signedInAccount(
        tokenHash: String, now: Date
    ) async throws -> (session: SignInSession, account: Account)? {
        guard let session = try await signIn(tokenHash: tokenHash, now: now),
            let account = try await account(id: session.accountID)
        else { return nil }
        return (session, account)
    }

    public func memberProject(
        projectID: String, accountID: String
    ) async throws -> (project: StudioProject, membership: Membership)? {
        guard let project = try await project(id: projectID),
            let membership = try await membership(projectID: projectID, accountID: accountID)
        else { return nil }
        return (project, membership)
    }

    public func addComment(_ comment: SongComment, recording entry: ActivityEntry) async throws {
        try await addComment(comment)
        try await addActivity(entry)
    }

    public func approvals(projectID: String, versionIDs: [String]) async throws -> [Approval] {
        var all: [Approval] = []
        for id in versionIDs { all += try await approvals(projectID: projectID, versionID: id) }
        return all.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
    }
}
