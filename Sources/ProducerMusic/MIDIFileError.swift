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

    /// An error in `fileName` at `byteOffset` (nil when not about one place) because of `reason`.
    public init(fileName: String, byteOffset: Int?, reason: String) {
        self.fileName = fileName
        self.byteOffset = byteOffset
        self.reason = reason
    }
}

extension MIDIFileError: CustomStringConvertible {
    /// "piano.mid: byte 1234: track 2's length runs past the end of the file".
    public var description: String {
        if let byteOffset { return "\(fileName): byte \(byteOffset): \(reason)" }
        return "\(fileName): \(reason)"
    }
}
