import ProducerMusic
import Testing

private func chord(_ text: String) throws -> ChordSymbol { try ChordSymbol(parsing: text) }
private func pcs(_ text: String) throws -> [Int] { try chord(text).pitchClasses.map(\.value) }

@Suite("Chord symbols")
struct ChordSymbolTests {
    @Test func theIssuesExamples() throws {
        // Cmaj7, C∆7: C E G B.
        #expect(try pcs("Cmaj7") == [0, 4, 7, 11])
        #expect(try chord("C∆7") == chord("Cmaj7"))
        #expect(try chord("C∆") == chord("Cmaj7"))
        // Am7b5: A C E♭ G.
        let am7b5 = try chord("Am7b5")
        #expect(am7b5.quality == .diminished && am7b5.seventh == .minor)
        #expect(am7b5.pitchClasses.map(\.value) == [9, 0, 3, 7])
        #expect(try chord("Aø7") == am7b5)
        #expect(try chord("Aø") == am7b5)
        #expect(try chord("A-7b5") == am7b5)
        #expect(try chord("Am7(b5)") == am7b5)
        // F/A.
        let fa = try chord("F/A")
        #expect(fa.root == NoteName(.f) && fa.bass == NoteName(.a))
        #expect(fa.bassPitchClass.value == 9)
        #expect(fa.pitchClasses.map(\.value) == [5, 9, 0])
        // G7(#9): G B D F A♯.
        let g7s9 = try chord("G7(#9)")
        #expect(g7s9.tensions == [.init(9, 1)])
        #expect(g7s9.pitchClasses.map(\.value) == [7, 11, 2, 5, 10])
        #expect(try chord("G7#9") == g7s9)
        #expect(try chord("G7(♯9)") == g7s9)
        // Bb13sus4: B♭ E♭ F A♭ C G.
        let b13 = try chord("Bb13sus4")
        #expect(b13.root == NoteName(.b, .flat))
        #expect(b13.quality == .suspended4 && b13.seventh == .minor)
        #expect(b13.tensions == [.init(9), .init(13)])
        #expect(b13.pitchClasses.map(\.value) == [10, 3, 5, 8, 0, 7])
        // N.C.
        #expect(try chord("N.C.").isNoChord)
        #expect(try chord("NC") == .noChord)
        #expect(ChordSymbol.noChord.description == "N.C.")
    }

    @Test func readsTheGrammar() throws {
        #expect(try pcs("C") == [0, 4, 7])
        #expect(try pcs("Cm") == [0, 3, 7])
        #expect(try pcs("C-") == [0, 3, 7])
        #expect(try pcs("Cmin7") == [0, 3, 7, 10])
        #expect(try pcs("Cdim") == [0, 3, 6])
        #expect(try pcs("C°7") == [0, 3, 6, 9])
        #expect(try pcs("Co7") == [0, 3, 6, 9])
        #expect(try pcs("Caug") == [0, 4, 8])
        #expect(try pcs("C+") == [0, 4, 8])
        #expect(try chord("C7#5") == chord("C+7"))
        #expect(try chord("C7#5") == chord("Caug7"))
        #expect(try pcs("C5") == [0, 7])
        #expect(try pcs("C6") == [0, 4, 7, 9])
        #expect(try pcs("Cm6") == [0, 3, 7, 9])
        #expect(try pcs("C6/9") == [0, 4, 7, 9, 2])
        #expect(try chord("C69") == chord("C6/9"))
        #expect(try pcs("C9") == [0, 4, 7, 10, 2])
        #expect(try pcs("Cm11") == [0, 3, 7, 10, 2, 5])
        #expect(try pcs("C13") == [0, 4, 7, 10, 2, 9])
        #expect(try pcs("Cmaj9") == [0, 4, 7, 11, 2])
        #expect(try pcs("CmMaj7") == [0, 3, 7, 11])
        #expect(try chord("Cm(maj7)") == chord("CmMaj7"))
        #expect(try chord("C-∆7") == chord("CmMaj7"))
        #expect(try pcs("Cadd9") == [0, 4, 7, 2])
        #expect(try chord("C(add9)") == chord("Cadd9"))
        #expect(try chord("Cadd2") == chord("Cadd9"))
        #expect(try pcs("Csus2") == [0, 2, 7])
        #expect(try chord("C2") == chord("Csus2"))
        #expect(try pcs("Csus") == [0, 5, 7])
        #expect(try pcs("C7sus4") == [0, 5, 7, 10])
        #expect(try pcs("C7(b9,#11)") == [0, 4, 7, 10, 1, 6])
        #expect(try chord("C7b9#11") == chord("C7(b9,#11)"))
        #expect(try chord("C7(b9)(#11)") == chord("C7(b9,#11)"))
        #expect(try chord("C7-9") == chord("C7b9"))
        #expect(try pcs("C7b13") == [0, 4, 7, 10, 8])
        #expect(try pcs("C7b5") == [0, 4, 6, 10])
        #expect(try pcs("C7(no3)") == [0, 7, 10])
        #expect(try pcs("Cmaj7no5") == [0, 4, 11])
        #expect(try pcs("Cmaj7#11") == [0, 4, 7, 11, 6])
        #expect(try chord("C7alt").tensions.count == 4)
        #expect(try chord("F#m7").root == NoteName(.f, .sharp))
        #expect(try chord("G♭maj7").root == NoteName(.g, .flat))
        #expect(try chord("Bbm7/Ab").bass == NoteName(.a, .flat))
        #expect(try chord("C6/9/E").bass == NoteName(.e))
        #expect(try chord("Cb").root == NoteName(.c, .flat))
        #expect(try chord("Cmaj").seventh == nil)
        #expect(try chord("CM7").seventh == .major)
    }

    @Test func printsInThreeNotations() throws {
        let cases: [(String, String, String, String)] = [
            // written, standard, jazz, symbols
            ("Cmaj7", "Cmaj7", "C∆7", "Cmaj7"),
            ("Am7b5", "Am7b5", "Aø7", "Am7♭5"),
            ("Cm7", "Cm7", "C-7", "Cm7"),
            ("Bbm", "Bbm", "B♭-", "B♭m"),
            ("F/A", "F/A", "F/A", "F/A"),
            ("G7(#9)", "G7(#9)", "G7(♯9)", "G7(♯9)"),
            ("Bb13sus4", "Bb13sus4", "B♭13sus4", "B♭13sus4"),
            ("N.C.", "N.C.", "N.C.", "N.C."),
            ("C°7", "Cdim7", "C°7", "Cdim7"),
            ("C+", "Caug", "C+", "Caug"),
            ("C+7", "C7(#5)", "C+7", "C7(♯5)"),
            ("CmMaj7", "CmMaj7", "C-∆7", "CmMaj7"),
            ("C69", "C6/9", "C6/9", "C6/9"),
            ("C(add9)", "Cadd9", "Cadd9", "Cadd9"),
            ("C7b9#11", "C7(b9,#11)", "C7(♭9,♯11)", "C7(♭9,♯11)"),
            ("Ebm9", "Ebm9", "E♭-9", "E♭m9"),
            ("C#7sus", "C#7sus4", "C♯7sus4", "C♯7sus4"),
            ("C13#11", "C13(#11)", "C13(♯11)", "C13(♯11)"),
        ]
        for (text, standard, jazz, symbols) in cases {
            let c = try chord(text)
            #expect(c.written(in: .standard) == standard, "\(text)")
            #expect(c.description == standard, "\(text)")
            #expect(c.written(in: .jazz) == jazz, "\(text)")
            #expect(c.written(in: .symbols) == symbols, "\(text)")
        }
    }

    /// Every chord Producer can build from parts prints in each notation and reads back the same.
    @Test func roundTripsABigTable() throws {
        let tensionSets: [[ChordSymbol.Tension]] = [
            [], [.init(9)], [.init(9), .init(11)], [.init(9), .init(13)], [.init(13)], [.init(11)],
            [.init(9, -1)], [.init(9, 1)], [.init(11, 1)], [.init(13, -1)], [.init(9, -1), .init(13, -1)],
            [.init(9), .init(11, 1)], [.init(9), .init(11), .init(13)], [.init(5, -1)], [.init(5, 1)],
            [.init(5, -1), .init(9, 1)], [.init(9, -1), .init(9, 1), .init(11, 1), .init(13, -1)],
        ]
        var count = 0
        for root in [NoteName(.c), NoteName(.f, .sharp), NoteName(.b, .flat), NoteName(.e, .flat)] {
            for quality in ChordSymbol.Quality.allCases {
                for seventh in [nil] + ChordSymbol.Seventh.allCases.map(Optional.some) {
                    for sixth in [false, true] where !(sixth && seventh != nil) {
                        if quality == .power && (seventh != nil || sixth) { continue }
                        if seventh == .diminished && quality != .diminished { continue }
                        for tensions in tensionSets {
                            if quality == .power && tensions.contains(where: { $0.degree == 5 }) { continue }
                            for omitted in [[], [5], [3]] as [[Int]] {
                                if quality == .power && !omitted.isEmpty { continue }
                                for bass in [nil, NoteName(.g)] {
                                    let c = ChordSymbol(
                                        root: root, quality: quality, seventh: seventh, sixth: sixth,
                                        tensions: tensions, omitted: omitted, bass: bass
                                    ).normalized()
                                    for notation in ChordSymbol.Notation.allCases {
                                        let text = c.written(in: notation)
                                        let back = try? ChordSymbol(parsing: text)
                                        #expect(back == c, "\(text) in \(notation)")
                                        count += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        #expect(count > 5000)
    }

    @Test func errorsPointAtTheCharacter() {
        func error(_ text: String) -> ChordSymbolError? {
            do {
                _ = try ChordSymbol(parsing: text)
                return nil
            } catch { return error }
        }
        let e = error("Cmaj7#")
        #expect(e?.column == 6)
        #expect(
            e?.description
                == "\"Cmaj7#\" is not a chord symbol: at character 6, \"#\" must be followed by 5, 9, 11 or 13.")
        #expect(error("H7")?.column == 1)
        #expect(error("")?.column == 1)
        #expect(error("c")?.problem.contains("uppercase") == true)
        #expect(error("Cx7")?.column == 2)
        #expect(error("C7(b9")?.column == 3)
        #expect(error("C7(b9")?.problem == "the bracket opened here is not closed")
        #expect(error("C/H")?.column == 3)
        #expect(error("C/E7")?.column == 4)
        #expect(error("Cm sus")?.column == 3)
        #expect(error("Cmsus4")?.column == 3)
        #expect(error("Cadd")?.column == 5)
        #expect(error("C7()")?.column == 4)
        #expect(error("C♭♭♭")?.column == 4)
        // Columns count characters, not bytes.
        #expect(error("B♭m7(#)")?.column == 6)
    }

    @Test func namesChordsFromPitches() {
        func name(_ pitches: [Int], _ key: Key? = nil) -> String? { ChordSymbol.named(pitches, in: key)?.description }
        #expect(name([64, 67, 72]) == "C/E")  // E-G-C, not Em#5
        #expect(name([60, 64, 67]) == "C")
        #expect(name([57, 60, 64, 67]) == "Am7")
        #expect(name([60, 64, 67, 69]) == "C6")
        #expect(name([55, 60, 64, 67]) == "C/G")
        #expect(name([43, 59, 62, 65]) == "G7")
        #expect(name([48, 64, 70]) == "C7")  // no fifth
        #expect(name([59, 62, 65, 67]) == "G7/B")
        #expect(name([60, 63, 66, 69]) == "Cdim7")
        #expect(name([62, 65, 69, 72]) == "Dm7")
        #expect(name([60, 64, 67, 70, 74]) == "C9")
        #expect(name([60, 62, 67]) == "Csus2")
        #expect(name([60, 65, 67]) == "Csus4")
        #expect(name([60, 67]) == "C5")
        #expect(name([60]) == nil)
        #expect(name([]) == nil)
        // Spelled in the key: E major in A minor has G♯; D♭ major in F minor, C♯ major in F♯ minor.
        let aMinor = Key(tonic: NoteName(.a), mode: .minor)
        #expect(name([56, 64, 71], aMinor) == "E/G#")
        #expect(name([61, 65, 68], Key(tonic: NoteName(.f), mode: .minor)) == "Db")
        #expect(name([61, 65, 68], Key(tonic: NoteName(.f, .sharp), mode: .minor)) == "C#")
        #expect(name([51, 55, 58, 61], Key(tonic: NoteName(.a, .flat), mode: .major)) == "Eb7")
    }

    @Test func chordTonesAndTensions() throws {
        func spelled(_ text: String) throws -> String {
            try chord(text).spelledTones.map(\.description).joined(separator: " ")
        }
        #expect(try spelled("C7(#9)") == "C E G B♭ D♯")
        #expect(try spelled("Ebm7") == "E♭ G♭ B♭ D♭")
        #expect(try spelled("F#m7b5") == "F♯ A C E")
        #expect(try spelled("Bdim7") == "B D F A♭")
        #expect(try spelled("Db13sus4") == "D♭ G♭ A♭ C♭ E♭ B♭")
        #expect(try spelled("G7b5") == "G B D♭ F")
        #expect(try spelled("C7(no3)") == "C G B♭")
        let g13 = try chord("G13")
        #expect(g13.chordTones.map(\.value) == [7, 11, 2, 5])
        #expect(g13.tensionPitchClasses.map(\.value) == [9, 4])
        #expect(try chord("C7(#9)").toneIntervals.map(\.description) == ["P1", "M3", "P5", "m7", "A2"])
    }

    @Test func transposesSpelledForTheKey() throws {
        let cMinor = Key(tonic: NoteName(.c), mode: .minor)
        // A minor → C minor: C (III) becomes E♭, E7 becomes G7, G becomes B♭.
        #expect(try chord("C").transposed(by: 3, in: cMinor).description == "Eb")
        #expect(try chord("E7").transposed(by: 3, in: cMinor).description == "G7")
        #expect(try chord("Am7/G").transposed(by: 3, in: cMinor).description == "Cm7/Bb")
        #expect(try chord("E/G#").transposed(by: 3, in: cMinor).description == "G/B")
        #expect(try chord("Dm7b5").transposed(by: -2).description == "Cm7b5")
        #expect(try chord("G7(#9)").transposed(by: 1).description == "Ab7(#9)")
        #expect(try chord("N.C.").transposed(by: 5) == .noChord)
        let aMinor = Key(tonic: NoteName(.a), mode: .minor)
        #expect(aMinor.transposed(by: 3) == cMinor)
        #expect(Key(tonic: NoteName(.c), mode: .major).transposed(by: 6).description == "G♭ major")
        #expect(Key(tonic: NoteName(.c), mode: .major).transposed(by: 1).description == "D♭ major")
        #expect(Key(tonic: NoteName(.e), mode: .minor).transposed(by: 1).description == "F minor")
        #expect(Note(.g, .sharp, octave: 4).transposed(by: 3, in: cMinor).description == "B4")
        #expect(Note(.e, octave: 4).transposed(by: 3, in: cMinor).description == "G4")
        #expect(Note(.d, octave: 4).transposed(by: 1, in: cMinor).description == "E♭4")
        #expect(Note(.b, octave: 4).transposed(by: 1).midi == 72)
    }
}
