import ProducerMusic
import Testing

@Suite("Capo advice and vocal range")
struct CapoRangeTests {
    private func chords(_ text: String) throws -> [ChordSymbol] {
        try text.split(separator: " ").map { try ChordSymbol(parsing: String($0)) }
    }

    /// E♭ B♭ Cm A♭ Gm: with the capo on 3 they are played C G Am F Em (four open shapes of five).
    @Test func capoThreeForEFlat() throws {
        let s = CapoSuggestion.suggestions(for: try chords("Eb Bb Cm Ab Gm Eb"))
        let best = try #require(s.first)
        #expect(best.fret == 3)
        #expect(best.openChords == 5)
        #expect(best.totalChords == 6)
        #expect(best.shapes.map(\.shape.description) == ["C", "G", "Am", "F", "Em"])
        #expect(best.shapes.map(\.isOpen) == [true, true, true, false, true])
        // Capo 1 gives D A Bm G F♯m: three open, and it comes next.
        #expect(s.dropFirst().first?.fret == 1)
        #expect(s.dropFirst().first?.openChords == 4)
    }

    @Test func noCapoWhenTheChordsAreOpen() throws {
        let best = try #require(CapoSuggestion.suggestions(for: try chords("G D Em C Am7 D7")).first)
        #expect(best.fret == 0)
        #expect(best.openChords == 6)
        // Sevenths and slash basses keep their shapes: F7 at capo 3 is D7, Bb/D at capo 3 is G.
        let b = try #require(CapoSuggestion.suggestions(for: try chords("Bb/D F7 Gm7 Eb")).first)
        #expect(b.fret == 3)
        #expect(b.shapes.map(\.shape.description) == ["G", "D7", "Em7", "C"])
        #expect(CapoSuggestion.suggestions(for: try chords("N.C.")).isEmpty)
    }

    @Test func rangeFitsOrNot() throws {
        // A baritone, A2–E4; the melody A3 C4 E4 G4 (written in A minor).
        let range = VocalRange(low: try Note(parsing: "A2"), high: try Note(parsing: "E4"))
        let melody = [57, 60, 64, 67]
        let aMinor = Key(tonic: NoteName(.a), mode: .minor)
        let check = try #require(range.check(melody, in: aMinor))
        #expect(!check.fits)
        #expect(check.lowest.description == "A3")
        #expect(check.highest.description == "G4")
        #expect(check.aboveBy == 3)
        #expect(check.belowBy == 0)
        // A 10-semitone melody in a 19-semitone range fits from −12 to −3; centred: the melody's
        // middle (62) goes to the range's middle (54.5), −7.5: −7 and −8 tie, the smaller move first.
        #expect(check.bestTranspositions.first == -7)
        #expect(check.bestTranspositions.count == 10)
        #expect(Set(check.bestTranspositions) == Set(-12 ... -3))
        // Sung in E minor (down 5): E3 G3 B3 D4, which fits, spelled in E minor.
        let eMinor = Key(tonic: NoteName(.e), mode: .minor)
        let inE = try #require(range.check(melody, writtenIn: aMinor, sungIn: eMinor))
        #expect(inE.fits)
        #expect(inE.lowest.description == "E3")
        #expect(inE.highest.description == "D4")
        // Sung in C minor (up 3): too high by 6.
        let inC = try #require(range.check(melody, writtenIn: aMinor, sungIn: Key(tonic: NoteName(.c), mode: .minor)))
        #expect(!inC.fits)
        #expect(inC.aboveBy == 6)
        #expect(inC.highest.description == "B♭4")
        // A melody wider than the range never fits.
        #expect(range.check([40, 70])?.bestTranspositions.isEmpty == true)
        #expect(range.check([]) == nil)
    }
}
