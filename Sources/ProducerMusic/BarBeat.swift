/// A musical position as a musician says it: bar 17, beat 3, and how far into the beat.
///
/// Bars and beats count from 1, so the very start of a song is 1:1. Its description is
/// "17:3" on the beat and "17:3.50" halfway through it (hundredths, truncated, so a
/// position never shows as a beat it has not reached).
public struct BarBeat: Sendable, Hashable, Codable {
    /// The bar, from 1 (0 and below are count-in bars before the song starts).
    public var bar: Int
    /// The beat within the bar, from 1.
    public var beat: Int
    /// How far through the beat, 0 ..< 1.
    public var fraction: Double

    /// Bar `bar`, beat `beat`, `fraction` of the way through the beat.
    public init(bar: Int, beat: Int, fraction: Double = 0) {
        self.bar = bar
        self.beat = beat
        self.fraction = fraction
    }
}

extension BarBeat: CustomStringConvertible {
    /// "17:3" on the beat, "17:3.50" half a beat later.
    public var description: String {
        let hundredths = min(99, max(0, Int((fraction * 100 + 1e-6).rounded(.down))))
        if hundredths == 0 { return "\(bar):\(beat)" }
        return hundredths < 10 ? "\(bar):\(beat).0\(hundredths)" : "\(bar):\(beat).\(hundredths)"
    }
}

extension BarBeat: Comparable {
    public static func < (a: BarBeat, b: BarBeat) -> Bool {
        (a.bar, a.beat, a.fraction) < (b.bar, b.beat, b.fraction)
    }
}
