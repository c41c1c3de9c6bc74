import ProducerFiles

/// A project folder that does not read as the layout says: a `song.yaml` with a mistake (its
/// line and column and the key at fault), or a folder that is not a project.
public struct ProjectLayoutError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Code: String, Sendable, CustomStringConvertible {
        /// The YAML itself does not parse.
        case syntax
        /// A key the file does not know.
        case unknownKey = "unknown key"
        /// A value of the wrong kind or out of range.
        case invalidValue = "invalid value"
        /// The file or folder cannot be read.
        case unreadable
        public var description: String { rawValue }
    }

    public var code: Code
    public var file: String
    public var line: Int?
    public var column: Int?
    public var key: String?
    public var message: String

    public init(
        _ code: Code = .invalidValue, file: String, line: Int? = nil, column: Int? = nil, key: String? = nil,
        _ message: String
    ) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    /// `takes/song1/song.yaml:3:8: tempo: …`
    public var description: String {
        var place = file
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return place + ": " + (key.map { "\($0): " } ?? "") + message
    }
}

extension ProjectLayoutError: ProducerError {
    public var place: ErrorPlace { ErrorPlace(file: file, line: line, column: column, key: key) }
}
