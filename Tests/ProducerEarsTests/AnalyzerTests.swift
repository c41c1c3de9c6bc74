import Foundation
import ProducerAudio
import ProducerEars
import ProducerTestSupport
import Testing

@Suite("Analyzer on files it wrote")
struct AnalyzerTests {
    @Test("A −23 dBFS 1 kHz stereo sine reads −23.0 LUFS, −23 dBTP, no faults")
    func referenceSine() throws {
        let dir = try temporaryDirectory()
        let path = try writeWAV(sine(dBFS: -23, seconds: 20), "sine.wav", in: dir)
        let r = try Analyzer(blockFrames: 4801).analyze(path: path)
        #expect(r.sampleRate == 48_000 && r.channels == 2 && r.frames == 960_000)
        #expect(abs(r.duration - 20) < 1e-9)
        #expect(abs(try #require(r.integratedLoudness) + 23) < 0.1)
        #expect(abs(try #require(r.momentaryMax) + 23) < 0.1)
        #expect(abs(try #require(r.shortTermMax) + 23) < 0.1)
        #expect(try #require(r.loudnessRange) < 0.5)
        #expect(abs(try #require(r.truePeak) + 23) < 0.2)
        #expect(abs(try #require(r.samplePeak) + 23) < 0.2)
        #expect(r.clipping.isEmpty && r.clippingRunCount == 0)
        #expect(r.dcOffset.allSatisfy { abs($0) < 1e-4 })
        #expect(abs(try #require(r.phaseCorrelation) - 1) < 1e-3)
        #expect(abs(try #require(r.monoLoss)) < 0.05)
        #expect(abs(try #require(r.balance)) < 0.05)
        #expect(r.bitDepth == 24)
        #expect(r.warnings.isEmpty, "\(r.warnings)")
    }

    @Test("Digital silence has no integrated loudness: JSON null and a note")
    func silence() throws {
        let dir = try temporaryDirectory()
        let path = try writeWAV(
            AudioBuffer(channelCount: 2, frameCapacity: 48_000, frameCount: 48_000), "silence.wav", in: dir)
        let r = try Analyzer().analyze(path: path)
        #expect(r.integratedLoudness == nil)
        #expect(r.notes.contains { $0.localizedCaseInsensitiveContains("silen") })
        let json = String(decoding: try JSONEncoder().encode(r), as: UTF8.self)
        #expect(json.contains("\"integratedLoudness\":null"))
        #expect(!json.contains("inf"))
    }

    @Test("JSON has every key the issue names, with numbers where numbers belong")
    func jsonKeys() throws {
        let dir = try temporaryDirectory()
        let path = try writeWAV(sine(dBFS: -20, seconds: 4), "s.wav", in: dir)
        let r = try Analyzer().analyze(path: path)
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(r)) as? [String: Any])
        for key in [
            "file", "sampleRate", "channels", "frames", "duration", "integratedLoudness", "loudnessRange",
            "momentaryMax", "shortTermMax", "samplePeak", "truePeak", "dcOffset", "clipping", "noiseFloor",
            "phaseCorrelation", "monoLoss", "bitDepth", "effectiveBitDepth",
        ] {
            #expect(object.keys.contains(key), "missing \(key)")
        }
        #expect((object["dcOffset"] as? [Double])?.count == 2)
        #expect(object["integratedLoudness"] is Double)
        #expect(object["clipping"] is [Any])
    }

    @Test("A phase-inverted stereo file: correlation −1 and a large mono loss, with a warning")
    func phaseInverted() throws {
        let dir = try temporaryDirectory()
        let s = sine(dBFS: -12, seconds: 5)
        let inverted = AudioBuffer(channels: [s.channel(0), s.channel(1).map { -$0 }])
        let r = try Analyzer().analyze(path: writeWAV(inverted, "inv.wav", in: dir, bits: 32, float: true))
        #expect(try #require(r.phaseCorrelation) < -0.999)
        #expect(try #require(r.monoLoss) > 30)
        #expect(r.warnings.contains { $0.localizedCaseInsensitiveContains("phase") })
    }

    @Test("Clipped runs are found at their times and channels")
    func clipping() throws {
        let dir = try temporaryDirectory()
        var left = sine(dBFS: -6, seconds: 3, channels: 1).channel(0)
        let right = left
        // Clip 10 samples in the left channel at 1.5 s, 5 samples at 2.25 s.
        for i in 72_000..<72_010 { left[i] = 1 }
        for i in 108_000..<108_005 { left[i] = -1 }
        let r = try Analyzer(blockFrames: 72_005).analyze(
            path: writeWAV(AudioBuffer(channels: [left, right]), "clip.wav", in: dir, bits: 16))
        #expect(r.clippingRunCount == 2)
        let first = try #require(r.clipping.first)
        #expect(first.channel == 0 && abs(first.start - 1.5) < 1e-6 && first.samples == 10)
        #expect(abs(r.clipping[1].start - 2.25) < 1e-6 && r.clipping[1].samples == 5)
        #expect(r.warnings.contains { $0.localizedCaseInsensitiveContains("clip") })
    }

    @Test("16-bit audio in a 24-bit file is reported")
    func paddedBitDepth() throws {
        let dir = try temporaryDirectory()
        let s = sine(dBFS: -6, seconds: 1, channels: 1).channel(0).map { ($0 * 32768).rounded() / 32768 }
        let r = try Analyzer().analyze(path: writeWAV(AudioBuffer(channels: [s]), "p.wav", in: dir, bits: 24))
        #expect(r.bitDepth == 24)
        #expect(r.effectiveBitDepth == 16)
        #expect(r.notes.contains { $0.contains("16") } || r.warnings.contains { $0.contains("16") })
    }

    @Test("A text file gives an error that names the file")
    func textFile() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/notes.wav"
        try "these are not samples\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            try Analyzer().analyze(path: path)
        } throws: { error in
            String(describing: error).contains("notes.wav")
        }
    }
}
