/// Reharmonises a chart: tritone substitutions of dominants, modal and relative interchange,
/// passing diminished chords between chords a whole step apart, and secondary dominants before
/// their targets.
///
/// Every new chord keeps the melody consonant: each melody note sounding over it must be one it
/// ``ChordSymbol/accepts(_:)`` (a chord tone or an available tension). When the chart has no
/// melody, the new chord must accept the old chord's top note (its seventh, sixth or fifth), so a
/// voicing can keep it. The same chart and seed give the same variations.
public struct Reharmonizer: Sendable {
    /// Seeds the mixed variations (the single-technique ones do not depend on it).
    public var seed: UInt64

    /// A reharmoniser whose mixed variations follow `seed`.
    public init(seed: UInt64 = 1) { self.seed = seed }

    /// Up to `count` variations of `chart`, ranked: most changes first, then the smoothest
    /// (chords whose notes move least from one to the next). First one per technique and one with
    /// all techniques together; seeded mixes fill up to `count`. The chart's key is used for the
    /// Roman numerals, or guessed from the chords when the chart has none.
    public func variations(of chart: Chart, count: Int = 4) -> [Reharmonization] {
        guard count > 0 else { return [] }
        guard
            let key = chart.key ?? Key.guess(from: chart.sections.flatMap(\.bars).flatMap(\.chords).map(\.symbol))
        else { return [] }
        let slots = Reharmonizer.slots(of: chart)
        let hasMelody = chart.sections.contains { $0.bars.contains { $0.melody.contains { $0.note != nil } } }
        let all = Reharmonizer.candidates(slots: slots, key: key, hasMelody: hasMelody)
        var picks: [(label: String, chosen: [Candidate])] = []
        func add(_ label: String, _ chosen: [Candidate]) {
            let ids = Set(chosen.map(\.id))
            guard !chosen.isEmpty, !picks.contains(where: { Set($0.chosen.map(\.id)) == ids }) else { return }
            picks.append((label, chosen))
        }
        for technique in Reharmonization.Technique.allCases {
            add(technique.label, Reharmonizer.greedy(all.filter { $0.technique == technique }))
        }
        let order: [Reharmonization.Technique] = [
            .tritoneSubstitution, .passingDiminished, .secondaryDominant, .modalInterchange, .relativeSubstitution,
        ]
        add(
            "Full reharmonisation",
            Reharmonizer.greedy(
                all.sorted { order.firstIndex(of: $0.technique)! < order.firstIndex(of: $1.technique)! }))
        var random = SplitMixRandom(seed: seed)
        var attempts = 0
        while picks.count < count, attempts < 8 * count, !all.isEmpty {
            attempts += 1
            var shuffled = all
            shuffled.shuffle(using: &random)
            let chosen = Reharmonizer.greedy(shuffled.filter { _ in random.unit() < 0.5 })
            add("Mix \(picks.count + 1)", chosen.sorted { $0.slot < $1.slot })
        }
        let built = picks.map { pick in
            build(chart: chart, key: key, slots: slots, label: pick.label, chosen: pick.chosen)
        }
        let ranked = built.sorted { a, b in
            if a.result.changes.count != b.result.changes.count {
                return a.result.changes.count > b.result.changes.count
            }
            if a.cost != b.cost { return a.cost < b.cost }
            return a.result.label < b.result.label
        }
        return ranked.prefix(count).map(\.result)
    }

    /// A chord in the chart as written, where to find it, and the melody over it.
    struct Slot {
        var section: Int, line: Int, bar: Int, index: Int
        /// The bar's number in the written chart, from 1.
        var number: Int
        var chord: ChordSymbol
        var start: Double
        var length: Double
        var beat: Double
        var melody: [Chart.MelodyNote]

        /// The melody's pitch classes sounding between `from` and `to` (quarter notes in the bar).
        func melody(from: Double, to: Double) -> [PitchClass] {
            melody.compactMap { n in
                guard let note = n.note, n.start < to - 1e-9, n.start + n.length > from + 1e-9 else { return nil }
                return note.pitchClass
            }
        }

        /// Where the second part of a split chord starts, from the bar's start; nil when the chord
        /// is too short to split (under two quarter notes).
        var splitPoint: Double? {
            guard length >= 2 - 1e-9 else { return nil }
            let first = (length / 2 / beat).rounded(.up) * beat
            return first < length - 1e-9 ? start + first : nil
        }
    }

    /// A possible change: a new chord for a slot (or for the second part of it, `split`), and the
    /// slot whose chord it leads to, whose root must keep sounding at its start (`needs`).
    struct Candidate {
        var id: Int
        var technique: Reharmonization.Technique
        var slot: Int
        var split: Bool
        var chord: ChordSymbol
        var needs: Int?

        /// The root of the chord in slot `needs` as written.
        var neededRoot: PitchClass?

        /// Two changes of the same chord clash, and so does replacing the chord another leads to
        /// by one on another root (putting a chord into its second half does not; Am → A7 does not).
        func conflicts(with other: Candidate) -> Bool {
            if slot == other.slot { return true }
            if let n = needs, n == other.slot, !other.split, other.chord.root.pitchClass != neededRoot { return true }
            if let n = other.needs, n == slot, !split, chord.root.pitchClass != other.neededRoot { return true }
            return false
        }
    }

    static func slots(of chart: Chart) -> [Slot] {
        var result: [Slot] = []
        var number = 0
        for (s, section) in chart.sections.enumerated() {
            for (l, line) in section.lines.enumerated() {
                for (b, bar) in line.bars.enumerated() {
                    number += 1
                    for (i, event) in bar.chords.enumerated() {
                        result.append(
                            Slot(
                                section: s, line: l, bar: b, index: i, number: number, chord: event.symbol,
                                start: event.start, length: event.length, beat: bar.time.quarterNotesPerBeat,
                                melody: bar.melody))
                    }
                }
            }
        }
        return result
    }

    /// Takes candidates in order, skipping any that touches a slot already taken.
    /// (A candidate can only clash with one on its own slot, the slot it needs, or the slot before,
    /// which may need it: looked up by slot, so long charts stay linear.)
    static func greedy(_ candidates: [Candidate]) -> [Candidate] {
        var chosen: [Candidate] = []
        var bySlot: [Int: Candidate] = [:]
        for c in candidates {
            let near = [c.slot, c.slot - 1, c.needs].compactMap { $0 }.compactMap { bySlot[$0] }
            guard !near.contains(where: { $0.conflicts(with: c) }) else { continue }
            bySlot[c.slot] = c
            chosen.append(c)
        }
        return chosen
    }
}

extension Reharmonization.Technique {
    /// The label of a variation made only with this technique.
    var label: String {
        switch self {
        case .tritoneSubstitution: "Tritone substitutions"
        case .modalInterchange: "Modal interchange"
        case .relativeSubstitution: "Relative substitutes"
        case .passingDiminished: "Passing diminished chords"
        case .secondaryDominant: "Secondary dominants"
        }
    }
}
