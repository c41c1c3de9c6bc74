extension ChordSymbol {
    /// Reads a chord symbol as musicians write it (`Cmaj7`, `C∆7`, `Am7b5`, `F/A`, `G7(#9)`,
    /// `Bb13sus4`, `N.C.`).
    ///
    /// The grammar: a root (A–G with `#` `♯` `b` `♭`), a quality (`m` `min` `-`, `dim` `°` `o`,
    /// `aug` `+`, `ø`, and `maj` `M` `∆` for a major seventh), a number (`5` power chord, `2`,
    /// `6`, `6/9`, `69`, `7`, `9`, `11`, `13`), then modifiers in any order — `sus2` `sus4`
    /// `sus`, `add9` `add11` `add13` (`add2` `add4` mean 9 and 11), alterations `b5` `#5` `b9`
    /// `#9` `#11` `b13` (also `-9`, `+5`, `♭9`), `alt`, `no3` `no5` `omit5` — bare or in
    /// parentheses separated by commas (`G7(b9,#11)`), and last an optional slash bass (`/E`).
    /// `N.C.` (or `NC`) is no chord.
    ///
    /// - Throws: ``ChordSymbolError`` pointing at the character that cannot be read.
    public init(parsing text: String) throws(ChordSymbolError) {
        var parser = ChordSymbolParser(text: text)
        self = try parser.parse()
    }
}

/// The chord-symbol grammar, one character at a time.
struct ChordSymbolParser {
    let text: String
    let chars: [Character]
    var i = 0
    var chord = ChordSymbol(root: NoteName(.c))
    /// `maj`, `M` or `∆` was read: the seventh that follows is major.
    var majorMark: (column: Int, symbol: Bool)?
    var halfDiminished = false

    init(text: String) {
        self.text = text
        self.chars = Array(text)
    }

    func fail(_ problem: String, at index: Int? = nil) -> ChordSymbolError {
        ChordSymbolError(text: text, column: (index ?? i) + 1, problem: problem)
    }

    var current: Character? { i < chars.count ? chars[i] : nil }

    func sees(_ word: String, at index: Int? = nil) -> Bool {
        let w = Array(word)
        let start = index ?? i
        guard start + w.count <= chars.count else { return false }
        return Array(chars[start..<(start + w.count)]) == w
    }

    /// Takes the first of `words` that the text continues with.
    mutating func take(_ words: String...) -> String? {
        for w in words where sees(w) {
            i += w.count
            return w
        }
        return nil
    }

    /// Reads 13, 11, 9, 7, 6, 5, 4, 2 (longest first) if there.
    mutating func takeNumber(_ allowed: [Int]) -> Int? {
        for n in allowed.sorted(by: >) where sees(String(n)) {
            // "1" must not be the start of a longer number we do not know ("C7(1)").
            let after = i + String(n).count
            if after < chars.count, chars[after].isNumber, !sees("69", at: i) { continue }
            i = after
            return n
        }
        return nil
    }

    mutating func parse() throws(ChordSymbolError) -> ChordSymbol {
        if chars.isEmpty {
            throw fail("the symbol is empty; a chord starts with its root, a letter A–G, or is N.C.")
        }
        if ["N.C.", "NC", "N.C", "n.c."].contains(text) { return .noChord }
        if let space = chars.firstIndex(where: \.isWhitespace) {
            throw fail("a chord symbol has no spaces in it", at: space)
        }
        let root = try readNote(
            first: "a chord starts with its root, an uppercase letter A–G (or is N.C. for no chord)")
        chord = ChordSymbol(root: root)
        try readQuality()
        try readNumber()
        while let c = current, c != "/" {
            if c == "(" {
                try readGroup()
            } else {
                try readModifier(inGroup: false)
            }
        }
        if current == "/" {
            i += 1
            chord.bass = try readNote(first: "after \"/\" comes the bass note, an uppercase letter A–G")
            if current != nil { throw fail("nothing may follow the bass note") }
        }
        return chord.normalized()
    }

    mutating func readNote(first problem: String) throws(ChordSymbolError) -> NoteName {
        guard let c = current, let letter = Letter(c) else { throw fail(problem) }
        guard c.isUppercase else {
            throw fail("a note is written with an uppercase letter (\"\(c.uppercased())\", not \"\(c)\")")
        }
        i += 1
        var alter = 0
        while let a = current, abs(alter) < 2 {
            let step: Int
            switch a {
            case "#", "♯": step = 1
            case "b", "♭": step = -1
            default: step = 0
            }
            if step == 0 || (alter != 0 && alter.signum() != step) { break }
            // "b" before a number is an alteration only after a quality; right after the letter it
            // is a flat (Bb9 is B♭9).
            alter += step
            i += 1
        }
        return NoteName(letter, Accidental(semitones: alter)!)
    }

    mutating func readQuality() throws(ChordSymbolError) {
        if take("ø", "Ø") != nil {
            chord.quality = .diminished
            chord.seventh = .minor
            halfDiminished = true
            return
        }
        if take("maj", "Maj", "MAJ") != nil {
            majorMark = (i - 3, false)
            return
        }
        if take("min", "mi", "m", "-") != nil {
            chord.quality = .minor
        } else if take("dim") != nil || take("°", "º") != nil {
            chord.quality = .diminished
        } else if sees("o"), !sees("omit") {
            i += 1
            chord.quality = .diminished
        } else if take("aug", "+") != nil {
            chord.quality = .augmented
            if sees("5"), !sees("5", at: i + 1) { i += 1 }  // C+5 is C+
        }
        let mark = i
        if take("maj", "Maj", "MAJ", "M") != nil {
            majorMark = (mark, false)
        } else if take("∆", "Δ", "△", "^") != nil {
            majorMark = (mark, true)
        }
    }

    mutating func readNumber() throws(ChordSymbolError) {
        let start = i
        guard let n = takeNumber([13, 11, 9, 7, 6, 5, 2]) else {
            if let mark = majorMark, mark.symbol || chord.quality == .minor || chord.quality == .diminished {
                chord.seventh = .major  // C∆, CmM: the seventh is implied
            }
            return
        }
        switch n {
        case 5, 2:
            guard chord.quality == .major, majorMark == nil else {
                throw fail(
                    n == 5
                        ? "a power chord (5) has only a root and a fifth, so it takes no quality before it"
                        : "\"2\" after the root means sus2, which has no third, so it takes no quality before it",
                    at: start)
            }
            chord.quality = n == 5 ? .power : .suspended2
        case 6:
            if halfDiminished {
                throw fail("a half-diminished chord (ø) already has a seventh, not a sixth", at: start)
            }
            chord.sixth = true
            if take("/9", "9") != nil { chord.tensions.append(.init(9)) }
        default:
            if halfDiminished {
                // ø7 is already a seventh chord
            } else if majorMark != nil {
                chord.seventh = .major
            } else {
                chord.seventh = chord.quality == .diminished ? .diminished : .minor
            }
            chord.tensions += [9: [.init(9)], 11: [.init(9), .init(11)], 13: [.init(9), .init(13)]][n] ?? []
        }
        if majorMark != nil, chord.seventh != .major, n != 6 {
            throw fail("\"maj\", \"M\" or \"∆\" is followed by 7, 9, 11 or 13", at: majorMark!.column)
        }
    }

    /// `( item , item … )`: items separated by commas (or `/`, `;`) or simply written one after another.
    mutating func readGroup() throws(ChordSymbolError) {
        let open = i
        i += 1
        if current == ")" { throw fail("the brackets are empty") }
        while true {
            guard let c = current else { throw fail("the bracket opened here is not closed", at: open) }
            if c == "(" { throw fail("brackets cannot be nested") }
            try readModifier(inGroup: true)
            guard let next = current else { throw fail("the bracket opened here is not closed", at: open) }
            if next == ")" {
                i += 1
                return
            }
            if next == "," || next == "/" || next == ";" {
                i += 1
                if current == ")" { throw fail("a tone is missing after \"\(next)\"") }
            }
        }
    }

    mutating func readModifier(inGroup: Bool) throws(ChordSymbolError) {
        let start = i
        if take("sus") != nil {
            let n = takeNumber([4, 2]) ?? 4
            try setQuality(n == 2 ? .suspended2 : .suspended4, at: start)
            return
        }
        if take("add") != nil {
            let accidental = readAccidental()
            guard let n = takeNumber([13, 11, 9, 6, 4, 2]) else {
                throw fail("after \"add\" comes the added tone: 9, 11 or 13 (or 2, 4, 6)")
            }
            if n == 6 {
                guard accidental == 0, chord.seventh == nil, chord.quality != .power else {
                    throw fail("a sixth can only be added to a triad (C6, not C7add6)", at: start)
                }
                chord.sixth = true
            } else {
                try addTension(ChordSymbol.Tension([2: 9, 4: 11][n] ?? n, accidental), at: start)
            }
            return
        }
        if take("omit", "no") != nil {
            guard let n = takeNumber([5, 3]) else { throw fail("\"no\" or \"omit\" is followed by 3 or 5") }
            if chord.quality == .power { throw fail("a power chord has no third and keeps its fifth", at: start) }
            if !chord.omitted.contains(n) { chord.omitted.append(n) }
            return
        }
        if take("alt") != nil {
            guard chord.seventh != nil else { throw fail("\"alt\" is written after a seventh (C7alt)", at: start) }
            for t in [ChordSymbol.Tension(9, -1), .init(9, 1), .init(11, 1), .init(13, -1)] {
                try addTension(t, at: start)
            }
            return
        }
        if inGroup, take("maj7", "Maj7", "M7", "∆7", "Δ7", "∆", "Δ") != nil {
            guard chord.seventh == nil, !chord.sixth, chord.quality != .power else {
                throw fail("this chord already has a sixth or seventh", at: start)
            }
            chord.seventh = .major
            return
        }
        if let c = current, "b♭-#♯+".contains(c) {
            let alteration = "#♯+".contains(c) ? 1 : -1
            i += 1
            guard let n = takeNumber([13, 11, 9, 6, 5, 4]) else {
                throw fail("\"\(c)\" must be followed by 5, 9, 11 or 13", at: start)
            }
            let degree = [6: 13, 4: 11][n] ?? n
            if degree == 5, chord.quality == .power {
                throw fail("a power chord (5) has only a root and a perfect fifth", at: start)
            }
            try addTension(ChordSymbol.Tension(degree, alteration), at: start)
            return
        }
        if inGroup, let n = takeNumber([13, 11, 9]) {
            try addTension(ChordSymbol.Tension(n), at: start)
            return
        }
        if let c = current, c.isNumber {
            throw fail(
                inGroup
                    ? "\"\(c)\" is not a tone Producer can add here: 9, 11, 13, or an alteration such as b9 or #11"
                    : "a number here needs \"add\" or an accidental before it (add9, b9, #11)")
        }
        throw fail(
            "\"\(current!)\" is not part of a chord symbol here: after the root come the quality (m, dim, aug, ø, maj), "
                + "a number (6, 7, 9, 11, 13), then sus, add, alterations (b9, #11) and a slash bass (/E)")
    }

    mutating func readAccidental() -> Int {
        if let c = current, "b♭#♯".contains(c) {
            i += 1
            return "#♯".contains(c) ? 1 : -1
        }
        return 0
    }

    mutating func setQuality(_ q: ChordSymbol.Quality, at start: Int) throws(ChordSymbolError) {
        switch chord.quality {
        case .major: chord.quality = q
        case .power: throw fail("a power chord (5) cannot also be suspended", at: start)
        case .suspended2, .suspended4: throw fail("the chord is already suspended", at: start)
        default: throw fail("a suspended chord has no third, so it cannot be \(chord.quality.rawValue)", at: start)
        }
    }

    mutating func addTension(_ t: ChordSymbol.Tension, at start: Int) throws(ChordSymbolError) {
        guard abs(t.alteration) <= 1 else { throw fail("a tone takes one sharp or flat at most", at: start) }
        if !chord.tensions.contains(t) { chord.tensions.append(t) }
    }
}

extension ChordSymbol {
    /// The same chord in its one canonical structure: `C7#5` and `C+7` both become an augmented
    /// triad with a minor seventh; `Cm7b5` a diminished triad with a minor seventh; tensions
    /// sorted and without repeats.
    public func normalized() -> ChordSymbol {
        var c = self
        if isNoChord { return c }
        let sharp5 = Tension(5, 1)
        let flat5 = Tension(5, -1)
        if c.quality == .major, c.tensions.contains(sharp5) {
            c.quality = .augmented
        } else if c.quality == .minor, c.tensions.contains(flat5) {
            c.quality = .diminished
        }
        if c.quality == .augmented { c.tensions.removeAll { $0 == sharp5 } }
        if c.quality == .diminished { c.tensions.removeAll { $0 == flat5 } }
        var seen: [Tension] = []
        for t in c.tensions.sorted() where !seen.contains(t) { seen.append(t) }
        c.tensions = seen
        c.omitted = Array(Set(c.omitted)).sorted()
        return c
    }
}
