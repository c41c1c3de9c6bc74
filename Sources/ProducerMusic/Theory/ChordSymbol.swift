/// A chord symbol as written on a chart: `Cmaj7`, `Am7b5`, `F/A`, `G7(#9)`, `Bb13sus4`, `N.C.`.
///
/// Held as its structure (root, triad quality, seventh or sixth, tensions, bass), so that it
/// can be printed in any notation, transposed and turned into pitches.
public struct ChordSymbol: Sendable, Hashable, Codable {
    /// The root; for ``noChord`` it is C and means nothing.
    public var root: NoteName
    /// The triad: what stands in for the third and the fifth.
    public var quality: Quality
    /// The seventh, if any (a sixth chord has ``sixth`` instead).
    public var seventh: Seventh?
    /// True for sixth chords (`C6`, `Cm6`, `C6/9`).
    public var sixth: Bool
    /// Tones above the seventh or added to the triad (9, 11, 13, and altered 5ths), lowest first.
    public var tensions: [Tension]
    /// Chord tones left out (`no3`, `no5`): 3 or 5.
    public var omitted: [Int]
    /// The bass note of a slash chord (`F/A`), when it is not the root.
    public var bass: NoteName?
    /// True for `N.C.`: no chord sounds.
    public var isNoChord: Bool

    /// A chord from its parts.
    public init(
        root: NoteName, quality: Quality = .major, seventh: Seventh? = nil, sixth: Bool = false,
        tensions: [Tension] = [], omitted: [Int] = [], bass: NoteName? = nil
    ) {
        self.root = root
        self.quality = quality
        self.seventh = seventh
        self.sixth = sixth
        self.tensions = tensions
        self.omitted = omitted
        self.bass = bass
        self.isNoChord = false
    }

    /// `N.C.`: no chord.
    public static let noChord: ChordSymbol = {
        var c = ChordSymbol(root: NoteName(.c))
        c.isNoChord = true
        return c
    }()

    /// The triad's quality.
    public enum Quality: String, Sendable, Hashable, Codable, CaseIterable {
        case major, minor, diminished, augmented
        /// The third replaced by the second or the fourth.
        case suspended2, suspended4
        /// Root and fifth only (`C5`).
        case power

        /// Semitones above the root of the triad's tones, root included.
        public var intervals: [Int] {
            switch self {
            case .major: [0, 4, 7]
            case .minor: [0, 3, 7]
            case .diminished: [0, 3, 6]
            case .augmented: [0, 4, 8]
            case .suspended2: [0, 2, 7]
            case .suspended4: [0, 5, 7]
            case .power: [0, 7]
            }
        }
    }

    /// The seventh's size.
    public enum Seventh: String, Sendable, Hashable, Codable, CaseIterable {
        /// ♭7 (dominant, minor seventh, half-diminished).
        case minor
        /// 7 (`maj7`).
        case major
        /// 𝄫7 (`dim7`).
        case diminished

        /// Semitones above the root.
        public var semitones: Int {
            switch self {
            case .minor: 10
            case .major: 11
            case .diminished: 9
            }
        }
    }

    /// A tone named by its degree above the root with an alteration: ♭9 is `Tension(9, -1)`.
    public struct Tension: Sendable, Hashable, Codable, Comparable {
        /// 2, 4, 5, 6, 9, 11 or 13.
        public var degree: Int
        /// −1 flat, 0 natural, +1 sharp.
        public var alteration: Int

        /// A tension of `degree` raised or lowered by `alteration` semitones.
        public init(_ degree: Int, _ alteration: Int = 0) {
            self.degree = degree
            self.alteration = alteration
        }

        /// Semitones above the root (within the octave for 2, 4, 5, 6; above it for 9, 11, 13).
        public var semitones: Int {
            let natural = [2: 2, 4: 5, 5: 7, 6: 9, 9: 14, 11: 17, 13: 21][degree] ?? 0
            return natural + alteration
        }

        public static func < (a: Tension, b: Tension) -> Bool {
            (a.semitones, a.alteration) < (b.semitones, b.alteration)
        }
    }
}

extension ChordSymbol {
    /// Semitones above the root of every tone, root first, then third, fifth, seventh or sixth,
    /// then tensions (above the octave); an altered fifth (`7b5`, `7#5`) replaces the perfect fifth.
    public var intervals: [Int] {
        if isNoChord { return [] }
        var triad = quality.intervals
        let alteredFifths = tensions.filter { $0.degree == 5 }.map(\.semitones)
        if !alteredFifths.isEmpty {
            triad.removeAll { $0 == 7 }
            for a in alteredFifths where !triad.contains(a) { triad.append(a) }
        }
        if omitted.contains(3) { triad.removeAll { (1...5).contains($0) } }
        if omitted.contains(5) { triad.removeAll { (6...8).contains($0) } }
        var all = triad
        if sixth { all.append(9) }
        if let seventh { all.append(seventh.semitones) }
        for t in tensions where t.degree != 5 && !all.contains(t.semitones) { all.append(t.semitones) }
        return all
    }

    /// The pitch classes of ``intervals``, root first (empty for `N.C.`).
    public var pitchClasses: [PitchClass] { intervals.map { root.pitchClass.transposed(by: $0) } }

    /// Root, third (or its suspension), fifth and seventh or sixth: the tones that make the chord.
    public var chordTones: [PitchClass] {
        intervals.filter { $0 < 12 }.map { root.pitchClass.transposed(by: $0) }
    }

    /// The tensions' pitch classes (9ths, 11ths, 13ths).
    public var tensionPitchClasses: [PitchClass] {
        intervals.filter { $0 >= 12 }.map { root.pitchClass.transposed(by: $0) }
    }

    /// The lowest note: the slash bass when there is one, else the root.
    public var bassPitchClass: PitchClass { (bass ?? root).pitchClass }
}
