import Foundation
import ProducerAudio
import ProducerConsole
import ProducerJobs
import ProducerMusic
import ProducerTestSupport
import Testing

/// An arrangement (MIDI) and a sung take through the same assistant and console as recorded
/// stems: automixed, rendered, mastered.
@Suite struct AutomixMIDITests {
    @Test func anArrangementIsAutomixedAgainstASungTakeAndMastered() async throws {
        let dir = try temporaryDirectory()
        // Eight bars of C – Am – F – G at 100 BPM, pop, and a voice singing over them.
        let chart = "key: C major\ntempo: 100\n\n[Verse]\n| C | Am | F | G |\n[Chorus]\n| C | Am | F | G |\n"
        try chart.write(toFile: dir + "/song.txt", atomically: true, encoding: .utf8)
        let arranged = await runInProcess(["arrange", dir + "/song.txt", "--style", "pop", "-o", dir + "/song.mid"])
        #expect(arranged.status == 0, "\(arranged.err)")
        let beat = 0.6
        let notes = (0..<32).map { i in
            SungNote(start: Double(i) * beat, duration: beat * 0.9, midi: Double([64, 67, 69, 67][i % 4]))
        }
        let voice = VoiceSynth(sampleRate: 48_000, seed: 3).render(notes, duration: 32 * beat + 1).samples
        _ = try writeWAV(
            AudioBuffer(channels: [voice.map { $0 * 0.3 }]), "lead-vocal.wav", in: dir, sampleRate: 48_000)

        let result = try AutomixJob(
            stems: [dir + "/song.mid", dir + "/lead-vocal.wav"], output: dir + "/mix.yaml", render: dir + "/mix.wav"
        ).run()
        let plan = result.plan
        // One stem per arranged part, each played by its instrument, with its role from it.
        let midi = plan.stems.filter { $0.midiTrack != nil }
        #expect(midi.map(\.name) == ["Drums", "Bass", "Keys", "Guitar", "Pad", "Strings"])
        #expect(midi.map(\.role) == [.kick, .bass, .keys, .guitar, .pads, .strings])
        #expect(plan.stems.last?.role == .leadVocal)
        let yaml = try String(contentsOfFile: dir + "/mix.yaml", encoding: .utf8)
        #expect(yaml.contains("midi: \"song.mid\"") && yaml.contains("track: \"Bass\""))
        #expect(yaml.contains("instrument: bass"))

        // The console plays the session the assistant wrote: every part on its target (±1 LU).
        let session = try Session(path: result.session)
        for (i, stem) in plan.stems.enumerated() {
            let measured = try #require(try AutomixTests.solo(session, track: i).loudness)
            #expect(abs(measured - stem.target) <= 1, "\(stem.name): \(measured) LUFS against \(stem.target)")
        }
        let mix = try #require(result.mix)
        #expect((mix.truePeak ?? 0) <= -1 + 0.05)

        // And the mix masters like any other: Spotify's −14 LUFS, read back by ffmpeg.
        let mastered = await runInProcess([
            "master", dir + "/mix.wav", "-o", dir + "/master.wav", "--target", "spotify",
        ])
        #expect(mastered.status == 0, "\(mastered.err)")
        guard tool("ffmpeg") != nil else {
            Issue.record("ffmpeg is not installed; .ci/run installs it")
            return
        }
        #expect(abs(try ffmpegLoudness(dir + "/master.wav").integrated + 14) <= 1)
    }
}
