import Foundation
import Hummingbird
import HummingbirdTesting
import ProducerJobs
import ProducerOffice
@testable import ProducerServer

/// A studio with two projects for the permission tests: on A one account per role, a song with a
/// mix, a comment, a poll, an open invitation and a queued job; on B an outsider, its producer.
/// Everyone is signed in (tokens below); ``path(_:in:)`` fills a route's parameters with A's ids.
struct StudioSeed {
    let test: TestStudio
    let projectA: StudioProject
    let projectB: StudioProject
    /// Each role's account on A.
    let members: [StudioRole: Account]
    /// The producer of B, on nothing else.
    let outsider: Account
    /// Sign-in tokens by account id.
    let tokens: [String: String]
    /// A's records by the route parameter that names them (`song`, `version`, `comment`…).
    let ids: [String: String]

    static let csrf = String(repeating: "c5", count: 32)

    static func make(now: Date = Date(timeIntervalSince1970: 1_804_000_000)) async throws -> StudioSeed {
        let test = try TestStudio(now: now)
        let studio = test.studio
        var members: [StudioRole: Account] = [:]
        var tokens: [String: String] = [:]
        func account(_ name: String) async throws -> Account {
            let account = Account(
                email: "\(name.replacingOccurrences(of: " ", with: "."))@example.com", name: name,
                passwordHash: "not a bcrypt hash: these accounts sign in by token only", createdAt: now)
            try await studio.addAccount(account)
            let token = Identifier.secret() + Identifier.secret()
            try await studio.addSignIn(
                SignInSession(
                    tokenHash: SignInAuthenticator.hash(token), accountID: account.id, createdAt: now,
                    expiresAt: now.addingTimeInterval(60 * 86_400)))
            tokens[account.id] = token
            return account
        }
        for role in StudioRole.allCases { members[role] = try await account("the \(role.rawValue)") }
        let outsider = try await account("the outsider")

        let song = Song(title: "Night Trains")
        let projectA = StudioProject(name: "Album A", location: "memory:A", createdAt: now)
        await test.projects.add(
            ProjectSnapshot(settings: ProjectSettings(name: "Album A"), songs: [song]), at: "memory:A")
        try await studio.addProject(
            projectA,
            owner: Membership(projectID: projectA.id, accountID: members[.producer]!.id, role: .producer, joinedAt: now)
        )
        for (role, account) in members where role != .producer {
            try await studio.setMembership(
                Membership(projectID: projectA.id, accountID: account.id, role: role, joinedAt: now))
        }
        let projectB = StudioProject(name: "Album B", location: "memory:B", createdAt: now)
        await test.projects.add(
            ProjectSnapshot(settings: ProjectSettings(name: "Album B"), songs: [Song(title: "Other Song")]),
            at: "memory:B")
        try await studio.addProject(
            projectB, owner: Membership(projectID: projectB.id, accountID: outsider.id, role: .producer, joinedAt: now))

        let producer = members[.producer]!
        let version = try await studio.addVersion(
            SongVersion(
                projectID: projectA.id, songID: song.id, kind: .mix, fileName: "night-trains-mix.wav",
                storedPath: test.files + "/uploads/\(projectA.id)/none.wav", byteCount: 44,
                sha256: String(
                    repeating: "0", count: 64), sampleRate: 48_000, channelCount: 2, frameCount: 48_000,
                uploadedBy: producer.id, uploadedAt: now))
        let comment = SongComment(
            projectID: projectA.id, songID: song.id, versionID: version.id, authorID: producer.id,
            body: "The snare is loud at the chorus.", createdAt: now)
        try await studio.addComment(comment)
        let poll = AvailabilityPoll(
            projectID: projectA.id, title: "Vocal overdubs",
            options: [DateInterval(start: now.addingTimeInterval(86_400), duration: 14_400)],
            answerBy: now.addingTimeInterval(3_600), createdBy: producer.id, createdAt: now)
        try await studio.addPoll(poll)
        let invitation = Invitation(
            projectID: projectA.id, email: "new.player@example.com", role: .sessionPlayer, invitedBy: producer.id,
            createdAt: now, expiresAt: now.addingTimeInterval(86_400))
        try await studio.addInvitation(invitation)
        let job = try await test.queue.enqueue(
            .analyzeVersion(
                VersionAnalysisJob(projectID: projectA.id, versionID: version.id, path: version.storedPath)),
            projectID: projectA.id, now: now)
        let ids = [
            "song": song.id, "version": version.id, "comment": comment.id, "poll": poll.id,
            "invitation": invitation.id, "account": members[.viewer]!.id, "job": job,
        ]
        return StudioSeed(
            test: test, projectA: projectA, projectB: projectB, members: members, outsider: outsider, tokens: tokens,
            ids: ids)
    }

    /// `route`'s path with `:project` = `project` and every other parameter one of A's ids (a
    /// random secret when A has none of that name); `**` and `*` become a word.
    func path(_ route: StudioRoute, in project: StudioProject) -> String {
        route.path.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            if segment == "**" || segment == "*" { return "x" }
            guard segment.hasPrefix(":") else { return String(segment) }
            let name = String(segment.dropFirst())
            if name == "project" { return project.id }
            return ids[name] ?? Identifier.secret()
        }.joined(separator: "/")
    }

    /// The request's headers for `account` (none: no account): pages by cookie with the CSRF
    /// token, the API by Bearer token.
    func headers(for account: Account?, api: Bool, csrf: Bool = true) -> HTTPFields {
        var fields = HTTPFields()
        var cookies = ["\(CSRFMiddleware.cookieName)=\(Self.csrf)"]
        if let account, let token = tokens[account.id] {
            if api {
                fields[.authorization] = "Bearer \(token)"
            } else {
                cookies.append("\(SignInAuthenticator.cookieName)=\(token)")
            }
        }
        fields[.cookie] = cookies.joined(separator: "; ")
        if csrf { fields[CSRFMiddleware.headerName] = Self.csrf }
        return fields
    }
}
