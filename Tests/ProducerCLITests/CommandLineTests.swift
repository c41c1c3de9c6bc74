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
