import Crypto
import Foundation
import Hummingbird
import HummingbirdAuth
import ProducerFiles
import ProducerOffice

/// Finds who is signed in: the `producer_session` cookie, or an `Authorization: Bearer` token
/// (the same token, for API clients), looked up by its SHA-256 in the studio's store.
struct SignInAuthenticator: AuthenticatorMiddleware {
    typealias Context = StudioContext
    typealias Identity = Account

    /// The cookie holding the sign-in token.
    static let cookieName = "producer_session"

    let services: StudioServices

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        var token: String?
        if let bearer = request.headers.bearer {
            token = bearer.token
            context.signedInByBearer = true
        } else if let cookie = request.cookies[Self.cookieName]?.value, !cookie.isEmpty {
            token = cookie
        }
        if let token, token.utf8.count <= 200 {
            let hash = Self.hash(token)
            if let (session, account) = try await services.studio.signedInAccount(tokenHash: hash, now: services.now())
            {
                context.identity = account
                context.signIn = session
            } else {
                context.signedInByBearer = false
            }
        } else {
            context.signedInByBearer = false
        }
        return try await next(request, context)
    }

    func authenticate(request: Request, context: Context) async throws -> Account? { context.identity }

    /// Lowercase hex SHA-256 of a token, as the store keeps it.
    static func hash(_ token: String) -> String {
        Hex.lowercase(SHA256.hash(data: Data(token.utf8)))
    }

    /// A new sign-in token: 256 random bits as 64 hex characters.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }
}
