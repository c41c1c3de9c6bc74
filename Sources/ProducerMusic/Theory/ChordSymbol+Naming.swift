extension ChordSymbol {
    /// The spelled interval above the root of every tone of the chord, in ``intervals`` order
    /// (within an octave: a 9th is a major second): C7(♯9) is P1 M3 P5 m7 A2.
    public var toneIntervals: [Interval] {
        if isNoChord { return [] }
        var result: [Interval] = [.unison]
        let thirdAndFifth: [Interval] =
            switch quality {
            case .major: [.majorThird, .perfectFifth]
            case .minor: [.minorThird, .perfectFifth]
            case .diminished: [.minorThird, .diminishedFifth]
            case .augmented: [.majorThird, Interval(.augmented, 5)!]
            case .suspended2: [.majorSecond, .perfectFifth]
            case .suspended4: [.perfectFourth, .perfectFifth]
            case .power: [.perfectFifth]
            }
        let alteredFifths = tensions.filter { $0.degree == 5 }
        for t in thirdAndFifth {
            let isFifth = t.number == 5
            if isFifth, !alteredFifths.isEmpty, t.quality == .perfect { continue }
            if isFifth, omitted.contains(5) { continue }
            if !isFifth, omitted.contains(3) { continue }
            if !result.contains(t) { result.append(t) }
        }
        for a in alteredFifths where !omitted.contains(5) {
            let i = Interval(a.alteration < 0 ? .diminished : .augmented, 5)!
            if !result.contains(i) { result.append(i) }
        }
        if sixth { result.append(.majorSixth) }
        if let seventh {
            switch seventh {
            case .minor: result.append(.minorSeventh)
            case .major: result.append(.majorSeventh)
            case .diminished: result.append(Interval(.diminished, 7)!)
            }
        }
        for t in tensions where t.degree != 5 {
            let simple = [9: 2, 11: 4, 13: 6][t.degree] ?? t.degree
            let natural: Interval.Quality = simple == 4 ? .perfect : .major
            let q: Interval.Quality =
                switch (natural, t.alteration) {
                case (_, 0): natural
                case (.perfect, -1): .diminished
                case (.major, -1): .minor
                default: .augmented
                }
            if let i = Interval(q, simple), !result.contains(where: { $0.semitones % 12 == i.semitones % 12 }) {
                result.append(i)
            }
        }
        return result
    }

    /// The chord's tones spelled from its root: C7(♯9) is C E G B♭ D♯; E♭m7 is E♭ G♭ B♭ D♭.
    public var spelledTones: [NoteName] {
        toneIntervals.map { $0.above(root) ?? .neutral(root.pitchClass.transposed(by: $0.semitones)) }
    }

    /// Names the chord that the MIDI notes `midiPitches` sound (in any octaves; the lowest is the
    /// bass), spelled in `key` when one is given; nil for fewer than two pitch classes.
    ///
    /// Root-position readings with the fewest tensions win, and an inversion is a slash chord:
    /// E-G-C is `C/E` (not `Em#5`), C-E-G-A is `C6` and A-C-E-G `Am7`. A missing perfect fifth is
    /// allowed (C-E-B♭ is `C7`).
    public static func named(_ midiPitches: [Int], in key: Key? = nil) -> ChordSymbol? {
        guard let lowest = midiPitches.min() else { return nil }
        let classes = Set(midiPitches.map { PitchClass(midi: $0).value })
        guard classes.count >= 2 else { return nil }
        let bass = PitchClass(midi: lowest)
        var best: (cost: Double, chord: ChordSymbol)?
        for rootValue in classes.sorted() {
            let rootPC = PitchClass(rootValue)
            let relative = Set(classes.map { PitchClass($0).semitones(above: rootPC) })
            for template in namingTemplates {
                var cost = template.cost
                if template.classes != relative {
                    // The fifth may be left out.
                    guard template.classes.contains(7), template.classes.subtracting([7]) == relative else { continue }
                    cost += 0.3
                }
                if rootPC != bass { cost += 0.6 }
                if let b = best, b.cost <= cost { continue }
                var chord = template.chord
                chord.root = key?.spell(rootPC) ?? .neutral(rootPC)
                if rootPC != bass {
                    let offset = bass.semitones(above: rootPC)
                    let interval = chord.toneIntervals.first { $0.semitones % 12 == offset }
                    chord.bass = interval?.above(chord.root) ?? key?.spell(bass) ?? .neutral(bass)
                }
                best = (cost, chord)
            }
        }
        return best?.chord
    }

    /// Chords on C with their pitch-class sets and how unusual each reading is.
    private static let namingTemplates: [(chord: ChordSymbol, classes: Set<Int>, cost: Double)] = {
        let c = NoteName(.c)
        var result: [(ChordSymbol, Set<Int>, Double)] = []
        let bases: [(Quality, Seventh?, Bool, Double)] = [
            (.major, nil, false, 0), (.minor, nil, false, 0), (.diminished, nil, false, 1.0),
            (.augmented, nil, false, 1.2), (.suspended4, nil, false, 1.0), (.suspended2, nil, false, 1.1),
            (.power, nil, false, 1.5), (.major, nil, true, 0.4), (.minor, nil, true, 0.5),
            (.major, .minor, false, 0.1), (.major, .major, false, 0.1), (.minor, .minor, false, 0.1),
            (.minor, .major, false, 0.8), (.diminished, .minor, false, 0.3), (.diminished, .diminished, false, 0.3),
            (.augmented, .minor, false, 1.0), (.augmented, .major, false, 1.2), (.suspended4, .minor, false, 0.8),
        ]
        let tensions: [Tension] = [
            .init(9, -1), .init(9), .init(9, 1), .init(11), .init(11, 1), .init(13, -1), .init(13),
        ]
        for (q, s, six, baseCost) in bases {
            var sets: [[Tension]] = [[]]
            if q != .power {
                for (a, t) in tensions.enumerated() {
                    sets.append([t])
                    for u in tensions[(a + 1)...] where u.degree != t.degree { sets.append([t, u]) }
                }
            }
            for ts in sets {
                let chord = ChordSymbol(root: c, quality: q, seventh: s, sixth: six, tensions: ts)
                let classes = Set(chord.intervals.map { $0 % 12 })
                guard classes.count == chord.intervals.count else { continue }  // a tension doubling a tone
                var cost = baseCost
                for t in ts { cost += t.alteration == 0 ? 1.0 : 1.3 }
                // An 11th over a major third, a 13th with a sixth: unusual.
                if ts.contains(where: { $0.degree == 11 && $0.alteration == 0 }), q == .major { cost += 0.5 }
                result.append((chord, classes, cost))
            }
        }
        return result
    }()
}
