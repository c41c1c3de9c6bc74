import Foundation
import Hummingbird
import NIOCore
import ProducerOffice

/// The `produce` report's pages, served from the project folder's `report/`: only regular files
/// inside that folder (a path that climbs out, or through a link, is not found).
enum ReportFiles {
    static let types: [String: String] = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "svg": "image/svg+xml",
        "json": "application/json; charset=utf-8", "png": "image/png", "txt": "text/plain; charset=utf-8",
        "csv": "text/csv; charset=utf-8", "ics": "text/calendar; charset=utf-8",
    ]

    /// The largest report file served (pages and plots are small).
    static let maxBytes = 32 << 20

    /// Whether the project's folder has a report to show.
    static func hasReport(_ project: StudioProject) -> Bool {
        guard let folder = ProjectDatabases.folder(of: project.location) else { return false }
        return FileManager.default.fileExists(atPath: folder + "/report/index.html")
    }

    static func response(project: StudioProject, path parts: [String]) throws -> Response {
        guard let folder = ProjectDatabases.folder(of: project.location) else {
            throw ServerFailure.notFound("This project's report is not kept in a folder the server can read.")
        }
        let root = URL(fileURLWithPath: folder).appendingPathComponent("report").standardizedFileURL
            .resolvingSymlinksInPath()
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\0") })
        else { throw ServerFailure.notFound() }
        let file = parts.reduce(root) { $0.appendingPathComponent($1) }.standardizedFileURL.resolvingSymlinksInPath()
        guard file.path.hasPrefix(root.path + "/") else { throw ServerFailure.notFound() }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue,
            let type = types[file.pathExtension.lowercased()]
        else {
            if parts == ["index.html"] {
                throw ServerFailure.notFound("There is no report yet: run producer produce in the project folder.")
            }
            throw ServerFailure.notFound()
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: file.path)
        guard (attributes?[.size] as? Int ?? 0) <= maxBytes, let data = FileManager.default.contents(atPath: file.path)
        else { throw ServerFailure.notFound() }
        return Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
