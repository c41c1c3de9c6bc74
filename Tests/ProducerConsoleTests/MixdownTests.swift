import Foundation
import ProducerAudio
import ProducerConsole
import ProducerFiles
import Testing

/// A session folder with one short burst: 0.1 s of a 1 kHz tone at −6 dBFS, then 0.1 s of silence.
private func burstFolder() throws -> String {
    let dir = try sessionFolder()
    let n = 9600
    let burst = (0..<n).map { i in i < 4800 ? Float(0.5 * sin(2 * Double.pi * 1000 * Double(i) / 48_000)) : 0 }
    try AudioFile.write(
        AudioBuffer(channels: [burst]), to: dir + "/takes/burst.wav",
        format: AudioFormat(sampleRate: 48_000, channelCount: 1, encoding: .float(bits: 32)))
    return dir
}

private func render(_ yaml: String, in dir: String, to name: String = "mix.wav") throws -> (AudioBuffer, Mixdown.Result)
{
    let session = try Session(yaml: yaml, path: dir + "/session.yaml")
    var mixdown = Mixdown(encoding: .float(bits: 32), replacesExisting: true)
    mixdown.blockFrames = 1000
    let result = try mixdown.render(session, to: dir + "/" + name)
    return (try AudioFile.read(path: dir + "/" + name).buffer, result)
}

/// The index of the last frame at or above −90 dBFS on either channel, or −1.
private func lastAudible(_ b: AudioBuffer) -> Int {
    let threshold = Float(pow(10, -90.0 / 20))
    for i in stride(from: b.frameCount - 1, through: 0, by: -1) {
        for c in 0..<b.channelCount where abs(b[c, i]) >= threshold { return i }
    }
    return -1
}

@Suite("Mixes end when the sound ends")
struct MixTailTests {
    static let sessions: [(String, String)] = [
        (
            "a reverb send",
            """
            sampleRate: 48000
            tracks:
              - { name: Burst, file: takes/burst.wav, sends: [{ bus: Plate, level: 0 }] }
            buses:
              - { name: Plate, inserts: [{ reverb: { decay: 1.5, predelay: 30, mix: 1 } }] }
            """
        ),
        (
            "a feedback delay on the track",
            """
            sampleRate: 48000
            tracks:
              - { name: Burst, file: takes/burst.wav, inserts: [{ delay: { time: 250, feedback: 0.5, mix: 0.5 } }] }
            """
        ),
    ]

    @Test(
        "The render runs past the last track until the tail is below −90 dBFS, and stops there",
        arguments: sessions)
    func tailIsKeptAndCut(name: String, yaml: String) throws {
        let dir = try burstFolder()
        let (auto, result) = try render(yaml, in: dir)
        // The same session with a fixed 20 s tail shows where the sound really ends.
        let (long, _) = try render(yaml + "\ntail: 20\n", in: dir, to: "long.wav")
        #expect(long.frameCount == 9600 + 20 * 48_000)
        let end = lastAudible(long)
        #expect(end > 9600 + 4800, "the \(name) rings on past the track")
        #expect(auto.frameCount == end + 1, "the automatic render ends on the last audible sample (\(name))")
        #expect(result.timelineSeconds == 0.2)
        // And the sample values up to there are the long render's.
        var same = true
        for i in 0..<auto.frameCount where auto[0, i] != long[0, i] || auto[1, i] != long[1, i] { same = false }
        #expect(same)
    }

    @Test("length and tail in the session set the length exactly")
    func lengthAndTail() throws {
        let dir = try burstFolder()
        let base = MixTailTests.sessions[0].1
        #expect(try render(base + "\nlength: 1.5\n", in: dir).0.frameCount == 72_000)
        #expect(try render(base + "\ntail: 0\n", in: dir).0.frameCount == 9600)
        #expect(try render(base + "\nlength: \"3:1\"\ntempo: 120\n", in: dir).0.frameCount == 4 * 48_000)
    }

    @Test("A mix without memory in its chain is exactly as long as its tracks")
    func noTailWithoutEffects() throws {
        let dir = try burstFolder()
        let (mix, _) = try render(
            "sampleRate: 48000\ntracks:\n  - { name: B, file: takes/burst.wav, inserts: [{ eq: { highpass: 80 } }] }\n",
            in: dir)
        #expect(mix.frameCount == 9600)
    }
}

@Suite("Mix outputs follow the output policy")
struct MixOutputTests {
    let yaml = "sampleRate: 48000\ntracks:\n  - name: A\n    file: takes/stereo.wav\n"

    func mixdown(_ dir: String, to output: String, force: Bool = false) throws -> Mixdown.Result {
        let session = try Session(yaml: yaml, path: dir + "/session.yaml")
        try PartialFile.write(text: yaml, to: dir + "/session.yaml")
        return try Mixdown(encoding: .integer(bits: 24), replacesExisting: force).render(session, to: output)
    }

    @Test("A track, the session file or a folder is never written over, even with force")
    func inputsAreRefused() throws {
        let dir = try sessionFolder()
        let track = try Data(contentsOf: URL(fileURLWithPath: dir + "/takes/stereo.wav"))
        for (output, code) in [
            (dir + "/takes/stereo.wav", FileError.Code.isInput), (dir + "/takes/../takes/stereo.wav", .isInput),
            (dir + "/session.yaml", .isInput), (dir + "/takes", .folder),
        ] {
            let error = #expect(throws: FileError.self) { try mixdown(dir, to: output, force: true) }
            #expect(error?.code == code, "\(output)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/takes/stereo.wav")) == track)
        #expect(try String(contentsOfFile: dir + "/session.yaml", encoding: .utf8) == yaml)
    }

    @Test("An existing mix is replaced only when asked")
    func existingNeedsForce() throws {
        let dir = try sessionFolder()
        _ = try mixdown(dir, to: dir + "/mix.wav")
        let error = #expect(throws: FileError.self) { try mixdown(dir, to: dir + "/mix.wav") }
        #expect(error?.description == "\(dir)/mix.wav: the file exists; add --force to replace it")
        _ = try mixdown(dir, to: dir + "/mix.wav", force: true)
    }

    @Test("The format follows the extension; one Producer cannot write is an error before any work")
    func formatFollowsExtension() throws {
        let dir = try sessionFolder()
        for (name, container) in [
            ("m.aiff", AudioContainer.aiff), ("m.AIF", .aiff), ("m.aifc", .aifc), ("m.rf64", .rf64), ("m.wav", .wav),
        ] {
            _ = try mixdown(dir, to: dir + "/" + name)
            #expect(try AudioFileReader(path: dir + "/" + name).format.container == container, "\(name)")
        }
        for name in ["m.mp3", "m.flac", "noextension"] {
            let error = #expect(throws: AudioFileError.self) { try mixdown(dir, to: dir + "/" + name) }
            #expect(error?.code == .unsupported)
            #expect(!FileManager.default.fileExists(atPath: dir + "/" + name))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test("Positions past the 24-hour limit are errors naming the key")
    func positionsAreBounded() throws {
        let dir = try sessionFolder()
        for (start, message) in [
            ("\"99999999:1\"", "\"99999999:1\" is past the 24-hour limit of a session's timeline"),
            (
                "\"99999999999 samples\"",
                "\"99999999999 samples\" is past the 24-hour limit of a session's timeline (4147200000 samples at 48000 Hz)"
            ),
            ("86401", "86401.0 s is past the 24-hour limit of a session's timeline"),
        ] {
            let error = #expect(throws: SessionError.self) {
                _ = try Session(yaml: yaml + "    start: \(start)\n", path: dir + "/session.yaml")
            }
            #expect(error?.description == "\(dir)/session.yaml:5:12: tracks[0].start: \(message)", "\(start)")
        }
        // A start inside the limit with a file running past it.
        let error = #expect(throws: SessionError.self) {
            _ = try Mixer(session: try Session(yaml: yaml + "    start: 86399.99\n", path: dir + "/session.yaml"))
        }
        #expect(error?.description.contains("past the 24-hour limit") == true)
    }
}
