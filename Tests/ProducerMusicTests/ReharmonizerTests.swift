import ProducerMusic
import Testing

/// Charts built in code: one chord per bar (or several sharing it), with an optional melody.
private func chart(_ bars: [String], key: String? = "C major", melody: [[(String, Double)]] = []) throws -> Chart {
    var built: [Chart.Bar] = []
    for (i, text) in bars.enumerated() {
        let symbols = try text.split(separator: " ").map { try ChordSymbol(parsing: String($0)) }
        let each = 4.0 / Double(symbols.count)
        var bar = Chart.Bar(
            chords: symbols.enumerated().map { Chart.ChordEvent($1, start: Double($0) * each, length: each) })
        if i < melody.count {
            var t = 0.0
            for (name, length) in melody[i] {
                bar.melody.append(
                    Chart.MelodyNote(note: name == "r" ? nil : try Note(parsing: name), start: t, length: length))
                t += length
            }
        }
        built.append(bar)
    }
    return Chart(
        title: "Test", key: try key.map { try Key(parsing: $0) }, tempo: 100,
        sections: [Chart.Section(name: "A", lines: [Chart.Line(bars: built)])])
}

/// Every chord of `new` that is not in `old` at the same place must accept every melody note
/// sounding over it; without a melody, it must accept the old chord's top note.
private func expectConsonant(_ r: Reharmonization, against old: Chart) {
    let oldBars = old.sections.flatMap(\.bars)
    let newBars = r.chart.sections.flatMap(\.bars)
    #expect(oldBars.count == newBars.count)
    var checked = 0
    for (o, n) in zip(oldBars, newBars) {
        #expect(o.melody == n.melody)
        #expect(abs(n.chords.reduce(0) { $0 + $1.length } - n.length) < 1e-9)
        for event in n.chords where !o.chords.contains(event) {
            let end = event.start + event.length
            let notes = n.melody.filter { $0.note != nil && $0.start < end && $0.start + $0.length > event.start }
            if o.melody.isEmpty {
                let before = o.chord(at: event.start)!
                #expect(event.symbol.accepts(before.chordTones.last!), "\(r.label): \(event.symbol) vs \(before)")
            }
            for note in notes {
                #expect(event.symbol.accepts(note.note!.pitchClass), "\(r.label): \(note.note!) over \(event.symbol)")
            }
            checked += 1
        }
    }
    #expect(checked >= r.changes.count)
}

@Suite("Reharmonisation")
struct ReharmonizerTests {
    let progression = ["C", "Am", "Dm7", "G7", "C", "F", "G", "C"]

    @Test func eachTechniqueOnAKnownChart() throws {
        let c = try chart(progression)
        let all = Reharmonizer(seed: 1).variations(of: c, count: 6)
        #expect(all.count == 6)
        func lines(_ label: String) -> [String] {
            all.first { $0.label == label }?.changes.map(\.description) ?? []
        }
        #expect(lines("Tritone substitutions") == ["bar 4: G7 (V7) → D♭7 (subV7, tritone substitute)"])
        #expect(
            lines("Secondary dominants") == [
                "bar 1 beat 3: C (I) → E7 (V7/vi, secondary dominant)",
                "bar 2: Am (vi) → A7 (V7/ii, secondary dominant)",
                "bar 3: Dm7 (ii7) → D7 (V7/V, secondary dominant)",
                "bar 5: C (I) → C7 (V7/IV, secondary dominant)",
                "bar 6 beat 3: F (IV) → D7 (V7/V, secondary dominant)",
            ])
        #expect(
            lines("Modal interchange") == [
                "bar 3: Dm7 (ii7) → Dm7♭5 (iiø7, modal interchange)",
                "bar 4: G7 (V7) → B♭7 (♭VII7, modal interchange)",
                "bar 6: F (IV) → Fm (iv, modal interchange)",
                "bar 7: G (V) → B♭7 (♭VII7, modal interchange)",
            ])
        #expect(lines("Passing diminished chords") == ["bar 6 beat 3: F (IV) → F♯dim7 (vii°7/V, passing diminished)"])
        #expect(
            lines("Relative substitutes") == [
                "bar 5: C (I) → Am7 (vi7, relative substitute)", "bar 6: F (IV) → Dm7 (ii7, relative substitute)",
            ])
        let full = try #require(all.first { $0.label == "Full reharmonisation" })
        #expect(
            full.changes.map(\.description) == [
                "bar 1 beat 3: C (I) → E7 (V7/vi, secondary dominant)",
                "bar 2: Am (vi) → A7 (V7/ii, secondary dominant)",
                "bar 3: Dm7 (ii7) → Dm7♭5 (iiø7, modal interchange)",
                "bar 4: G7 (V7) → D♭7 (subV7, tritone substitute)",
                "bar 5: C (I) → C7 (V7/IV, secondary dominant)",
                "bar 6 beat 3: F (IV) → F♯dim7 (vii°7/V, passing diminished)",
            ])
        #expect(
            full.explanation
                == "Combines 1 tritone substitute, 1 borrowed chord, 1 passing diminished chord and 3 secondary dominants, starting with C → E7 in bar 1."
        )
        let tritone = try #require(all.first { $0.label == "Tritone substitutions" })
        #expect(
            tritone.explanation
                == "Replaces 1 dominant with the dominant a tritone away (G7 → D♭7), so the bass slides down a half step into each resolution."
        )
        // The new chart: bar 4 holds D♭7; bar 6 of the passing version holds F then F♯°7 for two beats each.
        #expect(tritone.chart.sections[0].bars[3].chords.map(\.symbol.description) == ["Db7"])
        let passing = try #require(all.first { $0.label == "Passing diminished chords" })
        #expect(passing.chart.sections[0].bars[5].chords.map(\.symbol.description) == ["F", "F#dim7"])
        #expect(passing.chart.sections[0].bars[5].chords.map(\.length) == [2, 2])
        // Ranked: most changes first.
        let counts = all.map(\.changes.count)
        #expect(counts == counts.sorted(by: >))
        for r in all { expectConsonant(r, against: c) }
    }

    @Test func theMelodyDecides() throws {
        // D over G7 rules out D♭7 (D would be its ♭9); A over Dm7 rules out Dm7♭5 (A against A♭).
        let melody: [[(String, Double)]] = [
            [("E4", 2), ("G4", 2)], [("A4", 2), ("C5", 2)], [("F4", 2), ("A4", 2)], [("D5", 4)],
            [("C5", 4)], [("A4", 2), ("C5", 2)], [("B4", 2), ("D5", 2)], [("C5", 4)],
        ]
        let c = try chart(progression, melody: melody)
        let all = Reharmonizer(seed: 3).variations(of: c, count: 12)
        #expect(!all.isEmpty)
        let changes = all.flatMap(\.changes)
        #expect(!changes.contains { $0.bar == 4 && $0.new.description == "Db7" })
        #expect(!changes.contains { $0.bar == 3 && $0.new.description == "Dm7b5" })
        // B♭7 over the D in bar 4 is fine (D is its third).
        #expect(changes.contains { $0.bar == 4 && $0.new.description == "Bb7" })
        for r in all { expectConsonant(r, against: c) }
    }

    @Test func sameSeedSameVariations() throws {
        let c = try chart(["Am", "F", "C", "G", "Am", "Dm", "E7", "Am"], key: "A minor")
        let a = Reharmonizer(seed: 7).variations(of: c, count: 10)
        let b = Reharmonizer(seed: 7).variations(of: c, count: 10)
        #expect(a == b)
        #expect(a.count <= 10)
        #expect(!a.isEmpty)
        for r in a {
            expectConsonant(r, against: c)
            #expect(!r.explanation.isEmpty && r.explanation.hasSuffix("."))
        }
        // In A minor: E7 → B♭7 before Am is subV7; Dm → D is IV borrowed from A major.
        let changes = a.flatMap(\.changes).map(\.description)
        #expect(changes.contains("bar 7: E7 (V7) → B♭7 (subV7, tritone substitute)"))
        #expect(changes.contains("bar 6: Dm (iv) → D (IV, modal interchange)"))
        #expect(changes.contains("bar 8: Am (i) → A (I, modal interchange)"))
    }

    @Test func guessesTheKeyAndHandlesEdges() throws {
        #expect(
            Key.guess(from: try ["Am", "F", "C", "G", "Am"].map { try ChordSymbol(parsing: $0) })?.description
                == "A minor")
        #expect(
            Key.guess(from: try ["G", "C", "D7", "G"].map { try ChordSymbol(parsing: $0) })?.description == "G major")
        #expect(Key.guess(from: [.noChord]) == nil)
        let noKey = try chart(progression, key: nil)
        let r = Reharmonizer().variations(of: noKey, count: 2)
        #expect(r.count == 2)
        #expect(Reharmonizer().variations(of: try chart(["N.C."]), count: 3).isEmpty)
        #expect(Reharmonizer().variations(of: try chart(progression), count: 0).isEmpty)
    }

    @Test func availableTensions() throws {
        let c7 = try ChordSymbol(parsing: "C7")
        #expect(c7.availableTensions.map(\.value) == [2, 3, 6, 9])
        let cm7 = try ChordSymbol(parsing: "Cm7")
        #expect(cm7.availableTensions.map(\.value) == [2, 5, 9])
        let c = try ChordSymbol(parsing: "C")
        #expect(!c.accepts(PitchClass(5)))  // a natural 4 over the major third
        #expect(!c.accepts(PitchClass(1)))  // ♭9 against the root
        #expect(c.accepts(PitchClass(2)))
        #expect(try ChordSymbol(parsing: "C7(b9)").accepts(PitchClass(1)))  // written tensions are fine
        #expect(ChordSymbol.noChord.accepts(PitchClass(1)))
    }
}

@Suite("Reharmonisation of a long chart")
struct ReharmonizerLongChartTests {
    /// 2 000 bars: every technique still finds its changes all the way through (the choice of
    /// changes looks candidates up by slot, so this stays linear).
    @Test func longChart() throws {
        let bars = Array(repeating: ["C", "Am", "Dm7", "G7"], count: 500).flatMap { $0 }
        let c = try chart(bars)
        let all = Reharmonizer(seed: 2).variations(of: c, count: 3)
        #expect(all.count == 3)
        let tritone = Reharmonizer(seed: 2).variations(of: c, count: 8).first { $0.label == "Tritone substitutions" }
        // Every G7 but the last, which resolves nowhere.
        #expect(tritone?.changes.count == 499)
        #expect(tritone?.changes.last?.bar == 1996)
    }
}
