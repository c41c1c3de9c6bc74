extension ChordSymbol {
    /// A way of writing chord symbols.
    public enum Notation: String, Sendable, Hashable, Codable, CaseIterable {
        /// Lead-sheet words with plain-text accidentals: `Cmaj7`, `Am7b5`, `Bbm`, `G7(#9)`, `Caug`.
        case standard
        /// Jazz signs: `C∆7`, `Aø7`, `C-7`, `C°7`, `C+`, with ♯ and ♭.
        case jazz
        /// The standard words with ♯ and ♭: `B♭m7`, `Am7♭5`, `G7(♯9)`.
        case symbols
    }

    /// The symbol written in `notation`; every notation reads back to the same chord.
    public func written(in notation: Notation) -> String {
        if isNoChord { return "N.C." }
        let jazz = notation == .jazz
        let signs = notation != .standard
        func name(_ n: NoteName) -> String {
            let a = n.accidental.semitones
            return signs ? "\(n.letter)" + String(repeating: a < 0 ? "♭" : "♯", count: abs(a)) : n.ascii
        }
        func alteration(_ a: Int) -> String { signs ? (a < 0 ? "♭" : "♯") : (a < 0 ? "b" : "#") }

        let naturals = Set(tensions.filter { $0.alteration == 0 && $0.degree != 5 }.map(\.degree))
        var listed: [Tension] = tensions.filter { $0.alteration != 0 || $0.degree == 5 }
        var extra = naturals
        var s = name(root)
        var number = ""
        if let seventh {
            var n = 7
            if naturals.isSuperset(of: [9, 13]) {
                n = 13
            } else if naturals.isSuperset(of: [9, 11]) {
                n = 11
            } else if naturals.contains(9) {
                n = 9
            }
            extra.subtract([13: [9, 13], 11: [9, 11], 9: [9]][n] ?? [])
            number = String(n)
            switch (quality, seventh) {
            case (.major, .minor), (.suspended2, .minor), (.suspended4, .minor): break
            case (.major, .major), (.suspended2, .major), (.suspended4, .major): s += jazz ? "∆" : "maj"
            case (.minor, .minor): s += jazz ? "-" : "m"
            case (.minor, .major): s += jazz ? "-∆" : "mMaj"
            case (.diminished, .minor):
                if jazz {
                    s += "ø"
                } else {
                    s += "m"
                    number += alteration(-1) + "5"
                }
            case (.diminished, .diminished): s += jazz ? "°" : "dim"
            case (.diminished, .major): s += jazz ? "°∆" : "dimMaj"
            case (.augmented, .minor):
                if jazz { s += "+" } else { listed.append(Tension(5, 1)) }
            case (.augmented, .major):
                if jazz { s += "+∆" } else { s += "maj"; listed.append(Tension(5, 1)) }
            case (.minor, .diminished), (.major, .diminished), (.augmented, .diminished),
                (.suspended2, .diminished), (.suspended4, .diminished), (.power, _):
                // Not made by the parser; written with the nearest symbol.
                s += jazz ? "°" : "dim"
            }
        } else {
            switch quality {
            case .major, .suspended2, .suspended4: break
            case .minor: s += jazz ? "-" : "m"
            case .diminished: s += jazz ? "°" : "dim"
            case .augmented: s += jazz ? "+" : "aug"
            case .power: number = "5"
            }
            if sixth {
                number = "6"
                if naturals.contains(9) {
                    number += "/9"
                    extra.remove(9)
                }
            }
        }
        s += number
        switch quality {
        case .suspended2: s += "sus2"
        case .suspended4: s += "sus4"
        default: break
        }
        if seventh == nil, !sixth, let first = extra.min() {
            s += "add\(first)"
            extra.remove(first)
        }
        var items: [(Int, String)] = listed.map { t in
            (t.semitones, alteration(t.alteration) + String(t.degree))
        }
        items += extra.map { d in (Tension(d).semitones, String(d)) }
        items.sort { $0.0 < $1.0 }
        var words = items.map(\.1)
        words += omitted.map { "no\($0)" }
        if !words.isEmpty { s += "(" + words.joined(separator: ",") + ")" }
        if let bass { s += "/" + name(bass) }
        return s
    }
}

extension ChordSymbol: CustomStringConvertible {
    /// The symbol in the usual lead-sheet spelling (`Cmaj7`, `Am7b5`, `F/A`, `G7(#9)`, `N.C.`):
    /// ``written(in:)`` with ``Notation/standard``.
    public var description: String { written(in: .standard) }
}
