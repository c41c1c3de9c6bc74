import Foundation

/// The studio kept in memory: the test double for ``StudioStore``.
public actor InMemoryStudioStore: StudioStore {
    private var accounts: [String: Account] = [:]
    private var signIns: [String: SignInSession] = [:]
    private var studioProjects: [StudioProject] = []
    private var memberList: [Membership] = []
    private var invitationList: [Invitation] = []
    private var versionList: [SongVersion] = []
    private var commentList: [SongComment] = []
    private var approvalList: [Approval] = []
    private var activityList: [ActivityEntry] = []
    private var pollList: [AvailabilityPoll] = []
    private var answerList: [PollAnswer] = []

    public init() {}

    public func addAccount(_ account: Account) async throws {
        var account = account
        account.email = account.email.lowercased()
        guard accounts.values.allSatisfy({ $0.email != account.email }) else {
            throw StudioStoreError(.duplicate, "an account with the email \(account.email) already exists")
        }
        accounts[account.id] = account
    }

    public func account(id: String) async throws -> Account? { accounts[id] }

    public func account(email: String) async throws -> Account? {
        accounts.values.first { $0.email == email.lowercased() }
    }

    public func updateAccount(_ account: Account) async throws {
        guard accounts[account.id] != nil else { throw StudioStoreError(.notFound, "no such account") }
        accounts[account.id] = account
    }

    public func addSignIn(_ session: SignInSession) async throws { signIns[session.tokenHash] = session }

    public func signIn(tokenHash: String, now: Date) async throws -> SignInSession? {
        guard let session = signIns[tokenHash], session.expiresAt > now else { return nil }
        return session
    }

    public func removeSignIn(tokenHash: String) async throws { signIns[tokenHash] = nil }

    public func addProject(_ project: StudioProject, owner: Membership) async throws {
        guard studioProjects.allSatisfy({ $0.id != project.id }) else {
            throw StudioStoreError(.duplicate, "a project with that id already exists")
        }
        studioProjects.append(project)
        memberList.append(owner)
    }

    public func project(id: String) async throws -> StudioProject? { studioProjects.first { $0.id == id } }

    public func projects() async throws -> [StudioProject] { studioProjects }

    public func memberships(accountID: String) async throws -> [Membership] {
        memberList.filter { $0.accountID == accountID }
    }

    public func membership(projectID: String, accountID: String) async throws -> Membership? {
        memberList.first { $0.projectID == projectID && $0.accountID == accountID }
    }

    public func members(projectID: String) async throws -> [Membership] {
        memberList.filter { $0.projectID == projectID }
    }

    public func setMembership(_ membership: Membership) async throws {
        if let index = memberList.firstIndex(where: {
            $0.projectID == membership.projectID && $0.accountID == membership.accountID
        }) {
            memberList[index] = membership
        } else {
            memberList.append(membership)
        }
    }

    public func removeMembership(projectID: String, accountID: String) async throws {
        memberList.removeAll { $0.projectID == projectID && $0.accountID == accountID }
    }

    public func addInvitation(_ invitation: Invitation) async throws { invitationList.append(invitation) }

    public func invitation(id: String) async throws -> Invitation? { invitationList.first { $0.id == id } }

    public func invitations(projectID: String) async throws -> [Invitation] {
        invitationList.filter { $0.projectID == projectID }
    }

    public func acceptInvitation(id: String, accountID: String, at: Date) async throws -> Membership {
        guard let index = invitationList.firstIndex(where: { $0.id == id }) else {
            throw StudioStoreError(.notFound, "no such invitation")
        }
        let invitation = invitationList[index]
        guard invitation.acceptedAt == nil else {
            throw StudioStoreError(.refused, "this invitation has already been accepted")
        }
        guard invitation.expiresAt > at else { throw StudioStoreError(.refused, "this invitation has expired") }
        invitationList[index].acceptedAt = at
        invitationList[index].acceptedBy = accountID
        let membership = Membership(
            projectID: invitation.projectID, accountID: accountID, role: invitation.role,
            personID: invitation.personID, joinedAt: at)
        try await setMembership(membership)
        return membership
    }

    public func addVersion(_ version: SongVersion) async throws -> SongVersion {
        var version = version
        version.number =
            (versionList.filter {
                $0.projectID == version.projectID && $0.songID == version.songID && $0.kind == version.kind
            }.map(\.number).max() ?? 0) + 1
        versionList.append(version)
        return version
    }

    public func version(id: String, projectID: String) async throws -> SongVersion? {
        versionList.first { $0.id == id && $0.projectID == projectID }
    }

    public func versions(projectID: String, songID: String) async throws -> [SongVersion] {
        versionList.filter { $0.projectID == projectID && $0.songID == songID }
    }

    public func updateVersion(_ version: SongVersion) async throws {
        guard let index = versionList.firstIndex(where: { $0.id == version.id }) else {
            throw StudioStoreError(.notFound, "no such version")
        }
        versionList[index] = version
    }

    public func addComment(_ comment: SongComment) async throws {
        if commentList.contains(where: { $0.id == comment.id }) {
            throw StudioStoreError(.duplicate, "a comment with that id already exists")
        }
        commentList.append(comment)
    }

    public func comment(id: String, projectID: String) async throws -> SongComment? {
        commentList.first { $0.id == id && $0.projectID == projectID }
    }

    public func comments(projectID: String, songID: String, offset: Int, limit: Int) async throws -> [SongComment] {
        let all = commentList.filter { $0.projectID == projectID && $0.songID == songID }
        return Array(Self.oldestFirst(all).dropFirst(max(0, offset)).prefix(max(0, limit)))
    }

    public func threadStarts(
        projectID: String, versionID: String, offset: Int, limit: Int
    ) async throws -> [SongComment] {
        let starts = commentList.filter {
            $0.projectID == projectID && $0.versionID == versionID && $0.parentID == nil
        }
        let ordered = starts.sorted { a, b in
            let (x, y) = (a.startFrame ?? -1, b.startFrame ?? -1)
            if x != y { return x < y }
            return a.createdAt == b.createdAt ? a.id < b.id : a.createdAt < b.createdAt
        }
        return Array(ordered.dropFirst(max(0, offset)).prefix(max(0, limit)))
    }

    public func openThreadStarts(projectID: String, versionIDs: [String], limit: Int) async throws -> [SongComment] {
        let versions = Set(versionIDs)
        let open = commentList.filter {
            $0.projectID == projectID && versions.contains($0.versionID) && $0.parentID == nil && !$0.resolved
        }
        return Array(Self.oldestFirst(open).prefix(max(0, limit)))
    }

    public func replies(projectID: String, to parentIDs: [String], limit: Int) async throws -> [SongComment] {
        let parents = Set(parentIDs)
        let found = commentList.filter { comment in
            comment.projectID == projectID && comment.parentID.map { parents.contains($0) } == true
        }
        return Array(Self.oldestFirst(found).prefix(max(0, limit)))
    }

    private static func oldestFirst(_ comments: [SongComment]) -> [SongComment] {
        comments.sorted { $0.createdAt == $1.createdAt ? $0.id < $1.id : $0.createdAt < $1.createdAt }
    }

    public func updateComment(_ comment: SongComment) async throws {
        guard let index = commentList.firstIndex(where: { $0.id == comment.id }) else {
            throw StudioStoreError(.notFound, "no such comment")
        }
        commentList[index] = comment
    }

    public func addApproval(_ approval: Approval) async throws { approvalList.append(approval) }

    public func approvals(projectID: String, versionID: String) async throws -> [Approval] {
        approvalList.filter { $0.projectID == projectID && $0.versionID == versionID }
    }

    public func addActivity(_ entry: ActivityEntry) async throws { activityList.append(entry) }

    public func activity(projectID: String, limit: Int) async throws -> [ActivityEntry] {
        Array(activityList.filter { $0.projectID == projectID }.reversed().prefix(max(0, limit)))
    }

    public func addPoll(_ poll: AvailabilityPoll) async throws { pollList.append(poll) }

    public func poll(id: String, projectID: String) async throws -> AvailabilityPoll? {
        pollList.first { $0.id == id && $0.projectID == projectID }
    }

    public func polls(projectID: String) async throws -> [AvailabilityPoll] {
        pollList.filter { $0.projectID == projectID }
    }

    public func updatePoll(_ poll: AvailabilityPoll) async throws {
        guard let index = pollList.firstIndex(where: { $0.id == poll.id }) else {
            throw StudioStoreError(.notFound, "no such poll")
        }
        pollList[index] = poll
    }

    public func addPollAnswer(_ answer: PollAnswer) async throws {
        answerList.removeAll {
            $0.pollID == answer.pollID && $0.accountID == answer.accountID && $0.option == answer.option
        }
        answerList.append(answer)
    }

    public func pollAnswers(pollID: String) async throws -> [PollAnswer] { answerList.filter { $0.pollID == pollID } }
}
