extension ChordSymbol {
    /// Reads a chord symbol as musicians write it (`Cmaj7`, `C∆7`, `Am7b5`, `F/A`, `G7(#9)`,
    /// `Bb13sus4`, `N.C.`).
    ///
    /// - Throws: ``ChordSymbolError`` pointing at the character that cannot be read.
    public init(parsing text: String) throws(ChordSymbolError) {
        let chars = Array(text)
        if ["N.C.", "NC", "N.C"].contains(text) {
            self = .noChord
            return
        }
        var i = 0
        func fail(_ problem: String) -> ChordSymbolError {
            ChordSymbolError(text: text, column: i + 1, problem: problem)
        }
        func readNote() throws(ChordSymbolError) -> NoteName {
            guard i < chars.count, let letter = Letter(chars[i].uppercased().first!), chars[i].isUppercase else {
                throw fail("a chord starts with a letter A–G")
            }
            i += 1
            var accidental = Accidental.natural
            if i < chars.count, chars[i] == "#" || chars[i] == "♯" {
                accidental = .sharp; i += 1
            } else if i < chars.count, chars[i] == "b" || chars[i] == "♭" {
                accidental = .flat; i += 1
            }
            return NoteName(letter, accidental)
        }
        let root = try readNote()
        let slash = chars[i...].lastIndex(of: "/").flatMap { idx -> Int? in
            // "6/9" is not a slash chord.
            idx + 1 < chars.count && chars[idx + 1] == "9" && idx > 0 && chars[idx - 1] == "6" ? nil : idx
        }
        let suffix = String(chars[i..<(slash ?? chars.count)])
        guard var chord = Self.suffixes[suffix] else {
            throw fail("\"\(suffix)\" is not a chord quality Producer knows")
        }
        chord.root = root
        if let slash {
            i = slash + 1
            chord.bass = try readNote()
            if i < chars.count { throw fail("nothing may follow the bass note") }
        }
        self = chord
    }

    private static let suffixes: [String: ChordSymbol] = {
        let c = NoteName(.c)
        func ch(_ q: Quality, _ s: Seventh? = nil, six: Bool = false, _ t: [Tension] = []) -> ChordSymbol {
            ChordSymbol(root: c, quality: q, seventh: s, sixth: six, tensions: t)
        }
        var table: [String: ChordSymbol] = [:]
        for (names, chord) in [
            (["", "M", "maj"], ch(.major)),
            (["m", "min", "-"], ch(.minor)),
            (["dim", "°", "o"], ch(.diminished)),
            (["aug", "+"], ch(.augmented)),
            (["sus2"], ch(.suspended2)),
            (["sus4", "sus"], ch(.suspended4)),
            (["5"], ch(.power)),
            (["6"], ch(.major, six: true)),
            (["m6", "-6"], ch(.minor, six: true)),
            (["6/9", "69"], ch(.major, six: true, [Tension(9)])),
            (["7"], ch(.major, .minor)),
            (["maj7", "M7", "∆7", "∆", "Δ7", "Δ"], ch(.major, .major)),
            (["m7", "-7", "min7"], ch(.minor, .minor)),
            (["mMaj7", "mmaj7", "m(maj7)", "-∆7"], ch(.minor, .major)),
            (["m7b5", "ø", "ø7", "-7b5", "m7(b5)"], ch(.diminished, .minor)),
            (["dim7", "°7", "o7"], ch(.diminished, .diminished)),
            (["aug7", "+7", "7#5", "7(#5)"], ch(.augmented, .minor)),
            (["7b5", "7(b5)"], ch(.major, .minor, [Tension(5, -1)])),
            (["7sus4", "7sus"], ch(.suspended4, .minor)),
            (["9"], ch(.major, .minor, [Tension(9)])),
            (["maj9", "∆9"], ch(.major, .major, [Tension(9)])),
            (["m9", "-9"], ch(.minor, .minor, [Tension(9)])),
            (["add9", "add2"], ch(.major, nil, [Tension(9)])),
            (["madd9"], ch(.minor, nil, [Tension(9)])),
            (["7b9", "7(b9)"], ch(.major, .minor, [Tension(9, -1)])),
            (["7#9", "7(#9)"], ch(.major, .minor, [Tension(9, 1)])),
            (["11"], ch(.major, .minor, [Tension(9), Tension(11)])),
            (["m11", "-11"], ch(.minor, .minor, [Tension(9), Tension(11)])),
            (["13"], ch(.major, .minor, [Tension(9), Tension(13)])),
            (["maj13", "∆13"], ch(.major, .major, [Tension(9), Tension(13)])),
            (["m13"], ch(.minor, .minor, [Tension(9), Tension(13)])),
            (["9sus4", "9sus"], ch(.suspended4, .minor, [Tension(9)])),
            (["13sus4", "13sus"], ch(.suspended4, .minor, [Tension(9), Tension(13)])),
        ] as [([String], ChordSymbol)] {
            for n in names { table[n] = chord }
        }
        return table
    }()
}

extension ChordSymbol: CustomStringConvertible {
    /// The symbol in the usual lead-sheet spelling (`Cmaj7`, `Am7b5`, `F/A`, `N.C.`).
    public var description: String {
        if isNoChord { return "N.C." }
        var s = root.ascii
        let t = tensions.filter { $0.degree != 5 }
        switch (quality, seventh, sixth) {
        case (.major, nil, false): break
        case (.minor, nil, false): s += "m"
        case (.diminished, nil, false): s += "dim"
        case (.augmented, nil, false): s += "aug"
        case (.suspended2, nil, false): s += "sus2"
        case (.suspended4, nil, false): s += "sus4"
        case (.power, _, _): s += "5"
        case (.major, nil, true): s += "6"
        case (.minor, nil, true): s += "m6"
        case (.major, .minor, _):
            s += t.contains(Tension(13)) ? "13" : t.contains(Tension(11)) ? "11" : t.contains(Tension(9)) ? "9" : "7"
        case (.major, .major, _): s += t.contains(Tension(13)) ? "maj13" : t.contains(Tension(9)) ? "maj9" : "maj7"
        case (.minor, .minor, _):
            s +=
                t.contains(Tension(13)) ? "m13" : t.contains(Tension(11)) ? "m11" : t.contains(Tension(9)) ? "m9" : "m7"
        case (.minor, .major, _): s += "mMaj7"
        case (.diminished, .minor, _): s += "m7b5"
        case (.diminished, .diminished, _): s += "dim7"
        case (.augmented, .minor, _): s += "aug7"
        case (.suspended4, .minor, _):
            s += t.contains(Tension(13)) ? "13sus4" : t.contains(Tension(9)) ? "9sus4" : "7sus4"
        default: s += "?"
        }
        if seventh == nil && !sixth && t.contains(Tension(9)) { s += "add9" }
        if sixth && t.contains(Tension(9)) { s += "/9" }
        for a in tensions where a.alteration != 0 { s += "(\(a.alteration < 0 ? "b" : "#")\(a.degree))" }
        if let bass { s += "/" + bass.ascii }
        return s
    }
}
