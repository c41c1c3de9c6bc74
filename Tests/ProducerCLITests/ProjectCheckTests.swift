import Foundation
import ProducerAudio
import ProducerJobs
import ProducerTestSupport
import Testing

/// `producer project init` makes the layout's folders; `producer project check` names what is
/// missing or inconsistent, each problem with its file.
@Suite("project layout and check", .enabled(if: producerExecutable != nil, "the producer executable was not built"))
struct ProjectCheckTests {
    @Test("project init makes takes/, mics/, parts/ and refs/ beside the database")
    func initMakesTheLayout() async throws {
        let dir = try temporaryDirectory()
        let r = try await producer(["project", "init", "Night Trains", "--currency", "EUR"], in: dir)
        #expect(r.status == 0, "\(r.err)")
        for folder in ["takes", "mics", "parts", "refs"] {
            var isFolder: ObjCBool = false
            #expect(
                FileManager.default.fileExists(atPath: dir + "/night-trains/" + folder, isDirectory: &isFolder)
                    && isFolder.boolValue, "\(folder)/")
        }
        #expect(r.out.contains("takes/SONG/PART/"))
        // A fresh project checks clean, and says there are no songs yet.
        let check = try await producer(["project", "check", dir + "/night-trains"], in: dir)
        #expect(check.status == 0, "\(check.err)")
        #expect(check.out.contains("takes/: holds no songs yet"))
    }

    @Test("check names a take at another rate, an empty part, a stray file and a song.yaml mistake")
    func checkNamesEachProblem() async throws {
        let project = try temporaryDirectory()
        let fm = FileManager.default
        for folder in [
            "takes/song1/lead-vocal", "takes/song1/bass", "takes/song1/keys", "parts/song1", "mics/song1/oh",
        ] {
            try fm.createDirectory(atPath: project + "/" + folder, withIntermediateDirectories: true)
        }
        let tone = sine(frequency: 220, dBFS: -12, seconds: 1, channels: 1)
        _ = try writeWAV(tone, "take-1.wav", in: project + "/takes/song1/lead-vocal")
        _ = try writeWAV(
            sine(frequency: 220, dBFS: -12, seconds: 1, sampleRate: 44_100, channels: 1), "take-2.wav",
            in: project + "/takes/song1/lead-vocal", sampleRate: 44_100)
        _ = try writeWAV(tone, "bass.wav", in: project + "/takes/song1/bass")
        _ = try writeWAV(tone, "oh-l.wav", in: project + "/mics/song1/oh")
        try "notes".write(toFile: project + "/takes/song1/bass/notes.txt", atomically: true, encoding: .utf8)
        try "MThd".write(toFile: project + "/parts/song1/strings.mid", atomically: true, encoding: .utf8)
        try "title: A\ntempo: fast\n".write(
            toFile: project + "/takes/song1/song.yaml", atomically: true, encoding: .utf8)

        // A song.yaml mistake stops the check at its line and column.
        var r = try await producer(["project", "check", project, "--json"], in: project)
        #expect(r.status == 1)
        #expect(r.out.contains("takes/song1/song.yaml:2:8"), "\(r.out)")

        try "title: A\ntempo: 96\n".write(toFile: project + "/takes/song1/song.yaml", atomically: true, encoding: .utf8)
        r = try await producer(["project", "check", project, "--json"], in: project)
        #expect(r.status == 1, "an error exits 1")
        let check = try JSONDecoder().decode(ProjectCheck.self, from: Data(r.out.utf8))
        func problem(_ place: String) -> ProjectCheck.Problem? { check.problems.first { $0.place == place } }
        #expect(problem("takes/song1/lead-vocal/take-2.wav")?.message.contains("44100 Hz") == true)
        #expect(problem("takes/song1/lead-vocal/take-2.wav")?.severity == .error)
        #expect(problem("takes/song1/keys/")?.message == "a part with no takes (no audio files in its folder)")
        #expect(problem("takes/song1/bass/notes.txt")?.severity == .warning)
        #expect(problem("parts/song1/strings.mid")?.message.contains("no takes") == true)
        #expect(problem("mics/song1/oh/")?.message.contains("at least two mics") == true)
        #expect(check.songs.first?.sampleRate == 48_000)
        #expect(check.songs.first?.takes == 3)

        // produce refuses the same project, naming the first error's file, and writes nothing.
        let produce = try await producer(["produce", project], in: project)
        #expect(produce.status == 1)
        #expect(produce.err.contains("take-2.wav"), "\(produce.err)")
        #expect(!fm.fileExists(atPath: project + "/out"))
        #expect(!fm.fileExists(atPath: project + "/report"))
    }
}
