import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ProducerOffice

import ProducerTestSupport
import Testing

@testable import ProducerServer

@Suite struct SongCommentTests {
    /// Posts a comment through the API as `role`; the status and the text answered.
    static func comment(
        _ client: some TestClientProtocol, _ fixture: SongFixture, _ json: String, as role: StudioRole = .artist,
        song: String? = nil
    ) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(
            uri: "/api\(fixture.base)/songs/\(song ?? fixture.songID)/comments", method: .post,
            headers: fixture.bearer(role, [.contentType: "application/json"]), body: ByteBuffer(string: json)
        ) { response in (response.status, String(buffer: response.body)) }
    }

    @Test func aCommentAt1_23ShowsItsPlaceAndCarriesToTheNextMixAtTheSameBeat() async throws {
        let fixture = try await SongFixture()
        let wav = try SongFixture.wav(seconds: 100)
        try await fixture.studio.application().test(.router) { client in
            let one = try #require(try await fixture.upload(client, file: wav).1)
            let two = try #require(try await fixture.upload(client, file: wav).1)
            // 120 BPM, 4/4: mix 1's bar 1 starts at 0.5 s, mix 2's at 2.0 s.
            try await fixture.setGrid(one.id, seconds: 100, tempo: 120, firstDownbeat: 0.5)
            try await fixture.setGrid(two.id, seconds: 100, tempo: 120, firstDownbeat: 2.0)
            let (status, _) = try await Self.comment(
                client, fixture, #"{"version":"\#(one.id)","start":"1:23","end":"1:25.250","body":"Snare too loud"}"#)
            #expect(status == .created)
            // (83 − 0.5) s × 2 beats/s = beat 165 from bar 1: bar 42, beat 2.
            let stored = try #require(
                try await fixture.studio.studio.comments(projectID: fixture.project.id, songID: fixture.songID).first)
            #expect(stored.startFrame == Int64(83 * 8000))
            #expect(stored.startBeat == 165)
            let first = try await fixture.page(client, "\(fixture.base)/songs/\(fixture.songID)?version=\(one.id)")
            #expect(first.contains("1:23.000–1:25.250"))
            #expect(first.contains("bar 42:2–43:2.50"))
            #expect(first.contains("Snare too loud"))
            #expect(!first.contains("from mix 1"))
            let second = try await fixture.page(client, "\(fixture.base)/songs/\(fixture.songID)?version=\(two.id)")
            // Beat 165 on mix 2's grid: 2.0 + 165 × 0.5 = 84.5 s.
            #expect(second.contains("1:24.500–1:26.750"))
            #expect(second.contains("bar 42:2"))
            #expect(second.contains("from mix 1"))
            #expect(!second.contains("moved by time"))
            // Bar and beat in: 42:2 on mix 2 is 84.5 s.
            let (barBeat, text) = try await Self.comment(
                client, fixture, #"{"version":"\#(two.id)","start":"42:2","body":"Here too"}"#)
            #expect(barBeat == .created)
            #expect(text.contains("\"startFrame\":\(Int(84.5 * 8000))"))
        }
    }

    @Test func withoutBeatGridsACarriedCommentMovesByTime() async throws {
        let fixture = try await SongFixture()
        let wav = try SongFixture.wav(seconds: 100)
        try await fixture.studio.application().test(.router) { client in
            let one = try #require(try await fixture.upload(client, file: wav).1)
            let two = try #require(try await fixture.upload(client, file: wav).1)
            _ = try await Self.comment(client, fixture, #"{"version":"\#(one.id)","start":"83.5","body":"Breath"}"#)
            _ = try await Self.comment(client, fixture, #"{"version":"\#(one.id)","body":"Whole thing is dark"}"#)
            let page = try await fixture.page(client, "\(fixture.base)/songs/\(fixture.songID)?version=\(two.id)")
            #expect(page.contains("1:23.500"))
            #expect(page.contains("moved by time, not by beat"))
            #expect(page.contains("whole version"))
            #expect(page.range(of: "Whole thing is dark")!.lowerBound < page.range(of: "Breath")!.lowerBound)
            let (status, text) = try await Self.comment(
                client, fixture, #"{"version":"\#(one.id)","start":"12:3","body":"No grid"}"#)
            #expect(status == .unprocessableContent)
            #expect(text.contains("start: \\\"12:3\\\" is a bar and beat, but this version has no beat grid yet"))
        }
    }

    @Test func badTimesBodiesAndParentsAreRefusedNamingTheField() async throws {
        let fixture = try await SongFixture()
        let wav = try SongFixture.wav(seconds: 10)
        try await fixture.studio.application().test(.router) { client in
            let one = try #require(try await fixture.upload(client, file: wav).1)
            let cases: [(String, String)] = [
                (
                    #"{"version":"\#(one.id)","start":"0:99","body":"x"}"#,
                    "start: \\\"0:99\\\" has more than 59 seconds"
                ),
                (
                    #"{"version":"\#(one.id)","start":"0:11","body":"x"}"#,
                    "start: \\\"0:11\\\" is past the end of the version (0:10.000)"
                ),
                (#"{"version":"\#(one.id)","start":"0:05","end":"0:04","body":"x"}"#, "end: 0:04 is before the start"),
                (#"{"version":"\#(one.id)","end":"0:04","body":"x"}"#, "end: give a start too"),
                (#"{"version":"\#(one.id)","start":"soon","body":"x"}"#, "start: \\\"soon\\\" is not a time"),
                (#"{"version":"\#(one.id)","body":"   "}"#, "body: write the comment"),
                (#"{"version":"nope","body":"x"}"#, "version: there is no such version"),
                (#"{"version":"\#(one.id)","body":"x","parent":"nope"}"#, "parent: there is no such comment"),
            ]
            for (json, message) in cases {
                let (status, text) = try await Self.comment(client, fixture, json)
                #expect(status == .unprocessableContent, "\(json)")
                #expect(text.contains(message), "\(text)")
            }
            let long = String(repeating: "a", count: 5001)
            let (status, text) = try await Self.comment(client, fixture, #"{"version":"\#(one.id)","body":"\#(long)"}"#)
            #expect(status == .unprocessableContent)
            #expect(text.contains("body: keep a comment to 5000 characters"))
            // A reply's parent must be on the same song.
            let (_, created) = try await Self.comment(client, fixture, #"{"version":"\#(one.id)","body":"root"}"#)
            let root = try JSONDecoder.studio.decode(SongComment.self, from: Data(created.utf8))
            let (other, otherText) = try await Self.comment(
                client, fixture, #"{"version":"\#(one.id)","body":"x","parent":"\#(root.id)"}"#,
                song: fixture.otherSongID)
            #expect(other == .unprocessableContent)
            #expect(otherText.contains("version: there is no such version of Other Song"))
            let (reply, _) = try await Self.comment(
                client, fixture, #"{"version":"\#(one.id)","body":"agreed","parent":"\#(root.id)"}"#, as: .engineer)
            #expect(reply == .created)
            let (viewer, _) = try await Self.comment(
                client, fixture, #"{"version":"\#(one.id)","body":"x"}"#, as: .viewer)
            #expect(viewer == .forbidden)
        }
    }

    @Test func aCommentBecomesATaskAndAResolvedOneStaysBehind() async throws {
        let fixture = try await SongFixture()
        let wav = try SongFixture.wav(seconds: 100)
        try await fixture.studio.application().test(.router) { client in
            let one = try #require(try await fixture.upload(client, file: wav).1)
            let (_, created) = try await Self.comment(
                client, fixture, #"{"version":"\#(one.id)","start":"1:23","body":"Comp the last chorus"}"#)
            let comment = try JSONDecoder.studio.decode(SongComment.self, from: Data(created.utf8))
            try await client.execute(
                uri: "/api\(fixture.base)/comments/\(comment.id)/task", method: .post,
                headers: fixture.bearer(.artist, [.contentType: "application/json"]),
                body: ByteBuffer(string: #"{"person":"sam","due":"2027-03-08"}"#)
            ) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(
                uri: "/api\(fixture.base)/comments/\(comment.id)/task", method: .post,
                headers: fixture.bearer(.manager, [.contentType: "application/json"]),
                body: ByteBuffer(string: #"{"person":"sam","due":"2027-02-30"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("due: \\\"2027-02-30\\\" is not a date"))
            }
            try await client.execute(
                uri: "/api\(fixture.base)/comments/\(comment.id)/task", method: .post,
                headers: fixture.bearer(.manager, [.contentType: "application/json"]),
                body: ByteBuffer(string: #"{"person":"sam","due":"2027-03-08"}"#)
            ) { response in
                #expect(response.status == .created)
            }
            let store = try await fixture.studio.projects.store(for: fixture.project)
            let task = try #require(try await store.snapshot().tasks.first)
            #expect(task.personID == "sam")
            #expect(task.songID == fixture.songID)
            #expect(task.title == "mix 1 of Night Trains at 1:23.000: Comp the last chorus")
            #expect(task.due == ISO8601DateFormatter().date(from: "2027-03-08T23:59:59Z"))
            let linked = try await fixture.studio.studio.comment(id: comment.id, projectID: fixture.project.id)
            #expect(linked?.taskID == task.id)
            let activity = try await fixture.studio.studio.activity(projectID: fixture.project.id, limit: 5)
            #expect(activity.first?.verb == .taskAdded)

            let two = try #require(try await fixture.upload(client, file: wav).1)
            #expect(
                try await fixture.page(client, "\(fixture.base)/songs/\(fixture.songID)?version=\(two.id)").contains(
                    "Comp the last chorus"))
            try await client.execute(
                uri: "/api\(fixture.base)/comments/\(comment.id)/resolve", method: .post,
                headers: fixture.bearer(.engineer)
            ) { response in
                #expect(response.status == .ok)
            }
            #expect(
                !(try await fixture.page(client, "\(fixture.base)/songs/\(fixture.songID)?version=\(two.id)").contains(
                    "Comp the last chorus")))
        }
    }
}
