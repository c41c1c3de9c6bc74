import Foundation

/// Where a project's database is: a SQLite file (the default, inside the project folder) or a
/// PostgreSQL database.
///
/// Parse what a person typed with ``init(_:)``: `postgres://…` and `postgresql://…` are servers,
/// anything else is a path.
///
/// ```swift
/// let here = DatabaseLocation("Album")                       // Album/project.sqlite
/// let server = DatabaseLocation("postgres://producer:secret@db.local:5432/album")
/// ```
public enum DatabaseLocation: Sendable, Hashable, CustomStringConvertible {
    /// A SQLite file, or a project folder holding ``ProjectDatabase/fileName``.
    case sqlite(path: String)
    /// A PostgreSQL database, as `postgres://user:password@host:port/database`.
    ///
    /// Besides PostgresKit's `sslmode`/`tlsmode` (`disable`, `prefer`, `require`), the query may
    /// name a schema to keep the project in, `?schema=album`, so one database can hold several
    /// projects; without it the project lives in the user's default schema (`public`).
    case postgres(url: String)

    /// Reads a location as people write it: a `postgres://` or `postgresql://` URL, or a path
    /// (a project folder or its SQLite file).
    public init(_ text: String) {
        let lowered = text.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
            || lowered.hasPrefix("postgres+tcp://") || lowered.hasPrefix("postgresql+tcp://")
        {
            self = .postgres(url: text)
        } else {
            self = .sqlite(path: text)
        }
    }

    /// The SQLite file of the project folder `folder`.
    public static func projectFolder(_ folder: String) -> DatabaseLocation {
        .sqlite(path: (folder as NSString).appendingPathComponent(ProjectDatabase.fileName))
    }

    /// The project that `directory` is in: the nearest of `directory` and its parents that holds
    /// a ``ProjectDatabase/fileName``, as git finds its repository. Nil when none does.
    ///
    /// This is how a command run inside a project folder (or any folder below it) finds its project
    /// without `--project`.
    public static func enclosingProject(of directory: String) -> DatabaseLocation? {
        var folder = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            let file = folder.appendingPathComponent(ProjectDatabase.fileName).path
            if FileManager.default.fileExists(atPath: file) { return .sqlite(path: file) }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path || folder.path == "/" { return nil }
            folder = parent
        }
    }

    /// The path, or the URL with its password replaced by `***`: safe to print.
    public var description: String {
        switch self {
        case .sqlite(let path):
            return path
        case .postgres(let url):
            guard var parts = URLComponents(string: url), parts.password != nil else { return url }
            parts.password = "***"
            return parts.string ?? url
        }
    }
}
