extension Reharmonizer {
    /// Applies the chosen candidates to the chart and describes the result.
    func build(
        chart: Chart, key: Key, slots: [Slot], label: String, chosen: [Candidate]
    ) -> (
        result: Reharmonization, cost: Double
    ) {
        var new = chart
        for c in chosen.sorted(by: { $0.slot > $1.slot }) {
            let s = slots[c.slot]
            var events = new.sections[s.section].lines[s.line].bars[s.bar].chords
            if c.split, let point = s.splitPoint {
                events[s.index].length = point - s.start
                events.insert(
                    Chart.ChordEvent(c.chord, start: point, length: s.start + s.length - point), at: s.index + 1)
            } else {
                events[s.index].symbol = c.chord
            }
            new.sections[s.section].lines[s.line].bars[s.bar].chords = events
        }
        let replaced = Dictionary(uniqueKeysWithValues: chosen.filter { !$0.split }.map { ($0.slot, $0.chord) })
        var changes: [Reharmonization.Change] = []
        for c in chosen.sorted(by: { $0.slot < $1.slot }) {
            let s = slots[c.slot]
            let oldNext = c.slot + 1 < slots.count ? slots[c.slot + 1].chord : nil
            let newNext = c.slot + 1 < slots.count ? (replaced[c.slot + 1] ?? slots[c.slot + 1].chord) : nil
            let start = c.split ? (s.splitPoint ?? s.start) : s.start
            let oldNumeral = RomanNumeral(chord: s.chord, in: key, next: oldNext)?.description ?? "N.C."
            let newNumeral = RomanNumeral(chord: c.chord, in: key, next: newNext)?.description ?? "N.C."
            changes.append(
                Reharmonization.Change(
                    bar: s.number, beat: Int((start / s.beat).rounded()) + 1, old: s.chord, new: c.chord,
                    oldNumeral: oldNumeral, newNumeral: newNumeral, technique: c.technique))
        }
        let result = Reharmonization(
            chart: new, label: label, explanation: Reharmonizer.sentence(label: label, changes: changes, key: key),
            changes: changes)
        return (result, Reharmonizer.voiceLeadingCost(new))
    }

    /// The average number of semitones each note of a chord lies from the nearest note of the
    /// chord before, over the chart's chord changes: lower is smoother.
    static func voiceLeadingCost(_ chart: Chart) -> Double {
        let chords = chart.sections.flatMap(\.bars).flatMap(\.chords).map(\.symbol).filter { !$0.isNoChord }
        var total = 0.0
        var pairs = 0
        for (a, b) in zip(chords, chords.dropFirst()) where a != b {
            let from = a.chordTones
            let moves = b.chordTones.map { p in
                from.map { q in min(p.semitones(above: q), q.semitones(above: p)) }.min() ?? 0
            }
            total += Double(moves.reduce(0, +)) / Double(max(1, moves.count))
            pairs += 1
        }
        return pairs == 0 ? 0 : total / Double(pairs)
    }

    /// One sentence on what a variation does, with its first change as the example.
    static func sentence(label: String, changes: [Reharmonization.Change], key: Key) -> String {
        guard let first = changes.first else { return "Leaves the chords as they are." }
        let example = "\(first.old.written(in: .symbols)) → \(first.new.written(in: .symbols))"
        let n = changes.count
        func plural(_ count: Int, _ one: String, _ many: String) -> String { "\(count) \(count == 1 ? one : many)" }
        let techniques = Set(changes.map(\.technique))
        if techniques.count == 1, let t = techniques.first, label == t.label {
            switch t {
            case .tritoneSubstitution:
                return
                    "Replaces \(plural(n, "dominant", "dominants")) with the dominant a tritone away (\(example)), so the bass slides down a half step into each resolution."
            case .modalInterchange:
                let parallel = key.mode.isMinorLike ? "major" : "minor"
                return
                    "Borrows \(plural(n, "chord", "chords")) from the parallel \(parallel) (\(example)), changing the colour while the melody still fits."
            case .relativeSubstitution:
                return
                    "Swaps \(plural(n, "chord", "chords")) for \(n == 1 ? "its" : "their") relative (\(example)), which shares most of the notes but moves the bass."
            case .passingDiminished:
                return
                    "Adds \(plural(n, "passing diminished chord", "passing diminished chords")) between chords a whole step apart (\(example)), so the bass climbs by half steps."
            case .secondaryDominant:
                return
                    "Puts \(plural(n, "secondary dominant", "secondary dominants")) before \(n == 1 ? "its target" : "their targets") (\(example)), pulling harder into each chord."
            }
        }
        var parts: [String] = []
        for t in Reharmonization.Technique.allCases {
            let count = changes.filter { $0.technique == t }.count
            guard count > 0 else { continue }
            switch t {
            case .tritoneSubstitution: parts.append(plural(count, "tritone substitute", "tritone substitutes"))
            case .modalInterchange: parts.append(plural(count, "borrowed chord", "borrowed chords"))
            case .relativeSubstitution: parts.append(plural(count, "relative substitute", "relative substitutes"))
            case .passingDiminished:
                parts.append(plural(count, "passing diminished chord", "passing diminished chords"))
            case .secondaryDominant: parts.append(plural(count, "secondary dominant", "secondary dominants"))
            }
        }
        let list = parts.count <= 1 ? parts.joined() : parts.dropLast().joined(separator: ", ") + " and " + parts.last!
        return "Combines \(list), starting with \(example) in bar \(first.bar)."
    }
}
