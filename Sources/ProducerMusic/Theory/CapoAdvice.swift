/// Capo advice for guitar: where to put the capo so that a chart's chords become open shapes.
///
/// The open shapes are C A G E D, Am Em Dm, their sevenths (C7 A7 G7 E7 D7, Am7 Em7 Dm7) and major
/// sevenths (Cmaj7 Amaj7 Gmaj7 Emaj7 Dmaj7), and Asus2/4, Dsus2/4, Esus4. A chord is played with
/// the shape of its triad and seventh; tensions and the slash bass are left to the player.
public struct CapoSuggestion: Sendable, Hashable {
    /// The fret the capo goes on, 0 (none) … 7.
    public var fret: Int
    /// How many of the chart's chords (counting repeats) become open shapes.
    public var openChords: Int
    /// How many chords the chart has (counting repeats; N.C. left out).
    public var totalChords: Int
    /// Each different chord with the shape to play, in the order they first appear.
    public var shapes: [Shape]

    /// A sounding chord and the shape that plays it with the capo.
    public struct Shape: Sendable, Hashable {
        /// The chord as written on the chart.
        public var chord: ChordSymbol
        /// The shape the fingers make (the chord moved down by the capo's frets).
        public var shape: ChordSymbol
        /// True when the shape is one of the open shapes.
        public var isOpen: Bool
    }

    /// The share of chords played open, 0 … 1.
    public var openFraction: Double { totalChords == 0 ? 0 : Double(openChords) / Double(totalChords) }

    /// The best capo frets for `chords` (0 … 7), most open chords first, then the lower fret;
    /// at most `limit`, and only frets that make at least one chord open.
    public static func suggestions(for chords: [ChordSymbol], limit: Int = 3) -> [CapoSuggestion] {
        let played = chords.filter { !$0.isNoChord }
        var all: [CapoSuggestion] = []
        for fret in 0...7 {
            var shapes: [Shape] = []
            var open = 0
            for chord in played {
                let shape = openShape(for: chord, capo: fret)
                if shape.isOpen { open += 1 }
                if !shapes.contains(where: { $0.chord == chord }) { shapes.append(shape) }
            }
            all.append(CapoSuggestion(fret: fret, openChords: open, totalChords: played.count, shapes: shapes))
        }
        return
            all
            .filter { $0.openChords > 0 }
            .sorted { ($0.openChords, -$0.fret) > ($1.openChords, -$1.fret) }
            .prefix(max(0, limit))
            .map { $0 }
    }

    /// The shape for `chord` with the capo on `capo`: its root moved down, named as guitarists
    /// name open shapes (naturals, sharps for the rest), reduced to triad and seventh.
    static func openShape(for chord: ChordSymbol, capo: Int) -> Shape {
        let pc = chord.root.pitchClass.transposed(by: -capo)
        let sharps: [NoteName] = [
            .init(.c), .init(.c, .sharp), .init(.d), .init(.d, .sharp), .init(.e), .init(.f), .init(.f, .sharp),
            .init(.g), .init(.g, .sharp), .init(.a), .init(.a, .sharp), .init(.b),
        ]
        var shape = ChordSymbol(root: sharps[pc.value], quality: chord.quality, seventh: chord.seventh, sixth: false)
        if chord.quality == .power { shape.quality = .major }
        let letter = shape.root.accidental == .natural ? "\(shape.root.letter)" : ""
        let isOpen: Bool
        switch (shape.quality, shape.seventh) {
        case (.major, nil), (.major, .minor), (.major, .major): isOpen = ["C", "A", "G", "E", "D"].contains(letter)
        case (.minor, nil), (.minor, .minor): isOpen = ["A", "E", "D"].contains(letter)
        case (.suspended2, nil): isOpen = ["A", "D"].contains(letter)
        case (.suspended4, nil): isOpen = ["A", "D", "E"].contains(letter)
        default: isOpen = false
        }
        return Shape(chord: chord, shape: shape, isOpen: isOpen)
    }
}
