import Foundation
import HTTPTypes
import Hummingbird
import ProducerOffice

extension SongDesk {
    /// The version's file for the player, streamed from disk: whole (200) or one byte range
    /// (206 with `Content-Range`); a range outside the file is 416.
    func audio(_ version: SongVersion, request: Request, context: StudioContext) async throws -> Response {
        let path = services.filesFolder + "/" + version.storedPath
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = (attributes[.size] as? NSNumber)?.int64Value
        else { throw ServerFailure.notFound("The file of this version is missing on the server.") }
        let type = version.storedPath.hasSuffix(".aiff") ? "audio/aiff" : "audio/wav"
        var headers: HTTPFields = [.contentType: type, .acceptRanges: "bytes", .cacheControl: "private, max-age=3600"]
        let fileIO = FileIO()
        guard let rangeText = request.headers[.range] else {
            headers[.contentLength] = String(size)
            let body = size > 0 ? try await fileIO.loadFile(path: path, context: context) : ResponseBody()
            return Response(status: .ok, headers: headers, body: body)
        }
        guard let range = Self.byteRange(rangeText, size: size) else {
            headers[.contentRange] = "bytes */\(size)"
            return Response(status: .rangeNotSatisfiable, headers: headers)
        }
        headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size)"
        headers[.contentLength] = String(range.upperBound - range.lowerBound + 1)
        let body = try await fileIO.loadFile(
            path: path, range: Int(range.lowerBound)...Int(range.upperBound), context: context)
        return Response(status: .partialContent, headers: headers, body: body)
    }

    /// One range of `bytes=first-last`, `bytes=first-` or `bytes=-suffix` within a file of
    /// `size` bytes, or nil when it is not one satisfiable range.
    static func byteRange(_ text: String, size: Int64) -> ClosedRange<Int64>? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("bytes="), size > 0, trimmed.utf8.count <= 100 else { return nil }
        let spec = trimmed.dropFirst(6)
        guard !spec.contains(",") else { return nil }
        let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let first = parts[0].trimmingCharacters(in: .whitespaces)
        let last = parts[1].trimmingCharacters(in: .whitespaces)
        func digits(_ s: String) -> Int64? {
            guard !s.isEmpty, s.count <= 18, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int64(s)
        }
        if first.isEmpty {
            guard let suffix = digits(last), suffix > 0 else { return nil }
            return max(0, size - suffix)...(size - 1)
        }
        guard let start = digits(first), start < size else { return nil }
        if last.isEmpty { return start...(size - 1) }
        guard let end = digits(last), end >= start else { return nil }
        return start...min(end, size - 1)
    }
}
