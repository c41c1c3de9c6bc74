extension NoteName {
    /// The usual name of each pitch class when nothing says otherwise: C C♯ D E♭ E F F♯ G A♭ A B♭ B.
    public static func neutral(_ pitchClass: PitchClass) -> NoteName {
        let names: [NoteName] = [
            .init(.c), .init(.c, .sharp), .init(.d), .init(.e, .flat), .init(.e), .init(.f), .init(.f, .sharp),
            .init(.g), .init(.a, .flat), .init(.a), .init(.b, .flat), .init(.b),
        ]
        return names[pitchClass.value]
    }

    /// This name moved by `semitones`, spelled for `key` (the key of the result) when one is
    /// given: a note of its scale takes the scale's name; a note outside it keeps its relation to
    /// this one (E♭ up a minor third is G♭), unless that needs a double sharp or flat. Without a
    /// key the relation decides (C up 1 is D♭, E up 1 is F).
    public func transposed(by semitones: Int, in key: Key? = nil) -> NoteName {
        let target = pitchClass.transposed(by: semitones)
        if let key {
            let inKey = key.spell(target)
            if key.scaleNames.contains(inKey) { return inKey }
        }
        let up = ((semitones % 12) + 12) % 12
        // The interval with that many semitones that keeps the spelling simplest.
        let candidates: [[Interval]] = [
            [.unison], [.minorSecond], [.majorSecond], [.minorThird], [.majorThird], [.perfectFourth],
            [.augmentedFourth, .diminishedFifth], [.perfectFifth], [.minorSixth], [.majorSixth], [.minorSeventh],
            [.majorSeventh],
        ]
        let options = candidates[up].compactMap { $0.above(self) }.filter { abs($0.accidental.semitones) <= 1 }
        if let best = options.min(by: { abs($0.accidental.semitones) < abs($1.accidental.semitones) }) {
            return best
        }
        return key?.spell(target) ?? .neutral(target)
    }
}

extension Note {
    /// This note moved by `semitones`, spelled as ``NoteName/transposed(by:in:)`` does.
    public func transposed(by semitones: Int, in key: Key? = nil) -> Note {
        Note(name.transposed(by: semitones, in: key), midi: midi + semitones)
    }
}

extension Key {
    /// The key of the same mode `semitones` higher (negative: lower), with the tonic spelled so
    /// that the signature has the fewest sharps or flats (A minor up 3 is C minor, not B♯ minor;
    /// at six either way, flats: G♭ major, E♭ minor).
    public func transposed(by semitones: Int) -> Key {
        let target = tonic.pitchClass.transposed(by: semitones)
        let base = target.value * 7 % 12
        var best: Key?
        for f in [base - 24, base - 12, base, base + 12, base + 24] {
            guard let name = NoteName(fifths: f) else { continue }
            let key = Key(tonic: name, mode: mode)
            if let b = best, abs(b.fifths) < abs(key.fifths) || (abs(b.fifths) == abs(key.fifths) && b.fifths < 0) {
                continue
            }
            best = key
        }
        return best!
    }

    /// Semitones from this key's tonic to `other`'s, the shorter way (−5 … +6).
    public func semitones(to other: Key) -> Int {
        let up = other.tonic.pitchClass.semitones(above: tonic.pitchClass)
        return up > 6 ? up - 12 : up
    }
}

extension ChordSymbol {
    /// The chord moved by `semitones`, spelled for `key` (the key of the result) when given:
    /// A minor's C chord moved up 3 into C minor is E♭ (not D♯). A slash bass keeps its interval
    /// to the root (E/G♯ up 1 is F/A).
    public func transposed(by semitones: Int, in key: Key? = nil) -> ChordSymbol {
        if isNoChord { return self }
        var c = self
        c.root = root.transposed(by: semitones, in: key)
        if let bass {
            let interval = Interval(from: root, to: bass)
            if let b = interval.above(c.root), abs(b.accidental.semitones) <= 1 {
                c.bass = b
            } else {
                c.bass = bass.transposed(by: semitones, in: key)
            }
        }
        return c
    }
}
