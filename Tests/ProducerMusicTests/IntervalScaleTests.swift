import ProducerMusic
import Testing

@Suite("Intervals and scales")
struct IntervalScaleTests {
    private func n(_ text: String) throws -> NoteName { try Note(parsing: text + "4").name }

    @Test func intervalsBetweenNoteNames() throws {
        #expect(Interval(from: try n("C"), to: try n("Eb")).name == "minor third")
        #expect(Interval(from: try n("C"), to: try n("E")).name == "major third")
        #expect(Interval(from: try n("C"), to: try n("F#")).name == "augmented fourth")
        #expect(Interval(from: try n("C"), to: try n("Gb")).name == "diminished fifth")
        #expect(Interval(from: try n("C"), to: try n("F#")).semitones == 6)
        #expect(Interval(from: try n("C"), to: try n("Gb")).semitones == 6)
        #expect(Interval(from: try n("F#"), to: try n("C")).name == "diminished fifth")
        #expect(Interval(from: try n("E"), to: try n("D")).name == "minor seventh")
        #expect(Interval(from: try n("B"), to: try n("A#")).name == "major seventh")
        #expect(Interval(from: try n("C"), to: try n("C")).name == "perfect unison")
        #expect(Interval(from: try n("C"), to: try n("C#")).name == "augmented unison")
        #expect(Interval(from: try n("C"), to: try n("Db")).name == "minor second")
        #expect(Interval(from: try n("Ab"), to: try n("E")).name == "augmented fifth")
        #expect(Interval(from: try n("C"), to: try n("A")).description == "M6")
        #expect(Interval(.major, 5) == nil)
        #expect(Interval(.perfect, 3) == nil)
        #expect(Interval.majorThird.inverted == .minorSixth)
        #expect(Interval.augmentedFourth.inverted == .diminishedFifth)
    }

    @Test func intervalsBetweenNotes() throws {
        let c4 = Note(.c, octave: 4)
        #expect(Interval(from: c4, to: Note(.e, octave: 5)).name == "major tenth")
        #expect(Interval(from: c4, to: Note(.e, octave: 5)).semitones == 16)
        #expect(Interval(from: c4, to: Note(.c, octave: 5)).name == "perfect octave")
        #expect(Interval(from: Note(.g, octave: 4), to: c4).name == "perfect fifth")  // counted up from C4
        #expect(Interval(from: c4, to: Note(.d, .flat, octave: 5)).name == "minor ninth")
        #expect(Interval(from: c4, to: Note(.f, .sharp, octave: 5)).name == "augmented eleventh")
    }

    @Test func intervalsAboveAndBelow() throws {
        #expect(Interval.majorThird.above(try n("Eb")) == (try n("G")))
        #expect(Interval.minorThird.above(try n("C#")) == (try n("E")))
        #expect(Interval.perfectFifth.below(try n("C")) == (try n("F")))
        #expect(Interval.diminishedFifth.above(try n("G")) == (try n("Db")))
        #expect(Interval.augmentedFourth.above(try n("G")) == (try n("C#")))
        for i in [Interval.minorSecond, .majorThird, .augmentedFourth, .minorSeventh] {
            for name in ["C", "F#", "Bb", "E"] {
                let above = try #require(i.above(try n(name)))
                #expect(Interval(from: try n(name), to: above) == i)
            }
        }
    }

    @Test func scalesAreSpelledOneLetterEach() throws {
        func names(_ tonic: String, _ kind: Scale.Kind) throws -> String {
            Scale(tonic: try n(tonic), kind: kind).notes.map(\.description).joined(separator: " ")
        }
        #expect(try names("C", .major) == "C D E F G A B")
        #expect(try names("A", .naturalMinor) == "A B C D E F G")
        #expect(try names("A", .harmonicMinor) == "A B C D E F G♯")
        #expect(try names("A", .melodicMinor) == "A B C D E F♯ G♯")
        #expect(try names("C#", .harmonicMinor) == "C♯ D♯ E F♯ G♯ A B♯")
        #expect(try names("Db", .major) == "D♭ E♭ F G♭ A♭ B♭ C")
        #expect(try names("D", .dorian) == "D E F G A B C")
        #expect(try names("E", .phrygian) == "E F G A B C D")
        #expect(try names("F", .lydian) == "F G A B C D E")
        #expect(try names("G", .mixolydian) == "G A B C D E F")
        #expect(try names("B", .locrian) == "B C D E F G A")
        #expect(try names("G", .majorPentatonic) == "G A B D E")
        #expect(try names("E", .minorPentatonic) == "E G A B D")
        #expect(try names("A", .blues) == "A C D E♭ E G")
        #expect(try names("Eb", .blues) == "E♭ G♭ A♭ B𝄫 B♭ D♭")
        #expect(Scale(tonic: try n("C"), kind: .blues).semitones == [0, 3, 5, 6, 7, 10])
        #expect(
            Scale(tonic: try n("C"), kind: .major).notes(fromOctave: 4).map(\.midi) == [60, 62, 64, 65, 67, 69, 71, 72])
        #expect(Scale(key: Key(tonic: try n("E"), mode: .minor)).description == "E natural minor")
    }

    /// The same pitch class is C♯ in one key and D♭ in another.
    @Test func sharpOrFlatByKey() throws {
        let dMajor = Key(tonic: try n("D"), mode: .major)
        let abMajor = Key(tonic: try n("Ab"), mode: .major)
        #expect(dMajor.spell(PitchClass(1)).description == "C♯")
        #expect(abMajor.spell(PitchClass(1)).description == "D♭")
        #expect(Scale(key: dMajor).notes.contains(try n("C#")))
        #expect(Scale(key: abMajor).notes.contains(try n("Db")))
        #expect(ChordSymbol.named([61, 65, 68], in: abMajor)?.description == "Db")
        #expect(ChordSymbol.named([61, 65, 68], in: dMajor)?.description == "C#")
    }
}
