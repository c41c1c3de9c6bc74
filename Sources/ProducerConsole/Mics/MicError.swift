import ProducerFiles

/// A problem with the mics' files or descriptions: the file, the place where known, and the
/// problem in words, e.g. `room.yaml:3:9: mics[1].type: …` or `mic2.wav: its sample rate …`.
public struct MicError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Code: String, Sendable, CustomStringConvertible {
        /// A mic at another sample rate than the reference.
        case sampleRate
        /// A mic that is the reference itself.
        case isReference
        /// A recording with nothing to measure (silence, or no sound in common).
        case noSignal
        /// A room description that cannot be read.
        case room
        /// A mic list or a request that cannot be read or makes no sense.
        case invalid
        public var description: String { rawValue }
    }

    public var code: Code
    /// The file, or the option (`--room`) where the problem is.
    public var file: String
    public var line: Int?
    public var column: Int?
    public var key: String?
    public var message: String

    public init(_ code: Code, file: String, line: Int? = nil, column: Int? = nil, key: String? = nil, _ message: String)
    {
        self.code = code
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

extension MicError: ProducerError {
    public var place: ErrorPlace { ErrorPlace(file: file, line: line, column: column, key: key) }
}
