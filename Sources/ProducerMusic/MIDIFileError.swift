/// Why a Standard MIDI File could not be read or written: the file, where in it, and a sentence.
///
/// Its description reads like "piano.mid: byte 1234: track 2's length runs past the end of the
/// file". Tracks in messages are counted from 1, as a musician would count them; byte offsets
/// count from 0.
public struct MIDIFileError: Error, Sendable, Hashable {
    /// The file's name or path, as given to the reader or writer.
    public var fileName: String
    /// The byte offset in the file where the problem was found, when there is one.
    public var byteOffset: Int?
    /// What is wrong, as a sentence without the file name.
    public var reason: String
    /// The kind of problem.
    public var code: Code

    /// An error in `fileName` at `byteOffset` (nil when not about one place) because of `reason`.
    public init(fileName: String, byteOffset: Int?, reason: String, code: Code = .malformed) {
        self.fileName = fileName
        self.byteOffset = byteOffset
        self.reason = reason
        self.code = code
    }

    /// The kind of problem.
    public enum Code: String, Sendable, Hashable, CustomStringConvertible {
        /// The bytes are not a Standard MIDI File, or break its structure.
        case malformed = "not a readable MIDI file"
        /// The file is larger, or holds more, than Producer reads.
        case tooLarge = "too large"
        /// The file could not be opened, read or written.
        case unreadable = "unreadable file"
        public var description: String { rawValue }
    }
}

extension MIDIFileError: CustomStringConvertible {
    /// "piano.mid: byte 1234: track 2's length runs past the end of the file".
    public var description: String {
        if let byteOffset { return "\(fileName): byte \(byteOffset): \(reason)" }
        return "\(fileName): \(reason)"
    }
}
