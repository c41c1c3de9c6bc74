/// A time signature event of a MIDI file, placed in time.
public struct MIDITimeSignature: Sendable, Hashable {
    /// Position in ticks.
    public var tick: Int
    /// Position in seconds.
    public var seconds: Double
    /// The meter, e.g. 6/8.
    public var meter: TimeSignature

    /// `meter` at `tick` (`seconds`).
    public init(tick: Int, seconds: Double, meter: TimeSignature) {
        self.tick = tick
        self.seconds = seconds
        self.meter = meter
    }
}
