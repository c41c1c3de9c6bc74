import Foundation
import ProducerTestSupport
import ProducerAudio
import Testing

/// The `producer` tool itself: exit status, stdout and stderr, as a person or a script sees them.
@Suite("producer command line", .enabled(if: producerExecutable != nil, "the producer executable was not built"))
struct CommandLineTests {
    @Test("analyze: a good and a bad file give exit 1, the error on stderr, the good file still reported")
    func mixedFiles() async throws {
        let dir = try temporaryDirectory()
        let good = try writeWAV(sine(dBFS: -20, seconds: 2), "good.wav", in: dir)
        let bad = dir + "/empty.wav"
        #expect(FileManager.default.createFile(atPath: bad, contents: Data()))
        let r = await runInProcess(["analyze", "--json", good, bad])
        #expect(r.status == 1)
        #expect(r.err.contains("empty.wav"))
        let array = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]])
        #expect(array.count == 1)
        #expect((array.first?["file"] as? String)?.hasSuffix("good.wav") == true)
    }

    @Test("analyze: every file read gives exit 0 and a readable report")
    func goodFiles() async throws {
        let dir = try temporaryDirectory()
        let good = try writeWAV(sine(dBFS: -20, seconds: 2), "good.wav", in: dir)
        let r = await runInProcess(["analyze", good])
        #expect(r.status == 0)
        #expect(r.out.contains("LUFS") && r.out.contains("dBTP"))
    }

    @Test("--version and help COMMAND")
    func versionAndHelp() throws {
        let exe = try #require(producerExecutable)
        let v = try runProcess(exe, ["--version"])
        #expect(v.status == 0 && v.out.split(separator: ".").count == 3)
        let h = try runProcess(exe, ["help", "analyze"])
        #expect(h.status == 0 && h.out.contains("USAGE"))
    }

    @Test("demo writes its files and finds the planted faults")
    func demo() async throws {
        let dir = try temporaryDirectory() + "/demo"
        let r = await runInProcess(["demo", "--output", dir, "--json"])
        #expect(r.status == 0, "\(r.err)")
        let output = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let items = try #require(output["files"] as? [[String: Any]])
        #expect(items.count == 6)
        func analysis(_ name: String) throws -> [String: Any] {
            let item = try #require(items.first { ($0["file"] as? String)?.contains(name) == true })
            return try #require(item["analysis"] as? [String: Any])
        }
        #expect(try (analysis("01-clean")["clipping"] as? [Any])?.isEmpty == true)
        #expect(try (analysis("02-clipped")["clipping"] as? [Any])?.isEmpty == false)
        let dc = try #require(try analysis("03-dc")["dcOffset"] as? [Double])
        #expect(abs(dc[0] - 0.05) < 0.005 && abs(dc[1]) < 0.005)
        let quiet = try #require(try analysis("04-quiet")["integratedLoudness"] as? Double)
        #expect(quiet < -35)
        #expect(try #require(try analysis("05-phase")["phaseCorrelation"] as? Double) < -0.99)
        #expect(try analysis("06-16-bit")["effectiveBitDepth"] as? Int == 16)
        #expect(try #require(try analysis("06-16-bit")["headSilence"] as? Double) > 1.9)

        // The sung part: the listener catches every planted flaw of take 1 at its note.
        let sung = try #require(output["sungPart"] as? [String: Any])
        let listen = try #require(sung["listen"] as? [String: Any])
        let notes = try #require(listen["notes"] as? [[String: Any]])
        func note(near time: Double) -> [String: Any]? {
            notes.min { abs(($0["start"] as? Double ?? 0) - time) < abs(($1["start"] as? Double ?? 0) - time) }
        }
        let beat = 60.0 / 96
        let flat = try #require(note(near: 3 * beat))  // A4, bar 1 beat 4: −35 cents
        #expect(abs((flat["cents"] as? Double ?? 0) + 35) <= 5)
        let sharp = try #require(note(near: 18 * beat))  // D5, bar 5 beat 3: +30 cents
        #expect(abs((sharp["cents"] as? Double ?? 0) - 30) <= 5)
        let late = try #require(note(near: 20 * beat + 0.07))  // B4, bar 6 beat 1: 70 ms late
        #expect(abs((late["timingMs"] as? Double ?? 0) - 70) <= 5)
        let advice = try #require(listen["advice"] as? [[String: Any]])
        #expect(advice.count >= 3)
        // The comp takes phrases 1–2 from take 1 and phrases 3–4 from take 2.
        let ranking = try #require(sung["ranking"] as? [String: Any])
        let phrases = try #require((ranking["ranking"] as? [String: Any])?["phrases"] as? [[String: Any]])
        #expect(phrases.map { $0["takeIndex"] as? Int } == [0, 0, 1, 1])
        // The mix: the session renders, and the master limiter keeps the true peak under −1 dBTP.
        let mix = try #require(output["mix"] as? [String: Any])
        let mixAnalysis = try #require(mix["analysis"] as? [String: Any])
        #expect(try #require(mixAnalysis["truePeak"] as? Double) <= -1.0)
        #expect(try #require(mixAnalysis["duration"] as? Double) > 20)
        // The mix assistant: eight stems, each on its role's target, the sum under the ceiling.
        let automix = try #require((output["automix"] as? [String: Any])?["plan"] as? [String: Any])
        let stems = try #require(automix["stems"] as? [[String: Any]])
        #expect(stems.count == 8)
        for stem in stems {
            let target = try #require(stem["target"] as? Double), loudness = try #require(stem["loudness"] as? Double)
            #expect(abs(loudness - target) < 0.05, "\(stem["name"] ?? "")")
        }
        #expect(try #require((automix["mix"] as? [String: Any])?["truePeak"] as? Double) <= -1)
        #expect(FileManager.default.fileExists(atPath: dir + "/15-automix.yaml"))
        // The masters: on target within 0.5 LU and under the ceiling; the CD one at 44.1 kHz, 16-bit.
        let masters = try #require(output["masters"] as? [[String: Any]])
        #expect(masters.count == 2)
        for m in masters {
            let target = try #require(m["target"] as? [String: Any])
            let song = try #require((m["songs"] as? [[String: Any]])?.first)
            let after = try #require((song["report"] as? [String: Any])?["after"] as? [String: Any])
            let loudness = try #require(after["integrated"] as? Double),
                peak = try #require(after["truePeak"] as? Double)
            #expect(abs(loudness - (target["loudness"] as? Double ?? 0)) <= 0.5)
            #expect(peak <= (target["ceiling"] as? Double ?? 0) + 1e-6)
        }
        let cd = try AudioFileReader(path: dir + "/17-masters/cd.wav").format
        #expect(cd.sampleRate == 44_100 && cd.encoding == .integer(bits: 16))
        // The overheads: the right one found 41.3 samples late and inverted, to 0.05 sample.
        let aligned = try #require((output["align"] as? [String: Any])?["mics"] as? [[String: Any]])
        #expect(abs(try #require(aligned.first?["delaySamples"] as? Double) - 41.3) <= 0.05)
        #expect(aligned.first?["polarity"] as? String == "inverted")
        #expect(FileManager.default.fileExists(atPath: dir + "/16-overheads/aligned/oh-right.wav"))
        // The album: a project whose 26 sessions all get holds, with the quartet on its only free day.
        let album = try #require(output["album"] as? [String: Any])
        let schedule = try #require(album["schedule"] as? [String: Any])
        #expect(schedule["status"] as? String == "scheduled")
        let lines = try #require(schedule["lines"] as? [[String: Any]])
        #expect(lines.count == 26)
        let strings = try #require(lines.first { ($0["session"] as? String)?.hasPrefix("Strings") == true })
        let start = try #require(strings["start"] as? String)
        var berlin = Calendar(identifier: .gregorian)
        berlin.timeZone = TimeZone(identifier: "Europe/Berlin")!
        // Thursday
        #expect(berlin.component(.weekday, from: try #require(ISO8601DateFormatter().date(from: start))) == 5)
        #expect(FileManager.default.fileExists(atPath: dir + "/album/project.sqlite"))
        #expect(FileManager.default.fileExists(atPath: dir + "/album/bookings.ics"))
    }

    @Test("convert: 24-bit WAV to 16-bit AIFF, dithered by default and exact with --no-dither; metadata kept")
    func convert() async throws {
        let dir = try temporaryDirectory()
        let source = sine(dBFS: -6, seconds: 1, channels: 2)
        let input = dir + "/in.wav"
        var metadata = AudioMetadata()
        metadata.broadcast = BroadcastExtension(description: "Lead vocal take 3", originator: "Producer tests")
        try AudioFile.write(
            source, to: input,
            format: AudioFormat(sampleRate: 48_000, channelCount: 2, encoding: .integer(bits: 24)),
            metadata: metadata, dither: false)
        let plain = await runInProcess([
            "convert", input, dir + "/plain.wav", "--bit-depth", "16", "--no-dither", "--json",
        ])
        #expect(plain.status == 0, "\(plain.err)")
        #expect(plain.out.contains("\"bitsPerSample\"") || plain.out.contains("\"integer\""))
        let p = try AudioFile.read(path: dir + "/plain.wav")
        #expect(p.format.encoding == .integer(bits: 16))
        #expect(p.metadata.broadcast?.description == "Lead vocal take 3")
        // Without dither every sample is the 24-bit value rounded to the nearest 16-bit code.
        let original = try AudioFile.read(path: input).buffer
        var exact = true
        for i in 0..<original.frameCount where p.buffer[0, i] != (original[0, i] * 32768).rounded() / 32768 {
            exact = false
        }
        #expect(exact)
        // With dither (the default) the error is noise of about ½ LSB RMS, not rounding.
        let dithered = await runInProcess(["convert", input, dir + "/d.aif", "--bit-depth", "16"])
        #expect(dithered.status == 0, "\(dithered.err)")
        let d = try AudioFile.read(path: dir + "/d.aif")
        #expect(d.format.container == .aiff)
        var sum = 0.0
        for i in 0..<original.frameCount {
            let e = Double(d.buffer[0, i] - original[0, i]) * 32768
            sum += e * e
        }
        let rms = (sum / Double(original.frameCount)).squareRoot()
        #expect(rms > 0.4 && rms < 0.65, "dither error RMS \(rms) LSB")
    }

    @Test("convert: a bad --bit-depth is refused with a clear message")
    func convertBadOption() async throws {
        let r = await runInProcess(["convert", "a.wav", "b.wav", "--bit-depth", "12"])
        #expect(r.status != 0)
        #expect(r.err.contains("--bit-depth"))
    }
}
