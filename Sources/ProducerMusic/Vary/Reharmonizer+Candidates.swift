extension Reharmonizer {
    /// Every change the chart allows whose new chord keeps the melody (or the old top note)
    /// consonant, in slot order.
    static func candidates(slots: [Slot], key: Key, hasMelody: Bool) -> [Candidate] {
        var result: [Candidate] = []
        let tonic = key.tonic
        let minorKey = key.mode.isMinorLike
        func fits(_ chord: ChordSymbol, _ slot: Slot, from: Double) -> Bool {
            if hasMelody {
                return slot.melody(from: from, to: slot.start + slot.length).allSatisfy { chord.accepts($0) }
            }
            guard let top = slot.chord.chordTones.last else { return true }
            return chord.accepts(top)
        }
        func propose(
            _ technique: Reharmonization.Technique, _ k: Int, _ chord: ChordSymbol, split: Bool, needs: Int?
        ) {
            let slot = slots[k]
            let from: Double
            if split {
                guard let point = slot.splitPoint else { return }
                from = point
            } else {
                from = slot.start
            }
            guard chord != slot.chord, fits(chord, slot, from: from) else { return }
            result.append(
                Candidate(
                    id: result.count, technique: technique, slot: k, split: split, chord: chord, needs: needs,
                    neededRoot: needs.map { slots[$0].chord.root.pitchClass }))
        }
        func above(_ note: NoteName, _ intervals: Interval...) -> NoteName {
            for i in intervals {
                if let n = i.above(note), abs(n.accidental.semitones) <= 1 { return n }
            }
            return .neutral(note.pitchClass.transposed(by: intervals[0].semitones))
        }

        for k in slots.indices {
            let c = slots[k].chord
            guard !c.isNoChord else { continue }
            let next: ChordSymbol? = k + 1 < slots.count && !slots[k + 1].chord.isNoChord ? slots[k + 1].chord : nil
            let r = c.root.pitchClass.semitones(above: tonic.pitchClass)
            let dominantShape =
                c.quality == .major && !c.sixth && (c.seventh == nil || c.seventh == .minor) && c.bass == nil
            let isLast = k == slots.count - 1

            // Tritone substitution of a dominant resolving down a fifth.
            if dominantShape, c.seventh == .minor || r == 7, let next,
                next.root.pitchClass.semitones(above: c.root.pitchClass) == 5
            {
                let root = above(c.root, .diminishedFifth, .augmentedFourth)
                propose(
                    .tritoneSubstitution, k, ChordSymbol(root: root, quality: .major, seventh: .minor), split: false,
                    needs: k + 1)
            }

            // Modal interchange: chords of the parallel key.
            var borrowed: ChordSymbol?
            if !minorKey {
                if r == 5, c.quality == .major, c.seventh != .minor {
                    borrowed = ChordSymbol(
                        root: c.root, quality: .minor, seventh: c.seventh == nil ? nil : .minor, sixth: c.sixth)
                } else if r == 2, c.quality == .minor {
                    borrowed = ChordSymbol(root: c.root, quality: .diminished, seventh: .minor)
                } else if r == 9, c.quality == .minor {
                    borrowed = ChordSymbol(
                        root: above(tonic, .minorSixth), quality: .major, seventh: c.seventh == nil ? nil : .major)
                } else if r == 7, dominantShape, let next, next.root.pitchClass == tonic.pitchClass {
                    borrowed = ChordSymbol(root: above(tonic, .minorSeventh), quality: .major, seventh: .minor)
                }
            } else {
                if r == 5, c.quality == .minor {
                    borrowed = ChordSymbol(root: c.root, quality: .major, seventh: c.seventh == nil ? nil : .minor)
                } else if r == 0, c.quality == .minor, isLast {
                    borrowed = ChordSymbol(root: c.root, quality: .major)  // the Picardy third
                }
            }
            if let borrowed { propose(.modalInterchange, k, borrowed, split: false, needs: nil) }

            // Relative substitutes, away from the first and last chord.
            if k > 0, !isLast {
                var relative: ChordSymbol?
                if !minorKey, c.quality == .major, c.seventh != .minor, !c.sixth {
                    if r == 0 {
                        relative = ChordSymbol(root: above(tonic, .majorSixth), quality: .minor, seventh: .minor)
                    } else if r == 5 {
                        relative = ChordSymbol(root: above(tonic, .majorSecond), quality: .minor, seventh: .minor)
                    }
                } else if minorKey, c.quality == .minor, c.seventh != .major, !c.sixth {
                    if r == 0 {
                        relative = ChordSymbol(root: above(tonic, .minorThird), quality: .major)
                    } else if r == 5 {
                        relative = ChordSymbol(root: above(tonic, .minorSixth), quality: .major)
                    }
                }
                if let relative { propose(.relativeSubstitution, k, relative, split: false, needs: nil) }
            }

            guard let next else { continue }
            // A passing diminished seventh between chords a whole step apart (upwards).
            if next.root.pitchClass.semitones(above: c.root.pitchClass) == 2, c.quality != .diminished {
                let root = above(c.root, Interval(.augmented, 1)!, .minorSecond)
                propose(
                    .passingDiminished, k, ChordSymbol(root: root, quality: .diminished, seventh: .diminished),
                    split: true, needs: k + 1)
            }
            // The dominant of the next chord before it, when that chord is diatonic and not the tonic.
            let target = RomanNumeral(chord: next, in: key)
            let targetOffset = next.root.pitchClass.semitones(above: tonic.pitchClass)
            // A chord already a fifth above becomes that dominant (Am → A7 before Dm); another gets
            // the dominant in the second part of its time (C → C E7 before Am).
            if target?.function == .diatonic, targetOffset != 0, next.quality == .major || next.quality == .minor,
                c != next, !(dominantShape && c.seventh == .minor)
            {
                let dominant = ChordSymbol(root: above(next.root, .perfectFifth), quality: .major, seventh: .minor)
                let onTheFifth = c.root.pitchClass.semitones(above: next.root.pitchClass) == 7
                propose(.secondaryDominant, k, dominant, split: !onTheFifth, needs: k + 1)
            }
        }
        return result
    }
}
