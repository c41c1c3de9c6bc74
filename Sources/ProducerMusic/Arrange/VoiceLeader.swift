/// Voices chords for a keyboard, pad or string section with smooth voice leading: of every
/// voicing of the chord's tones in its register, the one whose voices move least from the last
/// chord (voices matched low to high), with a light pull back to the middle of the register.
///
/// Voicings avoid mud: no two voices closer than a fifth below C3 (MIDI 48), no seconds below
/// G3 (55), no unisons; the span stays within two octaves.
struct VoiceLeader {
    /// Where the voices may sit.
    let register: ClosedRange<Int>
    /// How many voices.
    let voices: Int
    /// The last voicing, low to high.
    private(set) var previous: [Int]?

    init(register: ClosedRange<Int>, voices: Int = 4) {
        self.register = register
        self.voices = voices
    }

    /// The tones to voice for `chord`, `count` of them: third and seventh (or sixth) first,
    /// then a tension or the fifth, then the root; a triad doubles its root (or adds its tension).
    static func tones(of chord: ChordSymbol, count: Int, rootless: Bool = false) -> [PitchClass] {
        let intervals = chord.intervals
        let root = chord.root.pitchClass
        func pc(_ i: Int) -> PitchClass { root.transposed(by: i) }
        let third = intervals.first { (1...5).contains($0) }
        let fifth = intervals.first { (6...8).contains($0) }
        let seventh = intervals.first { (9...11).contains($0) }
        var tensions = intervals.filter { $0 >= 12 }
        // A rootless voicing of a major or minor seventh chord takes the ninth for colour.
        if rootless, tensions.isEmpty, seventh != nil, chord.quality == .major || chord.quality == .minor {
            tensions = [14]
        }
        // Guide tones, a colour tone over sevenths (or in rootless voicings), the fifth, the root.
        var order = [third, seventh].compactMap { $0 }
        if let colour = tensions.first, seventh != nil || rootless { order.append(colour) }
        if let fifth { order.append(fifth) }
        if !rootless { order.append(0) }
        for t in tensions where !order.contains(t) { order.append(t) }
        if rootless, order.count < count { order.append(0) }
        var out = order.prefix(count).map(pc)
        // Fewer tones than voices: double the root, then the fifth, then the third.
        let doubling = [0, fifth ?? 0, third ?? 0].map(pc)
        var k = 0
        while out.count < count {
            out.append(doubling[k % doubling.count])
            k += 1
        }
        return out
    }

    /// The voicing (low to high) of `tones` that leads best from the last one, and remembers it.
    mutating func voice(_ tones: [PitchClass]) -> [Int] {
        let options = tones.map { pc in register.filter { PitchClass(midi: $0) == pc } }
        let centre = Double(register.lowerBound + register.upperBound) / 2
        var best: [Int] = []
        var bestCost = Double.infinity
        var choice = [Int](repeating: 0, count: options.count)
        func consider(_ v: [Int]) {
            let notes = v.sorted()
            for i in 1..<notes.count {
                let gap = notes[i] - notes[i - 1]
                if gap == 0 || (notes[i - 1] < 48 && gap < 7) || (notes[i - 1] < 55 && gap < 3) { return }
            }
            if notes.count > 1, notes.last! - notes.first! > 24 { return }
            let mean = Double(notes.reduce(0, +)) / Double(notes.count)
            var cost = 0.3 * abs(mean - centre)
            if let previous, previous.count == notes.count {
                cost += Double(zip(previous, notes).reduce(0) { $0 + abs($1.0 - $1.1) })
            } else {
                cost += 0.5 * Double(notes.last! - notes.first!)
            }
            if cost < bestCost {
                bestCost = cost
                best = notes
            }
        }
        func search(_ i: Int) {
            if i == options.count {
                consider(zip(options, choice).map { $0[$1] })
                return
            }
            for c in options[i].indices {
                choice[i] = c
                search(i + 1)
            }
        }
        if options.allSatisfy({ !$0.isEmpty }) { search(0) }
        if best.isEmpty {
            // No voicing passes the rules (a crowded register): stack the tones upwards.
            var p = register.lowerBound + 12
            best = tones.map { pc in
                p += max(1, pc.semitones(above: PitchClass(midi: p)))
                return min(p, register.upperBound)
            }.sorted()
        }
        previous = best
        return best
    }
}
