/// The one shape of every error Producer reports: what kind of problem it is (a code), where it
/// is (the place: a file and a line:column, a byte offset or a time, and the key at fault), the
/// problem as a sentence, and the underlying cause where there is one.
///
/// Each part's errors (``FileError``, `AudioFileError`, `MIDIFileError`, `SessionError`,
/// `ProjectPlanError`…) conform; a command prints ``description`` (`file:line:column: key:
/// sentence`) or, with `--json`, ``report`` as a JSON object.
public protocol ProducerError: Error, Sendable, CustomStringConvertible {
    associatedtype Code: CustomStringConvertible & Sendable
    /// The kind of problem; its description is a few stable words (`unknown key`, `notFound`).
    var code: Code { get }
    /// Where the problem is.
    var place: ErrorPlace { get }
    /// The problem, as a sentence for people, without the place.
    var message: String { get }
    /// The underlying error, when this one wraps another.
    var cause: (any Error)? { get }
}

extension ProducerError {
    public var cause: (any Error)? { nil }

    /// The error as a value to print as JSON.
    public var report: ErrorReport {
        ErrorReport(
            code: String(describing: code), place: place, message: message,
            cause: cause.map { String(describing: $0) }, description: description)
    }
}

/// Where a problem is: the file and, as far as known, a line and column (from 1, as an editor
/// counts), a byte offset, a time in the audio, and the key path at fault.
public struct ErrorPlace: Sendable, Hashable, Codable {
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var byteOffset: Int64?
    /// Seconds from the start of the audio.
    public var time: Double?
    /// The key path, such as `tracks[0].inserts[1].compressor.threshold`.
    public var key: String?

    public init(
        file: String? = nil, line: Int? = nil, column: Int? = nil, byteOffset: Int64? = nil,
        time: Double? = nil, key: String? = nil
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
        self.time = time
        self.key = key
    }
}

/// An error as `--json` prints it on standard error: `{"error": {"code": …, "file": …, "line": …,
/// "column": …, "key": …, "message": …, "description": …}}`, leaving out what is not known.
public struct ErrorReport: Sendable, Codable, Equatable {
    public var code: String
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var byteOffset: Int64?
    public var time: Double?
    public var key: String?
    public var message: String
    public var cause: String?
    /// The whole error as one line, as printed without `--json`.
    public var description: String

    public init(
        code: String, place: ErrorPlace = ErrorPlace(), message: String, cause: String? = nil, description: String
    ) {
        self.code = code
        file = place.file
        line = place.line
        column = place.column
        byteOffset = place.byteOffset
        time = place.time
        key = place.key
        self.message = message
        self.cause = cause
        self.description = description
    }
}
