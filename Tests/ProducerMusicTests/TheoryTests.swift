import Testing
import ProducerMusic

@Suite("Pitch classes, pitches and notes")
struct PitchTests {
    @Test func pitchClassWraps() {
        #expect(PitchClass(-1).value == 11)
        #expect(PitchClass(midi: 61).value == 1)
        #expect(PitchClass(midi: 60).description == "C")
        #expect(PitchClass(4).semitones(above: PitchClass(11)) == 5)
    }

    @Test func frequencyAndMidi() {
        #expect(abs(Pitch(midi: 69).frequency - 440) < 1e-9)
        #expect(abs(Pitch(midi: 60).frequency - 261.6255653005986) < 1e-9)
        #expect(abs(Pitch(midi: 81).frequency - 880) < 1e-9)
        #expect(abs(Pitch(midi: 69).frequency(a4: 442) - 442) < 1e-9)
        #expect(abs(Pitch(frequency: 440).midi - 69) < 1e-12)
        #expect(abs(Pitch(frequency: 442, a4: 442).midi - 69) < 1e-12)
        #expect(abs(Pitch(frequency: 27.5).midi - 21) < 1e-9)
        for m in stride(from: 0.0, through: 127.0, by: 0.37) {
            #expect(abs(Pitch(frequency: Pitch(midi: m).frequency).midi - m) < 1e-9)
        }
    }

    @Test func cents() {
        #expect(abs(Pitch(midi: 60.35).cents(from: Pitch(midi: 60)) - 35) < 1e-9)
        #expect(abs(Pitch(midi: 59).cents(from: Pitch(midi: 60)) + 100) < 1e-9)
        // A pure fifth (3:2) is about 702 cents.
        #expect(abs(Pitch(frequency: 660).cents(from: Pitch(frequency: 440)) - 701.955) < 0.001)
        #expect(Pitch(midi: 60.35).nearestMidi == 60)
        #expect(Pitch(midi: 60.5).nearestMidi == 61)
        #expect(abs(Pitch(midi: 60.65).centsFromNearest + 35) < 1e-9)
        #expect(Pitch(midi: 60.35).description == "C4 +35¢")
        #expect(Pitch(midi: 69).description == "A4")
    }

    @Test func notes() throws {
        let fs4 = Note(.f, .sharp, octave: 4)
        #expect(fs4.description == "F♯4")
        #expect(fs4.ascii == "F#4")
        #expect(fs4.midi == 66)
        #expect(Note(.c, octave: 4).midi == 60)
        #expect(Note(.b, .sharp, octave: 3).midi == 60)
        #expect(Note(.c, .flat, octave: 4).midi == 59)
        #expect(Note(.e, .doubleFlat, octave: 4).description == "E𝄫4")
        #expect(Note(.f, .doubleSharp, octave: 4).midi == 67)
        #expect(Note(.a, octave: -1).midi == 9)
        #expect(try Note(parsing: "F#4") == fs4)
        #expect(try Note(parsing: "F♯4") == fs4)
        #expect(try Note(parsing: "Bb3").midi == 58)
        #expect(try Note(parsing: "Ebb3").description == "E𝄫3")
        #expect(try Note(parsing: "Gx2").midi == 45)
        #expect(try Note(parsing: "C-1").midi == 0)
        #expect(throws: MusicTextError.self) { try Note(parsing: "H4") }
        #expect(throws: MusicTextError.self) { try Note(parsing: "F#") }
        #expect(throws: MusicTextError.self) { try Note(parsing: "F###4") }
        // A note built from a name and a MIDI number lands in the right octave.
        #expect(Note(NoteName(.b, .sharp), midi: 60).description == "B♯3")
        #expect(Note(NoteName(.c, .flat), midi: 71).description == "C♭5")
    }

    @Test func lineOfFifths() {
        for f in -15...19 {
            #expect(NoteName(fifths: f)?.fifths == f)
        }
        #expect(NoteName(fifths: 6)?.description == "F♯")
        #expect(NoteName(fifths: -7)?.description == "C♭")
        #expect(NoteName(fifths: 20) == nil)
    }
}

@Suite("Keys")
struct KeyTests {
    /// The 30 key signatures' keys, flats first, as musicians name them.
    static let names = [
        "C♭ major", "A♭ minor", "G♭ major", "E♭ minor", "D♭ major", "B♭ minor", "A♭ major", "F minor",
        "E♭ major", "C minor", "B♭ major", "G minor", "F major", "D minor", "C major", "A minor",
        "G major", "E minor", "D major", "B minor", "A major", "F♯ minor", "E major", "C♯ minor",
        "B major", "G♯ minor", "F♯ major", "D♯ minor", "C♯ major", "A♯ minor",
    ]

    @Test func thirtyKeySignatures() {
        #expect(Key.allStandard.map(\.description) == Self.names)
        for key in Key.allStandard {
            #expect((-7...7).contains(key.fifths))
            #expect(Key(fifths: key.fifths, minor: key.mode == .minor) == key)
        }
    }

    /// Every scale degree of every key is spelled with the key signature's accidentals, in
    /// several octaves: the letter steps up from the tonic, sharps in the order F C G D A E B,
    /// flats in the order B E A D G C F.
    @Test(arguments: Key.allStandard)
    func spellsScaleDegreesByKeySignature(key: Key) {
        let sharps: [Letter] = [.f, .c, .g, .d, .a, .e, .b]
        let flats: [Letter] = [.b, .e, .a, .d, .g, .c, .f]
        let k = key.fifths
        for degree in 0..<7 {
            let letter = key.tonic.letter.advanced(by: degree)
            let accidental: Accidental =
                k > 0 && sharps.prefix(k).contains(letter)
                ? .sharp
                : k < 0 && flats.prefix(-k).contains(letter) ? .flat : .natural
            let expected = NoteName(letter, accidental)
            #expect(key.scaleNames[degree] == expected, "\(key) degree \(degree + 1)")
            let pc = key.scale[degree]
            #expect(pc == expected.pitchClass)
            for octave in [2, 4, 6] {
                let midi = (octave + 1) * 12 + pc.value
                let note = key.spell(midi: midi)
                #expect(note.name == expected, "\(key): MIDI \(midi) spelled \(note)")
                #expect(note.midi == midi, "\(key): \(note) is not MIDI \(midi)")
            }
        }
    }

    @Test(arguments: Key.allStandard)
    func spellsEveryPitchClassSoundingRight(key: Key) {
        for midi in 48..<72 {
            let note = key.spell(midi: midi)
            #expect(note.midi == midi, "\(key): \(note) for MIDI \(midi)")
            #expect(abs(note.accidental.semitones) <= 2)
        }
    }

    @Test func spellingExamples() throws {
        let eFlat = try Key(parsing: "Eb major")
        #expect(eFlat.spell(midi: 63).description == "E♭4")
        #expect(eFlat.spell(midi: 68).description == "A♭4")
        #expect(eFlat.spell(midi: 64).description == "E4")
        let eMinor = try Key(parsing: "E minor")
        #expect(eMinor.spell(midi: 66).description == "F♯4")
        #expect(eMinor.spell(midi: 63).description == "D♯4")  // leading tone
        #expect(eMinor.spell(midi: 61).description == "C♯4")  // raised sixth
        #expect(eMinor.spell(midi: 65).description == "F4")  // Neapolitan
        let cMinor = try Key(parsing: "Cm")
        #expect(cMinor.spell(midi: 71).description == "B4")
        #expect(cMinor.spell(midi: 63).description == "E♭4")
        let cMajor = try Key(parsing: "C")
        #expect(
            (60..<72).map { cMajor.spell(midi: $0).name.description }
                == ["C", "C♯", "D", "E♭", "E", "F", "F♯", "G", "A♭", "A", "B♭", "B"])
        let aMinor = try Key(parsing: "A minor")
        #expect(aMinor.spell(midi: 68).description == "G♯4")
        let fSharp = try Key(parsing: "F# major")
        #expect(fSharp.spell(midi: 65).description == "E♯4")
        #expect(fSharp.spell(midi: 67).description == "G4")  // not F𝄪
        let cFlat = try Key(parsing: "Cb major")
        #expect(cFlat.spell(midi: 59).description == "C♭4")
        #expect(cFlat.spell(midi: 64).description == "F♭4")
        let dDorian = try Key(parsing: "D dorian")
        #expect(dDorian.scaleNames.map(\.description) == ["D", "E", "F", "G", "A", "B", "C"])
        #expect(dDorian.spell(midi: 61).description == "C♯4")
        #expect(try Key(parsing: "G mixolydian").scaleNames.map(\.description) == ["G", "A", "B", "C", "D", "E", "F"])
        #expect(try Key(parsing: "Eb lydian").scaleNames.map(\.description) == ["E♭", "F", "G", "A", "B♭", "C", "D"])
        #expect(try Key(parsing: "F# phrygian").fifths == 2)
        #expect(try Key(parsing: "B locrian").scaleNames.map(\.description) == ["B", "C", "D", "E", "F", "G", "A"])
    }

    @Test func parsingForms() throws {
        let eMinor = Key(tonic: NoteName(.e), mode: .minor)
        for text in ["E minor", "Em", "e minor", "E min", "E-minor", "  E  minor ", "E aeolian", "Emin", "E Minor"] {
            #expect(try Key(parsing: text) == eMinor, "\(text)")
        }
        let bFlat = Key(tonic: NoteName(.b, .flat), mode: .major)
        for text in ["Bb major", "B♭ major", "Bb", "Bbmaj", "B♭", "bb major", "Bb M", "Bb ionian"] {
            #expect(try Key(parsing: text) == bFlat, "\(text)")
        }
        #expect(try Key(parsing: "F# min") == Key(tonic: NoteName(.f, .sharp), mode: .minor))
        #expect(try Key(parsing: "C#m") == Key(tonic: NoteName(.c, .sharp), mode: .minor))
        #expect(try Key(parsing: "D dorian").mode == .dorian)
        for key in Key.allStandard {
            #expect(try Key(parsing: key.description) == key)
            #expect(try Key(parsing: key.ascii) == key)
        }
    }

    @Test func parsingErrorsSayWhatIsWrong() {
        for (text, fragment) in [
            ("H major", "letter A–G"), ("", "letter A–G"), ("major", "letter A–G"),
            ("E minr", "\"minr\" is none of these"), ("E# mixolydan", "is none of these"),
            ("C### major", "double sharp"),
        ] {
            do {
                _ = try Key(parsing: text)
                Issue.record("\"\(text)\" was read as a key")
            } catch {
                #expect(error.text == text)
                #expect(error.description.contains(fragment), "\(error)")
                #expect(error.description.hasPrefix("\"\(text)\" could not be read"))
            }
        }
    }

    @Test func scaleMembershipAndNearestNote() throws {
        let g = try Key(parsing: "G major")
        #expect(g.scale.map(\.value) == [7, 9, 11, 0, 2, 4, 6])
        #expect(g.contains(PitchClass(6)))
        #expect(!g.contains(PitchClass(5)))
        #expect(g.degree(of: PitchClass(2)) == 5)
        #expect(g.nearestScaleNote(toMidi: 65.2) == 66)  // F → F♯
        #expect(g.nearestScaleNote(toMidi: 64.9) == 64)
        #expect(g.nearestScaleNote(toMidi: 65.5) == 66)
        let c = try Key(parsing: "C")
        #expect(c.nearestScaleNote(toMidi: 61.0) == 60)  // halfway: the lower
        #expect(c.nearestScaleNote(toMidi: 61.01) == 62)
        #expect(c.nearestScaleNote(toMidi: 59.4) == 59)
        #expect(c.nearestScaleNote(toMidi: 0.2) == 0)
        #expect(try Key(parsing: "E minor").relative == Key(parsing: "G major"))
        #expect(try Key(parsing: "Eb major").relative == Key(parsing: "C minor"))
    }
}
