import Foundation
import ProducerAudio
import ProducerConsole
import ProducerEars
import ProducerJobs
import ProducerOffice
import ProducerStore
import ProducerTestSupport
import Testing

/// `producer produce` on a synthesised project (``DemoProject``: one song's stems, three lead
/// takes — one detuned, one late, one clipped — and a phrase wrong in all three, an overhead pair
/// wired wrong, a reference, the album plan): it finds what was planted, books the retake,
/// masters within spec, and a second run redoes only what changed.
@Suite("producer produce", .serialized)
struct ProduceTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// One project produced once for the suite (the later tests change it, in order).
    static let produced = Task { () throws -> (DemoProject.Written, ProduceReport) in
        let dir = try temporaryDirectory()
        let written = try await DemoProject(songs: 1, seconds: 16).write(to: dir + "/project", now: now)
        let report = try await ProduceJob(project: written.folder).run(now: now)
        return (written, report)
    }

    @Test("every stage runs and finds what was planted")
    func findsWhatWasPlanted() async throws {
        let (written, report) = try await Self.produced.value
        let planted = written.songs[0]
        let song = try #require(report.songs.first)
        #expect(report.songs.count == 1)
        // Files: 7 stems, 3 takes, 2 mics, the reference, each checked; the clipped take's clipping
        // is found inside the phrase it was planted in.
        #expect(song.files.count == 13)
        let clipped = try #require(planted.flaws.first { $0.kind == .clipped && !$0.retake })
        let clippedCheck = try #require(song.files.first { written.folder + "/" + $0.file == clipped.take })
        #expect(
            clippedCheck.analysis.clipping.contains { $0.start < clipped.end + 0.1 && $0.end > clipped.start - 0.1 },
            "clipping at \(clippedCheck.analysis.clipping.map(\.start)) against \(clipped.start)…\(clipped.end)")
        // Takes: the comp never takes a planted flaw's phrase from the take it was planted in,
        // except the phrase every take has wrong.
        let lead = try #require(song.parts.first { $0.name == "lead-vocal" })
        let ranking = try #require(lead.takesResult?.ranking)
        #expect(lead.stem == "out/song1/comps/lead-vocal.wav")
        #expect(FileManager.default.fileExists(atPath: written.folder + "/" + lead.stem))
        for flaw in planted.flaws where !flaw.retake {
            let middle = (flaw.start + flaw.end) / 2
            let phrase = try #require(ranking.phrases.first { $0.start <= middle && $0.end >= middle })
            #expect(phrase.takeIndex != flaw.takeIndex, "\(flaw.what): the comp took it from take \(phrase.takeIndex + 1)")
        }
        // Mics: the right overhead's delay and polarity.
        let mic = try #require(song.mics.first?.alignment.mics.first)
        #expect(abs(mic.delaySamples - planted.overheadDelay) < 0.1, "\(mic.delaySamples)")
        #expect(mic.polarity == "inverted")
        // The retake: the phrase every take has wrong, booked in the plan once.
        let phrase = planted.phrases[planted.retakePhrase]
        let retake = try #require(report.retakes.first, "no retake found")
        #expect(report.retakes.count == 1, "\(report.retakes.map(\.reason))")
        #expect(retake.start < phrase.end && retake.end > phrase.start, "\(retake.start)…\(retake.end) vs \(phrase)")
        let session = try #require(retake.session)
        #expect(retake.estimatedCost != nil)
        let snapshot = try await Self.snapshot(written.folder)
        let booked = try #require(snapshot.sessions.first { $0.id == session })
        #expect(booked.songID == "song1" && booked.kind == .vocals && booked.durationMinutes == 60)
        #expect(report.plan?.status.unscheduled.contains(booked.title) == true)
        // Mix and masters: the mix assistant's render, a master per target that passes delivery.
        let mix = try #require(song.mix)
        #expect(mix.plan.stems.count == 10)
        #expect((mix.truePeak ?? 0) <= -0.9)
        #expect(song.masters.map(\.target) == ["spotify", "cd"])
        for master in song.masters {
            #expect(master.delivery.passed, "\(master.target): \(master.delivery.problems)")
        }
        let cd = try #require(song.masters.last)
        #expect(cd.delivery.sampleRate == 44_100 && cd.delivery.bitDepth == 16)
        // ffmpeg agrees on the Spotify master's loudness.
        let spotify = try ffmpegLoudness(written.folder + "/" + song.masters[0].master)
        #expect(abs(spotify.integrated - -14) <= 0.5, "\(spotify)")
        // The report's JSON is written beside its pages.
        let json = try Data(contentsOf: URL(fileURLWithPath: written.folder + "/report/produce.json"))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let saved = try decoder.decode(ProduceReport.self, from: json)
        #expect(saved.songs.first?.masters.first?.report.after.integrated == song.masters.first?.report.after.integrated)
    }

    @Test("a second run redoes only what changed; --force redoes everything")
    func incremental() async throws {
        let (written, first) = try await Self.produced.value
        let folder = written.folder
        let mix = folder + "/out/song1/mix.wav"
        let mixTime = try FileManager.default.attributesOfItem(atPath: mix)[.modificationDate] as? Date
        // Unchanged: nothing redone, nothing rewritten, the same figures; the retake not added twice.
        let again = await runInProcess(["produce", folder, "--json"])
        #expect(again.status == 0, "\(again.err)")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let second = try decoder.decode(ProduceReport.self, from: Data(again.out.utf8))
        #expect(second.songs[0].stages.allSatisfy { !$0.redone }, "\(second.songs[0].stages)")
        let mixTimeAfter = try FileManager.default.attributesOfItem(atPath: mix)[.modificationDate] as? Date
        #expect(mixTimeAfter == mixTime)
        #expect(second.songs[0].mix?.integratedLoudness == first.songs[0].mix?.integratedLoudness)
        let retakes = try await Self.snapshot(folder).sessions.filter { $0.id.hasPrefix("retake-") }
        #expect(retakes.count == 1)
        // One take changed: its files check, the takes, the mix and the masters are redone; the mics are not.
        let take = written.songs[0].leadTakes[0]
        let reader = try AudioFileReader(path: take)
        var buffer = AudioBuffer(channelCount: reader.format.channelCount, frameCapacity: Int(reader.frameCount))
        _ = try reader.read(into: &buffer)
        let quieter = AudioBuffer(channels: (0..<buffer.channelCount).map { buffer.channel($0).map { $0 * 0.5 } })
        try AudioFile.write(quieter, to: take, format: reader.format)
        let third = try await ProduceJob(project: folder).run(now: Self.now)
        let redone = Dictionary(uniqueKeysWithValues: third.songs[0].stages.map { ($0.stage, $0.redone) })
        #expect(redone == ["files": true, "takes": true, "mics": false, "mix": true, "masters": true, "delivery": true])
        // --force: everything again.
        let forced = try await ProduceJob(project: folder, force: true).run(now: Self.now)
        #expect(forced.songs[0].stages.allSatisfy { $0.redone })
    }

    static func snapshot(_ folder: String) async throws -> ProjectSnapshot {
        try await ProjectPlace(project: folder).with { try await $0.snapshot() }
    }
}
