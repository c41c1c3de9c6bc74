import Foundation
import ProducerAudio
import ProducerOffice
import ProducerStore
import ProducerTestSupport
import Testing

/// `producer tracklist` on the demo album's plan, with ratings and one song known only by its mix.
@Suite("producer tracklist", .enabled(if: producerExecutable != nil, "the producer executable was not built"))
struct TracklistCommandTests {
    /// The album with ratings, and a sixth song, "Late Train", with no length, tempo or key but a
    /// 24-second mix at 120 bpm over an A minor chord in out/late-train/mix.wav.
    static func ratedAlbum() async throws -> String {
        let folder = try await albumProject()
        let store = try await ProjectDatabase.open(.sqlite(path: folder + "/project.sqlite"))
        try await store.update { project in
            let ratings: [String: Song.Ratings] = [
                "song1": .init(artist: 8, producer: 8), "song2": .init(artist: 9, producer: 9),
                "song3": .init(artist: 7, producer: 8), "song4": .init(artist: 4, producer: 5),
                "song5": .init(artist: 7, producer: 6),
            ]
            for i in project.songs.indices { project.songs[i].ratings = ratings[project.songs[i].id] ?? .init() }
            project.songs.append(Song(id: "late-train", title: "Late Train", ratings: .init(artist: 9, producer: 9)))
        }
        try await store.close()
        let rate = 48_000.0
        let frames = Int(24 * rate)
        var samples = [Float](repeating: 0, count: frames)
        for i in 0..<frames {
            let t = Double(i) / rate
            var x = 0.08 * (sin(2 * .pi * 220 * t) + sin(2 * .pi * 261.63 * t) + sin(2 * .pi * 329.63 * t))
            let sinceBeat = t.truncatingRemainder(dividingBy: 0.5)
            x += 0.6 * exp(-sinceBeat * 60) * sin(2 * .pi * 90 * sinceBeat)
            samples[i] = Float(x)
        }
        let out = folder + "/out/late-train"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        _ = try writeWAV(AudioBuffer(channels: [samples, samples]), "mix.wav", in: out)
        return folder
    }

    @Test("chooses four under 16 minutes, measures the song known only by its mix, keeps the order")
    func choosesMeasuresAndKeeps() async throws {
        // Given the rated album
        let folder = try await Self.ratedAlbum()
        // When four songs are chosen for at most 16 minutes
        let r = try await producer([
            "tracklist", "--songs", "4", "--max-length", "16:00", "--json", "--project", folder,
        ])
        #expect(r.status == 0, "\(r.err)")
        let plan = try JSONDecoder().decode(TracklistPlan.self, from: Data(r.out.utf8))
        // Then the four best-rated are chosen (Paper Harbour 9, Late Train 9, Night Trains 8,
        // Slow Signal 7.5), the slow one (76 bpm) does not open, and the rest are left out
        #expect(Set(plan.tracks.map(\.title)) == ["Paper Harbour", "Late Train", "Night Trains", "Slow Signal"])
        #expect(plan.tracks.first?.title != "Slow Signal")
        #expect(plan.leftOut.map(\.title) == ["Ferris Wheel", "Blue Hour"])
        // And Late Train's length and tempo come from its mix
        let late = try #require(plan.tracks.first { $0.title == "Late Train" })
        #expect(abs((late.length ?? 0) - 24) < 0.01)
        #expect(abs((late.tempo ?? 0) - 120) <= 2, "tempo \(late.tempo ?? 0)")
        #expect(late.why.contains { $0.hasPrefix("tempo 120 bpm from out/late-train/mix.wav") })
        #expect(late.key == "A minor")
        #expect(late.why.contains("key A minor from out/late-train/mix.wav"))
        #expect(plan.length.map { abs($0 - (188 + 24 + 214 + 246)) < 0.01 } == true)
        // And the project keeps that order
        let store = try await ProjectDatabase.open(.sqlite(path: folder + "/project.sqlite"))
        let kept = try await store.snapshot().tracklist
        try await store.close()
        #expect(kept?.songIDs == plan.tracks.map(\.songID))
    }

    @Test("the text shows the flow track by track and why; --dry-run keeps nothing")
    func textAndDryRun() async throws {
        // Given the rated album
        let folder = try await Self.ratedAlbum()
        // When five songs are shown for vinyl without keeping them
        let r = try await producer(["tracklist", "--songs", "5", "--vinyl", "--dry-run", "--project", folder])
        // Then the table has the flow columns, the sides, the opener's reason, and nothing is kept
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("Length  Tempo  Key"))
        #expect(r.out.contains("vinyl: side A"))
        #expect(r.out.contains("Opens the album: rated 9"))
        #expect(r.out.contains("After "))
        #expect(r.out.contains("(not kept: --dry-run)"))
        let store = try await ProjectDatabase.open(.sqlite(path: folder + "/project.sqlite"))
        #expect(try await store.snapshot().tracklist == nil)
        try await store.close()
    }

    @Test(
        "what cannot be met exits 1 with the rule in words",
        arguments: [
            (["--songs", "4", "--max-length", "4:00"], "the 4 shortest songs already run"),
            (["--songs", "0"], "--songs 0: an album has 1 to 40 songs"),
            (["--songs", "7"], "--songs 7: the project has 6 candidate songs"),
            (
                ["--songs", "3", "--max-length", "45 min"],
                "--max-length 45 min: write the album's longest length as mm:ss"
            ),
        ])
    func refusals(arguments: [String], message: String) async throws {
        let folder = try await Self.ratedAlbum()
        let r = try await producer(["tracklist"] + arguments + ["--project", folder])
        #expect(r.status == 1)
        #expect(r.err.contains(message), "\(r.err)")
    }
}
