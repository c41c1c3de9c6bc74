/// A note as it was sung or played: when, at what pitch, and how steadily.
public struct PerformedNote: Sendable, Hashable, Codable {
    /// Start, seconds from the top of the take.
    public var start: Double
    /// End, seconds.
    public var end: Double
    /// The median pitch over the note's body, as a fractional MIDI number (60.35 = C4 + 35 cents).
    public var midi: Double
    /// How steady the pitch is: the standard deviation of the pitch around its slow trend, cents.
    public var stabilityCents: Double
    /// Vibrato rate, Hz (0 when there is none).
    public var vibratoRate: Double
    /// Vibrato depth, cents (half the peak-to-peak swing; 0 when there is none).
    public var vibratoDepthCents: Double
    /// Level of the note, dBFS RMS.
    public var levelDecibels: Double
    /// Whether another voice sounds under the note (another singer, a chord): its pitch is then
    /// the stronger voice's.
    public var hasSecondVoice = false

    public init(
        start: Double, end: Double, midi: Double, stabilityCents: Double, vibratoRate: Double,
        vibratoDepthCents: Double, levelDecibels: Double
    ) {
        self.start = start
        self.end = end
        self.midi = midi
        self.stabilityCents = stabilityCents
        self.vibratoRate = vibratoRate
        self.vibratoDepthCents = vibratoDepthCents
        self.levelDecibels = levelDecibels
    }

    /// Length, seconds.
    public var duration: Double { end - start }
}
