import Foundation
import ProducerAudio
import ProducerMusic
import ProducerTestSupport
import Testing

/// `producer vary`: labelled variations of a chart, each written as a chart, MIDI and (asked)
/// audio, with what it changes.
@Suite struct VaryCommandTests {
    static let chart = """
        title: Late Train
        key: A minor
        tempo: 92
        time: 4/4

        [Verse]
        | Am | F | C | G |
        melody: | A4/4 C5/4 E5/2 | F4/2 A4/2 | G4/4 C5/4 E5/2 | D5/2 B4/2 |
        | Am | Dm | E7 | Am |
        melody: | C5/2 A4/2 | D5/2 F4/2 | E4/4 G#4/4 B4/2 | A4/1 |
        [Chorus] x2
        | F | G | C G/B | Am |

        """

    struct Report: Decodable {
        struct Variation: Decodable {
            var label: String
            var summary: String
            var changes: [String]
            var chartFile: String
            var midiFile: String
            var audioFile: String?
            var key: String?
            var tempo: Double
            var seconds: Double
        }
        var variations: [Variation]
    }

    @Test func writesEachVariationWithWhatItChanges() async throws {
        let dir = try temporaryDirectory()
        let path = dir + "/late-train.txt"
        try Self.chart.write(toFile: path, atomically: true, encoding: .utf8)
        let r = await runInProcess([
            "vary", path, "--reharmonize", "-n", "2", "--key", "C minor", "--tempo", "104", "--feel", "swing",
            "--density", "sparse", "--json",
        ])
        #expect(r.status == 0, "\(r.err)")
        let report = try JSONDecoder().decode(Report.self, from: Data(r.out.utf8))
        let labels = report.variations.map(\.label)
        #expect(labels.first == "original")
        #expect(labels.filter { $0.hasPrefix("reharmonized") }.count == 2)
        #expect(labels.contains("key C minor") && labels.contains("tempo 104"))
        #expect(labels.contains("feel swing") && labels.contains("density sparse"))
        let original = try Chart(path: report.variations[0].chartFile)
        for v in report.variations {
            #expect(!v.summary.isEmpty)
            let midi = try MIDIFile(path: v.midiFile)
            #expect(midi.notes().count > 50, "\(v.label)")
            #expect(v.audioFile == nil)
            let written = try Chart(path: v.chartFile)
            if v.label.hasPrefix("reharmonized") {
                // A reharmonisation changes chords, says which (with Roman numerals), keeps the tune.
                #expect(!v.changes.isEmpty)
                #expect(v.changes.allSatisfy { $0.contains("→") })
                #expect(
                    written.sections.flatMap(\.bars).map(\.chords) != original.sections.flatMap(\.bars).map(\.chords))
                #expect(
                    written.sections.flatMap(\.bars).map(\.melody) == original.sections.flatMap(\.bars).map(\.melody))
            }
        }
        let moved = try #require(report.variations.first { $0.label == "key C minor" })
        #expect(moved.key == "C minor")
        #expect(moved.summary.contains("up 3 semitones"))
        let faster = try #require(report.variations.first { $0.label == "tempo 104" })
        #expect(abs(faster.seconds - report.variations[0].seconds * 92 / 104) < 0.01)

        // A second run refuses to replace the files without --force.
        let again = await runInProcess(["vary", path, "--feel", "swing"])
        #expect(again.status == 1)
        #expect(again.err.contains("--force"))
    }

    @Test func rendersEachVersionThroughTheConsole() async throws {
        let dir = try temporaryDirectory()
        let path = dir + "/short.txt"
        try "key: C major\ntempo: 120\n\n[Verse]\n| C | Am | F | G7 |\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let r = await runInProcess([
            "vary", path, "--tempo", "90", "--key", "D minor", "--render", "-o", dir + "/out", "--json",
        ])
        #expect(r.status == 0, "\(r.err)")
        let report = try JSONDecoder().decode(Report.self, from: Data(r.out.utf8))
        // The song moves to the tonic asked for and keeps its mode, as `arrange --key` does.
        #expect(report.variations.map(\.label) == ["original", "key D major", "tempo 90"])
        #expect(report.variations[1].key == "D major")
        #expect(report.variations[1].summary.contains("major mode is kept"))
        for v in report.variations {
            let audio = try AudioFileReader(path: try #require(v.audioFile))
            // Four bars and the instruments' release: at least the bars' length, not much more.
            let seconds = Double(audio.frameCount) / audio.format.sampleRate
            #expect(seconds >= v.seconds && seconds < v.seconds + 4, "\(v.label): \(seconds) s")
        }
    }

    @Test func aBrokenChartIsNamedWithItsPlace() async throws {
        let dir = try temporaryDirectory()
        let path = dir + "/broken.txt"
        try "key: A minor\n\n[Verse]\n| Am | Fq7 |\n".write(toFile: path, atomically: true, encoding: .utf8)
        let r = await runInProcess(["vary", path, "--feel", "swing"])
        #expect(r.status == 1)
        #expect(r.err.contains("broken.txt:4:"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/broken-variations"))
    }
}
