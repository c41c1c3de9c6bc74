/// A note of the intended part (from a MIDI file): when it should start and end, and its pitch.
public struct ReferenceNote: Sendable, Hashable, Codable {
    /// Start, seconds.
    public var start: Double
    /// End, seconds.
    public var end: Double
    /// MIDI note number.
    public var pitch: Int

    public init(start: Double, end: Double, pitch: Int) {
        self.start = start
        self.end = end
        self.pitch = pitch
    }
}
