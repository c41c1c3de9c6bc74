import Foundation
import ProducerAudio
import ProducerCLI
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

    /// `producer demo --json`, run once for the suite: a project made by ``DemoProject`` and produced.
    static let demo = Task { () throws -> DemoReport in
        let dir = try temporaryDirectory() + "/demo"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "mine".write(toFile: dir + "/notes.txt", atomically: true, encoding: .utf8)
        let r = await runInProcess(["demo", "--output", dir, "--json"])
        #expect(r.status == 0, "\(r.err)")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(DemoReport.self, from: Data(r.out.utf8))
    }

    @Test("every stage runs and finds what was planted")
    func findsWhatWasPlanted() async throws {
        let demo = try await Self.demo.value
        let report = demo.produced
        let folder = demo.project
        let song = try #require(report.songs.first)
        #expect(demo.findings.allSatisfy { $0.caught }, "\(demo.findings)")
        #expect(demo.findings.count == demo.planted.filter { !$0.retake }.count + 2)
        // The project is in the demo's folder beside what was there, and the report's pages are written.
        let dir = (folder as NSString).deletingLastPathComponent
        #expect(try String(contentsOfFile: dir + "/notes.txt", encoding: .utf8) == "mine")
        for page in ["index.html", "song1.html", "report.css", "produce.json"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/report/" + page), "\(page)")
        }
        #expect(report.songs.count == 1)
        // Files: 7 stems, 3 takes, 2 mics, the reference, each checked; the clipped take's clipping
        // is found inside the phrase it was planted in.
        #expect(song.files.count == 13)
        let clipped = try #require(demo.planted.first { $0.kind == .clipped && !$0.retake })
        let clippedCheck = try #require(song.files.first { folder + "/" + $0.file == clipped.take })
        #expect(
            clippedCheck.analysis.clipping.contains { $0.start < clipped.end + 0.1 && $0.end > clipped.start - 0.1 },
            "clipping at \(clippedCheck.analysis.clipping.map(\.start)) against \(clipped.start)…\(clipped.end)")
        // Takes: the comp never takes a planted flaw's phrase from the take it was planted in,
        // except the phrase every take has wrong.
        let lead = try #require(song.parts.first { $0.name == "lead-vocal" })
        let ranking = try #require(lead.takesResult?.ranking)
        #expect(lead.stem == "out/song1/comps/lead-vocal.wav")
        #expect(FileManager.default.fileExists(atPath: folder + "/" + lead.stem))
        for flaw in demo.planted where !flaw.retake {
            let middle = (flaw.start + flaw.end) / 2
            let phrase = try #require(ranking.phrases.first { $0.start <= middle && $0.end >= middle })
            #expect(
                phrase.takeIndex != flaw.takeIndex, "\(flaw.what): the comp took it from take \(phrase.takeIndex + 1)")
        }
        // Mics: the right overhead's delay and polarity.
        let mic = try #require(song.mics.first?.alignment.mics.first)
        #expect(abs(mic.delaySamples - demo.overheadDelay) < 0.1, "\(mic.delaySamples)")
        #expect(mic.polarity == "inverted")
        // The retake: the phrase every take has wrong, booked in the plan once.
        let phrase = try #require(demo.planted.first { $0.retake })
        let retake = try #require(report.retakes.first, "no retake found")
        #expect(report.retakes.count == 1, "\(report.retakes.map(\.reason))")
        #expect(retake.start < phrase.end && retake.end > phrase.start, "\(retake.start)…\(retake.end) vs \(phrase)")
        let session = try #require(retake.session)
        #expect(retake.estimatedCost != nil)
        let snapshot = try await Self.snapshot(folder)
        let booked = try #require(snapshot.sessions.first { $0.id == session })
        #expect(booked.songID == "song1" && booked.kind == .vocals && booked.durationMinutes == 60)
        #expect(report.plan?.status.unscheduled.contains(booked.title) == true)
        // Mix and masters: the mix assistant's render, a master per target that passes delivery.
        let mix = try #require(song.mix)
        #expect(mix.plan.stems.count == 10)
        #expect((mix.truePeak ?? 0) <= -0.9)
        #expect(song.masters.map(\.target) == ["spotify", "cd"])
        #expect(report.targets == ["spotify", "cd"], "the song.yaml's targets")
        for master in song.masters {
            #expect(master.delivery.passed, "\(master.target): \(master.delivery.problems)")
        }
        let cd = try #require(song.masters.last)
        #expect(cd.delivery.sampleRate == 44_100 && cd.delivery.bitDepth == 16)
        // ffmpeg agrees on the Spotify master's loudness.
        let spotify = try ffmpegLoudness(folder + "/" + song.masters[0].master)
        #expect(abs(spotify.integrated - -14) <= 0.5, "\(spotify)")
        // The report's JSON is written beside its pages.
        let json = try Data(contentsOf: URL(fileURLWithPath: folder + "/report/produce.json"))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let saved = try decoder.decode(ProduceReport.self, from: json)
        #expect(
            saved.songs.first?.masters.first?.report.after.integrated == song.masters.first?.report.after.integrated)
    }

    @Test(
        "the demo's report in headless Chromium: no console errors, every kind of plot drawn, the JSON's figures",
        .enabled(if: BrowserCheck.chromium != nil, "needs chromium (Debian's package; .ci/run installs it)"))
    func demoReportInABrowser() async throws {
        let demo = try await Self.demo.value
        let shots = try temporaryDirectory()
        let pages = try BrowserCheck.run(
            [demo.project + "/report/index.html", demo.project + "/report/song1.html"], screenshots: shots)
        #expect(pages.count == 2)
        for page in pages {
            #expect(page.problems.isEmpty, "\(page.page): \(page.problems)")
            for plot in page.plots {
                #expect(
                    plot.drawn >= 3, "\(page.page): the \(plot.kind) plot '\(plot.title)' draws \(plot.drawn) marks")
            }
            #expect(page.image.ink > 0.05 && page.image.colours > 20, "\(page.page): \(page.image)")
        }
        let kinds = Set(pages.flatMap { $0.plots.map(\.kind) })
        for kind in ["waveform", "pitch", "timing", "comp", "loudness", "spectrum", "masters", "schedule"] {
            #expect(kinds.contains(kind), "no \(kind) plot in \(kinds)")
        }
        // The figures a person reads are the JSON's: the master's loudness, the retake.
        let song = try #require(pages.first { $0.page.hasSuffix("song1.html") })
        let master = try #require(demo.produced.songs[0].masters.first)
        #expect(song.text.contains("\(fixed(master.report.after.integrated, 1)) LUFS"))
        let index = try #require(pages.first { $0.page.hasSuffix("index.html") })
        let retake = try #require(demo.produced.retakes.first)
        #expect(index.text.contains(retake.part), "the index does not list the retake")
    }

    @Test("a second run redoes only what changed; --force redoes everything")
    func incremental() async throws {
        let folder = try Self.smallProject()
        let first = try await ProduceJob(project: folder).run(now: Self.now)
        #expect(first.songs[0].stages.map(\.stage) == ["files", "takes", "mics", "mix", "masters", "delivery"])
        #expect(first.songs[0].stages.allSatisfy { $0.redone })
        let mix = folder + "/out/s1/mix.wav"
        let mixTime = try FileManager.default.attributesOfItem(atPath: mix)[.modificationDate] as? Date
        // Unchanged (a take touched but not changed): nothing redone or rewritten, the same figures.
        let take = folder + "/takes/s1/lead/take-1.wav"
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: take)
        let again = await runInProcess(["produce", folder, "--json"])
        #expect(again.status == 0, "\(again.err)")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let second = try decoder.decode(ProduceReport.self, from: Data(again.out.utf8))
        #expect(second.songs[0].stages.allSatisfy { !$0.redone }, "\(second.songs[0].stages)")
        let mixTimeAfter = try FileManager.default.attributesOfItem(atPath: mix)[.modificationDate] as? Date
        #expect(mixTimeAfter == mixTime)
        #expect(second.songs[0].mix?.integratedLoudness == first.songs[0].mix?.integratedLoudness)
        // One take changed: the files check, the takes, the mix and the masters are redone; the mics are not.
        _ = try writeWAV(Self.tone(330, seconds: 3), "take-1.wav", in: folder + "/takes/s1/lead")
        let third = try await ProduceJob(project: folder).run(now: Self.now)
        let redone = Dictionary(uniqueKeysWithValues: third.songs[0].stages.map { ($0.stage, $0.redone) })
        #expect(
            redone == ["files": true, "takes": true, "mics": false, "mix": true, "masters": true, "delivery": true])
        // An output gone: its stage is redone.
        try FileManager.default.removeItem(atPath: folder + "/out/s1/aligned/oh/b.wav")
        let fourth = try await ProduceJob(project: folder).run(now: Self.now)
        #expect(fourth.songs[0].stages.first { $0.stage == "mics" }?.redone == true)
        #expect(FileManager.default.fileExists(atPath: folder + "/out/s1/aligned/oh/b.wav"))
        // --force: everything again.
        let forced = try await ProduceJob(project: folder, force: true).run(now: Self.now)
        #expect(forced.songs[0].stages.allSatisfy { $0.redone })
    }

    @Test("a bar per stage on a terminal; none with --json or when standard error is not a terminal")
    func progressBars() async throws {
        let folder = try Self.smallProject()
        func run(_ arguments: [String], interactive: Bool) async -> (status: Int32, err: String) {
            let recording = Terminal.Recording()
            var terminal = recording.terminal
            terminal.isInteractive = interactive
            let status = await Terminal.$current.withValue(terminal) { await ProducerCLI.run(arguments) }
            return (status, recording.error)
        }
        let shown = await run(["produce", folder], interactive: true)
        #expect(shown.status == 0, "\(shown.err)")
        for stage in ["checking files", "hearing takes, comping", "aligning mics", "mixing", "mastering"] {
            #expect(shown.err.contains(stage), "no bar for \(stage)")
        }
        #expect(shown.err.contains("█"))
        #expect(shown.err.contains("1/1"), "a finished stage shows done/total")
        let json = await run(["produce", folder, "--json"], interactive: true)
        #expect(json.status == 0 && json.err.isEmpty, "\(json.err)")
        let piped = await run(["produce", folder], interactive: false)
        #expect(piped.status == 0 && piped.err.isEmpty, "\(piped.err)")
    }

    /// A tiny project with no plan: a part of two takes, a one-take bass, a pair of mics 5 samples apart.
    static func smallProject() throws -> String {
        let folder = try temporaryDirectory()
        let fm = FileManager.default
        for dir in ["takes/s1/lead", "takes/s1/bass", "mics/s1/oh"] {
            try fm.createDirectory(atPath: folder + "/" + dir, withIntermediateDirectories: true)
        }
        _ = try writeWAV(tone(220, seconds: 3), "take-1.wav", in: folder + "/takes/s1/lead")
        _ = try writeWAV(tone(221, seconds: 3), "take-2.wav", in: folder + "/takes/s1/lead")
        _ = try writeWAV(tone(55, seconds: 3), "bass.wav", in: folder + "/takes/s1/bass")
        var random = SeededRandom(seed: 7)
        let hits = (0..<(3 * 48_000)).map { i -> Float in
            i % 12_000 < 2_000 ? Float(Double(random.next() % 2001) / 1000 - 1) * 0.3 : 0
        }
        _ = try writeWAV(AudioBuffer(channels: [hits]), "a.wav", in: folder + "/mics/s1/oh")
        let late = [Float](repeating: 0, count: 5) + hits.dropLast(5)
        _ = try writeWAV(AudioBuffer(channels: [late]), "b.wav", in: folder + "/mics/s1/oh")
        return folder
    }

    /// A sung-like tone: `frequency` Hz with a little vibrato, in four notes with rests between.
    static func tone(_ frequency: Double, seconds: Double) -> AudioBuffer {
        let rate = 48_000.0
        var phase = 0.0
        let samples = (0..<Int(seconds * rate)).map { i -> Float in
            let t = Double(i) / rate
            let f = frequency * (1 + 0.003 * sin(2 * .pi * 5.5 * t))
            phase += 2 * .pi * f / rate
            let inNote = t.truncatingRemainder(dividingBy: 0.75) < 0.6
            return inNote ? Float(0.3 * sin(phase)) : 0
        }
        return AudioBuffer(channels: [samples])
    }

    static func snapshot(_ folder: String) async throws -> ProjectSnapshot {
        try await ProjectPlace(project: folder).with { try await $0.snapshot() }
    }
}
