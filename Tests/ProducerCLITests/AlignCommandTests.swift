import Foundation
import ProducerAudio
import ProducerConsole
import ProducerJobs
import ProducerTestSupport
import Testing

/// `producer align` end to end: files with a known delay and polarity in, aligned files and the
/// report out; the errors a person meets.
@Suite struct AlignCommandTests {
    /// A source of partials under bursts, heard `delay` samples late (exact at any fraction).
    static func source(frames: Int, delay: Double, gain: Double, seed: UInt64, noise: Double = 0) -> [Float] {
        var random = SeededRandom(seed: 77)
        let partials = (0..<40).map { _ in
            (2 * Double.pi * 60 * pow(200, (random.uniform() + 1) / 2) / 48_000, Double.pi * random.uniform())
        }
        var hiss = SeededRandom(seed: seed)
        return (0..<frames).map { n in
            let t = Double(n) - delay
            let x = t - 12_000 * (t / 12_000).rounded(.down)
            let envelope = x < 7_000 ? sin(Double.pi * x / 7_000) : 0
            var sum = 0.0
            for (w, p) in partials { sum += sin(w * t + p) }
            return Float(gain * 0.05 * sum * envelope + noise * hiss.uniform())
        }
    }

    static func write(_ samples: [Float], _ name: String, in dir: String, rate: Double = 48_000) throws -> String {
        try writeWAV(AudioBuffer(channels: [samples]), name, in: dir, bits: 32, float: true, sampleRate: rate)
    }

    @Test func alignsAnInvertedLateMicAndAnEarlyOne() async throws {
        let dir = try temporaryDirectory()
        let frames = 96_000
        let ref = try Self.write(
            Self.source(frames: frames, delay: 0, gain: 1, seed: 1, noise: 0.01), "ref.wav", in: dir)
        let late = try Self.write(
            Self.source(frames: frames, delay: 240.25, gain: -0.7, seed: 2, noise: 0.01), "late.wav", in: dir)
        let early = try Self.write(
            Self.source(frames: frames, delay: -96.6, gain: 0.5, seed: 3, noise: 0.01), "early.wav", in: dir)
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: false)
        let r = await runInProcess(["align", ref, late, early, "-o", dir + "/out", "--json"])
        #expect(r.status == 0, "\(r.err)")
        let report = try JSONDecoder().decode(AlignReport.self, from: Data(r.out.utf8))
        #expect(report.mics.count == 2)
        let a = try #require(report.mics.first), b = try #require(report.mics.last)
        #expect(abs(a.delaySamples - 240.25) <= 0.05 && a.polarity == "inverted")
        #expect(abs(a.delayMilliseconds - 240.25 / 48) <= 0.001)
        #expect(abs(b.delaySamples + 96.6) <= 0.05 && b.polarity == "normal")
        // 240.25 samples = 5.005 ms, opposite polarity: notches at 0, 199.8, 399.6 Hz…
        #expect(a.notchesBefore.count == 5 && a.notchesBefore[0] == 0 && abs(a.notchesBefore[1] - 199.8) < 0.1)
        #expect(a.notchesAfter.isEmpty && abs(a.residualSamples) <= 0.05)
        #expect(a.lowBandGain > 1 && a.lowBandAfter > a.lowBandBefore)
        #expect(a.output == dir + "/out/late.wav")
        let written = try AudioFileReader(path: dir + "/out/late.wav")
        #expect(written.frameCount == Int64(frames))

        // The aligned file, aligned again, has nothing left to move.
        try FileManager.default.createDirectory(atPath: dir + "/again", withIntermediateDirectories: false)
        let again = await runInProcess(["align", ref, dir + "/out/late.wav", "-o", dir + "/again", "--json"])
        let second = try JSONDecoder().decode(AlignReport.self, from: Data(again.out.utf8))
        #expect(abs(second.mics[0].delaySamples) <= 0.05 && second.mics[0].polarity == "normal")

        // Text report; an existing output needs --force.
        let exists = await runInProcess(["align", ref, late, "-o", dir + "/out"])
        #expect(exists.status == 1 && exists.err.contains("late.wav") && exists.err.contains("--force"))
        let text = await runInProcess(["align", ref, late, "-o", dir + "/out", "--force"])
        #expect(text.status == 0, "\(text.err)")
        #expect(text.out.contains("polarity inverted") && text.out.contains("comb notches"))
    }

    @Test func followsAMovingSourceWithWindows() async throws {
        let dir = try temporaryDirectory()
        let ref = try Self.write(Self.source(frames: 96_000, delay: 0, gain: 1, seed: 1), "ref.wav", in: dir)
        let mic = try Self.write(Self.source(frames: 96_000, delay: 30.4, gain: 1, seed: 2), "mic.wav", in: dir)
        let r = await runInProcess(["align", ref, mic, "-o", dir, "--window", "0.5", "--json", "--force"])
        // The folder holds mic.wav itself: writing over an input is refused even with --force.
        #expect(r.status == 1 && r.err.contains("input"))
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: false)
        let ok = await runInProcess(["align", ref, mic, "-o", dir + "/out", "--window", "0.5", "--json"])
        #expect(ok.status == 0, "\(ok.err)")
        let report = try JSONDecoder().decode(AlignReport.self, from: Data(ok.out.utf8))
        let m = try #require(report.mics.first)
        #expect(m.curve.count >= 5 && !m.moving)
        #expect(m.curve.allSatisfy { abs($0.samples - 30.4) <= 0.05 })
    }

    /// A stereo overhead pair in one file: measured on its channels' mean, both channels moved
    /// alike, written as a stereo file of the same length.
    @Test func alignsAStereoFileAsOne() async throws {
        let dir = try temporaryDirectory()
        let ref = try Self.write(Self.source(frames: 48_000, delay: 0, gain: 1, seed: 1), "ref.wav", in: dir)
        let left = Self.source(frames: 48_000, delay: 57.3, gain: -0.5, seed: 4)
        let right = Self.source(frames: 48_000, delay: 57.3, gain: -0.4, seed: 5)
        let pair = try writeWAV(AudioBuffer(channels: [left, right]), "pair.wav", in: dir, bits: 24)
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: false)
        let r = await runInProcess(["align", ref, pair, "-o", dir + "/out", "--json"])
        #expect(r.status == 0, "\(r.err)")
        let report = try JSONDecoder().decode(AlignReport.self, from: Data(r.out.utf8))
        #expect(abs(report.mics[0].delaySamples - 57.3) <= 0.05 && report.mics[0].polarity == "inverted")
        let written = try AudioFileReader(path: dir + "/out/pair.wav")
        #expect(written.format.channelCount == 2 && written.frameCount == 48_000)
        #expect(written.format.encoding == .integer(bits: 24))
    }

    /// A mic that heard something else (noise alone): aligned anyway, but flagged as doubtful.
    @Test func anUnrelatedMicIsFlaggedDoubtful() async throws {
        let dir = try temporaryDirectory()
        let ref = try Self.write(Self.source(frames: 48_000, delay: 0, gain: 1, seed: 1), "ref.wav", in: dir)
        let other = try Self.write(
            Self.source(frames: 48_000, delay: 0, gain: 0, seed: 9, noise: 0.1), "hiss.wav", in: dir)
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: false)
        let r = await runInProcess(["align", ref, other, "-o", dir + "/out", "--json"])
        #expect(r.status == 0, "\(r.err)")
        let m = try JSONDecoder().decode(AlignReport.self, from: Data(r.out.utf8)).mics[0]
        #expect(!m.confident && m.correlation < 0.15 && m.warnings.contains { $0.contains("doubtful") })
    }

    @Test func errorsNameTheFileAndTheProblem() async throws {
        let dir = try temporaryDirectory()
        let ref = try Self.write(Self.source(frames: 24_000, delay: 0, gain: 1, seed: 1), "ref.wav", in: dir)
        let slow = try Self.write(
            Self.source(frames: 22_050, delay: 0, gain: 1, seed: 1), "slow.wav", in: dir, rate: 44_100)
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: false)
        let rate = await runInProcess(["align", ref, slow, "-o", dir + "/out"])
        #expect(rate.status == 1)
        #expect(rate.err.contains("slow.wav") && rate.err.contains("44100 Hz") && rate.err.contains("48000 Hz"))

        let same = await runInProcess(["align", ref, ref, "-o", dir + "/out"])
        #expect(same.status == 1 && same.err.contains("the reference mic"))

        let text = dir + "/notes.wav"
        try "not audio".write(toFile: text, atomically: true, encoding: .utf8)
        let bad = await runInProcess(["align", ref, text, "-o", dir + "/out", "--json"])
        #expect(bad.status == 1 && bad.err.contains("notes.wav"))
        #expect(!bad.err.contains("Error Domain"))
        let missing = await runInProcess(["align", dir + "/nothing.wav", ref, "-o", dir + "/out"])
        #expect(missing.status == 1 && missing.err.contains("nothing.wav"))
        // A silent mic after a good one: an error naming it, and no file written for either.
        let good = try Self.write(Self.source(frames: 24_000, delay: 12.5, gain: 1, seed: 2), "good.wav", in: dir)
        let silent = try Self.write([Float](repeating: 0, count: 24_000), "silent.wav", in: dir)
        let quiet = await runInProcess(["align", ref, good, silent, "-o", dir + "/out"])
        #expect(quiet.status == 1 && quiet.err.contains("silent.wav: the recording is silent"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out").isEmpty)
    }
}
