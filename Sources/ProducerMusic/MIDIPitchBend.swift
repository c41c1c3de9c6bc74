/// A pitch bend to write to a MIDI file: from `time` on, the channel's notes sound `cents` away
/// from their written pitch (within ±200 cents, the bend range the writer sets).
public struct MIDIPitchBend: Sendable, Hashable, Codable {
    /// When the bend takes effect, seconds from the start of the file.
    public var time: Double
    /// How far the notes are bent, cents (+ up), −200…200.
    public var cents: Double
    /// MIDI channel, 0…15.
    public var channel: Int
    /// Index of the track, as ``MIDINote/track``.
    public var track: Int

    /// A bend of `cents` at `time` seconds on `channel` of `track`.
    public init(time: Double, cents: Double, channel: Int = 0, track: Int = 0) {
        self.time = time
        self.cents = cents
        self.channel = channel
        self.track = track
    }
}
