extension Arranger {
    /// How the guitar plays a hit: a down or up strum, a muted scratch, a chop on the top
    /// strings, one string of an arpeggio, the bass string alone.
    enum Stroke {
        case down, up, muted, chop, string(Int), bass
        /// Root, third and seventh: the jazz guitarist's three-note chord.
        case shell
    }

    /// The open strings of a six-string guitar in standard tuning, low to high.
    static let openStrings = [40, 45, 50, 55, 59, 64]

    /// The guitarist: playable barre shapes (root on the sixth or fifth string, four frets
    /// under the hand) near the last one; strums for pop, rock and country, arpeggios for the
    /// ballad, muted sixteenths for funk, chops on the off-beats for soul and EDM, the thumb and
    /// fingers of bossa, four to the bar for jazz.
    func guitar() -> [ArrangedNote] {
        var notes: [ArrangedNote] = []
        var fret = 5
        for bar in bars where bar.energy >= entry(for: .guitar) {
            let rhythm = guitarRhythm(bar.energy)
            for slot in bar.slots where !slot.chord.isNoChord {
                let shape = Arranger.guitarShape(slot.chord, near: fret)
                fret = shape.fret
                var strings = shape.notes
                if style == .rock, bar.energy <= 3 { strings = Array(strings.prefix(3)) }  // power chords
                let velocity = Arranger.velocity(bar.energy, -12)
                let spread = 0.012 * Double(bar.tempo) / 100
                for hit in place(rhythm, from: slot.start, length: slot.length) {
                    let played: [Int]
                    var length = hit.length * 0.9
                    var accent = 0
                    var strum = spread
                    switch hit.value {
                    case .down: played = strings
                    case .up:
                        played = Array(strings.suffix(4).reversed())
                        accent = -10
                    case .muted:
                        played = Array(strings.suffix(3))
                        length = 0.08
                        accent = -35
                        strum = 0.004
                    case .chop:
                        played = Array(strings.suffix(3))
                        length = min(length, 0.2)
                        strum = 0.004
                    case .string(let s): played = [strings[min(s, strings.count - 1)]]
                    case .bass: played = [strings[0]]
                    case .shell:
                        played = Arranger.shell(strings, slot.chord)
                        length = min(length, 0.6)
                        strum = 0.004
                    }
                    for (k, p) in played.enumerated() {
                        notes.append(
                            ArrangedNote(
                                pitch: p, start: hit.start + Double(k) * strum,
                                length: max(0.05, length - Double(k) * strum),
                                velocity: velocity + accent))
                    }
                }
            }
        }
        return notes
    }

    /// The lowest energy at which `instrument` plays in this style.
    func entry(for instrument: Instrument) -> Int {
        switch (instrument, style) {
        case (.guitar, .jazz), (.guitar, .bossa), (.guitar, .country), (.guitar, .ballad): 1
        case (.guitar, .edm): 4
        case (.guitar, _): 2
        default: 1
        }
    }

    /// The guitar's rhythm over one 4/4 bar of sixteenths.
    func guitarRhythm(_ energy: Int) -> [(step: Int, steps: Int, value: Stroke)] {
        let high = energy >= 4
        switch style {
        case .pop:
            // Down, down-up, up-down-up.
            return high
                ? [(0, 4, .down), (4, 2, .down), (6, 2, .up), (10, 2, .up), (12, 2, .down), (14, 2, .up)]
                : [(0, 8, .down), (8, 4, .down), (12, 4, .down)]
        case .rock:
            return (0..<8).map { ($0 * 2, 2, .down) }
        case .ballad:
            // Thumb on the bass string, fingers up and down the chord in eighths.
            let order = [0, 2, 3, 4, 5, 4, 3, 2]
            return high
                ? order.enumerated().map {
                    ($0.offset * 2, 16 - $0.offset * 2, $0.element == 0 ? .bass : .string($0.element))
                }
                : [(0, 16, .bass), (4, 12, .string(3)), (8, 8, .string(4)), (12, 4, .string(5))]
        case .funk:
            return (0..<16).map { s in
                let hit = high ? [2, 6, 10, 14].contains(s) : [6, 14].contains(s)
                return (s, 1, hit ? .chop : .muted)
            }
        case .soul:
            return [(4, 2, .chop), (12, 2, .chop)] + (high ? [(14, 1, .chop)] : [])
        case .country:
            // Boom-chick: the bass string on 1 and 3, strums on 2 and 4.
            return [(0, 4, .bass), (4, 4, .down), (8, 4, .bass), (12, 2, .down)] + (high ? [(14, 2, .up)] : [])
        case .edm:
            return [(2, 1, .chop), (6, 1, .chop), (10, 1, .chop), (14, 1, .chop)]
        case .hiphop:
            return [(0, 8, .string(3)), (8, 8, .string(4))] + (high ? [(6, 2, .string(5)), (14, 2, .string(5))] : [])
        case .bossa:
            return [
                (0, 6, .bass), (8, 6, .bass), (0, 2, .chop), (3, 2, .chop), (6, 2, .chop), (10, 2, .chop),
                (13, 2, .chop),
            ]
        case .jazz:
            return (0..<4).map { ($0 * 4, 2, .shell) }
        }
    }

    /// The lowest note of `shape`, then its lowest third and seventh (or sixth, else fifth).
    static func shell(_ shape: [Int], _ chord: ChordSymbol) -> [Int] {
        let intervals = chord.intervals
        let root = chord.root.pitchClass
        var out = [shape[0]]
        for wanted in [
            intervals.first { (1...5).contains($0) },
            intervals.first { (9...11).contains($0) } ?? intervals.first { (6...8).contains($0) },
        ] {
            guard let w = wanted.map({ root.transposed(by: $0) }) else { continue }
            if let p = shape.dropFirst().first(where: { PitchClass(midi: $0) == w }) { out.append(p) }
        }
        return out.sorted()
    }

    /// A barre shape for `chord`: its bass note on the sixth or fifth string at some fret, each
    /// higher string a chord tone within four frets (three tones of the chord covered first:
    /// third, seventh, fifth), strings without one muted. Of the two, the one nearer `fret`.
    static func guitarShape(_ chord: ChordSymbol, near fret: Int) -> (notes: [Int], fret: Int) {
        let root = chord.root.pitchClass
        let intervals = chord.intervals
        let wanted = [
            intervals.first { (1...5).contains($0) }, intervals.first { (9...11).contains($0) },
            intervals.first { (6...8).contains($0) }, 0,
        ].compactMap { $0 }.map { root.transposed(by: $0) }
        let inner = [
            intervals.first { (6...8).contains($0) }, 0, intervals.first { (9...11).contains($0) },
            intervals.first { (1...5).contains($0) },
        ].compactMap { $0 }.map { root.transposed(by: $0) }
        let allowed = Set(chord.pitchClasses)
        var best: (notes: [Int], fret: Int, cost: Int)?
        for low in 0...1 {
            let base = chord.bassPitchClass.semitones(above: PitchClass(midi: openStrings[low]))
            for start in [base, base + 12] where start <= 12 {
                var notes = [openStrings[low] + start]
                var covered: Set<PitchClass> = [chord.bassPitchClass]
                for s in (low + 1)..<6 {
                    let frets = (max(0, start - 1)...(start + 3)).map { openStrings[s] + $0 }
                    let tones = frets.filter { allowed.contains(PitchClass(midi: $0)) && $0 > notes.last! }
                    guard !tones.isEmpty else { continue }
                    // The middle strings take the fifth and the octave, the top strings the colour (as
                    // in the E and A barre shapes); once every tone sounds, the string's lowest tone.
                    let order = s < 3 ? inner : wanted
                    let pick =
                        order.lazy.compactMap { w in
                            covered.contains(w) ? nil : tones.first { PitchClass(midi: $0) == w }
                        }.first
                        ?? tones.first!
                    notes.append(pick)
                    covered.insert(PitchClass(midi: pick))
                }
                let missing = wanted.filter { !covered.contains($0) }.count
                let cost = missing * 6 + abs(start - fret) + (notes.count < 4 ? 4 : 0)
                if best == nil || cost < best!.cost { best = (notes, start, cost) }
            }
        }
        return (best!.notes, best!.fret)
    }
}
