extension Arranger {
    typealias Rhythm = [(step: Int, steps: Int, value: Int)]

    /// The keyboard player: the style's comping rhythm per energy, four-voice voicings led
    /// smoothly from chord to chord (rootless in jazz, bossa and soul).
    func keys() -> [ArrangedNote] {
        var leader = VoiceLeader(register: 50...79)
        let rootless = [.jazz, .bossa, .soul].contains(style)
        var notes: [ArrangedNote] = []
        for bar in bars {
            let rhythm = keysRhythm(bar.energy)
            for slot in bar.slots where !slot.chord.isNoChord {
                let voicing = leader.voice(VoiceLeader.tones(of: slot.chord, count: 4, rootless: rootless))
                let velocity = Arranger.velocity(bar.energy, -14)
                for hit in place(rhythm, from: slot.start, length: slot.length) {
                    for p in voicing {
                        notes.append(
                            ArrangedNote(
                                pitch: p, start: hit.start, length: hit.length * 0.9, velocity: velocity + hit.value))
                    }
                }
            }
        }
        return notes
    }

    /// The keys' comping over one 4/4 bar of sixteenths: `(step, length, accent)`.
    func keysRhythm(_ energy: Int) -> Rhythm {
        if energy <= 1 { return [(0, 16, 0)] }
        let high = energy >= 4
        switch style {
        case .pop:
            return high
                ? [(0, 3, 6), (4, 2, 0), (6, 2, 0), (8, 3, 4), (12, 2, 0), (14, 2, 0)]
                : [(0, 6, 0), (6, 2, -6), (8, 8, 0)]
        case .rock:
            return high ? (0..<8).map { ($0 * 2, 2, $0 % 2 == 0 ? 4 : -4) } : [(0, 8, 0), (8, 8, 0)]
        case .ballad:
            return high ? [(0, 8, 0), (8, 8, -4)] : [(0, 16, 0)]
        case .funk:
            return high
                ? [(0, 1, 8), (3, 1, 0), (6, 1, 4), (7, 1, -6), (10, 1, 4), (12, 1, 0), (14, 1, 4)]
                : [(0, 1, 4), (6, 1, 0), (10, 1, 0), (14, 1, 0)]
        case .soul:
            return high ? [(0, 3, 4), (4, 2, 0), (10, 2, 0), (12, 2, 0)] : [(4, 2, 0), (12, 2, 0)]
        case .country:
            return high ? [(0, 2, 0), (4, 2, 4), (8, 2, 0), (10, 2, -4), (12, 2, 4)] : [(4, 2, 0), (12, 2, 0)]
        case .edm:
            return high ? [(2, 1, 4), (6, 1, 4), (10, 1, 4), (14, 1, 4)] : [(0, 16, 0)]
        case .hiphop:
            return high ? [(0, 6, 0), (7, 2, -6), (10, 6, 0)] : [(0, 6, 0), (10, 6, -4)]
        case .bossa:
            return [(0, 2, 4), (3, 2, 0), (6, 2, 0), (10, 2, 0), (13, 2, 0)]
        case .jazz:
            // The Charleston (1, and of 2), with anticipations when the band is driving.
            return high ? [(0, 2, 4), (6, 2, 0), (10, 2, 0), (14, 2, -4)] : [(0, 2, 0), (6, 2, 0)]
        }
    }

    /// The pad: the chord held for as long as it sounds, four voices led smoothly.
    func pad() -> [ArrangedNote] {
        var leader = VoiceLeader(register: 48...76)
        var notes: [ArrangedNote] = []
        for bar in bars where bar.energy >= 1 {
            // Styles whose bands have no pad use it only where the song opens up.
            if [.jazz, .bossa, .country].contains(style), bar.energy < 4 { continue }
            for slot in bar.slots where !slot.chord.isNoChord {
                let voicing = leader.voice(VoiceLeader.tones(of: slot.chord, count: 4))
                for p in voicing {
                    notes.append(
                        ArrangedNote(
                            pitch: p, start: slot.start, length: slot.length,
                            velocity: Arranger.velocity(bar.energy, -22)))
                }
            }
        }
        return notes
    }

    /// The strings: sustained chords led smoothly, entering where the song lifts (pre-choruses,
    /// choruses, bridges), the top voice doubled an octave up in the biggest sections.
    func strings() -> [ArrangedNote] {
        var leader = VoiceLeader(register: 55...81)
        var notes: [ArrangedNote] = []
        let entry = style == .ballad ? 2 : 3
        for bar in bars where bar.energy >= entry {
            for slot in bar.slots where !slot.chord.isNoChord {
                var voicing = leader.voice(VoiceLeader.tones(of: slot.chord, count: 4))
                if bar.energy >= 5, let top = voicing.last, top + 12 <= Instrument.strings.range.upperBound {
                    voicing.append(top + 12)
                }
                for p in voicing {
                    notes.append(
                        ArrangedNote(
                            pitch: p, start: slot.start, length: slot.length,
                            velocity: Arranger.velocity(bar.energy, -18)))
                }
            }
        }
        return notes
    }
}
