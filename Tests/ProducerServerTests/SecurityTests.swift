import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ProducerJobs
import ProducerOffice
import ProducerTestSupport
import Testing

@testable import ProducerServer

/// CSRF on every form, the session cookie's flags, the sign-in throttle, error pages that say
/// nothing of the inside, and ids that cannot be guessed into another project.
@Suite struct SecurityTests {
    @Test func everyFormCarriesTheCSRFTokenAndAPostWithoutItIsRefused() async throws {
        let routes = StudioServer.routes(services: try TestStudio().services)
        var pages = 0
        var forms = 0
        for route in routes where route.method == "GET" && !route.isAPI && route.path != "/style.css" {
            let seed = try await StudioSeed.make()
            let producer = seed.members[.producer]!
            let html = try await seed.test.application(.init(secureCookies: false)).test(.router) { client in
                try await client.execute(
                    uri: seed.path(route, in: seed.projectA), method: .get,
                    headers: seed.headers(for: producer, api: false)
                ) { String(buffer: $0.body) }
            }
            guard html.contains("<html") else { continue }
            pages += 1
            for form in Self.postForms(in: html) {
                forms += 1
                // A form's hidden field, or an upload's action (`?_csrf=`, read before the body streams).
                let tag = form.prefix { $0 != ">" }
                #expect(
                    form.contains("name=\"_csrf\" value=\"\(StudioSeed.csrf)\"")
                        || tag.contains("_csrf=\(StudioSeed.csrf)"),
                    "a form on \(route) has no CSRF token: \(form.prefix(300))")
            }
        }
        print("SecurityTests: \(forms) POST forms on \(pages) pages carry the CSRF token")
        #expect(pages >= 5)
        #expect(forms >= 5)

        var refused = 0
        for route in routes where route.method == "POST" && !route.isAPI {
            let seed = try await StudioSeed.make()
            let producer = seed.members[.producer]!
            let status = try await seed.test.application(.init(secureCookies: false)).test(.router) { client in
                try await client.execute(
                    uri: seed.path(route, in: seed.projectA), method: .post,
                    headers: seed.headers(for: producer, api: false, csrf: false).sendingAForm,
                    body: ByteBuffer(string: "name=Forged&email=x%40example.com&role=viewer")
                ) { $0.status }
            }
            #expect(status == .forbidden, "\(route) without _csrf answered \(status)")
            refused += 1
        }
        print("SecurityTests: \(refused) POST page routes refuse a form without _csrf")
        #expect(refused >= 5)
    }

    @Test func theSessionCookieIsHttpOnlySameSiteAndSecure() async throws {
        let test = try TestStudio()
        try await test.application(.init(bcryptCost: 4)).test(.router) { client in
            let csrf = try await Self.csrfCookie(client)
            try await client.execute(
                uri: "/sign-up", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "producer_csrf=\(csrf)"],
                body: ByteBuffer(
                    string: "_csrf=\(csrf)&name=Mara+Lind&email=mara%40example.com&password=long+enough+words")
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/projects")
                let cookie = response.headers[values: .setCookie].first { $0.hasPrefix("producer_session=") } ?? ""
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("SameSite=Lax"))
                #expect(cookie.contains("Secure"))
                #expect(cookie.contains("Path=/"))
                #expect(cookie.contains("Max-Age=\(14 * 86_400)"))
                let token = cookie.dropFirst("producer_session=".count).prefix { $0 != ";" }
                #expect(token.count == 64)
            }
        }
    }

    @Test func theSixthWrongPasswordIsRefusedUntilTheWindowPasses() async throws {
        let clock = MovableClock(Date(timeIntervalSince1970: 1_804_000_000))
        let services = StudioServices(
            studio: InMemoryStudioStore(), projects: InMemoryProjects(), queue: InMemoryJobQueue(),
            filesFolder: try temporaryDirectory(), now: { clock.now })
        let configuration = StudioServer.Configuration(loginAttempts: 5, loginWindow: 900, bcryptCost: 4)
        try await StudioServer.application(configuration, services: services).test(.router) { client in
            let csrf = try await Self.csrfCookie(client)
            let headers: HTTPFields = [
                .contentType: "application/json", .cookie: "producer_csrf=\(csrf)", CSRFMiddleware.headerName: csrf,
            ]
            func post(_ path: String, _ json: String) async throws -> (HTTPResponse.Status, String) {
                try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: json)) {
                    ($0.status, String(buffer: $0.body))
                }
            }
            let made = try await post(
                "/api/accounts", #"{"name":"Mara Lind","email":"mara@example.com","password":"the right password"}"#)
            #expect(made.0 == .created)
            var statuses: [Int] = []
            for _ in 1...6 {
                statuses.append(
                    try await post("/api/session", #"{"email":"mara@example.com","password":"a wrong password"}"#).0
                        .code)
                clock.advance(10)
            }
            print("SecurityTests: six wrong passwords answered \(statuses)")
            #expect(statuses == [401, 401, 401, 401, 401, 429])
            let right = try await post("/api/session", #"{"email":"mara@example.com","password":"the right password"}"#)
            #expect(right.0 == .tooManyRequests)
            #expect(right.1.contains("Try again after"))
            #expect(!right.1.contains("token"))
            clock.advance(900)
            let later = try await post("/api/session", #"{"email":"mara@example.com","password":"the right password"}"#)
            #expect(later.0 == .created)
            #expect(later.1.contains("\"token\""))
        }
    }

    @Test func anErrorPageShowsTheSentenceAndNothingOfTheInside() async throws {
        let seed = try await StudioSeed.make()
        let services = StudioServices(
            studio: seed.test.studio, projects: BrokenProjects(), queue: seed.test.queue, filesFolder: seed.test.files,
            now: seed.test.services.now)
        let producer = seed.members[.producer]!
        try await StudioServer.application(.init(secureCookies: false), services: services).test(.router) { client in
            for (path, api) in [("/projects/\(seed.projectA.id)", false), ("/api/projects/\(seed.projectA.id)", true)] {
                try await client.execute(uri: path, method: .get, headers: seed.headers(for: producer, api: api)) {
                    response in
                    let body = String(buffer: response.body)
                    #expect(response.status == .internalServerError)
                    #expect(body.contains("Something went wrong on the server"))
                    for leak in [
                        "SQLITE", "SELECT", "songs_by_project", "BrokenProjects", "RawDatabaseError", ".swift",
                    ] {
                        #expect(!body.contains(leak), "\(path) shows \(leak): \(body.prefix(400))")
                    }
                    if api {
                        let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
                        let error = json?["error"] as? [String: Any]
                        #expect(error?["code"] as? String == "server-error")
                        #expect(Set(error?.keys.map { $0 } ?? []) == ["code", "message"])
                    }
                }
            }
        }
    }

    @Test func aGuessedIdFindsNothing() async throws {
        let seed = try await StudioSeed.make()
        let producer = seed.members[.producer]!
        try await seed.test.application(.init(secureCookies: false)).test(.router) { client in
            let guessed = Identifier.secret()
            #expect(guessed.count == 26)
            for (path, api) in [
                ("/projects/\(guessed)", false), ("/api/projects/\(guessed)", true),
                ("/projects/\(guessed)/members", false), ("/invitations/\(guessed)", false),
                ("/api/projects/\(seed.projectB.id)", true), ("/projects/\(seed.projectB.id)", false),
            ] {
                try await client.execute(uri: path, method: .get, headers: seed.headers(for: producer, api: api)) {
                    response in
                    let body = String(buffer: response.body)
                    #expect(response.status == .notFound, "\(path): \(response.status)")
                    #expect(!body.contains("Album B") && !body.contains("Other Song"), "\(path) shows B")
                }
            }
            try await client.execute(
                uri: "/api/invitations/\(guessed)/accept", method: .post,
                headers: seed.headers(for: producer, api: true)
            ) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    /// The `<form …method="post"…>…</form>` blocks of a page.
    static func postForms(in html: String) -> [Substring] {
        var forms: [Substring] = []
        var rest = html[...]
        while let start = rest.range(of: "<form") {
            guard let end = rest[start.upperBound...].range(of: "</form>") else { break }
            let form = rest[start.lowerBound..<end.upperBound]
            if let tagEnd = form.firstIndex(of: ">"), form[..<tagEnd].lowercased().contains("method=\"post\"") {
                forms.append(form)
            }
            rest = rest[end.upperBound...]
        }
        return forms
    }

    /// A CSRF token as the server hands it to a new visitor (its `producer_csrf` cookie).
    static func csrfCookie(_ client: some TestClientProtocol) async throws -> String {
        try await client.execute(uri: "/sign-in", method: .get) { response in
            let cookie = response.headers[values: .setCookie].first { $0.hasPrefix("producer_csrf=") } ?? ""
            return String(cookie.dropFirst("producer_csrf=".count).prefix { $0 != ";" })
        }
    }
}

/// A clock a test moves by hand.
final class MovableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    var now: Date { lock.withLock { current } }

    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// Project databases that fail as a raw driver would, with SQL in the error.
struct BrokenProjects: ProjectOpening {
    struct RawDatabaseError: Error, CustomStringConvertible {
        var description: String {
            "SQLITE_ERROR (1): no such table: songs_by_project in \"SELECT * FROM songs_by_project\""
        }
    }

    func store(for project: StudioProject) async throws -> any ProjectStore { throw RawDatabaseError() }
    func create(id: String, settings: ProjectSettings) async throws -> String { throw RawDatabaseError() }
}

extension HTTPFields {
    /// These fields with an url-encoded form's content type.
    var sendingAForm: HTTPFields {
        var fields = self
        fields[.contentType] = "application/x-www-form-urlencoded"
        return fields
    }
}
