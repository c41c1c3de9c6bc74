/// A sharp, flat, natural or double accidental.
public enum Accidental: Int, Sendable, Hashable, Codable, CaseIterable {
    case doubleFlat = -2, flat = -1, natural = 0, sharp = 1, doubleSharp = 2

    /// Semitones the accidental moves a letter: -2 … +2.
    public var semitones: Int { rawValue }

    /// The accidental moving a letter by `semitones` (-2 … 2), or nil.
    public init?(semitones: Int) { self.init(rawValue: semitones) }

    /// The musical symbol: 𝄫 ♭ ♮ ♯ 𝄪.
    public var symbol: String { ["𝄫", "♭", "♮", "♯", "𝄪"][rawValue + 2] }

    /// Plain-text spelling: bb b (empty) # ## — "natural" is empty, as in "F#4" or "C4".
    public var ascii: String { ["bb", "b", "", "#", "##"][rawValue + 2] }
}

extension Accidental: CustomStringConvertible {
    public var description: String { symbol }
}
