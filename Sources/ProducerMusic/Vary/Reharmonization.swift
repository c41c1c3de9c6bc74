/// One reharmonised version of a chart: the new chart, a label, a sentence on what changed, and
/// every change with its Roman numerals before and after.
public struct Reharmonization: Sendable, Hashable {
    /// The chart with the new chords (melody, lyrics, form and timing unchanged).
    public var chart: Chart
    /// A short name: "Tritone substitutions", "Modal interchange", "Mix 1", …
    public var label: String
    /// One sentence on what the variation does.
    public var explanation: String
    /// The changes, in bar order.
    public var changes: [Change]

    /// How a chord was changed.
    public enum Technique: String, Sendable, Hashable, Codable, CaseIterable {
        /// A dominant replaced by the dominant a tritone away (G7 → D♭7 before C).
        case tritoneSubstitution
        /// A chord borrowed from the parallel key (IV → iv, vi → ♭VI, V7 → ♭VII7; iv → IV in minor).
        case modalInterchange
        /// A chord replaced by its relative, which shares most of its notes (I → vi7, IV → ii7).
        case relativeSubstitution
        /// A diminished seventh between two chords a whole step apart (C → C♯°7 → Dm).
        case passingDiminished
        /// The dominant of the next chord put before it (C → A7 → Dm).
        case secondaryDominant

        /// The words used in change lists: "tritone substitute", "passing diminished", …
        public var phrase: String {
            switch self {
            case .tritoneSubstitution: "tritone substitute"
            case .modalInterchange: "modal interchange"
            case .relativeSubstitution: "relative substitute"
            case .passingDiminished: "passing diminished"
            case .secondaryDominant: "secondary dominant"
            }
        }
    }

    /// One chord changed (or put into the second part of a chord's time).
    public struct Change: Sendable, Hashable {
        /// The bar, counting the chart's bars as written from 1 (a repeated section counts once).
        public var bar: Int
        /// The beat where the new chord starts, from 1.
        public var beat: Int
        /// The chord that sounded there before.
        public var old: ChordSymbol
        /// The chord that sounds there now.
        public var new: ChordSymbol
        /// Roman numerals in the chart's key, before and after ("V7" → "subV7").
        public var oldNumeral: String
        public var newNumeral: String
        /// How it was changed.
        public var technique: Technique

        /// "bar 4: G7 (V7) → D♭7 (subV7, tritone substitute)"; "bar 3 beat 3: …" when the new
        /// chord does not start the bar.
        public var description: String {
            let place = beat == 1 ? "bar \(bar)" : "bar \(bar) beat \(beat)"
            return
                "\(place): \(old.written(in: .symbols)) (\(oldNumeral)) → \(new.written(in: .symbols)) (\(newNumeral), \(technique.phrase))"
        }
    }
}

extension Reharmonization: CustomStringConvertible {
    /// The label, the sentence and one line per change.
    public var description: String {
        ([label + ": " + explanation] + changes.map { "  " + $0.description }).joined(separator: "\n")
    }
}
