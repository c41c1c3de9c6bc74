import Foundation
import ProducerTestSupport
import ProducerAudio
import ProducerMusic
import Testing

/// `producer listen` and `producer takes` as a person runs them.
@Suite("producer listen and takes, run in process")
struct ListenCommandTests {
    /// Eight notes at 120 BPM in C major, one 30 cents flat (note 3) and one 40 ms late (note 5).
    static func writeMaterial(in dir: String, stereo: Bool = false) throws -> (take: String, reference: String) {
        let pitches = [60, 62, 64, 65, 67, 69, 71, 72]
        let reference = pitches.enumerated().map { i, p in
            MIDINote(pitch: p, start: 0.5 + Double(i) * 0.5, end: 0.5 + Double(i) * 0.5 + 0.42)
        }
        let midiPath = dir + "/part.mid"
        try MIDIFile.write(notes: reference, tempo: 120, to: midiPath)
        var synth = VoiceSynth(sampleRate: 44_100, seed: 9)
        synth.breathNoiseSNR = 35
        let sung = reference.enumerated().map { i, r in
            SungNote(
                start: r.start + (i == 5 ? 0.040 : 0), duration: 0.40 - (i == 5 ? 0.04 : 0),
                midi: Double(r.pitch) - (i == 3 ? 0.30 : 0))
        }
        let samples = synth.render(sung, duration: 5).samples
        let take = dir + "/take.wav"
        let channels = stereo ? [samples, samples] : [samples]
        try AudioFile.write(
            AudioBuffer(channels: channels), to: take,
            format: AudioFormat(sampleRate: 44_100, channelCount: channels.count, encoding: .integer(bits: 24)))
        return (take, midiPath)
    }

    @Test("listen --json: the flat note and the late note, with the keys the issue names")
    func listenJSON() async throws {
        let dir = try temporaryDirectory()
        let m = try Self.writeMaterial(in: dir, stereo: true)
        let r = await runInProcess(
            ["listen", m.take, "--reference", m.reference, "--key", "C major", "--part", "vocal", "--json", "--frames"])
        #expect(r.status == 0, "\(r.err)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        for key in ["tempo", "key", "beats", "downbeats", "onsets", "notes", "summary", "advice", "frames"] {
            #expect(report[key] != nil, "missing \(key)")
        }
        let notes = try #require(report["notes"] as? [[String: Any]])
        #expect(notes.count == 8)
        for key in ["start", "end", "midi", "name", "cents", "expected", "timingMs"] {
            #expect(notes.allSatisfy { $0.keys.contains(key) }, "notes lack \(key)")
        }
        #expect(abs((notes[3]["cents"] as? Double ?? 0) + 30) <= 5)
        #expect(notes[3]["expected"] as? String == "F4")
        #expect(abs((notes[5]["timingMs"] as? Double ?? 0) - 40) <= 5)
        let summary = try #require(report["summary"] as? [String: Any])
        for key in ["pitchWithin20Cents", "meanAbsCents", "timingWithin20Ms", "meanAbsTimingMs"] {
            #expect(summary[key] is Double, "summary lacks \(key)")
        }
        let advice = try #require(report["advice"] as? [[String: Any]])
        #expect(advice.contains { ($0["message"] as? String)?.contains("30 cents flat") == true })
        #expect(advice.allSatisfy { $0["time"] is Double && $0["severity"] is String })
        let frames = try #require(report["frames"] as? [[String: Any]])
        #expect(frames.count > 400 && frames.allSatisfy { $0["f0"] is Double && $0["voicing"] is Double })
        // A stereo take is folded to mono, and says so.
        let remarks = report["notesForListener"] as? [String] ?? []
        #expect(remarks.contains { $0.contains("folded to mono") })
        // --tempo on the readable report gives bar:beat positions.
        let text = await runInProcess(["listen", m.take, "--tempo", "120", "--key", "C major"])
        #expect(text.status == 0 && text.out.contains("cents flat") && text.out.contains("bar"))
    }

    @Test("listen: a bad key, a broken MIDI file and a missing take each give a clear error and exit 1")
    func listenErrors() async throws {
        let dir = try temporaryDirectory()
        let m = try Self.writeMaterial(in: dir)
        let badKey = await runInProcess(["listen", m.take, "--key", "H sharp major"])
        #expect(badKey.status == 1 && badKey.err.contains("H sharp major"))
        let brokenMIDI = dir + "/broken.mid"
        try Data("MThd garbage".utf8).write(to: URL(fileURLWithPath: brokenMIDI))
        let badMIDI = await runInProcess(["listen", m.take, "--reference", brokenMIDI])
        #expect(badMIDI.status == 1 && badMIDI.err.contains("broken.mid"))
        let missing = await runInProcess(["listen", dir + "/nope.wav"])
        #expect(missing.status == 1 && missing.err.contains("nope.wav"))
    }

    @Test("takes --comp writes the comp and the comp sheet")
    func takesComp() async throws {
        let dir = try temporaryDirectory()
        let m = try Self.writeMaterial(in: dir)
        let comp = dir + "/comp.wav"
        let r = await runInProcess(["takes", m.take, m.take, "--reference", m.reference, "--comp", comp, "--json"])
        #expect(r.status == 0, "\(r.err)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let ranking = try #require(result["ranking"] as? [String: Any])
        #expect((ranking["takes"] as? [Any])?.count == 2)
        #expect(((ranking["phrases"] as? [Any])?.count ?? 0) >= 1)
        let written = try AudioFile.read(path: comp)
        #expect(written.buffer.frameCount == 5 * 44_100)
    }
}
