import Foundation
import ProducerAudio
import ProducerJobs
import ProducerMusic
import ProducerTestSupport
import Testing

/// The demo's music: its song as a chart, arranged in two styles, rendered, and the comp sung over
/// one of them, checked with outside readers.
@Suite struct DemoMusicTests {
    @Test(
        "the demo arranges its chart in two styles and sings the comp over one",
        .enabled(
            if: Python.canImport("mido", "music21"), "python3 cannot import mido and music21 (pip install mido music21)"
        ))
    func arrangesAndSingsOverIt() async throws {
        let report = try await ProduceTests.demo.value
        let music = report.music
        let chart = try Chart(path: music.chart)
        #expect(chart.played().count == music.bars && music.bars == 8)
        #expect(music.arrangements.map(\.style) == DemoArrangements.styles.map(\.rawValue))
        let melody = chart.sections.flatMap(\.bars).flatMap(\.melody).filter { $0.note != nil }.count
        for a in music.arrangements {
            // mido, strict, reads as many notes per track as the demo says it wrote.
            let counts = try Python.json(
                """
                import json, sys, mido
                f = mido.MidiFile(sys.argv[1])
                counts = {}
                for t in f.tracks:
                    n = sum(1 for m in t if m.type == 'note_on' and m.velocity > 0)
                    if n: counts[t.name] = n
                print(json.dumps(counts))
                """, arguments: [a.midi], as: [String: Int].self)
            #expect(counts == a.parts, "\(a.style)")
            #expect(a.parts["Lead"] == melody)
            // The preview sounds for the whole chart.
            let loudness = try LoudnessCurve(reading: a.audio)
            let reader = try AudioFileReader(path: a.audio)
            let seconds = Double(reader.frameCount) / reader.format.sampleRate
            #expect(seconds >= chart.tempoMap().seconds(atQuarterNotes: chart.lengthInQuarterNotes))
            #expect((loudness.integrated ?? -99) > -30, "\(a.style)")
        }
        // The two styles are different arrangements of the same chart.
        #expect(music.arrangements[0].parts != music.arrangements[1].parts)

        // The sung mix: the session plays the MIDI tracks and the comp; the band sits under the voice.
        let session = try String(contentsOfFile: music.session, encoding: .utf8)
        #expect(session.contains("midi: song1-pop.mid") && session.contains("comps/lead-vocal.wav"))
        #expect(!session.contains("track: Lead"))
        #expect(music.mixTruePeak <= -0.9)
        let comp = try LoudnessCurve(reading: report.project + "/out/song1/comps/lead-vocal.wav")
        let mix = try LoudnessCurve(reading: music.mix)
        let voice = try #require(comp.integrated), whole = try #require(mix.integrated)
        #expect(whole > voice - 1 && whole < voice + 3, "voice \(voice) LUFS, mix \(whole) LUFS")

        // The lead sheet reads in music21 with the chart's melody and chords.
        struct Sheet: Decodable {
            var notes: Int
            var chords: [String]
        }
        let sheet = try Python.json(
            """
            import json, sys
            from music21 import converter, harmony
            s = converter.parse(sys.argv[1])
            notes = [n for n in s.recurse().notes if not isinstance(n, harmony.ChordSymbol)]
            chords = [c.figure for c in s.recurse().getElementsByClass(harmony.ChordSymbol)]
            print(json.dumps({"notes": len(notes), "chords": chords}))
            """, arguments: [music.leadSheet], as: Sheet.self)
        #expect(sheet.notes == melody)
        #expect(sheet.chords.count == chart.sections.flatMap(\.bars).flatMap(\.chords).count)
    }
}
