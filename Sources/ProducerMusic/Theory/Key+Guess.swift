extension Key {
    /// The major or minor key the chords most likely are in (for a chart without `key:`): the
    /// one whose scale holds most of their chord tones, with a bonus when the first or last chord
    /// is its tonic chord. Nil when there are no chords (`N.C.` only).
    public static func guess(from chords: [ChordSymbol]) -> Key? {
        let played = chords.filter { !$0.isNoChord }
        guard let first = played.first, let last = played.last else { return nil }
        var best: (score: Int, key: Key)?
        for fifths in -6...5 {
            for minor in [false, true] {
                let key = Key(fifths: fifths, minor: minor)!
                var allowed = Set(key.scale)
                if minor { allowed.insert(key.tonic.pitchClass.transposed(by: 11)) }  // harmonic minor's leading tone
                var score = 0
                for c in played {
                    for t in c.chordTones { score += allowed.contains(t) ? 1 : -1 }
                }
                for c in [first, last] where c.root.pitchClass == key.tonic.pitchClass {
                    let isMinor = c.quality == .minor
                    if isMinor == minor { score += 3 }
                }
                if best == nil || score > best!.score { best = (score, key) }
            }
        }
        return best?.key
    }
}
