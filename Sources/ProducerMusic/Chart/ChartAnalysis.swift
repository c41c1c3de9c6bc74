/// What a musician wants to know about a chart before playing it: every chord in Roman numerals
/// (secondary dominants and borrowed chords named), where a guitarist puts the capo, and whether
/// the melody fits a singer's range.
public struct ChartAnalysis: Sendable, Hashable, Codable {
    /// The key the numerals are read in (the chart's), in words.
    public var key: String?
    /// Each section as written, its bars and their chords.
    public var sections: [Section]
    /// The best capo positions, most open chords first.
    public var capo: [Capo]
    /// The melody against the singer's range, when the chart has a melody and a range was given.
    public var range: Range?

    /// A section's chords.
    public struct Section: Sendable, Hashable, Codable {
        public var name: String
        public var repeats: Int
        public var bars: [[Chord]]
    }

    /// One chord: as written in the notation asked for, its numeral and what it does.
    public struct Chord: Sendable, Hashable, Codable {
        public var symbol: String
        /// Quarter notes from the bar's start.
        public var start: Double
        public var numeral: String?
        public var function: String?
    }

    /// A capo position and the shapes played with it.
    public struct Capo: Sendable, Hashable, Codable {
        public var fret: Int
        public var openChords: Int
        public var totalChords: Int
        /// "G as an E shape".
        public var shapes: [String]
    }

    /// The melody against the singer.
    public struct Range: Sendable, Hashable, Codable {
        public var singer: String
        public var lowest: String
        public var highest: String
        public var fits: Bool
        /// Semitones below or above the range.
        public var belowBy: Int
        public var aboveBy: Int
        /// Keys (best first) that put the melody inside the range, with the move in semitones.
        public var betterKeys: [String]
    }

    /// Analyses `chart`: numerals in its key (none without one), capo advice over the chords as
    /// played, and the melody against `singer` when both exist.
    public init(chart: Chart, notation: ChordSymbol.Notation = .standard, singer: VocalRange? = nil) {
        key = chart.key?.description
        sections = chart.sections.map { section in
            var written: [[Chord]] = []
            let bars = section.bars
            let flat = bars.flatMap(\.chords).map(\.symbol)
            let numerals =
                chart.key.map { RomanNumeral.analyze(flat, in: $0) } ?? Array(repeating: nil, count: flat.count)
            var i = 0
            for bar in bars {
                written.append(
                    bar.chords.map { c in
                        defer { i += 1 }
                        return Chord(
                            symbol: c.symbol.written(in: notation), start: c.start, numeral: numerals[i]?.description,
                            function: numerals[i]?.explanation)
                    })
            }
            return Section(name: section.name, repeats: section.repeats, bars: written)
        }
        let played = chart.played().flatMap(\.bar.chords).map(\.symbol)
        capo = CapoSuggestion.suggestions(for: played).map { s in
            Capo(
                fret: s.fret, openChords: s.openChords, totalChords: s.totalChords,
                shapes: s.shapes.map { $0.isOpen ? "\($0.chord) as \($0.shape)" : "\($0.chord) (barre)" })
        }
        let melody = chart.melodyPitches
        if let singer, let check = singer.check(melody, in: chart.key) {
            range = Range(
                singer: singer.description, lowest: check.lowest.description, highest: check.highest.description,
                fits: check.fits, belowBy: check.belowBy, aboveBy: check.aboveBy,
                betterKeys: check.bestTranspositions.prefix(3).map { t in
                    let move = t == 0 ? "as written" : t > 0 ? "up \(t)" : "down \(-t)"
                    return (chart.key.map { "\($0.transposed(by: t))" } ?? "") + " (\(move))"
                })
        }
    }
}
