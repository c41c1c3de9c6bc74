import ProducerMusic
import Testing

@Suite("Roman numerals")
struct RomanNumeralTests {
    let cMajor = Key(tonic: NoteName(.c), mode: .major)
    let aMinor = Key(tonic: NoteName(.a), mode: .minor)
    let cMinor = Key(tonic: NoteName(.c), mode: .minor)

    private func rn(_ chord: String, _ key: Key, next: String? = nil) throws -> RomanNumeral {
        try #require(
            RomanNumeral(
                chord: try ChordSymbol(parsing: chord), in: key, next: try next.map { try ChordSymbol(parsing: $0) }))
    }

    @Test func diatonicInMajor() throws {
        let chords = ["C", "Dm", "Em", "F", "G", "Am", "Bdim"]
        let numerals = ["I", "ii", "iii", "IV", "V", "vi", "vii°"]
        for (c, n) in zip(chords, numerals) {
            let r = try rn(c, cMajor)
            #expect(r.description == n)
            #expect(r.function == .diatonic)
        }
        #expect(try rn("Cmaj7", cMajor).description == "Imaj7")
        #expect(try rn("Dm7", cMajor).description == "ii7")
        #expect(try rn("G7", cMajor).description == "V7")
        #expect(try rn("Bm7b5", cMajor).description == "viiø7")
        #expect(try rn("Bm7b5", cMajor).ascii == "vii/o7")
        #expect(try rn("C6", cMajor).description == "I6")
        #expect(try rn("Gsus4", cMajor).description == "Vsus4")
        #expect(try rn("G7/B", cMajor).description == "V7")
        // Spelled keys: in E♭ major, B♭7 is V7 and Fm7 ii7.
        let eb = Key(tonic: NoteName(.e, .flat), mode: .major)
        #expect(try rn("Bb7", eb).description == "V7")
        #expect(try rn("Fm7", eb).description == "ii7")
    }

    @Test func diatonicInMinor() throws {
        let chords = ["Am", "Bdim", "C", "Dm", "Em", "E", "F", "G", "G#dim", "E7", "G#dim7", "Bm7b5"]
        let numerals = ["i", "ii°", "III", "iv", "v", "V", "VI", "VII", "vii°", "V7", "vii°7", "iiø7"]
        for (c, n) in zip(chords, numerals) {
            let r = try rn(c, aMinor)
            #expect(r.description == n, "\(c)")
            #expect(r.function == .diatonic, "\(c)")
        }
    }

    @Test func secondaryDominants() throws {
        // V7/V in C is D7.
        let d7 = try rn("D7", cMajor)
        #expect(d7.description == "V7/V")
        #expect(d7.function == .secondaryDominant)
        #expect(d7.targetDegree == 5)
        #expect(d7.explanation == "secondary dominant of V")
        #expect(try rn("D", cMajor).description == "V/V")
        #expect(try rn("E7", cMajor).description == "V7/vi")
        #expect(try rn("E", cMajor).description == "V/vi")
        #expect(try rn("A7", cMajor).description == "V7/ii")
        #expect(try rn("C7", cMajor).description == "V7/IV")
        #expect(try rn("B7", cMajor).description == "V7/iii")
        #expect(try rn("C#dim7", cMajor).description == "vii°7/ii")
        #expect(try rn("C#dim7", cMajor).ascii == "viio7/ii")
        #expect(try rn("F#m7b5", cMajor).description == "viiø7/V")
        // In minor: B7 is V7/V (E), D7 going to G is V7/VII.
        #expect(try rn("B7", aMinor).description == "V7/V")
        #expect(try rn("D7", aMinor, next: "G").description == "V7/VII")
    }

    @Test func borrowedChords() throws {
        // ♭VI in C is A♭.
        let ab = try rn("Ab", cMajor)
        #expect(ab.description == "♭VI")
        #expect(ab.ascii == "bVI")
        #expect(ab.function == .borrowed)
        #expect(ab.explanation == "borrowed from the parallel minor")
        #expect(try rn("Bb", cMajor).description == "♭VII")
        #expect(try rn("Fm", cMajor).description == "iv")
        #expect(try rn("Fm6", cMajor).description == "iv6")
        #expect(try rn("Eb", cMajor).description == "♭III")
        #expect(try rn("Abmaj7", cMajor).description == "♭VImaj7")
        #expect(try rn("Dm7b5", cMajor).description == "iiø7")
        #expect(try rn("Bb7", cMajor).description == "♭VII7")
        // IV in minor, borrowed from the parallel major; the Picardy third.
        let d = try rn("D", aMinor)
        #expect(d.description == "IV")
        #expect(d.explanation == "borrowed from the parallel major")
        #expect(try rn("A", aMinor).description == "I")
        #expect(try rn("A", aMinor).function == .borrowed)
        // In C minor, A♭ is diatonic VI.
        #expect(try rn("Ab", cMinor).description == "VI")
        #expect(try rn("Ab", cMinor).function == .diatonic)
    }

    @Test func tritoneSubstitutesAndChromatic() throws {
        let db7 = try rn("Db7", cMajor)
        #expect(db7.description == "subV7")
        #expect(db7.explanation == "tritone substitute for V7")
        #expect(try rn("Ab7", cMajor).description == "subV7/V")
        #expect(try rn("Eb7", cMajor, next: "Dm7").description == "subV7/ii")
        // B♭7 is ♭VII7 on its own, a tritone substitute when it goes to Am.
        #expect(try rn("Bb7", cMajor, next: "Am").description == "subV7/vi")
        #expect(try rn("Bb7", cMajor, next: "C").description == "♭VII7")
        let neapolitan = try rn("Db", cMajor)
        #expect(neapolitan.description == "♭II")
        #expect(neapolitan.function == .chromatic)
        #expect(try rn("F#", cMajor).description == "♯IV")
        #expect(RomanNumeral(chord: .noChord, in: cMajor) == nil)
    }

    @Test func analyzesAProgression() throws {
        let chords = try ["C", "A7", "Dm7", "G7", "C", "Ab", "Bb", "C"].map { try ChordSymbol(parsing: $0) }
        let numerals = RomanNumeral.analyze(chords, in: cMajor).map { $0?.description ?? "-" }
        #expect(numerals == ["I", "V7/ii", "ii7", "V7", "I", "♭VI", "♭VII", "I"])
    }
}
