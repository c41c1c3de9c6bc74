import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ProducerOffice
import ProducerServer
import Testing

@Suite struct ApprovalGateTests {
    static func post(
        _ client: some TestClientProtocol, _ fixture: SongFixture, _ path: String, as role: StudioRole
    ) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(
            uri: "/api\(fixture.base)/\(path)", method: .post,
            headers: fixture.bearer(role, [.contentType: "application/json"]), body: ByteBuffer(string: "{}")
        ) { response in (response.status, String(buffer: response.body)) }
    }

    @Test func aMixGoesToMasteringOnlyAfterTheArtistApprovesIt() async throws {
        let fixture = try await SongFixture()
        let wav = try SongFixture.wav(seconds: 1)
        try await fixture.studio.application().test(.router) { client in
            let mix = try #require(try await fixture.upload(client, kind: "mix", file: wav).1)
            let (before, text) = try await Self.post(client, fixture, "versions/\(mix.id)/mastering", as: .producer)
            #expect(before == .conflict)
            #expect(text.contains("mix 1 of Night Trains cannot go to mastering until the artist approves it"))
            // The producer's approval of a mix is recorded but is not the artist's.
            #expect(try await Self.post(client, fixture, "versions/\(mix.id)/approvals", as: .producer).0 == .created)
            #expect(try await Self.post(client, fixture, "versions/\(mix.id)/mastering", as: .producer).0 == .conflict)
            #expect(try await Self.post(client, fixture, "versions/\(mix.id)/approvals", as: .engineer).0 == .forbidden)
            #expect(try await Self.post(client, fixture, "versions/\(mix.id)/approvals", as: .artist).0 == .created)
            let (after, body) = try await Self.post(client, fixture, "versions/\(mix.id)/mastering", as: .engineer)
            #expect(after == .ok)
            #expect(body.contains("\"stage\":\"sent to mastering\""))
            #expect(try await Self.post(client, fixture, "versions/\(mix.id)/mastering", as: .producer).0 == .conflict)
            let take = try #require(try await fixture.upload(client, kind: "take", file: wav).1)
            let (approveTake, takeText) = try await Self.post(
                client, fixture, "versions/\(take.id)/approvals", as: .artist)
            #expect(approveTake == .unprocessableContent)
            #expect(takeText.contains("A take is not approved"))
        }
        let verbs = try await fixture.studio.studio.activity(projectID: fixture.project.id, limit: 20).map(\.verb)
        #expect(verbs.contains(.sentToMastering))
        #expect(verbs.filter { $0 == .approved }.count == 2)
    }

    @Test func aMasterIsDeliveredOnlyAfterTheProducerApprovesIt() async throws {
        let fixture = try await SongFixture()
        let wav = try SongFixture.wav(seconds: 1)
        try await fixture.studio.application().test(.router) { client in
            let master = try #require(try await fixture.upload(client, kind: "master", file: wav).1)
            #expect(try await Self.post(client, fixture, "versions/\(master.id)/delivery", as: .manager).0 == .conflict)
            // Only the producer may approve masters; an artist's approval (recorded here directly) does not count.
            #expect(
                try await Self.post(client, fixture, "versions/\(master.id)/approvals", as: .artist).0 == .forbidden)
            try await fixture.studio.studio.addApproval(
                Approval(
                    projectID: fixture.project.id, versionID: master.id, kind: .master,
                    accountID: fixture.accounts[.artist]!.id, role: .artist, at: fixture.studio.services.now()))
            let (still, text) = try await Self.post(client, fixture, "versions/\(master.id)/delivery", as: .manager)
            #expect(still == .conflict)
            #expect(text.contains("master 1 of Night Trains cannot be delivered until the producer approves it"))
            #expect(
                try await Self.post(client, fixture, "versions/\(master.id)/approvals", as: .producer).0 == .created)
            #expect(
                try await Self.post(client, fixture, "versions/\(master.id)/delivery", as: .engineer).0 == .forbidden)
            let (delivered, body) = try await Self.post(client, fixture, "versions/\(master.id)/delivery", as: .manager)
            #expect(delivered == .ok)
            #expect(body.contains("\"stage\":\"delivered\""))
        }
        let stored = try await fixture.studio.studio.versions(projectID: fixture.project.id, songID: fixture.songID)
        #expect(stored.first?.stage == .delivered)
    }
}
