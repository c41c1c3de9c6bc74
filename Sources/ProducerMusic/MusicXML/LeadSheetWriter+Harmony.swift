/// Chord symbols as MusicXML `<harmony>`: root, a standard kind, bass and the degrees the kind
/// does not hold.
extension LeadSheetWriter {
    /// A degree the kind leaves out or adds: `<degree>` value, alteration and type.
    struct Degree: Equatable {
        var value: Int
        var alter: Int
        var type: String
    }

    /// The MusicXML kind of `chord` and the degrees that turn the kind into the chord.
    static func kind(of chord: ChordSymbol) -> (kind: String, degrees: [Degree]) {
        if chord.isNoChord { return ("none", []) }
        var implied: Set<Int> = []
        let natural = Set(chord.tensions.filter { $0.alteration == 0 && $0.degree != 5 }.map(\.degree))
        var degrees: [Degree] = []
        func family(_ seventh: String, _ ninth: String, _ eleventh: String, _ thirteenth: String) -> String {
            if natural.contains(13) {
                implied = [9, 11, 13]
                return thirteenth
            }
            if natural.contains(11) {
                implied = [9, 11]
                return eleventh
            }
            if natural.contains(9) {
                implied = [9]
                return ninth
            }
            return seventh
        }
        let kind: String
        switch (chord.quality, chord.seventh, chord.sixth) {
        case (.power, _, _): kind = "power"
        case (.major, nil, false): kind = "major"
        case (.major, nil, true): kind = "major-sixth"
        case (.minor, nil, false): kind = "minor"
        case (.minor, nil, true): kind = "minor-sixth"
        case (.diminished, nil, _): kind = "diminished"
        case (.augmented, nil, _): kind = "augmented"
        case (.suspended2, nil, _): kind = "suspended-second"
        case (.suspended4, nil, _): kind = "suspended-fourth"
        case (.major, .minor, _): kind = family("dominant", "dominant-ninth", "dominant-11th", "dominant-13th")
        case (.major, .major, _): kind = family("major-seventh", "major-ninth", "major-11th", "major-13th")
        case (.minor, .minor, _): kind = family("minor-seventh", "minor-ninth", "minor-11th", "minor-13th")
        case (.minor, .major, _): kind = "major-minor"
        case (.diminished, .minor, _): kind = "half-diminished"
        case (.diminished, .diminished, _): kind = "diminished-seventh"
        case (.augmented, .minor, _): kind = "augmented-seventh"
        case (let quality, let seventh?, _):
            // No standard kind (C+maj7, C7sus4, Csus2(maj7)): the triad's kind and the seventh added.
            kind =
                switch quality {
                case .augmented: "augmented"
                case .suspended2: "suspended-second"
                case .suspended4: "suspended-fourth"
                case .diminished: "diminished"
                case .minor: "minor"
                default: "major"
                }
            degrees.append(Degree(value: 7, alter: seventh == .major ? 0 : seventh == .minor ? -1 : -2, type: "add"))
        }
        if chord.sixth, chord.seventh != nil { degrees.append(Degree(value: 6, alter: 0, type: "add")) }
        for d in [9, 11, 13] where implied.contains(d) && !natural.contains(d) {
            degrees.append(Degree(value: d, alter: 0, type: "subtract"))
        }
        for t in chord.tensions where !(t.alteration == 0 && implied.contains(t.degree)) {
            degrees.append(Degree(value: t.degree, alter: t.alteration, type: t.degree == 5 ? "alter" : "add"))
        }
        for d in chord.omitted { degrees.append(Degree(value: d, alter: 0, type: "subtract")) }
        return (kind, degrees)
    }

    /// The kind as written in the chart: the symbol without its root and bass (`m7b5` of
    /// `Am7b5/G`); `N.C.` for no chord.
    static func writtenKind(_ event: Chart.ChordEvent) -> String {
        let text = event.text
        if event.symbol.isNoChord { return text }
        var chars = Array(text)
        if event.symbol.bass != nil, let slash = chars.lastIndex(of: "/") { chars.removeSubrange(slash...) }
        var i = chars.isEmpty ? 0 : 1
        while i < chars.count, ["#", "♯", "b", "♭", "x", "𝄪", "𝄫"].contains(chars[i]) { i += 1 }
        return String(chars[min(i, chars.count)...])
    }

    func harmonyXML(_ event: Chart.ChordEvent, offset: Int) -> String {
        let chord = event.symbol
        let (kind, degrees) = LeadSheetWriter.kind(of: chord)
        var x = "      <harmony>\n        <root>\n          <root-step>\(chord.root.letter)</root-step>\n"
        if chord.root.accidental != .natural && !chord.isNoChord {
            x += "          <root-alter>\(chord.root.accidental.semitones)</root-alter>\n"
        }
        x += "        </root>\n"
        x += "        <kind text=\"\(xmlEscaped(LeadSheetWriter.writtenKind(event)))\">\(kind)</kind>\n"
        if let bass = chord.bass, !chord.isNoChord {
            x += "        <bass>\n          <bass-step>\(bass.letter)</bass-step>\n"
            if bass.accidental != .natural { x += "          <bass-alter>\(bass.accidental.semitones)</bass-alter>\n" }
            x += "        </bass>\n"
        }
        for d in degrees {
            x += "        <degree>\n          <degree-value>\(d.value)</degree-value>\n"
            x += "          <degree-alter>\(d.alter)</degree-alter>\n          <degree-type>\(d.type)</degree-type>\n"
            x += "        </degree>\n"
        }
        if offset > 0 { x += "        <offset>\(offset)</offset>\n" }
        x += "      </harmony>\n"
        return x
    }
}
