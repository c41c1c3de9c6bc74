import Foundation
import ProducerAudio
import ProducerConsole
import Testing

/// A temporary folder with a stereo and a mono WAV in it.
func sessionFolder() throws -> String {
    let dir = NSTemporaryDirectory() + "producer-console-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir + "/takes", withIntermediateDirectories: true)
    let n = 48_000
    var seed: UInt64 = 5
    func noise() -> Float {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1
        return Float(Int64(bitPattern: seed) >> 40) / Float(1 << 23) * 0.25
    }
    let left = (0..<n).map { i in Float(0.3 * sin(2 * Double.pi * 220 * Double(i) / 48_000)) + noise() }
    let right = (0..<n).map { i in Float(0.2 * sin(2 * Double.pi * 330 * Double(i) / 48_000)) + noise() }
    try AudioFile.write(
        AudioBuffer(channels: [left, right]), to: dir + "/takes/stereo.wav",
        format: AudioFormat(sampleRate: 48_000, channelCount: 2, encoding: .float(bits: 32)))
    try AudioFile.write(
        AudioBuffer(channels: [left]), to: dir + "/takes/mono.wav",
        format: AudioFormat(sampleRate: 48_000, channelCount: 1, encoding: .float(bits: 32)))
    return dir
}

@Suite("Session files")
struct SessionTests {
    func parse(_ yaml: String, in dir: String) throws(SessionError) -> Session {
        try Session(yaml: yaml, path: dir + "/session.yaml")
    }

    @Test("The issue's example session parses, with every value in its unit")
    func example() throws {
        let dir = try sessionFolder()
        let s = try parse(
            """
            sampleRate: 48000
            tempo: 100
            tracks:
              - name: Lead vocal
                file: takes/stereo.wav
                gain: -3.0
                pan: 0.0
                polarity: inverted      # or normal (default)
                delay: 1.5
                start: "2:1"
                inserts:
                  - eq: { highpass: 80, bands: [{ freq: 3000, gain: 2.0, q: 1.0 }] }
                  - compressor: { threshold: -18, ratio: 3, attack: 10, release: 120 }
                sends: [{ bus: Plate, level: -12 }]
                automation:
                  gain: [{ time: 0, value: -3 }, { time: "3:1", value: -9 }]
            buses:
              - name: Plate
                inserts: [{ reverb: { size: 0.6, mix: 1.0 } }]
            master:
              inserts: [{ limiter: { ceiling: -1.0 } }]
            """, in: dir)
        let t = try #require(s.tracks.first)
        #expect(t.file == dir + "/takes/stereo.wav")
        #expect(t.strip.gainDecibels == -3 && t.strip.inverted)
        #expect(t.strip.delayFrames == 72)  // 1.5 ms at 48 kHz
        #expect(t.startFrame == 115_200)  // bar 2 at 100 BPM: 2.4 s
        #expect(t.strip.inserts.map(\.kind) == ["eq", "compressor"])
        #expect(t.strip.inserts[1].parameters["ratio"] == .number(3))
        #expect(t.strip.sends.first?.bus == "Plate" && t.strip.sends.first?.levelDecibels == -12)
        #expect(t.strip.automation.first?.points.map(\.frame) == [0, 230_400])
        #expect(s.buses.first?.strip.inserts.first?.kind == "reverb")
        #expect(s.master.strip.inserts.first?.parameters["ceiling"] == .number(-1))
    }

    @Test("bar:beat positions are read through the session's tempo map, in its meter")
    func barBeatThroughTempoMap() throws {
        let dir = try sessionFolder()
        let s = try parse(
            """
            sampleRate: 48000
            tempo: 90
            beatsPerBar: 3
            tracks:
              - { name: A, file: takes/stereo.wav, start: "3:2.5" }
              - { name: B, file: takes/mono.wav, start: "2.5:1" }
            """, in: dir)
        // 3/4 at 90 BPM: bar 3, beat 2.5 is 7.5 beats (5 s); bar 2.5 is 4.5 beats (3 s).
        #expect(s.tracks.map(\.startFrame) == [240_000, 144_000])
    }

    static let mistakes: [(yaml: String, line: Int, key: String, says: String)] = [
        (
            "sampleRate: 48000\ntracks:\n  - name: A\n    file: takes/stereo.wav\n    gian: -3\n", 5, "tracks[0].gian",
            "unknown key"
        ),
        (
            "sampleRate: 48000\ntracks:\n  - name: A\n    file: takes/stereo.wav\n    gain: loud\n", 5,
            "tracks[0].gain", "must be a number"
        ),
        (
            "sampleRate: 48000\ntracks:\n  - name: A\n    file: takes/missing.wav\n", 4, "tracks[0].file",
            "does not exist"
        ),
        (
            "sampleRate: 48000\ntracks:\n  - name: A\n    file: takes/stereo.wav\n    sends: [{ bus: Plate }]\n", 5,
            "tracks[0].sends[0].bus", "no bus named \"Plate\""
        ),
        (
            "sampleRate: 48000\ntracks:\n  - name: A\n    file: takes/stereo.wav\n    output: X\nbuses:\n  - name: X\n    output: Y\n  - name: Y\n    sends: [{ bus: X }]\n",
            7, "buses", "routing cycle"
        ),
        (
            "sampleRate: 48000\ntracks:\n  - name: A\n    file: takes/stereo.wav\n    inserts:\n      - fuzzbox: {}\n",
            6,
            "tracks[0].inserts[0]", "unknown processor"
        ),
        (
            "sampleRate: 48000\ntracks:\n  - name: A\n    file: takes/stereo.wav\n    pan: 3\n", 5, "tracks[0].pan",
            "out of range"
        ),
        // The graph is checked while reading, before anything renders.
        (
            "sampleRate: 48000\ntracks:\n  - name: A\n    file: takes/stereo.wav\n    inserts:\n      - compressor: { sidechain: Nobody }\n",
            6, "tracks[0].inserts[0].compressor.sidechain", "no other track named \"Nobody\""
        ),
    ]

    @Test("Every mistake names the line and the key", arguments: mistakes)
    func mistake(_ m: (yaml: String, line: Int, key: String, says: String)) throws {
        let dir = try sessionFolder()
        do {
            _ = try parse(m.yaml, in: dir)
            Issue.record("no error for \(m.key)")
        } catch {
            #expect(error.line == m.line, "\(error)")
            #expect(error.key == m.key, "\(error)")
            #expect(error.description.contains(m.says), "\(error)")
            #expect(error.description.hasPrefix(dir + "/session.yaml:\(m.line)"))
        }
    }

    @Test("Malformed YAML is an error with its line, not a crash")
    func badYAML() throws {
        let dir = try sessionFolder()
        #expect(throws: SessionError.self) { try parse("sampleRate: 48000\ntracks: [\n  - {", in: dir) }
        #expect(throws: SessionError.self) { try parse("", in: dir) }
        #expect(throws: SessionError.self) { try parse("just text", in: dir) }
    }
}
