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
                try await fixture.studio.studio.comments(
                    projectID: fixture.project.id, songID: fixture.songID, offset: 0, limit: 10
                ).first)
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

    @Test func threadsComeFiftyToAPageWithCarriedThreadsWhereTheyFall() async throws {
        let fixture = try await SongFixture()
        let wav = try SongFixture.wav(seconds: 200)
        try await fixture.studio.application().test(.router) { client in
            let one = try #require(try await fixture.upload(client, file: wav).1)
            let two = try #require(try await fixture.upload(client, file: wav).1)
            // Given 120 threads on mix 2, one a second from 0:01, with a reply on the one at 1:10,
            // and an open thread of mix 1 at 1:10.5 (same grid on both: it stays at 1:10.500)
            try await fixture.setGrid(one.id, seconds: 200, tempo: 120, firstDownbeat: 0)
            try await fixture.setGrid(two.id, seconds: 200, tempo: 120, firstDownbeat: 0)
            let studio = fixture.studio.studio
            let author = fixture.accounts[.artist]!.id
            let t0 = Date(timeIntervalSince1970: 1_800_000_000)
            for second in 1...120 {
                let comment = SongComment(
                    projectID: fixture.project.id, songID: fixture.songID, versionID: two.id, authorID: author,
                    body: "thread at \(second) s", startFrame: Int64(second * 8000), startBeat: Double(second * 2),
                    createdAt: t0 + Double(second))
                try await studio.addComment(comment)
                if second == 70 {
                    try await studio.addComment(
                        SongComment(
                            projectID: fixture.project.id, songID: fixture.songID, versionID: two.id,
                            parentID: comment.id, authorID: author, body: "a reply at 70", createdAt: t0 + 500))
                }
            }
            try await studio.addComment(
                SongComment(
                    projectID: fixture.project.id, songID: fixture.songID, versionID: one.id, authorID: author,
                    body: "carried from mix 1", startFrame: Int64(70.5 * 8000), startBeat: 141, createdAt: t0))
            let song = "\(fixture.base)/songs/\(fixture.songID)?version=\(two.id)"
            var pages: [String] = []
            for number in 1...3 { pages.append(try await fixture.page(client, song + "&page=\(number)")) }
            // Then page 1 has threads 1–50 and a link on; page 2 has 51–100 with the reply and the
            // carried thread between 1:10 and 1:11; page 3 has 101–120 and a link back only
            #expect(pages[0].contains("Threads 1–50") && pages[0].contains("thread at 50 s<"))
            #expect(!pages[0].contains("thread at 51 s<") && !pages[0].contains("rel=\"prev\""))
            #expect(pages[0].contains("&amp;page=2\" rel=\"next\""))
            #expect(pages[1].contains("Threads 51–100") && pages[1].contains("thread at 100 s<"))
            let carried = try #require(pages[1].range(of: "carried from mix 1"))
            #expect(pages[1].range(of: "a reply at 70")!.lowerBound < carried.lowerBound)
            #expect(carried.lowerBound < pages[1].range(of: "thread at 71 s<")!.lowerBound)
            #expect(pages[1].contains("1:10.500") && pages[1].contains("from mix 1"))
            #expect(pages[2].contains("Threads 101–120") && !pages[2].contains("rel=\"next\""))
            #expect(pages[2].contains("&amp;page=2\" rel=\"prev\""))
            #expect(pages.filter { $0.contains("carried from mix 1") }.count == 1)
            // And a page past the end says so
            let past = try await fixture.page(client, song + "&page=9")
            #expect(past.contains("Page 9 has no threads.") && !past.contains("carried from mix 1"))
            // And the API lists the song's 122 comments a call at a time, refusing a bad limit
            let list = "/api\(fixture.base)/songs/\(fixture.songID)/comments"
            func listed(_ query: String) async throws -> (HTTPResponse.Status, [SongComment]?) {
                try await client.execute(uri: list + query, method: .get, headers: fixture.bearer(.artist)) {
                    (
                        $0.status,
                        try? JSONDecoder.studio.decode([SongComment].self, from: Data(String(buffer: $0.body).utf8))
                    )
                }
            }
            #expect(try await listed("").1?.count == 122)
            #expect(try await listed("?limit=100").1?.count == 100)
            let rest = try await listed("?limit=100&offset=100").1
            #expect(rest?.count == 22 && rest?.last?.body == "a reply at 70")
            for bad in ["?limit=0", "?limit=1001", "?limit=ten", "?offset=-1"] {
                #expect(try await listed(bad).0 == .badRequest, "\(bad)")
            }
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
