import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ProducerAudio
import ProducerOffice
import ProducerTestSupport
import Testing

@testable import ProducerServer

/// A studio in memory with one project, its song "Night Trains", a person to give tasks to, and
/// a signed-in account for each role (Bearer tokens; ``cookies(_:)`` for browser-like requests).
struct SongFixture {
    let studio: TestStudio
    let project: StudioProject
    let songID = "night-trains"
    let otherSongID = "other-song"
    let personID = "sam"
    var accounts: [StudioRole: Account] = [:]
    var tokens: [StudioRole: String] = [:]
    let csrf = String(repeating: "c", count: 64)

    init() async throws {
        studio = try TestStudio()
        let now = studio.services.now()
        project = StudioProject(name: "Late Trains", location: "memory:late", createdAt: now)
        await studio.projects.add(
            ProjectSnapshot(
                settings: ProjectSettings(name: "Late Trains", timeZone: "UTC"),
                songs: [Song(id: songID, title: "Night Trains"), Song(id: otherSongID, title: "Other Song")],
                people: [
                    Person(
                        id: personID, name: "Sam Engineer", roles: [.engineer],
                        rate: Rate(Money(minorUnits: 5000, currency: "EUR"), per: .hour),
                        availability: Availability(timeZone: "UTC"))
                ]),
            at: project.location)
        for role in StudioRole.allCases {
            let account = Account(
                email: "\(role.rawValue.replacingOccurrences(of: " ", with: "."))@example.com",
                name: "The \(role.rawValue)", passwordHash: "-", createdAt: now)
            try await studio.studio.addAccount(account)
            let membership = Membership(projectID: project.id, accountID: account.id, role: role, joinedAt: now)
            if role == .producer {
                try await studio.studio.addProject(project, owner: membership)
            }
            accounts[role] = account
        }
        for role in StudioRole.allCases where role != .producer {
            try await studio.studio.setMembership(
                Membership(projectID: project.id, accountID: accounts[role]!.id, role: role, joinedAt: now))
        }
        for role in StudioRole.allCases {
            let token = SignInAuthenticator.newToken()
            try await studio.studio.addSignIn(
                SignInSession(
                    tokenHash: SignInAuthenticator.hash(token), accountID: accounts[role]!.id, createdAt: now,
                    expiresAt: now.addingTimeInterval(86_400)))
            tokens[role] = token
        }
    }

    /// Signed in as `role` with a Bearer token (no CSRF token needed).
    func bearer(_ role: StudioRole, _ more: HTTPFields = [:]) -> HTTPFields {
        var fields: HTTPFields = [.authorization: "Bearer \(tokens[role]!)"]
        fields.append(contentsOf: more)
        return fields
    }

    /// Signed in as `role` with the browser's cookies (session and CSRF).
    func cookies(_ role: StudioRole, _ more: HTTPFields = [:]) -> HTTPFields {
        var fields: HTTPFields = [.cookie: "producer_session=\(tokens[role]!); producer_csrf=\(csrf)"]
        fields.append(contentsOf: more)
        return fields
    }

    var base: String { "/projects/\(project.id)" }

    /// A mono 16-bit WAV at 8 kHz, `seconds` long, of a quiet sine; its bytes.
    static func wav(seconds: Double, frequency: Double = 220) throws -> [UInt8] {
        let folder = try temporaryDirectory()
        let path = try writeWAV(
            sine(frequency: frequency, dBFS: -12, seconds: seconds, sampleRate: 8000, channels: 1), "take.wav",
            in: folder, bits: 16, sampleRate: 8000)
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// A multipart/form-data body with `kind` and the `file` part.
    static func form(kind: String, fileName: String, file: [UInt8], boundary: String = "----producer-test") -> [UInt8] {
        var body = Array(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n\(kind)\r\n--\(boundary)\r\n".utf8)
        body += Array(
            "Content-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: audio/wav\r\n\r\n"
                .utf8)
        body += file
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return body
    }

    /// Uploads `file` through the API as `role`; the response's status and the version, if any.
    func upload(
        _ client: some TestClientProtocol, kind: String = "mix", name: String = "mix.wav", file: [UInt8],
        as role: StudioRole = .producer, checksum: String? = nil
    ) async throws -> (HTTPResponse.Status, SongVersion?, String) {
        var headers = bearer(role, [.contentType: "audio/wav"])
        if let checksum { headers[.init("X-Checksum-SHA256")!] = checksum }
        let query = "kind=\(kind)&name=\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
        return try await client.execute(
            uri: "/api\(base)/songs/\(songID)/versions?\(query)", method: .post, headers: headers,
            body: ByteBuffer(bytes: file)
        ) { response in
            let text = String(buffer: response.body)
            let version =
                response.status == .created
                ? try JSONDecoder.studio.decode(SongVersion.self, from: Data(text.utf8)) : nil
            return (response.status, version, text)
        }
    }

    /// Gives `versionID` an analysis with this beat grid (as the worker would).
    func setGrid(_ versionID: String, seconds: Double, tempo: Double?, firstDownbeat: Double?) async throws {
        var version = try await studio.studio.version(id: versionID, projectID: project.id)!
        version.analysis = VersionAnalysis(
            seconds: seconds, integratedLUFS: -14, truePeakDBTP: -1, tempo: tempo, firstDownbeatSeconds: firstDownbeat,
            peaks: [0.2, 0.5, 0.9, 0.4])
        version.analysisState = .done
        try await studio.studio.updateVersion(version)
    }

    /// The page at `uri` as `role`.
    func page(_ client: some TestClientProtocol, _ uri: String, as role: StudioRole = .producer) async throws -> String
    {
        try await client.execute(uri: uri, method: .get, headers: bearer(role)) { response in
            #expect(response.status == .ok, "GET \(uri)")
            return String(buffer: response.body)
        }
    }
}
