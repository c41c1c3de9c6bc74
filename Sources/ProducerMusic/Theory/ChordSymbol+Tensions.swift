extension ChordSymbol {
    /// Whether a melody note of `pitchClass` sits well over this chord: a chord tone, a written
    /// tension, or an available tension. Avoided: a note a half step above a chord tone (♭9
    /// against the root, a natural 4 over a major third, ♭6 over a perfect fifth), a minor third
    /// over a major third except on a dominant seventh (♯9), the major third over a sus4 chord and
    /// a ♭7 over a major seventh, a ♭5 over a minor chord's perfect fifth. Anything goes over `N.C.`.
    public func accepts(_ pitchClass: PitchClass) -> Bool {
        if isNoChord || pitchClasses.contains(pitchClass) { return true }
        let tones = chordTones
        if tones.contains(where: { pitchClass.semitones(above: $0) == 1 }) { return false }
        let above = Set(tones.map { $0.semitones(above: root.pitchClass) })
        let note = pitchClass.semitones(above: root.pitchClass)
        if note == 3, above.contains(4), seventh != .minor { return false }
        if note == 4, quality == .suspended4 { return false }
        if note == 10, seventh == .major { return false }
        if note == 6, quality == .minor, above.contains(7) { return false }
        return true
    }

    /// The pitch classes outside the chord that a melody may use over it (see ``accepts(_:)``):
    /// over C7 D, E♭ (♯9), F♯ (♯11) and A; over Cm7 D, F and A.
    public var availableTensions: [PitchClass] {
        if isNoChord { return [] }
        let own = Set(pitchClasses)
        return (0..<12).map { root.pitchClass.transposed(by: $0) }.filter { !own.contains($0) && accepts($0) }
    }
}
