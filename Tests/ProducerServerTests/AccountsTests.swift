import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ProducerOffice
import Testing

@testable import ProducerServer

/// Sign-up, sign-in and sign-out as a browser and as an API client does them.
@Suite struct AccountsTests {
    /// A browser: keeps the CSRF cookie and the session cookie, sends the token with each form.
    struct Browser {
        let client: any TestClientProtocol
        var csrf = ""
        var session = ""

        init(_ client: some TestClientProtocol) async throws {
            self.client = client
            csrf = try await SecurityTests.csrfCookie(client)
        }

        var cookies: String { "producer_csrf=\(csrf)" + (session.isEmpty ? "" : "; producer_session=\(session)") }

        mutating func post(_ path: String, _ form: String) async throws -> (HTTPResponse.Status, String, String) {
            let answer = try await client.execute(
                uri: path, method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies],
                body: ByteBuffer(string: "_csrf=\(csrf)&" + form)
            ) { response in
                (
                    response.status, response.headers[.location] ?? "", String(buffer: response.body),
                    response.headers[values: .setCookie].first { $0.hasPrefix("producer_session=") }
                )
            }
            if let cookie = answer.3 {
                session = String(cookie.dropFirst("producer_session=".count).prefix { $0 != ";" })
            }
            return (answer.0, answer.1, answer.2)
        }

        func get(_ path: String) async throws -> (HTTPResponse.Status, String, String) {
            try await client.execute(uri: path, method: .get, headers: [.cookie: cookies]) { response in
                (response.status, response.headers[.location] ?? "", String(buffer: response.body))
            }
        }
    }

    static let fast = StudioServer.Configuration(bcryptCost: 4)

    @Test func signUpSignOutAndSignInAsABrowser() async throws {
        let test = try TestStudio()
        try await test.application(Self.fast).test(.router) { client in
            var browser = try await Browser(client)
            let page = try await browser.get("/sign-up")
            #expect(page.0 == .ok)
            #expect(page.2.contains("name=\"password\""))
            let made = try await browser.post(
                "/sign-up", "name=Mara+Lind&email=Mara%40Example.com&password=ten+letters+at+least&next=%2Fprojects%2Fx"
            )
            #expect(made.0 == .seeOther)
            #expect(made.1 == "/projects/x")
            #expect(browser.session.count == 64)
            let stored = try await test.studio.account(email: "mara@example.com")
            #expect(stored?.name == "Mara Lind")
            #expect(stored?.passwordHash.hasPrefix("$2") == true)
            #expect(stored?.passwordHash.contains("ten letters") == false)
            #expect(try await browser.get("/projects").0 == .ok)

            let token = browser.session
            let out = try await browser.post("/sign-out", "")
            #expect(out.0 == .seeOther)
            #expect(browser.session == "")
            // The old token no longer signs anyone in: it was removed on the server too.
            browser.session = token
            let after = try await browser.get("/projects")
            #expect(after.0 == .seeOther)
            #expect(after.1.hasPrefix("/sign-in"))

            browser.session = ""
            let wrong = try await browser.post("/sign-in", "email=mara%40example.com&password=not+the+password")
            #expect(wrong.0 == .unauthorized)
            #expect(wrong.2.contains("That email and password do not match an account."))
            let right = try await browser.post(
                "/sign-in", "email=mara%40example.com&password=ten+letters+at+least&next=%2F%2Fevil.example%2F")
            #expect(right.0 == .seeOther)
            #expect(right.1 == "/projects")
        }
    }

    @Test func signUpRefusesInWords() async throws {
        let test = try TestStudio()
        try await test.application(Self.fast).test(.router) { client in
            var browser = try await Browser(client)
            let cases: [(String, HTTPResponse.Status, String)] = [
                ("name=A&email=a%40example.com&password=short", .badRequest, "at least 10 characters"),
                ("name=A&email=not-an-email&password=long+enough+words", .badRequest, "does not look like an email"),
                ("name=&email=a%40example.com&password=long+enough+words", .badRequest, "Say your name"),
                ("name=A&email=a%40example.com&password=long+enough+words", .seeOther, ""),
                (
                    "name=B&email=A%40EXAMPLE.com&password=other+long+words", .conflict,
                    "already an account for a@example.com"
                ),
            ]
            for (form, status, words) in cases {
                browser.session = ""
                let answer = try await browser.post("/sign-up", form)
                #expect(answer.0 == status, "\(form)")
                #expect(words.isEmpty || answer.2.contains(words), "\(form): \(answer.2.prefix(300))")
            }
        }
    }

    @Test func nextIsOnlyALocalPath() {
        #expect(People.localPath("/projects/abc?x=1") == "/projects/abc?x=1")
        #expect(People.localPath("//evil.example/") == nil)
        #expect(People.localPath("/\\evil.example/") == nil)
        #expect(People.localPath("https://evil.example/") == nil)
        #expect(People.localPath("projects") == nil)
        #expect(People.localPath(nil) == nil)
    }

    @Test func theAPISignsUpSignsInAndOut() async throws {
        let test = try TestStudio()
        try await test.application(Self.fast).test(.router) { client in
            let csrf = try await SecurityTests.csrfCookie(client)
            let cookieHeaders: HTTPFields = [
                .contentType: "application/json", .cookie: "producer_csrf=\(csrf)", CSRFMiddleware.headerName: csrf,
            ]
            let account = try await client.execute(
                uri: "/api/accounts", method: .post, headers: cookieHeaders,
                body: ByteBuffer(
                    string: #"{"name":"Mara Lind","email":"mara@example.com","password":"ten letters at least"}"#)
            ) { response in
                #expect(response.status == .created)
                return try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                    ?? [:]
            }
            #expect(account["email"] as? String == "mara@example.com")
            #expect(account["passwordHash"] == nil)
            let session = try await client.execute(
                uri: "/api/session", method: .post, headers: cookieHeaders,
                body: ByteBuffer(string: #"{"email":"mara@example.com","password":"ten letters at least"}"#)
            ) { response in
                #expect(response.status == .created)
                return try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                    ?? [:]
            }
            let token = try #require(session["token"] as? String)
            let bearer: HTTPFields = [.authorization: "Bearer \(token)"]
            try await client.execute(uri: "/api/me", method: .get, headers: bearer) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"name\":\"Mara Lind\""))
            }
            try await client.execute(uri: "/api/session", method: .delete, headers: bearer) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/api/me", method: .get, headers: bearer) { response in
                #expect(response.status == .unauthorized)
                let json =
                    try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                let error = json?["error"] as? [String: String]
                #expect(error == ["code": "sign-in-needed", "message": "Sign in to see this."])
            }
        }
    }

    @Test func theThrottleKeepsItsMemoryBounded() async {
        let throttle = LoginThrottle(attempts: 3, window: 60)
        let start = Date(timeIntervalSince1970: 1_804_000_000)
        for index in 0..<(LoginThrottle.maximumKeys + 10) {
            await throttle.fail(["email \(index)"], now: start)
        }
        let kept = await throttle.keyCount
        #expect(kept <= LoginThrottle.maximumKeys)
        #expect(await throttle.blockedUntil(["email 1"], now: start) == nil)
        for _ in 0..<3 { await throttle.fail(["email x"], now: start) }
        #expect(await throttle.blockedUntil(["email x"], now: start) == start.addingTimeInterval(60))
        #expect(await throttle.blockedUntil(["email x"], now: start.addingTimeInterval(61)) == nil)
        #expect(await throttle.keyCount == 0)
    }
}
