import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ProducerOffice

/// Accounts and sign-ins as the routes use them: checks in words, bcrypt off the request's task,
/// the sign-in throttle and the session cookie.
struct People: Sendable {
    let services: StudioServices
    let configuration: StudioServer.Configuration
    let throttle: LoginThrottle

    /// Makes an account, or says in words why not.
    func signUp(name: String, email: String, password: String) async throws -> Account {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let email = email.lowercased()
        guard !name.isEmpty else { throw ServerFailure.invalid("Say your name: it is how the others see you.") }
        guard name.unicodeScalars.count <= 100 else {
            throw ServerFailure.invalid("The name may be at most 100 characters.")
        }
        guard Self.looksLikeEmail(email) else {
            throw ServerFailure.invalid(
                "\"\(email.prefix(100))\" does not look like an email address (name@example.com).")
        }
        if let problem = Passwords.problem(with: password) { throw ServerFailure.invalid(problem) }
        if try await services.studio.account(email: email) != nil {
            throw ServerFailure.conflict("There is already an account for \(email); sign in instead.")
        }
        let hash = await Passwords.hash(password, cost: configuration.bcryptCost)
        let account = Account(email: email, name: name, passwordHash: hash, createdAt: services.now())
        do {
            try await services.studio.addAccount(account)
        } catch let error as StudioStoreError where error.code == .duplicate {
            throw ServerFailure.conflict("There is already an account for \(email); sign in instead.")
        }
        try await services.welcome(account)
        return account
    }

    /// The account whose email and password these are; a wrong pair is a 401 and counts against
    /// the email and the client's address; too many in the window is a 429 until it passes.
    func checkPassword(email: String, password: String, context: StudioContext) async throws -> Account {
        guard !email.isEmpty, !password.isEmpty else {
            throw ServerFailure.invalid("Give your email and your password.")
        }
        let email = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let keys = ["email " + String(email.prefix(254)), "address " + Self.address(context)]
        let now = services.now()
        if let until = await throttle.blockedUntil(keys, now: now) {
            throw Self.tooMany(until: until, now: now)
        }
        let account = email.utf8.count <= 254 ? try await services.studio.account(email: email) : nil
        guard password.unicodeScalars.count <= 1024, await Passwords.verify(password, hash: account?.passwordHash),
            let account
        else {
            await throttle.fail(keys, now: now)
            throw ServerFailure(.unauthorized, "wrong-password", "That email and password do not match an account.")
        }
        await throttle.clear(keys[0])
        return account
    }

    /// Starts a sign-in for `account`; returns its token (only its hash is stored).
    func signIn(_ account: Account) async throws -> String {
        let token = SignInAuthenticator.newToken()
        let now = services.now()
        try await services.studio.addSignIn(
            SignInSession(
                tokenHash: SignInAuthenticator.hash(token), accountID: account.id, createdAt: now,
                expiresAt: now.addingTimeInterval(configuration.signInLifetime)))
        return token
    }

    /// The session cookie holding `token` (an empty token removes it).
    func sessionCookie(_ token: String) -> Cookie {
        Cookie(
            name: SignInAuthenticator.cookieName, value: token,
            maxAge: token.isEmpty ? 0 : Int(configuration.signInLifetime), path: "/",
            secure: configuration.secureCookies, httpOnly: true, sameSite: .lax)
    }

    static func tooMany(until: Date, now: Date) -> ServerFailure {
        let minutes = max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "HH:mm"
        return ServerFailure(
            .tooManyRequests, "too-many-sign-ins",
            "Too many wrong passwords for this account or from this address. Try again after "
                + "\(formatter.string(from: until)) UTC (in \(minutes) minute\(minutes == 1 ? "" : "s")).")
    }

    static func address(_ context: StudioContext) -> String {
        context.remoteAddress?.ipAddress ?? "unknown"
    }

    /// `name@host.tld`, without spaces, at most 254 characters.
    static func looksLikeEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64 else {
            return false
        }
        let host = parts[1]
        guard host.contains("."), !host.hasPrefix("."), !host.hasSuffix("."), !host.contains("..") else { return false }
        return !email.contains { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" || $0 == "," }
    }

    /// `next` when it is a path on this server (one leading `/`, not `//` or `/\`), else nil.
    static func localPath(_ next: Substring?) -> String? {
        guard let next, next.hasPrefix("/"), next.utf8.count <= 2000 else { return nil }
        let second = next.dropFirst().first
        guard second != "/", second != "\\" else { return nil }
        guard !next.contains(where: { $0.isNewline || $0 == "\\" || $0.asciiValue.map { $0 < 32 } ?? false }) else {
            return nil
        }
        return String(next)
    }
}

extension People {
    /// An account as the API shows it: never its password hash.
    struct AccountView: Codable, Sendable {
        var id: String
        var name: String
        var email: String
        var createdAt: Date

        init(_ account: Account) {
            id = account.id
            name = account.name
            email = account.email
            createdAt = account.createdAt
        }
    }

    struct SignUp: Decodable {
        var name: String
        var email: String
        var password: String
    }

    struct SignIn: Decodable {
        var email: String
        var password: String
    }

    /// A new sign-in: the token to send as `Authorization: Bearer`.
    struct SessionView: Encodable {
        var token: String
        var account: AccountView
        var expiresAt: Date
    }
}
