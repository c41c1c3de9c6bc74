import Foundation
import ProducerOffice
import ProducerStore
import Testing

/// Where a studio scenario runs: the in-memory double, or a ``StudioDatabase`` on SQLite or PostgreSQL.
enum StudioKind: Sendable {
    case memory, sqlite, postgres
}

/// What every studio store must do, run on each kind alike.
enum StudioScenarios {
    static let t0 = Date(timeIntervalSince1970: 1_804_000_000.125)

    /// Runs `body` with a fresh studio of `kind` (a database holding a new project).
    static func with(_ kind: StudioKind, _ body: (any StudioStore) async throws -> Void) async throws {
        switch kind {
        case .memory:
            try await body(InMemoryStudioStore())
        case .sqlite, .postgres:
            try await TestDatabase.with(kind == .sqlite ? .sqlite : .postgres) { database in
                try await ProjectDatabase.create(database.location, settings: TestProject.settings).close()
                let studio = try await StudioDatabase.open(database.location)
                do {
                    try await body(studio)
                } catch {
                    await studio.close()
                    throw error
                }
                await studio.close()
            }
        }
    }

    static func account(_ email: String, _ name: String = "Ada Lind") -> Account {
        Account(email: email, name: name, passwordHash: "$2b$12$abcdefghijklmnopqrstuv", createdAt: t0)
    }

    static func accounts(_ kind: StudioKind) async throws {
        try await with(kind) { studio in
            // Given an account
            let ada = account("Ada@Example.org")
            try await studio.addAccount(ada)
            // When another signs up with the same email in other letters
            let error = await #expect(throws: StudioStoreError.self) {
                try await studio.addAccount(account("ADA@example.ORG", "Someone Else"))
            }
            // Then it is refused in words, and the email is found whatever its case
            #expect(error?.code == .duplicate)
            #expect(error?.message == "an account with the email ada@example.org already exists")
            let found = try #require(try await studio.account(email: "ada@EXAMPLE.org"))
            #expect(found.id == ada.id && found.email == "ada@example.org" && found.createdAt == t0)
            #expect(try await studio.account(id: ada.id)?.name == "Ada Lind")
            // And an account changes, but a missing one is not made
            var renamed = found
            renamed.name = "Ada L."
            renamed.notificationsSeenAt = t0 + 60
            try await studio.updateAccount(renamed)
            #expect(try await studio.account(id: ada.id) == renamed)
            let missing = await #expect(throws: StudioStoreError.self) {
                try await studio.updateAccount(account("nobody@example.org"))
            }
            #expect(missing?.code == .notFound)
            #expect(try await studio.account(email: "nobody@example.org") == nil)
        }
    }

    static func signIns(_ kind: StudioKind) async throws {
        try await with(kind) { studio in
            // Given a sign-in valid for an hour
            let session = SignInSession(tokenHash: "ab12", accountID: "acc", createdAt: t0, expiresAt: t0 + 3_600)
            try await studio.addSignIn(session)
            // Then it is found until it expires, and not at or after its expiry
            #expect(try await studio.signIn(tokenHash: "ab12", now: t0 + 3_599.999) == session)
            #expect(try await studio.signIn(tokenHash: "ab12", now: t0 + 3_600) == nil)
            #expect(try await studio.signIn(tokenHash: "cd34", now: t0) == nil)
            // And read with its account in one call, the same
            let account = Account(id: "acc", email: "acc@example.org", name: "Acc", passwordHash: "h", createdAt: t0)
            try await studio.addAccount(account)
            let found = try await studio.signedInAccount(tokenHash: "ab12", now: t0 + 3_599.999)
            #expect(found?.session == session && found?.account == account)
            #expect(try await studio.signedInAccount(tokenHash: "ab12", now: t0 + 3_600) == nil)
            #expect(try await studio.signedInAccount(tokenHash: "cd34", now: t0) == nil)
            // And signing out removes it
            try await studio.removeSignIn(tokenHash: "ab12")
            #expect(try await studio.signedInAccount(tokenHash: "ab12", now: t0) == nil)
            #expect(try await studio.signIn(tokenHash: "ab12", now: t0) == nil)
        }
    }

    static func membersAndInvitations(_ kind: StudioKind) async throws {
        try await with(kind) { studio in
            // Given two projects, each with its producer
            let album = StudioProject(name: "Night Trains", location: "/music/album", createdAt: t0)
            let ep = StudioProject(name: "EP", location: "/music/ep", createdAt: t0 + 10)
            try await studio.addProject(
                album, owner: Membership(projectID: album.id, accountID: "ada", role: .producer, joinedAt: t0))
            try await studio.addProject(
                ep, owner: Membership(projectID: ep.id, accountID: "bo", role: .producer, joinedAt: t0 + 10))
            #expect(try await studio.projects() == [album, ep])
            #expect(try await studio.project(id: ep.id) == ep)
            // When Bo is invited to the album as an artist and accepts a day later
            let invitation = Invitation(
                projectID: album.id, email: "bo@example.org", role: .artist, personID: "p-bo", invitedBy: "ada",
                createdAt: t0, expiresAt: t0 + 7 * 86_400)
            try await studio.addInvitation(invitation)
            #expect(try await studio.invitations(projectID: album.id) == [invitation])
            let joined = try await studio.acceptInvitation(id: invitation.id, accountID: "bo", at: t0 + 86_400)
            // Then Bo is an artist of the album (read with the project in one call), linked to his
            // person, and a member of both projects
            let member = try await studio.memberProject(projectID: album.id, accountID: "bo")
            #expect(member?.project == album && member?.membership.role == .artist)
            #expect(try await studio.memberProject(projectID: album.id, accountID: "cy") == nil)
            #expect(try await studio.memberProject(projectID: "no-such-project", accountID: "bo") == nil)
            #expect(
                joined
                    == Membership(
                        projectID: album.id, accountID: "bo", role: .artist, personID: "p-bo", joinedAt: t0 + 86_400))
            #expect(try await studio.membership(projectID: album.id, accountID: "bo") == joined)
            #expect(
                try await studio.memberships(accountID: "bo").map(\.projectID).sorted() == [album.id, ep.id].sorted())
            #expect(try await studio.members(projectID: album.id).map(\.accountID) == ["ada", "bo"])
            let accepted = try #require(try await studio.invitation(id: invitation.id))
            #expect(accepted.acceptedAt == t0 + 86_400 && accepted.acceptedBy == "bo")
            // And the invitation is accepted once only
            let again = await #expect(throws: StudioStoreError.self) {
                try await studio.acceptInvitation(id: invitation.id, accountID: "cy", at: t0 + 86_401)
            }
            #expect(again?.code == .refused)
            #expect(again?.message == "this invitation has already been accepted")
            #expect(try await studio.membership(projectID: album.id, accountID: "cy") == nil)
            // And an expired invitation is refused, an unknown one not found
            let late = Invitation(
                projectID: album.id, email: "cy@example.org", role: .viewer, invitedBy: "ada", createdAt: t0,
                expiresAt: t0 + 60)
            try await studio.addInvitation(late)
            let expired = await #expect(throws: StudioStoreError.self) {
                try await studio.acceptInvitation(id: late.id, accountID: "cy", at: t0 + 60)
            }
            #expect(expired?.code == .refused && expired?.message == "this invitation has expired")
            #expect(try await studio.membership(projectID: album.id, accountID: "cy") == nil)
            let unknown = await #expect(throws: StudioStoreError.self) {
                try await studio.acceptInvitation(id: "no-such-invitation", accountID: "cy", at: t0)
            }
            #expect(unknown?.code == .notFound)
            // And a role changes, and a member leaves
            try await studio.setMembership(
                Membership(projectID: album.id, accountID: "bo", role: .engineer, joinedAt: t0 + 86_400))
            #expect(try await studio.membership(projectID: album.id, accountID: "bo")?.role == .engineer)
            try await studio.removeMembership(projectID: album.id, accountID: "bo")
            #expect(try await studio.members(projectID: album.id).map(\.accountID) == ["ada"])
        }
    }

    static func version(
        _ project: String, _ song: String, _ kind: SongVersion.Kind, at offset: TimeInterval
    )
        -> SongVersion
    {
        SongVersion(
            projectID: project, songID: song, kind: kind, fileName: "night \(kind.rawValue).wav",
            storedPath: "uploads/\(project)/x.wav", byteCount: 1_234_567_890_123,
            sha256: String(repeating: "ab", count: 32),
            sampleRate: 48_000, channelCount: 2, frameCount: 12_345_678_901, uploadedBy: "ada", uploadedAt: t0 + offset)
    }

    static func versionNumbers(_ kind: StudioKind) async throws {
        try await with(kind) { studio in
            // When three mixes and a take of one song, a mix of another and one in another project are uploaded
            var numbers: [Int] = []
            for i in 0..<3 {
                numbers.append(try await studio.addVersion(version("p1", "s1", .mix, at: Double(i))).number)
            }
            let take = try await studio.addVersion(version("p1", "s1", .take, at: 5))
            let other = try await studio.addVersion(version("p1", "s2", .mix, at: 6))
            let elsewhere = try await studio.addVersion(version("p2", "s1", .mix, at: 7))
            // Then each song and kind counts 1, 2, 3 on its own
            #expect(numbers == [1, 2, 3])
            #expect(take.number == 1 && other.number == 1 && elsewhere.number == 1)
            #expect(try await studio.versions(projectID: "p1", songID: "s1").map(\.number) == [1, 2, 3, 1])
            // And five uploads of one song at once get 1 … 5, none twice
            let versions = studio
            let parallel = try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<5 {
                    group.addTask {
                        try await versions.addVersion(version("p1", "s3", .master, at: Double(10 + i))).number
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(parallel.sorted() == [1, 2, 3, 4, 5])
        }
    }

    static func recordsRoundTrip(_ kind: StudioKind) async throws {
        try await with(kind) { studio in
            // Given a version, analysed (a silent end: no true peak)
            var mix = try await studio.addVersion(version("p1", "s1", .mix, at: 0))
            mix.analysis = VersionAnalysis(
                seconds: 257.25, integratedLUFS: -13.8, truePeakDBTP: -.infinity, tempo: 123.5,
                firstDownbeatSeconds: 0.48, beatsPerBar: 3, peaks: [0, 0.25, 1, 0.5])
            mix.analysisState = .done
            mix.stage = .sentToMastering
            try await studio.updateVersion(mix)
            #expect(try await studio.version(id: mix.id, projectID: "p1") == mix)
            // And comments, a reply, approvals, activity and a poll with answers
            let comment = SongComment(
                projectID: "p1", songID: "s1", versionID: mix.id, authorID: "bo",
                body: "vocal too loud at 1:23 \u{1F3A4}",
                startFrame: 3_984_000, endFrame: 4_080_000, startBeat: 164.5, endBeat: 168, createdAt: t0 + 1)
            let reply = SongComment(
                projectID: "p1", songID: "s1", versionID: mix.id, parentID: comment.id, authorID: "ada", body: "fixed",
                createdAt: t0 + 2)
            try await studio.addComment(comment)
            try await studio.addComment(reply)
            var resolved = comment
            resolved.resolved = true
            resolved.taskID = "t-9"
            try await studio.updateComment(resolved)
            #expect(
                try await studio.comments(projectID: "p1", songID: "s1", offset: 0, limit: 10) == [resolved, reply])
            #expect(try await studio.comments(projectID: "p1", songID: "s1", offset: 1, limit: 10) == [reply])
            #expect(try await studio.comments(projectID: "p1", songID: "s1", offset: 0, limit: 1) == [resolved])
            #expect(try await studio.comment(id: reply.id, projectID: "p1") == reply)
            let approval = Approval(
                projectID: "p1", versionID: mix.id, kind: .mix, accountID: "bo", role: .artist, note: "love it",
                at: t0 + 3)
            try await studio.addApproval(approval)
            #expect(try await studio.approvals(projectID: "p1", versionID: mix.id) == [approval])
            let entries = (0..<4).map { i in
                ActivityEntry(
                    projectID: "p1", at: t0 + [1, 2, 2, 3][i], accountID: i == 3 ? nil : "ada",
                    verb: [.uploaded, .commented, .approved, .analysed][i], subject: "mix \(i)",
                    link: i == 0 ? nil : "/x")
            }
            for entry in entries { try await studio.addActivity(entry) }
            try await studio.addActivity(
                ActivityEntry(projectID: "p2", at: t0, accountID: nil, verb: .joined, subject: "p2"))
            // newest first (of two at one time, the later made first), only the project's own
            #expect(try await studio.activity(projectID: "p1", limit: 3).map(\.subject) == ["mix 3", "mix 2", "mix 1"])
            #expect(try await studio.activity(projectID: "p1", limit: 10) == entries.reversed())
            #expect(try await studio.activity(projectID: "p1", limit: -1).isEmpty)
            var poll = AvailabilityPoll(
                projectID: "p1", title: "Strings day", sessionID: "x-1",
                options: [DateInterval(start: t0, duration: 3_600), DateInterval(start: t0 + 86_400, duration: 7_200)],
                answerBy: t0 + 3 * 86_400, createdBy: "ada", createdAt: t0)
            try await studio.addPoll(poll)
            poll.closedAt = t0 + 4 * 86_400
            try await studio.updatePoll(poll)
            #expect(try await studio.poll(id: poll.id, projectID: "p1") == poll)
            #expect(try await studio.polls(projectID: "p1") == [poll])
            try await studio.addPollAnswer(
                PollAnswer(pollID: poll.id, accountID: "bo", option: 0, answer: .yes, at: t0 + 1))
            try await studio.addPollAnswer(
                PollAnswer(pollID: poll.id, accountID: "bo", option: 1, answer: .maybe, at: t0 + 2))
            try await studio.addPollAnswer(
                PollAnswer(pollID: poll.id, accountID: "bo", option: 0, answer: .no, at: t0 + 3))
            let answers = try await studio.pollAnswers(pollID: poll.id)
            #expect(answers.map(\.answer) == [.maybe, .no])
            #expect(answers.map(\.option) == [1, 0])
        }
    }

    static func commentThreadPages(_ kind: StudioKind) async throws {
        try await with(kind) { studio in
            // Given mix 1 with two open threads, a resolved one and a reply, and mix 2 with six
            // threads (two on the whole mix) made out of order, a reply, and another project's comment
            let one = try await studio.addVersion(version("p1", "s1", .mix, at: 0))
            let two = try await studio.addVersion(version("p1", "s1", .mix, at: 1))
            func say(
                _ body: String, on mix: SongVersion, at frame: Int64? = nil, after seconds: Double,
                parent: SongComment? = nil, resolved: Bool = false, project: String = "p1"
            ) async throws -> SongComment {
                let comment = SongComment(
                    projectID: project, songID: "s1", versionID: mix.id, parentID: parent?.id, authorID: "bo",
                    body: body, startFrame: frame, resolved: resolved, createdAt: t0 + seconds)
                try await studio.addComment(comment)
                return comment
            }
            let open1 = try await say("open 1", on: one, at: 900, after: 1)
            _ = try await say("resolved", on: one, at: 50, after: 2, resolved: true)
            let open2 = try await say("open 2", on: one, at: 10, after: 3)
            let early = try await say("reply on mix 1", on: one, after: 4, parent: open1)
            let at300 = try await say("at 300", on: two, at: 300, after: 10)
            let at100Late = try await say("at 100, later", on: two, at: 100, after: 12)
            let wholeLate = try await say("whole, later", on: two, after: 13)
            let at100 = try await say("at 100", on: two, at: 100, after: 11)
            let whole = try await say("whole", on: two, after: 9)
            let at200 = try await say("at 200", on: two, at: 200, after: 14)
            let late = try await say("reply on mix 2", on: two, after: 16, parent: at100)
            let soon = try await say("first reply on mix 2", on: two, after: 15, parent: at100)
            _ = try await say("elsewhere", on: two, at: 1, after: 8, project: "p2")
            // Then mix 2's threads come whole-mix first, then by start, then oldest first, a page at a time
            let first = try await studio.threadStarts(projectID: "p1", versionID: two.id, offset: 0, limit: 3)
            #expect(first.map(\.body) == [whole, wholeLate, at100].map(\.body))
            let rest = try await studio.threadStarts(projectID: "p1", versionID: two.id, offset: 3, limit: 10)
            #expect(rest.map(\.body) == [at100Late, at200, at300].map(\.body))
            #expect(try await studio.threadStarts(projectID: "p1", versionID: two.id, offset: 6, limit: 10).isEmpty)
            #expect(try await studio.threadStarts(projectID: "p2", versionID: two.id, offset: 0, limit: 10).count == 1)
            // And mix 1's open threads are the unresolved ones, oldest first, no replies
            let open = try await studio.openThreadStarts(projectID: "p1", versionIDs: [one.id, "nothing"], limit: 10)
            #expect(open.map(\.body) == [open1, open2].map(\.body))
            #expect(try await studio.openThreadStarts(projectID: "p1", versionIDs: [one.id], limit: 1) == [open1])
            #expect(try await studio.openThreadStarts(projectID: "p1", versionIDs: [], limit: 10).isEmpty)
            // And replies are found a level at a time, oldest first, within the project and the limit
            let replies = try await studio.replies(projectID: "p1", to: [at100.id, open1.id], limit: 10)
            #expect(replies.map(\.body) == [early, soon, late].map(\.body))
            #expect(try await studio.replies(projectID: "p1", to: [at100.id], limit: 1) == [soon])
            #expect(try await studio.replies(projectID: "p2", to: [at100.id], limit: 10).isEmpty)
            // And a comment added with its activity entry finds both stored
            let entry = ActivityEntry(
                projectID: "p1", at: t0 + 20, accountID: "bo", verb: .commented, subject: "mix 2 at 0:01")
            let recorded = SongComment(
                projectID: "p1", songID: "s1", versionID: two.id, authorID: "bo", body: "recorded", createdAt: t0 + 20)
            try await studio.addComment(recorded, recording: entry)
            #expect(try await studio.comment(id: recorded.id, projectID: "p1") == recorded)
            #expect(try await studio.activity(projectID: "p1", limit: 1) == [entry])
            if kind != .memory {
                // and one refused records neither (one transaction)
                let again = ActivityEntry(projectID: "p1", at: t0 + 21, accountID: "bo", verb: .commented, subject: "x")
                await #expect(throws: StudioStoreError.self) { try await studio.addComment(recorded, recording: again) }
                #expect(try await studio.activity(projectID: "p1", limit: 1) == [entry])
            }
        }
    }

    static func commentsAtOnce(_ kind: StudioKind) async throws {
        try await with(kind) { studio in
            // Given a mix with one comment
            let mix = try await studio.addVersion(version("p1", "s1", .mix, at: 0))
            func comment(_ n: Int, id: String = Identifier.secret()) -> (SongComment, ActivityEntry) {
                let at = t0 + Double(n)
                return (
                    SongComment(
                        id: id, projectID: "p1", songID: "s1", versionID: mix.id, authorID: "bo", body: "note \(n)",
                        startFrame: Int64(n) * 44_100, createdAt: at),
                    ActivityEntry(projectID: "p1", at: at, accountID: "bo", verb: .commented, subject: "note \(n)")
                )
            }
            let (first, firstEntry) = comment(0)
            try await studio.addComment(first, recording: firstEntry)
            // When 40 more are posted at once, one of them with the first one's id
            let results = await withTaskGroup(of: (Int, StudioStoreError?).self) { group in
                for n in 1...40 {
                    group.addTask {
                        let (made, entry) = comment(n, id: n == 17 ? first.id : Identifier.secret())
                        do {
                            try await studio.addComment(made, recording: entry)
                            return (n, nil)
                        } catch {
                            return (n, error as? StudioStoreError)
                        }
                    }
                }
                var all: [Int: StudioStoreError?] = [:]
                for await (n, error) in group { all[n] = error }
                return all
            }
            // Then only that one is refused, as a duplicate, and the 39 others are stored with their activity
            #expect(results.compactMap { $0.value == nil ? nil : $0.key } == [17])
            #expect(results[17]??.code == .duplicate)
            let stored = try await studio.threadStarts(projectID: "p1", versionID: mix.id, offset: 0, limit: 100)
            #expect(stored.map(\.body) == (0...40).filter { $0 != 17 }.map { "note \($0)" })
            let activity = try await studio.activity(projectID: "p1", limit: 100)
            #expect(activity.count == 40 && !activity.contains { $0.subject == "note 17" })
            // And the approvals of two versions are read together, oldest first
            let other = try await studio.addVersion(version("p1", "s1", .mix, at: 1))
            let late = Approval(
                projectID: "p1", versionID: mix.id, kind: .mix, accountID: "bo", role: .artist, at: t0 + 9)
            let early = Approval(
                projectID: "p1", versionID: other.id, kind: .mix, accountID: "ada", role: .producer, at: t0 + 5)
            try await studio.addApproval(late)
            try await studio.addApproval(early)
            #expect(try await studio.approvals(projectID: "p1", versionIDs: [mix.id, other.id]) == [early, late])
            #expect(try await studio.approvals(projectID: "p1", versionIDs: [other.id]) == [early])
            #expect(try await studio.approvals(projectID: "p2", versionIDs: [mix.id, other.id]).isEmpty)
        }
    }

    static func changesSeenAtOnce(_ kind: StudioKind) async throws {
        try await with(kind) { studio in
            // Given Bo signed in, named and on a project, each just read (a database keeps them a second)
            let bo = Account(id: "bo", email: "bo@example.org", name: "Bo", passwordHash: "h", createdAt: t0)
            try await studio.addAccount(bo)
            let session = SignInSession(tokenHash: "ab12", accountID: "bo", createdAt: t0, expiresAt: t0 + 3_600)
            try await studio.addSignIn(session)
            let album = StudioProject(name: "Night Trains", location: "/music/album", createdAt: t0)
            try await studio.addProject(
                album, owner: Membership(projectID: album.id, accountID: "ada", role: .producer, joinedAt: t0))
            try await studio.setMembership(
                Membership(projectID: album.id, accountID: "bo", role: .artist, joinedAt: t0))
            #expect(try await studio.signedInAccount(tokenHash: "ab12", now: t0)?.account.name == "Bo")
            #expect(try await studio.account(id: "bo")?.name == "Bo")
            #expect(try await studio.memberProject(projectID: album.id, accountID: "bo")?.membership.role == .artist)
            // When he is renamed, then his role changes: both are read afresh at once
            var renamed = bo
            renamed.name = "Bo Berg"
            try await studio.updateAccount(renamed)
            #expect(try await studio.account(id: "bo")?.name == "Bo Berg")
            #expect(try await studio.signedInAccount(tokenHash: "ab12", now: t0)?.account.name == "Bo Berg")
            try await studio.setMembership(
                Membership(projectID: album.id, accountID: "bo", role: .viewer, joinedAt: t0))
            #expect(try await studio.memberProject(projectID: album.id, accountID: "bo")?.membership.role == .viewer)
            // And a kept sign-in past its expiry is not used
            #expect(try await studio.signedInAccount(tokenHash: "ab12", now: t0 + 3_600) == nil)
            // And once he leaves and signs out, neither is found
            try await studio.removeMembership(projectID: album.id, accountID: "bo")
            #expect(try await studio.memberProject(projectID: album.id, accountID: "bo") == nil)
            try await studio.removeSignIn(tokenHash: "ab12")
            #expect(try await studio.signedInAccount(tokenHash: "ab12", now: t0) == nil)
        }
    }

    static func noCrossProjectRead(_ kind: StudioKind) async throws {
        try await with(kind) { studio in
            // Given a version, a comment and a poll of project p1
            let mix = try await studio.addVersion(version("p1", "s1", .mix, at: 0))
            let comment = SongComment(
                projectID: "p1", songID: "s1", versionID: mix.id, authorID: "bo", body: "hi", createdAt: t0)
            try await studio.addComment(comment)
            let poll = AvailabilityPoll(
                projectID: "p1", title: "Day", options: [], answerBy: t0, createdBy: "ada", createdAt: t0)
            try await studio.addPoll(poll)
            try await studio.addApproval(
                Approval(projectID: "p1", versionID: mix.id, kind: .mix, accountID: "bo", role: .artist, at: t0))
            // Then looked up with project p2's id, their ids find nothing
            #expect(try await studio.version(id: mix.id, projectID: "p2") == nil)
            #expect(try await studio.comment(id: comment.id, projectID: "p2") == nil)
            #expect(try await studio.poll(id: poll.id, projectID: "p2") == nil)
            #expect(try await studio.approvals(projectID: "p2", versionID: mix.id).isEmpty)
            #expect(try await studio.versions(projectID: "p2", songID: "s1").isEmpty)
            #expect(try await studio.comments(projectID: "p2", songID: "s1", offset: 0, limit: 10).isEmpty)
            // And with p1's, they do
            #expect(try await studio.version(id: mix.id, projectID: "p1") == mix)
            #expect(try await studio.comment(id: comment.id, projectID: "p1") == comment)
        }
    }

    /// The database stores refuse to change a record through another project's id.
    static func noCrossProjectWrite(_ kind: StudioKind) async throws {
        try await with(kind) { studio in
            let mix = try await studio.addVersion(version("p1", "s1", .mix, at: 0))
            var moved = mix
            moved.projectID = "p2"
            moved.stage = .delivered
            let error = await #expect(throws: StudioStoreError.self) { try await studio.updateVersion(moved) }
            #expect(error?.code == .notFound)
            #expect(try await studio.version(id: mix.id, projectID: "p1")?.stage == .uploaded)
        }
    }
}
