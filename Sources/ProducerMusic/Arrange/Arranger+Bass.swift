extension Arranger {
    /// What a bass note is, relative to the chord it plays under.
    enum BassDegree {
        /// The chord's bass note (the slash bass when there is one).
        case root
        case fifth, octave, third, seventh
        /// A step (chromatic or in the key) into the next chord's bass note.
        case approach
    }

    typealias BassPattern = [(step: Int, steps: Int, value: BassDegree)]

    /// The bass player: the style's line per chord, the chord's bass note on strong beats,
    /// approach notes into the next chord, a walking line for jazz.
    func bass() -> [ArrangedNote] {
        var notes: [ArrangedNote] = []
        var previous = 38
        for bar in bars where bar.energy > 0 {
            for (k, slot) in bar.slots.enumerated() where !slot.chord.isNoChord {
                let next = k + 1 < bar.slots.count ? bar.slots[k + 1].chord : bar.nextChord
                let root = Arranger.nearest(slot.chord.bassPitchClass, to: previous, in: 31...50)
                previous = root
                let velocity = Arranger.velocity(bar.energy, -2)
                let events: [(start: Double, length: Double, value: BassDegree)]
                if style == .jazz, bar.energy >= 2 {
                    let beats = max(1, Int(slot.length.rounded(.down)))
                    events = (0..<beats).map { b in
                        let degree: BassDegree =
                            b == 0 ? .root : b == beats - 1 ? .approach : b == 1 && beats == 4 ? .third : .fifth
                        return (slot.start + Double(b), 1, degree)
                    }
                } else {
                    var placed = place(bassPattern(bar.energy), from: slot.start, length: slot.length)
                    // The last note of the chord, off its first beat and in its last beat, leads on.
                    if let last = placed.indices.last, placed[last].start > slot.start + 1e-9,
                        placed[last].start >= slot.end - 1 - 1e-9,
                        placed[last].value == .root || placed[last].value == .octave
                    {
                        placed[last].value = .approach
                    }
                    events = placed
                }
                for e in events {
                    let pitch = bassPitch(e.value, chord: slot.chord, root: root, next: next)
                    let accent = e.value == .octave ? -10 : e.value == .approach ? -6 : 0
                    let length = style == .funk ? min(e.length, 0.4) : e.length * 0.95
                    notes.append(
                        ArrangedNote(pitch: pitch, start: e.start, length: length, velocity: velocity + accent))
                }
            }
        }
        return notes
    }

    /// The style's bass pattern over one 4/4 bar of sixteenths (cut to shorter chords).
    func bassPattern(_ energy: Int) -> BassPattern {
        if energy <= 1 { return [(0, 16, .root)] }
        let high = energy >= 4
        switch style {
        case .pop:
            return high
                ? [
                    (0, 2, .root), (2, 2, .root), (4, 2, .root), (6, 2, .octave), (8, 2, .fifth), (10, 2, .fifth),
                    (12, 2, .root), (14, 2, .approach),
                ]
                : [(0, 6, .root), (6, 2, .root), (8, 6, .fifth), (14, 2, .approach)]
        case .rock:
            return high
                ? (0..<7).map { ($0 * 2, 2, .root) } + [(14, 2, .approach)]
                : [(0, 4, .root), (4, 4, .root), (8, 4, .root), (12, 2, .root), (14, 2, .approach)]
        case .ballad:
            return high ? [(0, 8, .root), (8, 6, .fifth), (14, 2, .approach)] : [(0, 16, .root)]
        case .funk:
            return high
                ? [
                    (0, 2, .root), (3, 1, .octave), (6, 1, .root), (7, 1, .seventh), (8, 2, .fifth), (10, 1, .root),
                    (11, 1, .octave), (13, 1, .root), (14, 2, .approach),
                ]
                : [(0, 3, .root), (6, 1, .root), (7, 1, .octave), (10, 2, .fifth), (14, 2, .approach)]
        case .soul:
            return high
                ? [(0, 4, .root), (6, 2, .octave), (8, 4, .fifth), (12, 2, .third), (14, 2, .approach)]
                : [(0, 6, .root), (6, 2, .root), (8, 6, .fifth), (14, 2, .approach)]
        case .country:
            return high
                ? [(0, 4, .root), (4, 4, .third), (8, 4, .fifth), (12, 4, .approach)]
                : [(0, 8, .root), (8, 8, .fifth)]
        case .edm:
            return high ? (0..<8).map { ($0 * 2, 2, $0 % 2 == 0 ? .root : .octave) } : [(0, 16, .root)]
        case .hiphop:
            return high
                ? [(0, 6, .root), (7, 2, .root), (10, 4, .fifth), (14, 2, .approach)]
                : [(0, 6, .root), (10, 4, .root)]
        case .bossa:
            return [(0, 6, .root), (6, 2, .fifth), (8, 6, .fifth), (14, 2, .root)]
        case .jazz:
            // Two-feel (the walking line is written in bass()).
            return [(0, 8, .root), (8, 8, .fifth)]
        }
    }

    /// The MIDI note of `degree` over `chord` whose bass note sounds at `root`.
    func bassPitch(_ degree: BassDegree, chord: ChordSymbol, root: Int, next: ChordSymbol?) -> Int {
        let intervals = chord.intervals
        func above(_ interval: Int) -> Int {
            root + chord.root.pitchClass.transposed(by: interval).semitones(above: PitchClass(midi: root))
        }
        switch degree {
        case .root: return root
        case .octave: return root + 12 <= 55 ? root + 12 : root
        case .fifth: return intervals.first { (6...8).contains($0) }.map(above) ?? root
        case .third: return intervals.first { (2...5).contains($0) }.map(above) ?? root
        case .seventh: return intervals.first { (9...11).contains($0) }.map(above) ?? root + 12
        case .approach:
            guard let next, !next.isNoChord, next.bassPitchClass != PitchClass(midi: root) else {
                return bassPitch(.fifth, chord: chord, root: root, next: nil)
            }
            let target = Arranger.nearest(next.bassPitchClass, to: root, in: 31...50)
            let fromBelow = target > root
            // A half step into the target, from the other side when that one is sounding already.
            let near = target + (fromBelow ? -1 : 1)
            let chromatic = near == root ? target + (fromBelow ? 1 : -1) : near
            if [.jazz, .funk, .soul, .bossa].contains(style) { return chromatic }
            // A step of the key into the target, from the side the line comes from, else the
            // other side (a step that is the note already sounding leads nowhere).
            for step in [target + (fromBelow ? -2 : 2), target + (fromBelow ? 2 : -2)] where step != root {
                if let key = chart.key, key.contains(midi: step) { return step }
            }
            return chromatic
        }
    }

    /// The note of pitch class `pc` in `range` nearest to `pitch` (the lower one on a tie).
    static func nearest(_ pc: PitchClass, to pitch: Int, in range: ClosedRange<Int>) -> Int {
        range.filter { PitchClass(midi: $0) == pc }.min { (abs($0 - pitch), $0) < (abs($1 - pitch), $1) }
            ?? range.lowerBound + pc.semitones(above: PitchClass(midi: range.lowerBound))
    }
}
