/// A message at a position in a MIDI track.
public struct MIDIEvent: Sendable, Hashable {
    /// Absolute position in ticks from the start of the track.
    public var tick: Int
    /// What happens.
    public var message: MIDIMessage
    /// Where the event starts in the file (its delta time), for error messages and debugging.
    public var byteOffset: Int

    /// `message` at `tick`, found at `byteOffset` in the file (0 when made in memory).
    public init(tick: Int, message: MIDIMessage, byteOffset: Int = 0) {
        self.tick = tick
        self.message = message
        self.byteOffset = byteOffset
    }
}
