/// A key signature event of a MIDI file, placed in time.
public struct MIDIKeySignature: Sendable, Hashable {
    /// Position in ticks.
    public var tick: Int
    /// Position in seconds.
    public var seconds: Double
    /// The key the signature names (a MIDI file only knows major and minor).
    public var key: Key

    /// `key` at `tick` (`seconds`).
    public init(tick: Int, seconds: Double, key: Key) {
        self.tick = tick
        self.seconds = seconds
        self.key = key
    }
}
