import Foundation
import Hummingbird
import Logging
import NIOCore
import ProducerOffice

/// Turns every error into a page or a JSON error that says what happened in words: a
/// ``ServerFailure`` as it is, Hummingbird's own (no route, body too large) by its status, a
/// store's refusal by its code, and anything else as a 500 that is logged but never shown.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = StudioContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let failure = Self.failure(for: error, request: request)
            if failure.status == .internalServerError {
                context.logger.error("\(request.method) \(request.uri.path) failed: \(String(reflecting: error))")
            }
            let isAPI = request.uri.path.hasPrefix("/api")
            if !isAPI, let redirect = failure.redirect {
                return Response(status: .seeOther, headers: [.location: redirect])
            }
            return isAPI ? Self.json(failure) : Pages.errorPage(failure, context: context)
        }
    }

    static func failure(for error: any Error, request: Request) -> ServerFailure {
        switch error {
        case var failure as ServerFailure:
            if failure.status == .unauthorized, failure.redirect == nil {
                let next = request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
                failure.redirect = "/sign-in?next=\(next)"
            }
            return failure
        case let error as StudioStoreError:
            switch error.code {
            case .duplicate: return .conflict(error.message)
            case .notFound: return .notFound(error.message)
            case .refused, .invalid: return ServerFailure(.unprocessableContent, "refused", error.message)
            case .unavailable:
                return ServerFailure(.serviceUnavailable, "unavailable", "The database is not answering; try again.")
            }
        case let error as any HTTPResponseError:
            let status = error.status
            switch status {
            case .notFound: return .notFound()
            case .contentTooLarge: return ServerFailure(status, "too-large", "That is more than the server takes.")
            case .methodNotAllowed: return ServerFailure(status, "method-not-allowed", "That cannot be done here.")
            case .unauthorized: return .signInNeeded
            default:
                if status.code < 500 { return ServerFailure(status, "bad-request", "The request could not be read.") }
                return ServerFailure(.internalServerError, "server-error", "Something went wrong on the server.")
            }
        default:
            return ServerFailure(
                .internalServerError, "server-error", "Something went wrong on the server; it is logged.")
        }
    }

    static func json(_ failure: ServerFailure) -> Response {
        struct Body: Encodable {
            struct Detail: Encodable {
                var code: String
                var message: String
            }
            var error: Detail
        }
        let data =
            (try? JSONEncoder().encode(Body(error: .init(code: failure.code, message: failure.message)))) ?? Data()
        return Response(
            status: failure.status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
