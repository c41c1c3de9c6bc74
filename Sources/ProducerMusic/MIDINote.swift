/// A note played in a MIDI file: a note-on paired with its note-off.
public struct MIDINote: Sendable, Hashable, Codable {
    /// When the note starts, in seconds from the start of the file.
    public var start: Double
    /// When the note ends, in seconds.
    public var end: Double
    /// When the note starts, in ticks.
    public var startTick: Int
    /// When the note ends, in ticks.
    public var endTick: Int
    /// MIDI note number, 0…127 (60 = middle C).
    public var pitch: Int
    /// Note-on velocity, 1…127.
    public var velocity: Int
    /// MIDI channel, 0…15 (channel 1 to a musician is 0 here).
    public var channel: Int
    /// Index of the track in ``MIDIFile/tracks``, from 0.
    public var track: Int

    /// A note with every field given.
    public init(
        start: Double, end: Double, startTick: Int, endTick: Int, pitch: Int, velocity: Int,
        channel: Int, track: Int
    ) {
        self.start = start
        self.end = end
        self.startTick = startTick
        self.endTick = endTick
        self.pitch = pitch
        self.velocity = velocity
        self.channel = channel
        self.track = track
    }

    /// A note to write: `pitch` from `start` to `end` seconds. Ticks are left at 0; the writer
    /// works from seconds.
    public init(pitch: Int, start: Double, end: Double, velocity: Int = 90, channel: Int = 0, track: Int = 0) {
        self.init(
            start: start, end: end, startTick: 0, endTick: 0, pitch: pitch, velocity: velocity,
            channel: channel, track: track)
    }

    /// How long the note lasts, in seconds.
    public var duration: Double { end - start }
}
