extension Chart {
    /// The chart moved by `semitones` (negative: down): the key, every chord (root and slash bass)
    /// and every melody note, spelled for the new key.
    public func transposed(by semitones: Int) -> Chart {
        guard semitones != 0 else { return self }
        var moved = self
        let target = key?.transposed(by: semitones)
        moved.key = target
        for s in moved.sections.indices {
            for l in moved.sections[s].lines.indices {
                for b in moved.sections[s].lines[l].bars.indices {
                    var bar = moved.sections[s].lines[l].bars[b]
                    for c in bar.chords.indices where !bar.chords[c].symbol.isNoChord {
                        bar.chords[c].symbol = bar.chords[c].symbol.transposed(by: semitones, in: target)
                    }
                    for m in bar.melody.indices {
                        bar.melody[m].note = bar.melody[m].note?.transposed(by: semitones, in: target)
                    }
                    moved.sections[s].lines[l].bars[b] = bar
                }
            }
        }
        return moved
    }

    /// The chart moved to `key` the shorter way (A minor to C minor: up 3; to F♯ minor: down 3).
    /// A chart without a key is moved from its first chord's root, read as the tonic.
    public func transposed(to key: Key) -> Chart {
        let from =
            self.key
            ?? sections.lazy.flatMap(\.bars).flatMap(\.chords).first { !$0.symbol.isNoChord }
            .map { Key(tonic: $0.symbol.root, mode: key.mode) }
        guard let from else { return self }
        var moved = transposed(by: from.semitones(to: key))
        moved.key = key
        return moved
    }

    /// The melody's notes as MIDI note numbers, in written order (rests left out).
    public var melodyPitches: [Int] { sections.flatMap(\.bars).flatMap(\.melody).compactMap { $0.note?.midi } }
}
