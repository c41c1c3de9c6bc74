import Foundation
import ProducerAudio
import ProducerFiles
import ProducerJobs
import ProducerMusic
import ProducerTestSupport
import Testing

@Suite("producer arrange")
struct ArrangeCommandTests {
    static let chart = """
        title: Late Train
        key: A minor
        tempo: 92
        time: 4/4

        [Intro]
        | Am | F | C | G |
        [Verse]
        | Am | Am | F | F |
        | C | G | Am | E7 |
        [Chorus] x2
        | F | G | C G/B | Am |
        """

    static func folder() throws -> String {
        let dir = try temporaryDirectory()
        try chart.write(toFile: dir + "/late-train.txt", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func writesTheMIDIFileAndItsSummary() async throws {
        let dir = try Self.folder()
        let out = dir + "/song.mid"
        let r = await runInProcess([
            "arrange", dir + "/late-train.txt", "--style", "funk", "-o", out, "--humanize", "--seed", "3", "--json",
        ])
        #expect(r.status == 0, "\(r.err)")
        let summary = try JSONDecoder().decode(ArrangeSummary.self, from: Data(r.out.utf8))
        #expect(summary.style == .funk && summary.bars == 20 && summary.key == "A minor" && summary.tempo == 92)
        #expect(abs(summary.seconds - 52.174) < 0.001)
        #expect(summary.parts.map(\.track) == ["Drums", "Bass", "Keys", "Guitar", "Pad", "Strings"])
        #expect(summary.parts.first?.channel == 10)
        #expect(summary.sections.map(\.energy) == [1, 2, 4, 5])
        let file = try MIDIFile(path: out)
        #expect(file.format == 1 && file.tracks.count == 7)
        for (k, part) in summary.parts.enumerated() {
            #expect(file.notes().filter { $0.track == k + 1 }.count == part.notes, "\(part.track)")
            #expect(part.notes > 0)
        }
        // Again without --force: refused, the file untouched; with --force: the same bytes.
        let before = try Data(contentsOf: URL(fileURLWithPath: out))
        let again = await runInProcess(["arrange", dir + "/late-train.txt", "--style", "funk", "-o", out])
        #expect(again.status == 1)
        #expect(again.err.contains("song.mid") && again.err.contains("--force"), "\(again.err)")
        let forced = await runInProcess([
            "arrange", dir + "/late-train.txt", "--style", "funk", "-o", out, "--humanize", "--seed", "3", "--force",
        ])
        #expect(forced.status == 0, "\(forced.err)")
        #expect(forced.out.contains("Arranged") && forced.out.contains("Drums"), "\(forced.out)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == before)
    }

    @Test func optionsChangeTheArrangement() async throws {
        let dir = try Self.folder()
        let r = await runInProcess([
            "arrange", dir + "/late-train.txt", "--style", "jazz", "-o", dir + "/jazz.mid", "--tempo", "120", "--key",
            "C minor", "--instruments", "bass,piano", "--density", "sparse", "--feel", "straight", "--json",
        ])
        #expect(r.status == 0, "\(r.err)")
        let summary = try JSONDecoder().decode(ArrangeSummary.self, from: Data(r.out.utf8))
        #expect(summary.parts.map(\.instrument) == [.bass, .keys])
        #expect(summary.key == "C minor" && summary.tempo == 120)
        #expect(summary.sections.map(\.energy) == [0, 1, 3, 4])
        let file = try MIDIFile(path: dir + "/jazz.mid")
        #expect(file.tempoMap.bpm(atSeconds: 0) == 120)
        #expect(file.keySignatures.first?.key == Key(tonic: NoteName(.c), mode: .minor))
    }

    @Test func errorsNameTheFileAndPlace() async throws {
        let dir = try Self.folder()
        // The chart as output: one of the inputs.
        let same = await runInProcess([
            "arrange", dir + "/late-train.txt", "--style", "pop", "-o", dir + "/late-train.txt", "--force",
        ])
        #expect(same.status == 1)
        #expect(same.err.contains("inputs"), "\(same.err)")
        // A mistake in the chart: its line.
        try "key: A minor\n\n[Verse]\n| Am | Hm7 |\n".write(toFile: dir + "/bad.txt", atomically: true, encoding: .utf8)
        let bad = await runInProcess(["arrange", dir + "/bad.txt", "--style", "pop", "-o", dir + "/bad.mid", "--json"])
        #expect(bad.status == 1)
        struct Failure: Decodable {
            struct Report: Decodable {
                var file: String?
                var line: Int?
            }
            var error: Report
        }
        let report = try JSONDecoder().decode(Failure.self, from: Data(bad.err.utf8))
        #expect(report.error.file == dir + "/bad.txt" && report.error.line == 4, "\(bad.err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/bad.mid"))
        // A missing chart, an unknown style.
        let missing = await runInProcess(["arrange", dir + "/none.txt", "--style", "pop", "-o", dir + "/x.mid"])
        #expect(missing.status == 1 && missing.err.contains("none.txt"), "\(missing.err)")
        let style = await runInProcess(["arrange", dir + "/late-train.txt", "--style", "polka", "-o", dir + "/x.mid"])
        #expect(style.status != 0 && style.err.contains("bossa"), "\(style.err)")
    }

    @Test func writesALeadSheetAndAPreview() async throws {
        let dir = try Self.folder()
        let r = await runInProcess([
            "arrange", dir + "/late-train.txt", "--style", "ballad", "--key", "C minor", "-o", dir + "/song.mid",
            "--musicxml", dir + "/lead.musicxml", "--render", dir + "/preview.wav", "--json",
        ])
        #expect(r.status == 0, "\(r.err)")
        let summary = try JSONDecoder().decode(ArrangeSummary.self, from: Data(r.out.utf8))
        #expect(summary.musicXML == dir + "/lead.musicxml" && summary.preview == dir + "/preview.wav")
        // The lead sheet is of the chart as arranged: in C minor, so its key signature has three flats.
        let xml = try String(contentsOfFile: dir + "/lead.musicxml", encoding: .utf8)
        #expect(xml.contains("<fifths>-3</fifths>"))
        #expect(xml.contains("<rehearsal>Chorus</rehearsal>"))
        // The preview lasts the arrangement (plus the instruments' release) and is not silent.
        let reader = try AudioFileReader(path: dir + "/preview.wav")
        let seconds = Double(reader.frameCount) / reader.format.sampleRate
        #expect(seconds >= summary.seconds && seconds < summary.seconds + 5, "\(seconds) s for \(summary.seconds) s")
        #expect((try LoudnessCurve(reading: dir + "/preview.wav").integrated ?? -99) > -30)

        // A second run refuses before writing anything; one file named twice is refused.
        let again = await runInProcess([
            "arrange", dir + "/late-train.txt", "--style", "pop", "-o", dir + "/other.mid", "--render",
            dir + "/preview.wav",
        ])
        #expect(again.status == 1 && again.err.contains("preview.wav"), "\(again.err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/other.mid"))
        let twice = await runInProcess([
            "arrange", dir + "/late-train.txt", "--style", "pop", "-o", dir + "/x.mid", "--musicxml", dir + "/x.mid",
        ])
        #expect(twice.status == 1 && twice.err.contains("two outputs"), "\(twice.err)")
    }
}
