import HTTPTypes
import Hummingbird

/// A path the server answers, asked with a method it does not answer there: 405 with an `Allow`
/// header naming the methods it does answer (rather than the router's 404), as HTTP asks.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = StudioContext

    /// The routes, filled while the router is built.
    let table: RouteTable

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = Self.methods(answering: request.uri.path, in: table.routes)
            guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else { throw error }
            let failure = ServerFailure(
                .methodNotAllowed, "method-not-allowed",
                "\(request.uri.path.prefix(200)) answers \(allowed.joined(separator: ", ")), not \(request.method.rawValue)."
            )
            var response =
                request.uri.path.hasPrefix("/api")
                ? ErrorMiddleware.json(failure) : Pages.errorPage(failure, context: context)
            response.headers[.allow] = allowed.joined(separator: ", ")
            return response
        }
    }

    /// The methods of the routes whose pattern matches `path`, sorted.
    static func methods(answering path: String, in routes: [StudioRoute]) -> [String] {
        let asked = path.split(separator: "/", omittingEmptySubsequences: true)
        var methods: Set<String> = []
        for route in routes where matches(route.path.split(separator: "/"), asked) {
            methods.insert(route.method)
        }
        return methods.sorted()
    }

    static func matches(_ pattern: [Substring], _ path: [Substring]) -> Bool {
        var index = 0
        for (position, segment) in pattern.enumerated() {
            if segment == "**" { return path.count > position }
            guard index < path.count else { return false }
            if !(segment.hasPrefix(":") || segment == "*" || segment == path[index]) { return false }
            index += 1
        }
        return index == path.count
    }
}
