import Foundation
import ProducerAudio
import ProducerDSP
import ProducerJobs
import ProducerTestSupport
import Testing

/// A tool on the PATH, or nil.
func tool(_ name: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
        let path = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

/// ffmpeg's ebur128 with true peak on a file: (integrated LUFS, true peak dBTP).
func ffmpegLoudness(_ path: String) throws -> (integrated: Double, truePeak: Double) {
    let r = try runProcess(
        try #require(tool("ffmpeg")),
        ["-nostdin", "-hide_banner", "-nostats", "-i", path, "-af", "ebur128=peak=true", "-f", "null", "-"])
    let summary = try #require(r.err.range(of: "Summary:"))
    let tail = r.err[summary.upperBound...]
    func value(_ key: String) throws -> Double {
        let at = try #require(tail.range(of: key))
        let rest = tail[at.upperBound...].drop { $0 == " " }
        return try #require(Double(rest.prefix { "-+.0123456789".contains($0) }))
    }
    return (try value("I:"), try value("Peak:"))
}

@Suite("producer master")
struct MasterCommandTests {
    /// A stereo mix: drum-like hits over pink noise, at `gain`.
    static func mix(seconds: Double, seed: UInt64, gain: Double, rate: Double = 48_000) -> AudioBuffer {
        let n = Int(seconds * rate)
        var l = TestSignals.pinkNoise(frames: n, seed: seed, gain: 0.06 * gain)
        var r = TestSignals.pinkNoise(frames: n, seed: seed + 1, gain: 0.06 * gain)
        for start in Swift.stride(from: 0, to: n, by: Int(rate / 2)) {
            for i in 0..<min(Int(rate / 2), n - start) {
                let t = Double(i) / rate
                let thump = Float(gain * 0.5 * exp(-t * 12) * sin(2 * .pi * 60 * t))
                l[start + i] += thump
                r[start + i] += thump
            }
        }
        return AudioBuffer(channels: [l, r])
    }

    @Test(.enabled(if: tool("ffmpeg") != nil, "ffmpeg is not installed (apt-get install ffmpeg)"))
    func cdMasterOnTargetAndReadBackAs16Bit() async throws {
        let dir = try temporaryDirectory()
        let mix = try writeWAV(Self.mix(seconds: 10, seed: 1, gain: 1), "mix.wav", in: dir)
        let reference = try writeWAV(Self.mix(seconds: 10, seed: 9, gain: 2), "ref.wav", in: dir)
        let r = await runInProcess([
            "master", mix, "-o", dir + "/master.wav", "--target", "cd", "--reference", reference, "--json",
        ])
        #expect(r.status == 0, "\(r.err)")
        let (buffer, format, _) = try AudioFile.read(path: dir + "/master.wav")
        #expect(format.sampleRate == 44_100 && format.encoding == .integer(bits: 16) && buffer.channelCount == 2)
        let ff = try ffmpegLoudness(dir + "/master.wav")
        #expect(abs(ff.integrated - -10) <= 0.5, "ffmpeg \(ff.integrated) LUFS")
        #expect(ff.truePeak <= -1, "ffmpeg \(ff.truePeak) dBTP")
        var meter = LoudnessMeter(sampleRate: 44_100, channelCount: 2)
        meter.consume(buffer)
        #expect(abs((meter.result().integrated ?? 0) - -10) <= 0.5)
        if let sox = tool("soxi") {
            let info = try runProcess(sox, [dir + "/master.wav"])
            #expect(info.out.contains("44100") && info.out.contains("16-bit"), "\(info.out)")
        }
        // The listening pair at one loudness, and the pre-limiter master beside it.
        for name in ["master.prelimit.wav", "master.before.wav", "master.after.wav"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/" + name), "\(name)")
        }
        let before = try ffmpegLoudness(dir + "/master.before.wav"),
            after = try ffmpegLoudness(dir + "/master.after.wav")
        #expect(abs(before.integrated - after.integrated) <= 0.2)
        let json = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
        let songs = try #require(json?["songs"] as? [[String: Any]])
        let report = try #require(songs.first?["report"] as? [String: Any])
        #expect((report["platforms"] as? [Any])?.count == 10)
        #expect(report["tone"] != nil)
        // The limiter's gain-reduction swing (pumping) is reported, and held to 1 dB.
        let swing = try #require(report["gainReductionSwing"] as? Double)
        #expect(swing >= 0 && swing <= 1.0, "\(swing)")
    }

    @Test func outputsFollowTheRules() async throws {
        let dir = try temporaryDirectory()
        let mix = try writeWAV(Self.mix(seconds: 3, seed: 2, gain: 1), "mix.wav", in: dir)
        let first = await runInProcess(["master", mix, "-o", dir + "/m.wav", "--target", "-16LUFS"])
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.contains("integrated") && first.out.contains("spotify"))
        let again = await runInProcess(["master", mix, "-o", dir + "/m.wav"])
        #expect(again.status == 1 && again.err.contains("--force"), "\(again.err)")
        #expect(await runInProcess(["master", mix, "-o", dir + "/m.wav", "--force"]).status == 0)
        let overInput = await runInProcess(["master", mix, "-o", mix, "--force"])
        #expect(overInput.status == 1 && overInput.err.contains("input"), "\(overInput.err)")
        let unknown = await runInProcess(["master", mix, "-o", dir + "/x.wav", "--target", "moon"])
        #expect(unknown.status != 0 && unknown.err.contains("spotify"), "\(unknown.err)")
    }

    @Test func albumSitsTogether() async throws {
        let dir = try temporaryDirectory()
        var songs: [String] = []
        for (i, gain) in [0.3, 1.0, 2.5].enumerated() {
            songs.append(try writeWAV(Self.mix(seconds: 6, seed: UInt64(10 + i), gain: gain), "song\(i).wav", in: dir))
        }
        let r = await runInProcess(
            ["master"] + songs + ["--album", "-o", dir + "/album", "--target", "spotify", "--json"])
        #expect(r.status == 0, "\(r.err)")
        let result = try JSONDecoder().decode(MasterJob.Result.self, from: Data(r.out.utf8))
        #expect(result.songs.count == 3)
        #expect(try #require(result.loudnessSpread) <= 1)
        #expect(FileManager.default.fileExists(atPath: dir + "/album/song2.wav"))
    }
}
