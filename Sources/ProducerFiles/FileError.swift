/// A file that cannot be read or written as asked: the file, and the problem in words.
///
/// `description` is a sentence for people, e.g.
/// `mix.wav: the file exists; add --force to replace it`.
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem it is. New kinds may be added; match on the static values.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: String, Sendable {
            case notFound, notRegular, folder, isInput, exists, unreadable, tooLarge, writeFailed
        }
        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }
        /// The file does not exist.
        public static let notFound = Code(.notFound)
        /// A pipe, a device or a socket where a regular file was expected.
        public static let notRegular = Code(.notRegular)
        /// A folder where a file was expected.
        public static let folder = Code(.folder)
        /// An output that is one of the command's own inputs.
        public static let isInput = Code(.isInput)
        /// An output that exists, where replacing it was not asked for.
        public static let exists = Code(.exists)
        /// The file exists but cannot be opened or read.
        public static let unreadable = Code(.unreadable)
        /// The file is larger than the limit for its kind.
        public static let tooLarge = Code(.tooLarge)
        /// Writing failed (disk full, permissions, a missing folder…).
        public static let writeFailed = Code(.writeFailed)
        public var description: String { kind.rawValue }
    }

    /// What kind of problem it is.
    public var code: Code
    /// The file's path as given.
    public var path: String
    /// The problem, as a sentence for people.
    public var message: String

    public init(_ code: Code, path: String, _ message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
