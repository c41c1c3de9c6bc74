import Foundation
import Hummingbird
import NIOCore

extension Request {
    /// The fields of an url-encoded form (the last value of a repeated name wins), read whole
    /// (forms are small: ``StudioContext/maxUploadSize``).
    mutating func form(context: StudioContext) async throws -> [String: String] {
        let type = headers[.contentType] ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else {
            throw ServerFailure.invalid("The form was not sent as a form (application/x-www-form-urlencoded).")
        }
        let body = try await collectBody(upTo: context.maxUploadSize)
        return Self.formFields(String(buffer: body))
    }

    /// The fields of url-encoded form text (the last value of a repeated name wins).
    static func formFields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decodeFormComponent(parts[0]) else { continue }
            fields[name] = parts.count > 1 ? decodeFormComponent(parts[1]) ?? "" : ""
        }
        return fields
    }

    /// A JSON body decoded as `T`, or a 400 that says where it does not read.
    mutating func json<T: Decodable>(_ type: T.Type, context: StudioContext) async throws -> T {
        let body = try await collectBody(upTo: context.maxUploadSize)
        do {
            return try JSONDecoder.studio.decode(T.self, from: Data(body.readableBytesView))
        } catch let error as DecodingError {
            throw ServerFailure.invalid("The JSON body does not read: \(error.studioDescription)")
        } catch {
            throw ServerFailure.invalid("The JSON body does not read.")
        }
    }

    private static func decodeFormComponent(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

extension DecodingError {
    /// Where and what, in words: "at songs[0].title: expected a string".
    var studioDescription: String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : text
        }
        switch self {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) should be \(type == String.self ? "text" : "\(type)".lowercased())"
        case .valueNotFound(_, let context):
            return "\(path(context.codingPath)) is empty"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "it is not JSON" : "\(path(context.codingPath)) is not valid"
        @unknown default:
            return "it is not what was expected"
        }
    }
}

extension JSONDecoder {
    /// Dates as ISO 8601 with a zone, as the API writes them.
    static var studio: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

extension JSONEncoder {
    /// Sorted keys, ISO 8601 dates.
    static var studio: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}

extension Response {
    /// A page.
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A JSON answer.
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONEncoder.studio.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// 303 See Other: after a form, go to `location`.
    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
