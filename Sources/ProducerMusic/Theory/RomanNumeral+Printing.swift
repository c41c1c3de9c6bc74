extension RomanNumeral {
    /// The numeral with ♭ ♯ ° ø: "V7/V", "♭VI", "iiø7", "vii°7/ii", "subV7", "Imaj7".
    public var description: String { text(ascii: false) }

    /// The numeral in plain text (as music21's RomanText writes it): "V7/V", "bVI", "ii/o7",
    /// "viio7/ii", "subV7".
    public var ascii: String { text(ascii: true) }

    /// What the chord does, in words: "diatonic", "secondary dominant of V", "borrowed from the
    /// parallel minor", "tritone substitute for V7/ii", "leading-tone chord of ii", "chromatic".
    public var explanation: String {
        let target = targetDegree.map { RomanNumeral.targetNumeral($0, key: key, ascii: false) } ?? ""
        switch function {
        case .diatonic: return "diatonic"
        case .secondaryDominant: return "secondary dominant of \(target)"
        case .secondaryLeadingTone: return "leading-tone chord of \(target)"
        case .tritoneSubstitute:
            return targetDegree == 1 ? "tritone substitute for V7" : "tritone substitute for V7/\(target)"
        case .borrowed: return "borrowed from the parallel \(key.mode.isMinorLike ? "major" : "minor")"
        case .chromatic: return "chromatic"
        }
    }

    private func text(ascii: Bool) -> String {
        let upperCase = ![.minor, .diminished].contains(chord.quality)
        let suffix = RomanNumeral.suffix(chord, ascii: ascii)
        let slashTarget =
            targetDegree.map { $0 == 1 ? "" : "/" + RomanNumeral.targetNumeral($0, key: key, ascii: ascii) } ?? ""
        switch function {
        case .secondaryDominant:
            return "V" + suffix + slashTarget
        case .secondaryLeadingTone:
            return "vii" + suffix + slashTarget
        case .tritoneSubstitute:
            return "subV" + suffix + slashTarget
        default:
            var numeral = RomanNumeral.letters[degree - 1]
            if !upperCase { numeral = numeral.lowercased() }
            var accidental = alteration
            // In minor the leading-tone chord is vii°, not ♯vii°.
            if key.mode.isMinorLike, degree == 7, alteration == 1, chord.quality == .diminished { accidental = 0 }
            let sign = accidental < 0 ? (ascii ? "b" : "♭") : accidental > 0 ? (ascii ? "#" : "♯") : ""
            return sign + numeral + suffix
        }
    }

    static let letters = ["I", "II", "III", "IV", "V", "VI", "VII"]

    /// The numeral of the diatonic triad on `degree` (1 … 7): in C major ii, V, vi; in A minor
    /// iv, V, VI.
    static func targetNumeral(_ degree: Int, key: Key, ascii: Bool) -> String {
        let q = triad(degree: degree - 1, scale: key.mode.intervals, minorKey: key.mode.isMinorLike)
        let n = letters[degree - 1]
        switch q {
        case .minor: return n.lowercased()
        case .diminished: return n.lowercased() + (ascii ? "o" : "°")
        case .augmented: return n + "+"
        default: return n
        }
    }

    /// What follows the numeral: ° + ø7 °7 7 maj7 6 sus4 5.
    static func suffix(_ c: ChordSymbol, ascii: Bool) -> String {
        let dim = ascii ? "o" : "°"
        let half = ascii ? "/o" : "ø"
        var s = ""
        switch (c.quality, c.seventh) {
        case (.diminished, .minor): s = half + "7"
        case (.diminished, .diminished): s = dim + "7"
        case (.diminished, .major): s = dim + "maj7"
        case (.diminished, nil): s = dim
        case (.augmented, .minor): s = "+7"
        case (.augmented, .major): s = "+maj7"
        case (.augmented, nil): s = "+"
        case (_, .major): s = "maj7"
        case (_, .minor), (_, .diminished): s = "7"
        case (.power, nil): s = "5"
        default: break
        }
        if c.sixth { s += "6" }
        if c.quality == .suspended4 { s += "sus4" }
        if c.quality == .suspended2 { s += "sus2" }
        return s
    }
}

extension RomanNumeral: CustomStringConvertible {}
