import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ProducerJobs
import ProducerOffice
import ProducerServer
import ProducerTestSupport
import Testing

@Suite struct SongUploadTests {
    /// `sha256sum`'s answer for the file at `path`.
    static func sha256sum(_ path: String) throws -> String {
        let result = try runProcess("/usr/bin/sha256sum", [path])
        return String(result.out.prefix(64))
    }

    static func leftovers(_ fixture: SongFixture) -> [String] {
        let folder = fixture.studio.files + "/uploads/" + fixture.project.id
        return (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    }

    @Test func aFormUploadIsStoredWithItsChecksumNumberedAndQueued() async throws {
        let fixture = try await SongFixture()
        let wav = try SongFixture.wav(seconds: 2)
        try await fixture.studio.application().test(.router) { client in
            for expected in 1...2 {
                let boundary = "----form\(expected)"
                try await client.execute(
                    uri: "\(fixture.base)/songs/\(fixture.songID)/versions?_csrf=\(fixture.csrf)", method: .post,
                    headers: fixture.cookies(
                        .engineer, [.contentType: "multipart/form-data; boundary=\(boundary)"]),
                    body: ByteBuffer(
                        bytes: SongFixture.form(kind: "mix", fileName: "mix.wav", file: wav, boundary: boundary))
                ) { response in
                    #expect(response.status == .seeOther)
                    #expect(
                        response.headers[.location]?.hasPrefix("\(fixture.base)/songs/\(fixture.songID)?version=")
                            == true)
                }
            }
        }
        let versions = try await fixture.studio.studio.versions(projectID: fixture.project.id, songID: fixture.songID)
        #expect(versions.map(\.number) == [1, 2])
        let first = try #require(versions.first)
        let path = fixture.studio.files + "/" + first.storedPath
        #expect(first.storedPath == "uploads/\(fixture.project.id)/\(first.id).wav")
        #expect(try Self.sha256sum(path) == first.sha256)
        #expect(first.byteCount == Int64(wav.count))
        #expect(first.frameCount == 16_000)
        #expect(first.sampleRate == 8000)
        let jobs = await fixture.studio.queue.all
        #expect(jobs.count == 2)
        #expect(
            jobs.first?.job
                == .analyzeVersion(VersionAnalysisJob(projectID: fixture.project.id, versionID: first.id, path: path)))
        #expect(Self.leftovers(fixture).filter { $0.hasPrefix(".") }.isEmpty)
        let activity = try await fixture.studio.studio.activity(projectID: fixture.project.id, limit: 10)
        #expect(
            activity.filter { $0.verb == .uploaded }.map(\.subject) == [
                "mix 2 of Night Trains", "mix 1 of Night Trains",
            ])
    }

    @Test func aFormWithoutTheCSRFTokenIsRefusedAndKeepsNothing() async throws {
        let fixture = try await SongFixture()
        let wav = try SongFixture.wav(seconds: 1)
        try await fixture.studio.application().test(.router) { client in
            try await client.execute(
                uri: "\(fixture.base)/songs/\(fixture.songID)/versions", method: .post,
                headers: fixture.cookies(.producer, [.contentType: "multipart/form-data; boundary=b"]),
                body: ByteBuffer(bytes: SongFixture.form(kind: "mix", fileName: "mix.wav", file: wav, boundary: "b"))
            ) { response in
                #expect(response.status == .forbidden)
            }
        }
        #expect(Self.leftovers(fixture).isEmpty)
    }

    @Test func anOversizedUploadIs413AndLeavesNoFile() async throws {
        let fixture = try await SongFixture()
        let wav = try SongFixture.wav(seconds: 2)
        #expect(wav.count > 30_000)
        try await fixture.studio.application(.init(maxUploadBytes: 10_000)).test(.router) { client in
            try await client.execute(
                uri: "\(fixture.base)/songs/\(fixture.songID)/versions?_csrf=\(fixture.csrf)", method: .post,
                headers: fixture.cookies(.producer, [.contentType: "multipart/form-data; boundary=b"]),
                body: ByteBuffer(bytes: SongFixture.form(kind: "mix", fileName: "mix.wav", file: wav, boundary: "b"))
            ) { response in
                #expect(response.status == .contentTooLarge)
                #expect(String(buffer: response.body).contains("larger than the 10000 bytes"))
            }
            let (status, _, _) = try await fixture.upload(client, file: wav)
            #expect(status == .contentTooLarge)
        }
        #expect(Self.leftovers(fixture).isEmpty)
        #expect(try await fixture.studio.studio.versions(projectID: fixture.project.id, songID: fixture.songID).isEmpty)
        #expect(await fixture.studio.queue.all.isEmpty)
    }

    @Test func aTextFileIs422NamingTheProblem() async throws {
        let fixture = try await SongFixture()
        try await fixture.studio.application().test(.router) { client in
            try await client.execute(
                uri: "\(fixture.base)/songs/\(fixture.songID)/versions?_csrf=\(fixture.csrf)", method: .post,
                headers: fixture.cookies(.producer, [.contentType: "multipart/form-data; boundary=b"]),
                body: ByteBuffer(
                    bytes: SongFixture.form(
                        kind: "take", fileName: "notes.txt", file: Array("bridge: more air\n".utf8), boundary: "b"))
            ) { response in
                #expect(response.status == .unprocessableContent)
                let page = String(buffer: response.body)
                #expect(page.contains("notes.txt: "))
                #expect(page.contains("this looks like a text file, not audio"))
                #expect(!page.contains(fixture.studio.files))
            }
        }
        #expect(Self.leftovers(fixture).isEmpty)
    }

    @Test func theAPITakesTheRawFileChecksTheChecksumAndKeepsNamesAsText() async throws {
        let fixture = try await SongFixture()
        let wav = try SongFixture.wav(seconds: 1)
        let folder = try temporaryDirectory()
        let copy = folder + "/copy.wav"
        try Data(wav).write(to: URL(fileURLWithPath: copy))
        let sum = try Self.sha256sum(copy)
        try await fixture.studio.application().test(.router) { client in
            let (wrong, _, text) = try await fixture.upload(
                client, file: wav, checksum: String(repeating: "0", count: 64))
            #expect(wrong == .unprocessableContent)
            #expect(text.contains("checksum-mismatch"))
            #expect(Self.leftovers(fixture).isEmpty)
            let (status, version, _) = try await fixture.upload(
                client, kind: "take", name: "../../etc/passwd", file: wav, checksum: sum.uppercased())
            #expect(status == .created)
            #expect(version?.fileName == "../../etc/passwd")
            #expect(version?.sha256 == sum)
            #expect(version?.kind == .take)
            #expect(version?.storedPath.contains("..") == false)
            let (noKind, _, kindText) = try await fixture.upload(client, kind: "demo", file: wav)
            #expect(noKind == .unprocessableContent)
            #expect(kindText.contains("kind must be take, mix or master"))
            try await client.execute(
                uri: "/api\(fixture.base)/songs/no-such-song/versions?kind=mix", method: .post,
                headers: fixture.bearer(.producer), body: ByteBuffer(bytes: wav)
            ) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(
                uri: "/api\(fixture.base)/songs/\(fixture.songID)/versions?kind=mix", method: .post,
                headers: fixture.bearer(.viewer), body: ByteBuffer(bytes: wav)
            ) { response in
                #expect(response.status == .forbidden)
            }
        }
        #expect(Self.leftovers(fixture).count == 1)
    }

    @Test func thePlayerGetsByteRanges() async throws {
        let fixture = try await SongFixture()
        let wav = try SongFixture.wav(seconds: 1)
        try await fixture.studio.application().test(.router) { client in
            let (_, uploaded, _) = try await fixture.upload(client, file: wav)
            let version = try #require(uploaded)
            let uri = "\(fixture.base)/versions/\(version.id)/audio"
            try await client.execute(
                uri: uri, method: .get, headers: fixture.bearer(.viewer, [.range: "bytes=100-1099"])
            ) {
                response in
                #expect(response.status == .partialContent)
                #expect(response.headers[.contentRange] == "bytes 100-1099/\(wav.count)")
                #expect(response.headers[.contentType] == "audio/wav")
                #expect(Array(response.body.readableBytesView) == Array(wav[100...1099]))
            }
            try await client.execute(uri: uri, method: .get, headers: fixture.bearer(.viewer, [.range: "bytes=-10"])) {
                response in
                #expect(response.status == .partialContent)
                #expect(Array(response.body.readableBytesView) == Array(wav.suffix(10)))
            }
            try await client.execute(uri: uri, method: .get, headers: fixture.bearer(.viewer)) { response in
                #expect(response.status == .ok)
                #expect(Array(response.body.readableBytesView) == wav)
            }
            try await client.execute(
                uri: uri, method: .get, headers: fixture.bearer(.viewer, [.range: "bytes=\(wav.count)-"])
            ) { response in
                #expect(response.status == .rangeNotSatisfiable)
                #expect(response.headers[.contentRange] == "bytes */\(wav.count)")
            }
            try await client.execute(uri: uri, method: .get, headers: fixture.bearer(.viewer, [.range: "bytes=9-3"])) {
                response in
                #expect(response.status == .rangeNotSatisfiable)
            }
        }
    }
}

@Suite struct SongUploadLiveTests {
    @Test func anUploadStreamsOverARealConnection() async throws {
        let fixture = try await SongFixture()
        let wav = try SongFixture.wav(seconds: 30)
        try await fixture.studio.application(.init(port: 0)).test(.live) { client in
            try await client.execute(
                uri: "\(fixture.base)/songs/\(fixture.songID)/versions?_csrf=\(fixture.csrf)", method: .post,
                headers: fixture.cookies(.producer, [.contentType: "multipart/form-data; boundary=live"]),
                body: ByteBuffer(
                    bytes: SongFixture.form(kind: "take", fileName: "take.wav", file: wav, boundary: "live"))
            ) { response in
                #expect(response.status == .seeOther)
            }
        }
        let version = try #require(
            try await fixture.studio.studio.versions(projectID: fixture.project.id, songID: fixture.songID).first)
        #expect(version.byteCount == Int64(wav.count))
        #expect(try SongUploadTests.sha256sum(fixture.studio.files + "/" + version.storedPath) == version.sha256)
    }
}
