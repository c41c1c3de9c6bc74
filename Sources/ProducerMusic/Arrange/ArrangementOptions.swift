/// What to arrange a chart for: style, instruments, tempo, key, feel, density and humanising.
public struct ArrangementOptions: Sendable, Hashable, Codable {
    /// The style (grooves, bass lines, comping).
    public var style: ArrangementStyle
    /// The instruments, in track order. ``Instrument/lead`` plays the chart's melody; when the
    /// chart has a melody, a lead part is added after the others even if not listed.
    public var instruments: [Instrument]
    /// Quarter notes per minute at the start, overriding the chart's (later tempo changes keep
    /// their ratio to it).
    public var tempo: Double?
    /// The key to play in: chords and melody move by the distance between the tonics (the
    /// nearer way, at most a tritone); the chart's mode is kept.
    public var key: Key?
    /// The feel; nil takes the style's own (jazz swings, the rest play straight).
    public var feel: Feel?
    /// How many instruments play and how busy they are.
    public var density: Density
    /// Seeded timing (about ±10 ms) and velocity variation.
    public var humanize: Bool
    /// The seed for every choice made at random (fills, humanising): the same seed gives the
    /// same arrangement.
    public var seed: UInt64

    /// The instruments played when none are named.
    public static let defaultInstruments: [Instrument] = [.drums, .bass, .keys, .guitar, .pad, .strings]

    /// Options for `style`, the rest as given or by default.
    public init(
        style: ArrangementStyle, instruments: [Instrument] = ArrangementOptions.defaultInstruments,
        tempo: Double? = nil, key: Key? = nil, feel: Feel? = nil, density: Density = .normal,
        humanize: Bool = false, seed: UInt64 = 1
    ) {
        self.style = style
        self.instruments = instruments
        self.tempo = tempo
        self.key = key
        self.feel = feel
        self.density = density
        self.humanize = humanize
        self.seed = seed
    }
}
