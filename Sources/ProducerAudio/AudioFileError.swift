/// An error reading or writing an audio file: the file, the place and the problem.
///
/// `description` is a sentence for people, e.g.
/// `take.wav: byte 36: the 'data' chunk says 1048576 bytes but only 4000 remain in the file`.
public struct AudioFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem it is. New kinds may be added; match on the static values.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: String, Sendable {
            case notFound, unreadable, notAudio, malformed, truncated, unsupported, writeFailed
        }
        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }
        /// The file does not exist.
        public static let notFound = Code(.notFound)
        /// The file exists but cannot be opened or read.
        public static let unreadable = Code(.unreadable)
        /// The file is not a WAV, RF64, BW64, AIFF or AIFF-C file (text, empty, another format).
        public static let notAudio = Code(.notAudio)
        /// A header or chunk holds values that cannot be right (zero channels, absurd rates...).
        public static let malformed = Code(.malformed)
        /// The file ends before the data its header announces.
        public static let truncated = Code(.truncated)
        /// A valid file in an encoding Producer does not decode (ADPCM, MP3-in-WAV, ...).
        public static let unsupported = Code(.unsupported)
        /// Writing failed (disk full, permissions, ...).
        public static let writeFailed = Code(.writeFailed)
        public var description: String { kind.rawValue }
    }

    /// What kind of problem it is.
    public var code: Code
    /// The file's path as given.
    public var path: String
    /// The byte offset in the file where the problem is, when known.
    public var byteOffset: Int64?
    /// The problem, as a sentence for people.
    public var message: String

    public init(_ code: Code, path: String, byteOffset: Int64? = nil, _ message: String) {
        self.code = code
        self.path = path
        self.byteOffset = byteOffset
        self.message = message
    }

    public var description: String {
        if let byteOffset { return "\(path): byte \(byteOffset): \(message)" }
        return "\(path): \(message)"
    }
}
