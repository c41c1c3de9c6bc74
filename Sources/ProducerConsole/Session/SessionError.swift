/// An error in a session file: the file, the line and column, the key, and the problem.
///
/// `description` reads like `song.yaml:12:7: tracks[2].sends[0].bus: there is no bus named "Plate"`.
public struct SessionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The session file's path.
    public var file: String
    /// Line and column (from 1), when known.
    public var line: Int?
    public var column: Int?
    /// The key path, e.g. `tracks[2].gain`.
    public var key: String?
    /// The problem, as a sentence.
    public var message: String
    /// The kind of problem.
    public var code: Code

    public init(
        file: String, line: Int? = nil, column: Int? = nil, key: String? = nil, code: Code = .badValue,
        _ message: String
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.code = code
        self.message = message
    }

    /// The kind of problem.
    public enum Code: String, Sendable, Hashable, CustomStringConvertible {
        /// The file cannot be read: missing, not a regular file, too large, not UTF-8.
        case unreadable = "unreadable file"
        /// The text is not YAML as sessions use it.
        case syntax = "YAML syntax"
        /// A value this key cannot take (a word where a number goes, an unknown kind).
        case badValue = "bad value"
        /// A number outside its parameter's declared range.
        case outOfRange = "out of range"
        /// A bus, track or parameter that the session does not have.
        case unknownReference = "unknown reference"
        /// Two tracks or buses with one name.
        case duplicate = "duplicate"
        /// Buses or sidechains that feed each other.
        case cycle = "routing cycle"
        /// A track's audio file cannot be read or does not suit the session.
        case track = "track file"
        public var description: String { rawValue }
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return place + ": " + (key.map { "\($0): " } ?? "") + message
    }
}
