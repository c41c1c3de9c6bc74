/// Why a project database could not be created, opened, read or written: the database, and the
/// problem as a sentence.
///
/// `description` reads like
/// `Album/project.sqlite: the file is not a SQLite database (file is not a database)` or
/// `postgres://producer:***@db.local:5432/album: cannot connect (connection refused)`.
/// Passwords in URLs are never shown.
public struct ProjectStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is. New kinds may be added; match on the static values.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: String, Sendable {
            case notAProject, alreadyExists, badLocation, corrupt, cannotConnect, schemaTooNew, invalidChange,
                databaseFailed, closed
        }
        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }
        /// Nothing there, or a database that holds no Producer project.
        public static let notAProject = Code(.notAProject)
        /// `create` found a project (or a file) already there.
        public static let alreadyExists = Code(.alreadyExists)
        /// The location cannot be read as a file path or a `postgres://` URL.
        public static let badLocation = Code(.badLocation)
        /// The file is not a SQLite database, or its contents are damaged.
        public static let corrupt = Code(.corrupt)
        /// The PostgreSQL server cannot be reached or refused the login.
        public static let cannotConnect = Code(.cannotConnect)
        /// The database was written by a newer Producer, with migrations this one does not know.
        public static let schemaTooNew = Code(.schemaTooNew)
        /// A change would leave the project in a state the store cannot hold (two songs with one id…).
        public static let invalidChange = Code(.invalidChange)
        /// The database refused a statement (disk full, locked for too long, lost connection…).
        public static let databaseFailed = Code(.databaseFailed)
        /// The store was used after `close()`.
        public static let closed = Code(.closed)
        public var description: String { kind.rawValue }
    }

    /// What kind of problem it is.
    public var code: Code
    /// The database: a SQLite file's path, or a PostgreSQL URL without its password.
    public var database: String
    /// The problem, as a sentence for people.
    public var message: String

    public init(_ code: Code, database: String, _ message: String) {
        self.code = code
        self.database = database
        self.message = message
    }

    public var description: String { "\(database): \(message)" }
}
