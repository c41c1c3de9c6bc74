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

    public init(file: String, line: Int? = nil, column: Int? = nil, key: String? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return place + ": " + (key.map { "\($0): " } ?? "") + message
    }
}
