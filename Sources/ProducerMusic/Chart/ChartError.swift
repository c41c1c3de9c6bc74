/// A chord chart that could not be read: the file, the line and column of the mistake, and a
/// sentence saying what is wrong and how to write it.
///
/// Its description reads like `song.txt:7:9: 3 chords in a 4/4 bar: mark the beats with /, …`.
/// Lines and columns count from 1, in characters, as an editor does.
public struct ChartError: Error, Sendable, Hashable {
    /// The file's name or path, as given to the reader.
    public var file: String
    /// The 1-based line, when the problem is at one place.
    public var line: Int?
    /// The 1-based column (in characters) on ``line``.
    public var column: Int?
    /// What is wrong, as a sentence without the place.
    public var message: String
    /// The kind of problem.
    public var code: Code

    /// An error in `file` at `line`:`column` because of `message`.
    public init(_ code: Code, file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// The kind of problem.
    public enum Code: String, Sendable, Hashable, CustomStringConvertible {
        /// A line that is not part of the chart syntax (a stray character, a bar line missing).
        case syntax
        /// A header key the chart does not know.
        case unknownKey = "unknown key"
        /// A value out of range or of the wrong kind (tempo, time signature, key, repeat count).
        case invalidValue = "invalid value"
        /// A chord symbol that cannot be read.
        case chord = "unreadable chord"
        /// A bar whose chords or melody do not fit its time signature.
        case beats = "bar does not add up"
        /// A melody or lyrics line that does not match its line of bars.
        case mismatch = "lines do not match"
        /// The chart is larger than Producer reads.
        case tooLarge = "too large"
        /// The file could not be opened or is not UTF-8 text.
        case unreadable = "unreadable file"
        public var description: String { rawValue }
    }
}

extension ChartError: CustomStringConvertible {
    /// `song.txt:7:9: message`.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return place + ": " + message
    }
}
