/// A note an arrangement plays, timed in quarter notes from the start of the song.
public struct ArrangedNote: Sendable, Hashable, Codable {
    /// MIDI note number (for drums, the General MIDI percussion key).
    public var pitch: Int
    /// Quarter notes from the song's start.
    public var start: Double
    /// Quarter notes.
    public var length: Double
    /// 1…127.
    public var velocity: Int

    /// A note of `pitch` at `start` for `length` quarter notes.
    public init(pitch: Int, start: Double, length: Double, velocity: Int) {
        self.pitch = pitch
        self.start = start
        self.length = length
        self.velocity = velocity
    }

    /// Where the note ends, in quarter notes from the song's start.
    public var end: Double { start + length }
}
