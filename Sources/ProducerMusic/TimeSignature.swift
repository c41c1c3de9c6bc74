/// A time signature: how many beats make a bar and which note value gets the beat.
///
/// 4/4 has four quarter-note beats a bar; 6/8 has six eighth-note beats. Bar and beat
/// positions (``BarBeat``) count beats of the meter's beat unit.
public struct TimeSignature: Sendable, Hashable, Codable {
    /// The top number: beats in a bar (at least 1).
    public let beatsPerBar: Int
    /// The bottom number: the note value of one beat, 1 (whole), 2 (half), 4 (quarter), 8 …
    public let beatUnit: Int

    /// Common time, 4/4.
    public static let fourFour = TimeSignature(4, 4)
    /// Waltz time, 3/4.
    public static let threeFour = TimeSignature(3, 4)
    /// Six-eight.
    public static let sixEight = TimeSignature(6, 8)

    /// The time signature `beatsPerBar`/`beatUnit`, e.g. `TimeSignature(6, 8)`.
    ///
    /// - Precondition: `beatsPerBar` ≥ 1 and `beatUnit` is a power of two from 1 to 256.
    public init(_ beatsPerBar: Int, _ beatUnit: Int) {
        precondition(
            TimeSignature.isValid(beatsPerBar, beatUnit),
            "a meter needs beats ≥ 1 and a beat unit that is a power of two")
        self.beatsPerBar = beatsPerBar
        self.beatUnit = beatUnit
    }

    /// The time signature `beatsPerBar`/`beatUnit`, or nil when it is not a valid time signature.
    public init?(validating beatsPerBar: Int, _ beatUnit: Int) {
        guard TimeSignature.isValid(beatsPerBar, beatUnit) else { return nil }
        self.init(beatsPerBar, beatUnit)
    }

    static func isValid(_ beats: Int, _ unit: Int) -> Bool {
        beats >= 1 && beats <= 1024 && unit >= 1 && unit <= 256 && unit & (unit - 1) == 0
    }

    /// Length of one beat in quarter notes (1 in 4/4, 0.5 in 6/8).
    public var quarterNotesPerBeat: Double { 4 / Double(beatUnit) }

    /// Length of one bar in quarter notes (4 in 4/4, 3 in 6/8).
    public var quarterNotesPerBar: Double { Double(beatsPerBar) * quarterNotesPerBeat }
}

extension TimeSignature: CustomStringConvertible {
    /// "4/4", "6/8".
    public var description: String { "\(beatsPerBar)/\(beatUnit)" }
}
