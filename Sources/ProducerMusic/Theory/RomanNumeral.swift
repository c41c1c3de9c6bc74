/// A chord's Roman numeral in a key (jazz style, no figured bass): `Imaj7`, `ii7`, `V7`, `iiø7`,
/// `vii°`, secondary dominants `V7/V` and `vii°7/ii`, tritone substitutes `subV7`, borrowed chords
/// `♭VI`, `♭VII`, `iv` in major and `IV` in minor, other chromatic chords marked as such.
///
/// Upper case is a major (or augmented, suspended, power) chord, lower case minor or diminished;
/// a flat or sharp before the numeral says how the root differs from the key's own scale degree
/// (natural minor in minor keys, where `V` and `vii°` of the harmonic minor count as diatonic).
public struct RomanNumeral: Sendable, Hashable {
    /// The chord as analysed.
    public var chord: ChordSymbol
    /// The key.
    public var key: Key
    /// The scale degree of the chord's root, 1 … 7 (read from its letter).
    public var degree: Int
    /// −1 when the root is a flattened degree (♭VI), +1 when sharpened (♯iv°), else 0.
    public var alteration: Int
    /// What the chord does in the key.
    public var function: Function
    /// For secondary chords and tritone substitutes: the degree (1 … 7) of the chord they lead to.
    public var targetDegree: Int?

    /// What a chord does in a key.
    public enum Function: String, Sendable, Hashable, Codable {
        /// Built from the key's own scale (in minor also V, V7, vii° and vii°7 of the harmonic minor).
        case diatonic
        /// A dominant (V or V7) of another diatonic chord: V7/V.
        case secondaryDominant
        /// A diminished chord a half step below another diatonic chord: vii°7/ii.
        case secondaryLeadingTone
        /// A dominant seventh a half step above its target: subV7 (D♭7 → C).
        case tritoneSubstitute
        /// From the parallel minor (in a major key) or the parallel major (in a minor key).
        case borrowed
        /// None of these.
        case chromatic
    }

    /// Analyses `chord` in `key`; `next`, the chord that follows, decides between readings (a
    /// chord resolving down a fifth is a secondary dominant, down a half step a tritone
    /// substitute). Nil for `N.C.`.
    public init?(chord: ChordSymbol, in key: Key, next: ChordSymbol? = nil) {
        if chord.isNoChord { return nil }
        self.chord = chord
        self.key = key
        let r = chord.root.pitchClass.semitones(above: key.tonic.pitchClass)
        let scale = key.mode.intervals
        // The degree from the spelled letter, unless that gives a double alteration.
        var d = (chord.root.letter.rawValue - key.tonic.letter.rawValue + 7) % 7
        var alt = ((r - scale[d] + 6) % 12 + 12) % 12 - 6
        if abs(alt) > 1 {
            (d, alt) = RomanNumeral.degree(ofOffset: r, scale: scale, major: !key.mode.isMinorLike)
        }
        degree = d + 1
        alteration = alt
        targetDegree = nil
        function = .chromatic

        let tones = Set(chord.chordTones.map { $0.semitones(above: key.tonic.pitchClass) })
        let next = next.flatMap { $0.isNoChord ? nil : $0 }
        let nextOffset = next.map { $0.root.pitchClass.semitones(above: key.tonic.pitchClass) }
        let isDominant =
            (chord.quality == .major || chord.quality == .suspended4) && !chord.sixth
            && (chord.seventh == nil || chord.seventh == .minor)
        let isDiminished = chord.quality == .diminished && chord.seventh != .major
        func diatonicTarget(_ t: Int) -> Int? {
            guard let i = scale.firstIndex(of: t) else { return nil }
            return RomanNumeral.triad(degree: i, scale: scale, minorKey: key.mode.isMinorLike) == .diminished ? nil : i
        }
        let fifthTarget = isDominant ? diatonicTarget((r + 5) % 12) : nil
        let leadingTarget = isDiminished ? diatonicTarget((r + 1) % 12) : nil
        let subTarget = isDominant && chord.seventh == .minor ? diatonicTarget((r + 11) % 12) : nil

        if RomanNumeral.fits(tones, root: r, scale: scale, minorKey: key.mode.isMinorLike) {
            function = .diatonic
            return
        }
        func resolves(_ target: Int?) -> Bool { target != nil && nextOffset == scale[target!] }
        if resolves(fifthTarget) {
            set(.secondaryDominant, fifthTarget)
        } else if resolves(leadingTarget) {
            set(.secondaryLeadingTone, leadingTarget)
        } else if resolves(subTarget) {
            set(.tritoneSubstitute, subTarget)
        } else if RomanNumeral.fits(
            tones, root: r, scale: key.parallel.mode.intervals, minorKey: key.parallel.mode.isMinorLike)
        {
            function = .borrowed
        } else if let fifthTarget {
            set(.secondaryDominant, fifthTarget)
        } else if let leadingTarget {
            set(.secondaryLeadingTone, leadingTarget)
        } else if let subTarget {
            set(.tritoneSubstitute, subTarget)
        }
    }

    private mutating func set(_ f: Function, _ target: Int?) {
        function = f
        targetDegree = target.map { $0 + 1 }
    }

    /// Numerals for a progression, each read with the chord after it (`N.C.` gives nil).
    public static func analyze(_ chords: [ChordSymbol], in key: Key) -> [RomanNumeral?] {
        chords.indices.map { i in
            RomanNumeral(chord: chords[i], in: key, next: i + 1 < chords.count ? chords[i + 1] : nil)
        }
    }

    /// Whether the chord tones (semitones above the tonic) all belong to the scale; in minor
    /// keys the raised seventh is allowed on chords built on the fifth or seventh degree.
    static func fits(_ tones: Set<Int>, root: Int, scale: [Int], minorKey: Bool) -> Bool {
        var allowed = Set(scale)
        if minorKey, root == scale[4] || root == 11 { allowed.insert(11) }
        return tones.isSubset(of: allowed)
    }

    /// The triad's quality built in thirds on `degree` (0-based) of `scale`; in a minor key the
    /// fifth degree is major (harmonic minor).
    static func triad(degree: Int, scale: [Int], minorKey: Bool) -> ChordSymbol.Quality {
        if minorKey, degree == 4 { return .major }
        let root = scale[degree]
        let third = (scale[(degree + 2) % 7] - root + 12) % 12
        let fifth = (scale[(degree + 4) % 7] - root + 12) % 12
        switch (third, fifth) {
        case (4, 7): return .major
        case (3, 7): return .minor
        case (3, 6): return .diminished
        default: return .augmented
        }
    }

    /// The degree and alteration for a root `offset` semitones above the tonic, when its letter
    /// cannot say (flats preferred, except the raised fourth in major).
    static func degree(ofOffset offset: Int, scale: [Int], major: Bool) -> (Int, Int) {
        if let i = scale.firstIndex(of: offset) { return (i, 0) }
        if major, offset == 6, let i = scale.firstIndex(of: 5) { return (i, 1) }
        if let i = scale.firstIndex(of: (offset + 1) % 12) { return (i, -1) }
        return (scale.firstIndex(of: (offset + 11) % 12) ?? 0, 1)
    }
}

extension Key {
    /// The major or minor key on the same tonic (C major ⇄ C minor); the church modes' parallel is
    /// major for the minor-like ones, minor for the others.
    public var parallel: Key { Key(tonic: tonic, mode: mode.isMinorLike ? .major : .minor) }
}
