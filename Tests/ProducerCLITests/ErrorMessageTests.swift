import Foundation
import ProducerTestSupport
import ProducerAudio
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every mistake issue 10 found, with the message a person now reads: the file or option, the
/// problem in words, exit status 1, and no Foundation, libyaml or runtime text.
@Suite(
    "Error messages people can read", .enabled(if: producerExecutable != nil, "the producer executable was not built"))
struct ErrorMessageTests {
    /// A folder with a take, a short blip, a session that mixes the take, and a pipe.
    static func scene() throws -> String {
        let dir = try temporaryDirectory()
        _ = try writeWAV(sine(frequency: 220, dBFS: -12, seconds: 1, channels: 1), "kick.wav", in: dir)
        _ = try writeWAV(sine(dBFS: -12, seconds: 0.1), "blip.wav", in: dir)
        try "sampleRate: 48000\ntracks:\n  - { name: Kick, file: kick.wav }\n"
            .write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        try "sampleRate: 48000\ntracks:\n  - { name: Kick, file: kick.wav, start: \"99999999:1\" }\n"
            .write(toFile: dir + "/far.yaml", atomically: true, encoding: .utf8)
        try "sampleRate: 48000\ntracks:\n  - { name: Kick, file: kick.wav, start: \"99999999999 samples\" }\n"
            .write(toFile: dir + "/farther.yaml", atomically: true, encoding: .utf8)
        _ = mkfifo(dir + "/pipe.wav", 0o600)
        _ = try runProcess(try #require(producerExecutable), ["mix", "s.yaml", "-o", "done.wav"], in: dir)
        return dir
    }

    /// (what a person typed, what standard error says).
    static let cases: [([String], String)] = [
        (
            ["mix", "s.yaml", "-o", "kick.wav"],
            "producer mix: kick.wav: this is one of the command's inputs; the mix must go to another file"
        ),
        (
            ["mix", "s.yaml", "-o", "s.yaml", "--force"],
            "producer mix: s.yaml: this is one of the command's inputs; the mix must go to another file"
        ),
        (
            ["mix", "s.yaml", "-o", "done.wav"],
            "producer mix: done.wav: the file exists; add --force to replace it"
        ),
        (
            ["mix", "s.yaml", "-o", "."],
            "producer mix: .: this is a folder; the mix must be a file (give a file name inside it)"
        ),
        (
            ["mix", "s.yaml", "-o", "m.mp3"],
            "producer mix: m.mp3: Producer cannot write .mp3 files; name the output .wav, .aif/.aiff, .aifc, .rf64 or .bw64"
        ),
        (
            ["mix", "far.yaml", "-o", "far.wav"],
            "producer mix: far.yaml:3:42: tracks[0].start: \"99999999:1\" is past the 24-hour limit of a session's timeline"
        ),
        (
            ["mix", "farther.yaml", "-o", "far.wav"],
            "producer mix: farther.yaml:3:42: tracks[0].start: \"99999999999 samples\" is past the 24-hour limit of a session's timeline (4147200000 samples at 48000 Hz)"
        ),
        (
            ["takes", "kick.wav", "blip.wav", "--comp", "kick.wav", "--force"],
            "producer takes: kick.wav: this is one of the command's inputs; the comp must go to another file"
        ),
        (
            ["convert", "kick.wav", "kick.mp3"],
            "producer convert: kick.mp3: Producer cannot write .mp3 files; name the output .wav, .aif/.aiff, .aifc, .rf64 or .bw64"
        ),
        (
            ["convert", "kick.wav", "kick.wav", "--force"],
            "producer convert: kick.wav: this is one of the command's inputs; the converted file must go to another file"
        ),
        (
            ["analyze", "pipe.wav"],
            "pipe.wav: this is a pipe (FIFO), not a regular file; give the audio file itself"
        ),
        (
            ["listen", "kick.wav", "--tempo", "-120"],
            "Error: --tempo must be a positive number of beats per minute (20 to 400); a tempo cannot be -120"
        ),
        (
            ["listen", "kick.wav", "--tempo", "nan"],
            "Error: --tempo must be between 20 and 400 BPM, not nan"
        ),
    ]

    @Test("Each case names the file or option and the problem, with exit status 1")
    func messages() throws {
        let exe = try #require(producerExecutable)
        let dir = try Self.scene()
        for (arguments, message) in Self.cases {
            let r = try runProcess(exe, arguments, in: dir)
            #expect(r.status == 1, "\(arguments)")
            #expect(r.err.contains(message), "\(arguments): \(r.err)")
            for raw in ["NSCocoaErrorDomain", "Error Domain", "error 256", "yaml_", "Fatal error", "Swift/"] {
                #expect(!r.err.contains(raw), "\(arguments): \(r.err)")
            }
        }
        // Nothing was written by any of them.
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(left == ["blip.wav", "done.wav", "far.yaml", "farther.yaml", "kick.wav", "pipe.wav", "s.yaml"])
    }

    @Test("A pipe or a folder given as a calendar, a plan or a session is refused at once, named")
    func pipesAndFolders() throws {
        let exe = try #require(producerExecutable)
        let dir = try temporaryDirectory()
        #expect(try runProcess(exe, ["project", "init", "P", "--path", dir + "/p"]).status == 0)
        let project = dir + "/p"
        #expect(mkfifo(project + "/pipe.ics", 0o600) == 0 && mkfifo(project + "/pipe.yaml", 0o600) == 0)
        try FileManager.default.createDirectory(atPath: project + "/folder", withIntermediateDirectories: false)
        let cases: [([String], String)] = [
            (
                ["people", "availability", "Mara", "--ics", "pipe.ics"],
                "producer people availability: pipe.ics: this is a pipe (FIFO), not a regular file; give the calendar itself"
            ),
            (
                ["people", "availability", "Mara", "--ics", "folder"],
                "producer people availability: folder: this is a folder, not a calendar"
            ),
            (
                ["project", "import", "pipe.yaml"],
                "producer project import: pipe.yaml: this is a pipe (FIFO), not a regular file"
            ),
            (["project", "import", "folder"], "producer project import: folder: this is a folder, not a plan file"),
            (
                ["mix", "pipe.yaml", "-o", "m.wav"],
                "producer mix: pipe.yaml: this is a pipe (FIFO), not a regular file"
            ),
        ]
        for (arguments, message) in cases {
            let started = Date()
            let r = try runProcess(exe, arguments, in: project)
            #expect(Date().timeIntervalSince(started) < 30, "\(arguments) must not wait for a writer")
            #expect(r.status == 1, "\(arguments)")
            #expect(r.err.contains(message), "\(arguments): \(r.err)")
        }
    }

    @Test("A file shorter than one 400 ms block is said to be short, not quieter than the gate")
    func shortFileNote() throws {
        let exe = try #require(producerExecutable)
        let dir = try Self.scene()
        let r = try runProcess(exe, ["analyze", "blip.wav"], in: dir)
        #expect(r.status == 0)
        #expect(r.out.contains("no integrated loudness (shorter than one 400 ms block)"))
        #expect(r.out.contains("The file is shorter than one 400 ms loudness block (100 ms)"))
        #expect(!r.out.contains("−70 LUFS gate"))
    }
}
