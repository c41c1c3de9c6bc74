import RealModule

/// One sung (or played) note for ``VoiceSynth``: when, how long, which pitch, and how it moves.
///
/// Pitch is a fractional MIDI number, so a note detuned by `c` cents is `midi + c / 100`.
public struct SungNote: Sendable, Hashable, Codable {
    /// Start time in seconds.
    public var start: Double
    /// Duration in seconds; the note sounds (and is voiced in the ground truth) over `start ..< start + duration`.
    public var duration: Double
    /// Fractional MIDI pitch (69 = A4 = 440 Hz).
    public var midi: Double
    /// Vibrato rate in Hz (0 for none).
    public var vibratoRate: Double
    /// Vibrato depth in cents: the pitch swings ± this much around `midi`.
    public var vibratoDepthCents: Double
    /// When set, the note glides (portamento) from this MIDI pitch into `midi` over ``glideSeconds``.
    public var glideFromMidi: Double?
    /// Peak amplitude scale, 0…1.
    public var velocity: Double

    /// The length of a glide into the note, in seconds.
    public static let glideSeconds = 0.08

    /// A note; see the properties for the meaning of each argument.
    public init(
        start: Double, duration: Double, midi: Double, vibratoRate: Double = 0, vibratoDepthCents: Double = 0,
        glideFromMidi: Double? = nil, velocity: Double = 0.8
    ) {
        self.start = start; self.duration = duration; self.midi = midi
        self.vibratoRate = vibratoRate; self.vibratoDepthCents = vibratoDepthCents
        self.glideFromMidi = glideFromMidi; self.velocity = velocity
    }

    /// The end time in seconds, `start + duration`.
    public var end: Double { start + duration }

    /// The instantaneous fractional MIDI pitch at absolute time `t` (glide and vibrato included).
    public func pitch(at t: Double) -> Double {
        let u = t - start
        var m = midi
        if let g = glideFromMidi, u < Self.glideSeconds {
            let x = max(0, u) / Self.glideSeconds
            let s = 0.5 - 0.5 * Double.cos(Double.pi * x)  // smooth S-curve from 0 to 1
            m = g + (midi - g) * s
        }
        if vibratoRate > 0, vibratoDepthCents != 0 {
            m += vibratoDepthCents / 100 * Double.sin(2 * Double.pi * vibratoRate * u)
        }
        return m
    }

    /// The instantaneous fundamental frequency in Hz at absolute time `t`.
    public func frequency(at t: Double) -> Double { 440 * Double.exp2((pitch(at: t) - 69) / 12) }
}
