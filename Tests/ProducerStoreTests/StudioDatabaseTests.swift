import Foundation
import ProducerOffice
import ProducerStore
import Testing

/// The in-memory double, held to the same scenarios as the databases.
@Suite("InMemoryStudioStore")
struct InMemoryStudioStoreTests {
    @Test("accounts: a duplicate email is refused whatever its case")
    func accounts() async throws { try await StudioScenarios.accounts(.memory) }

    @Test("a sign-in is found until it expires")
    func signIns() async throws { try await StudioScenarios.signIns(.memory) }

    @Test("members and invitations: accepted once only, refused when expired")
    func members() async throws { try await StudioScenarios.membersAndInvitations(.memory) }

    @Test("versions are numbered 1, 2, 3 per song and kind")
    func versionNumbers() async throws { try await StudioScenarios.versionNumbers(.memory) }

    @Test("versions, comments, approvals, activity and polls round-trip")
    func roundTrip() async throws { try await StudioScenarios.recordsRoundTrip(.memory) }

    @Test("a version's threads come a page at a time in time order; open threads and replies found")
    func threadPages() async throws { try await StudioScenarios.commentThreadPages(.memory) }

    @Test("comments posted at once are all stored with their activity; a duplicate among them fails alone")
    func commentsAtOnce() async throws { try await StudioScenarios.commentsAtOnce(.memory) }

    @Test("a sign-in, a name and a membership read are read afresh once they change")
    func changesSeenAtOnce() async throws { try await StudioScenarios.changesSeenAtOnce(.memory) }

    @Test("an id looked up with another project's id finds nothing")
    func noCrossProjectRead() async throws { try await StudioScenarios.noCrossProjectRead(.memory) }
}

@Suite("StudioDatabase on SQLite")
struct SQLiteStudioDatabaseTests {
    @Test("accounts: a duplicate email is refused whatever its case")
    func accounts() async throws { try await StudioScenarios.accounts(.sqlite) }

    @Test("a sign-in is found until it expires")
    func signIns() async throws { try await StudioScenarios.signIns(.sqlite) }

    @Test("members and invitations: accepted once only, refused when expired")
    func members() async throws { try await StudioScenarios.membersAndInvitations(.sqlite) }

    @Test("versions are numbered 1, 2, 3 per song and kind, also when uploaded at once")
    func versionNumbers() async throws { try await StudioScenarios.versionNumbers(.sqlite) }

    @Test("versions, comments, approvals, activity and polls round-trip")
    func roundTrip() async throws { try await StudioScenarios.recordsRoundTrip(.sqlite) }

    @Test("a version's threads come a page at a time in time order; open threads and replies found")
    func threadPages() async throws { try await StudioScenarios.commentThreadPages(.sqlite) }

    @Test("comments posted at once are all stored with their activity; a duplicate among them fails alone")
    func commentsAtOnce() async throws { try await StudioScenarios.commentsAtOnce(.sqlite) }

    @Test("a sign-in, a name and a membership read are read afresh once they change")
    func changesSeenAtOnce() async throws { try await StudioScenarios.changesSeenAtOnce(.sqlite) }

    @Test("an id looked up with another project's id finds nothing")
    func noCrossProjectRead() async throws { try await StudioScenarios.noCrossProjectRead(.sqlite) }

    @Test("a version is not changed through another project's id")
    func noCrossProjectWrite() async throws { try await StudioScenarios.noCrossProjectWrite(.sqlite) }

    @Test("a place with no project is refused, as ProjectDatabase refuses it")
    func noProject() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("producer_test_" + UUID().uuidString)
            .path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let error = await #expect(throws: ProjectStoreError.self) {
            try await StudioDatabase.open(.sqlite(path: folder))
        }
        #expect(error?.code == .notAProject)
    }

    @Test("a song page's queries from 16 requests at once: all answered; the time per query is printed")
    func pageQueries() async throws {
        try await StudioScenarios.with(.sqlite) { studio in
            // Given a project with a song of 3 versions, 20 comments and 30 activity entries
            let project = StudioProject(name: "Night Trains", location: "here", createdAt: StudioScenarios.t0)
            try await studio.addProject(
                project,
                owner: Membership(
                    projectID: project.id, accountID: "ada", role: .producer, joinedAt: StudioScenarios.t0))
            for i in 0..<3 {
                _ = try await studio.addVersion(StudioScenarios.version(project.id, "s1", .mix, at: Double(i)))
            }
            let version = try #require(try await studio.versions(projectID: project.id, songID: "s1").first)
            for i in 0..<20 {
                try await studio.addComment(
                    SongComment(
                        projectID: project.id, songID: "s1", versionID: version.id, authorID: "ada", body: "note \(i)",
                        createdAt: StudioScenarios.t0 + Double(i)))
            }
            for i in 0..<30 {
                try await studio.addActivity(
                    ActivityEntry(
                        projectID: project.id, at: StudioScenarios.t0 + Double(i), accountID: "ada", verb: .commented,
                        subject: "c\(i)"))
            }
            // When 16 requests at once each read what the song page shows, 25 times
            let pages = 16 * 25
            let started = ContinuousClock.now
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        var total = 0
                        for _ in 0..<25 {
                            _ = try await studio.membership(projectID: project.id, accountID: "ada")
                            total += try await studio.versions(projectID: project.id, songID: "s1").count
                            total += try await studio.comments(
                                projectID: project.id, songID: "s1", offset: 0, limit: 1000
                            ).count
                            total += try await studio.activity(projectID: project.id, limit: 20).count
                        }
                        return total
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            let elapsed = ContinuousClock.now - started
            // Then every request read everything
            #expect(counts == Array(repeating: 25 * (3 + 20 + 20), count: 16))
            let perQuery = Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12
            print(
                "StudioDatabase on SQLite: \(pages) song pages of 4 queries from 16 tasks on 4 connections, "
                    + String(format: "%.0f µs per query", perQuery / Double(pages * 4)))
        }
    }
}

@Suite(
    "StudioDatabase on PostgreSQL",
    .enabled(
        if: TestDatabase.postgresURL != nil,
        "PRODUCER_TEST_POSTGRES_URL is not set, so there is no PostgreSQL server to test against"))
struct PostgresStudioDatabaseTests {
    @Test("accounts: a duplicate email is refused whatever its case")
    func accounts() async throws { try await StudioScenarios.accounts(.postgres) }

    @Test("a sign-in is found until it expires")
    func signIns() async throws { try await StudioScenarios.signIns(.postgres) }

    @Test("members and invitations: accepted once only, refused when expired")
    func members() async throws { try await StudioScenarios.membersAndInvitations(.postgres) }

    @Test("versions are numbered 1, 2, 3 per song and kind, also when uploaded at once")
    func versionNumbers() async throws { try await StudioScenarios.versionNumbers(.postgres) }

    @Test("versions, comments, approvals, activity and polls round-trip")
    func roundTrip() async throws { try await StudioScenarios.recordsRoundTrip(.postgres) }

    @Test("a version's threads come a page at a time in time order; open threads and replies found")
    func threadPages() async throws { try await StudioScenarios.commentThreadPages(.postgres) }

    @Test("comments posted at once are all stored with their activity; a duplicate among them fails alone")
    func commentsAtOnce() async throws { try await StudioScenarios.commentsAtOnce(.postgres) }

    @Test("a sign-in, a name and a membership read are read afresh once they change")
    func changesSeenAtOnce() async throws { try await StudioScenarios.changesSeenAtOnce(.postgres) }

    @Test("an id looked up with another project's id finds nothing")
    func noCrossProjectRead() async throws { try await StudioScenarios.noCrossProjectRead(.postgres) }

    @Test("a version is not changed through another project's id")
    func noCrossProjectWrite() async throws { try await StudioScenarios.noCrossProjectWrite(.postgres) }
}
