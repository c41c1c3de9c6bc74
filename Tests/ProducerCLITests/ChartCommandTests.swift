import Foundation
import ProducerTestSupport
import Testing

/// `producer chart`: numerals, capo advice and the singer's range on a chart.
@Suite struct ChartCommandTests {
    @Test func namesNumeralsCapoAndRange() async throws {
        let dir = try temporaryDirectory()
        let path = dir + "/song.txt"
        try """
        title: Harbour
        key: Eb major
        tempo: 100

        [Verse]
        | Eb | Bb | Cm | Ab |
        melody: | G4/2 Bb4/2 | F4/1 | G4/2 Eb5/2 | C5/1 |
        [Bridge]
        | F7 | Bb7 | Cb | Bb |

        """.write(toFile: path, atomically: true, encoding: .utf8)
        let r = await runInProcess(["chart", path, "--singer", "A2-E4", "--json"])
        #expect(r.status == 0, "\(r.err)")
        struct Output: Decodable {
            struct Analysis: Decodable {
                struct Section: Decodable {
                    struct Chord: Decodable { var symbol: String; var numeral: String?; var function: String? }
                    var name: String
                    var bars: [[Chord]]
                }
                struct Capo: Decodable { var fret: Int; var openChords: Int; var totalChords: Int }
                struct Range: Decodable { var fits: Bool; var aboveBy: Int; var highest: String }
                var sections: [Section]
                var capo: [Capo]
                var range: Range?
            }
            var analysis: Analysis
        }
        let out = try JSONDecoder().decode(Output.self, from: Data(r.out.utf8)).analysis
        let verse = out.sections[0].bars.map { $0[0].numeral }
        #expect(verse == ["I", "V", "vi", "IV"])
        let bridge = out.sections[1].bars.map { $0[0] }
        // F7 resolves to B♭7 … the V of the V; C♭ is ♭VI borrowed from E♭ minor.
        #expect(bridge[0].numeral == "V7/V")
        #expect(bridge[2].numeral == "♭VI")
        #expect(bridge[2].function?.contains("borrowed") == true)
        // Capo 1: D A – G | E7 A7 – A shapes; capo 3: C G Am – | D7 G7 – G. Six of eight open
        // either way (F and B♭ are not open shapes); the lower fret first.
        #expect(out.capo.prefix(2).map(\.fret) == [1, 3])
        #expect(out.capo.prefix(2).allSatisfy { $0.openChords == 6 && $0.totalChords == 8 })
        // The melody tops out at E♭5: eleven semitones over E4.
        let range = try #require(out.range)
        #expect(!range.fits && range.aboveBy == 11)
        #expect(range.highest == "E♭5")

        let moved = await runInProcess(["chart", path, "--key", "C major"])
        #expect(moved.status == 0, "\(moved.err)")
        #expect(moved.out.contains("key: C major"))
        #expect(moved.out.contains("| C | G | Am | F |"))
        #expect(moved.out.contains("| D7 | G7 | Ab | G |"))
    }

    @Test func aMistakeIsNamedByLineAndColumn() async throws {
        let dir = try temporaryDirectory()
        let path = dir + "/bad.txt"
        try "title: X\n\n[Verse]\n| C | Gx9 |\n".write(toFile: path, atomically: true, encoding: .utf8)
        let r = await runInProcess(["chart", path])
        #expect(r.status == 1)
        #expect(r.err.contains("bad.txt:4:"), "\(r.err)")
    }
}
