import Hummingbird

/// A request the server refuses, in words a person can act on: the status and the sentence shown
/// on the error page or in the API's `{"error": {"code", "message"}}`. Never a stack or a query.
struct ServerFailure: Error, Sendable {
    var status: HTTPResponse.Status
    /// A short machine word for the API ("not-found", "forbidden", "invalid"…).
    var code: String
    var message: String
    /// Where a page request should go instead (sign-in), when set.
    var redirect: String?

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String, redirect: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.redirect = redirect
    }

    static let signInNeeded = ServerFailure(.unauthorized, "sign-in-needed", "Sign in to see this.")

    static func notFound(_ message: String = "There is nothing here.") -> ServerFailure {
        ServerFailure(.notFound, "not-found", message)
    }

    static func forbidden(_ message: String) -> ServerFailure { ServerFailure(.forbidden, "forbidden", message) }

    static func invalid(_ message: String) -> ServerFailure { ServerFailure(.badRequest, "invalid", message) }

    static func conflict(_ message: String) -> ServerFailure { ServerFailure(.conflict, "conflict", message) }
}
