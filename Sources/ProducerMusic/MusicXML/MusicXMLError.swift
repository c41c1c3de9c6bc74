/// A MusicXML file that could not be written: the path and a sentence.
public struct MusicXMLError: Error, Sendable, Hashable {
    /// The path written to.
    public var file: String
    /// What went wrong, as a sentence without the path.
    public var message: String
    /// The kind of problem.
    public var code: Code

    /// An error writing `file` because of `message`.
    public init(_ code: Code = .unwritable, file: String, _ message: String) {
        self.code = code
        self.file = file
        self.message = message
    }

    /// The kind of problem.
    public enum Code: String, Sendable, Hashable, CustomStringConvertible {
        /// The file could not be created, written or moved into place.
        case unwritable = "unwritable file"
        public var description: String { rawValue }
    }
}

extension MusicXMLError: CustomStringConvertible {
    /// `lead.musicxml: cannot write: No space left on device`.
    public var description: String { "\(file): \(message)" }
}
