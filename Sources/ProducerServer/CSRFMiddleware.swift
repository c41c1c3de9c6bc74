import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Cross-site request forgery stops here: every visitor gets a random `producer_csrf` cookie
/// (SameSite=Strict), every form sends it back as `_csrf` and every unsafe API call made with the
/// cookie as `X-CSRF-Token` (or `?_csrf=` on uploads); a POST, PUT, PATCH or DELETE whose token
/// does not match is refused with 403. Requests signed in with a Bearer token, and API calls
/// without the session cookie, carry no ambient credential and need no token.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = StudioContext

    static let cookieName = "producer_csrf"
    static let fieldName = "_csrf"
    static let headerName = HTTPField.Name("X-CSRF-Token")!

    let secureCookies: Bool

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        var request = request
        let existing = request.cookies[Self.cookieName]?.value ?? ""
        let isNew = existing.count != 64
        context.csrfToken = isNew ? SignInAuthenticator.newToken() : existing
        let unsafe = ![.get, .head, .options].contains(request.method)
        // An API call without the session cookie carries no ambient credential: nothing to
        // forge, and a route that needs an account answers 401 as the API says.
        let isAPI = request.uri.path.hasPrefix("/api/")
        let ambient = !(request.cookies[SignInAuthenticator.cookieName]?.value ?? "").isEmpty
        if unsafe && !context.signedInByBearer && (ambient || !isAPI) {
            guard !isNew, try await Self.sentToken(in: &request, context: context) == existing else {
                throw ServerFailure.forbidden(
                    "This form has expired or did not come from this site. Go back, reload the page and try again.")
            }
        }
        var response = try await next(request, context)
        if isNew {
            response.setCookie(
                Cookie(
                    name: Self.cookieName, value: context.csrfToken, path: "/", secure: secureCookies, httpOnly: true,
                    sameSite: .strict))
        }
        return response
    }

    /// The token the request sent: the header, the query's `_csrf`, or an url-encoded form's field
    /// (the form is read into memory, so the handler reads it again from there).
    static func sentToken(in request: inout Request, context: Context) async throws -> String? {
        if let header = request.headers[headerName] { return header }
        if let query = request.uri.queryParameters[Substring(fieldName)] { return String(query) }
        let type = request.headers[.contentType] ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else { return nil }
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        return Request.formFields(String(buffer: body))[fieldName]
    }
}
