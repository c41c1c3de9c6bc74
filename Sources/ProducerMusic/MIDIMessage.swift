/// One event's content in a Standard MIDI File track.
///
/// Channels are 0…15 (shown to musicians as 1…16); pitches, velocities and controller values
/// are 0…127. A note-on with velocity 0 is read as a ``noteOff(channel:pitch:velocity:)``
/// with velocity 0, as the MIDI standard intends.
public enum MIDIMessage: Sendable, Hashable {
    /// A key released.
    case noteOff(channel: Int, pitch: Int, velocity: Int)
    /// A key pressed (velocity 1…127).
    case noteOn(channel: Int, pitch: Int, velocity: Int)
    /// Polyphonic aftertouch on one key.
    case polyphonicPressure(channel: Int, pitch: Int, pressure: Int)
    /// A controller change (sustain pedal is controller 64).
    case controlChange(channel: Int, controller: Int, value: Int)
    /// A program (instrument) change, 0…127.
    case programChange(channel: Int, program: Int)
    /// Channel aftertouch.
    case channelPressure(channel: Int, pressure: Int)
    /// Pitch bend, -8192…8191, 0 in the centre.
    case pitchBend(channel: Int, value: Int)
    /// A system-exclusive message; its `length` bytes are skipped, not kept.
    case systemExclusive(length: Int)
    /// Set tempo: microseconds per quarter note (500 000 is 120 bpm).
    case tempo(microsecondsPerQuarter: Int)
    /// Time signature: `numerator`/`denominator` (denominator a power of two).
    case timeSignature(numerator: Int, denominator: Int, clocksPerClick: Int, thirtySecondsPerQuarter: Int)
    /// Key signature: `fifths` sharps (positive) or flats (negative), and whether minor.
    case keySignature(fifths: Int, minor: Bool)
    /// The track's (sequence's) name.
    case trackName(String)
    /// Any other text meta event (text, copyright, instrument, lyric, marker, cue point, …),
    /// with its meta type byte (1…15).
    case text(type: Int, String)
    /// End of track.
    case endOfTrack
    /// Any other meta event, or a known one whose data is malformed, kept raw.
    case meta(type: Int, data: [UInt8])
}
