import Foundation
import ProducerJobs
import ProducerTestSupport
import ProducerAudio
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A session of one short track whose `length` makes the render run long enough to interrupt.
private func longSession(in dir: String) throws -> String {
    _ = try writeWAV(sine(dBFS: -12, seconds: 0.5), "tone.wav", in: dir)
    let path = dir + "/long.yaml"
    try
        "sampleRate: 48000\nlength: 3600\ntracks:\n  - { name: Tone, file: tone.wav, inserts: [{ reverb: { size: 0.5 } }] }\n"
        .write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// Starts `producer` with `arguments`, waits until a partial file appears in `dir`, sends
/// `signal`, and returns the exit status and standard error.
private func interrupt(
    _ arguments: [String], in dir: String, with signal: Int32
) throws -> (status: Int32, err: String, sawPartial: Bool) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: try #require(producerExecutable))
    p.arguments = arguments
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    let err = Pipe()
    p.standardError = err
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    var sawPartial = false
    for _ in 0..<3000 where !sawPartial {
        usleep(20_000)
        sawPartial = try FileManager.default.contentsOfDirectory(atPath: dir).contains { $0.contains(".partial-") }
    }
    kill(p.processIdentifier, signal)
    let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return (p.terminationStatus, text, sawPartial)
}

@Suite(
    "Nothing lost: outputs are complete or absent, inputs untouched",
    .enabled(if: producerExecutable != nil, "the producer executable was not built"))
struct OutputSafetyTests {
    @Test(
        "Ctrl-C (SIGINT) during a mix removes the partial file and exits 130; SIGTERM exits 143",
        arguments: [(SIGINT, Int32(130), "interrupted"), (SIGTERM, Int32(143), "terminated")])
    func interruptedMixLeavesNothing(signal: Int32, status: Int32, word: String) throws {
        let dir = try temporaryDirectory()
        let session = try longSession(in: dir)
        let r = try interrupt(["mix", session, "-o", "mix.wav"], in: dir, with: signal)
        #expect(r.sawPartial, "the render had started writing")
        #expect(r.status == status)
        #expect(r.err.contains("producer: \(word); removed the unfinished mix.wav"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["long.yaml", "tone.wav"])
    }

    @Test("An interrupted mix over an existing one leaves the earlier mix whole")
    func interruptedReplaceKeepsTheOldFile() throws {
        let dir = try temporaryDirectory()
        let session = try longSession(in: dir)
        let old = try writeWAV(sine(dBFS: -6, seconds: 1), "mix.wav", in: dir)
        let before = try Data(contentsOf: URL(fileURLWithPath: old))
        let r = try interrupt(["mix", session, "-o", "mix.wav", "--force"], in: dir, with: SIGINT)
        #expect(r.status == 130)
        #expect(try Data(contentsOf: URL(fileURLWithPath: old)) == before)
    }

    @Test("bookings export twice: the second run refuses without --force and keeps the file; with it, replaces it")
    func exportTwice() throws {
        let exe = try #require(producerExecutable)
        let dir = try temporaryDirectory()
        #expect(try runProcess(exe, ["project", "init", "Album", "--path", dir + "/album"]).status == 0)
        let album = dir + "/album"
        let first = try runProcess(exe, ["bookings", "export", "--ics", "x.ics"], in: album)
        #expect(first.status == 0)
        let second = try runProcess(exe, ["bookings", "export", "--ics", "x.ics"], in: album)
        #expect(second.status == 1)
        #expect(second.err == "producer bookings export: x.ics: the file exists; add --force to replace it\n")
        #expect(FileManager.default.fileExists(atPath: album + "/x.ics"))
        for _ in 0..<3 {
            #expect(try runProcess(exe, ["bookings", "export", "--ics", "x.ics", "--force"], in: album).status == 0)
            #expect(FileManager.default.fileExists(atPath: album + "/x.ics"))
        }
        // A folder, the project itself, or its database are refused, even with --force.
        for target in [".", dir, "project.sqlite", album + "/project.sqlite"] {
            let r = try runProcess(exe, ["bookings", "export", "--ics", target, "--force"], in: album)
            #expect(r.status == 1, "\(target)")
        }
        #expect(FileManager.default.fileExists(atPath: album + "/project.sqlite"))
        #expect(try runProcess(exe, ["status"], in: album).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: album).filter { $0.contains("partial") }.isEmpty)
    }

    @Test("takes --comp over a take or the reference is refused; convert to .mp3 is refused and writes nothing")
    func takesAndConvert() async throws {
        let dir = try temporaryDirectory()
        let t1 = try writeWAV(sine(frequency: 220, dBFS: -12, seconds: 1.5, channels: 1), "t1.wav", in: dir)
        let t2 = try writeWAV(sine(frequency: 220, dBFS: -14, seconds: 1.5, channels: 1), "t2.wav", in: dir)
        let before = try Data(contentsOf: URL(fileURLWithPath: t1))
        let r = await runInProcess(["takes", t1, t2, "--comp", dir + "/./t1.wav", "--force"])
        #expect(r.status == 1)
        #expect(r.err.contains("this is one of the command's inputs"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: t1)) == before)
        let c = await runInProcess(["convert", t1, dir + "/out.mp3"])
        #expect(c.status == 1)
        #expect(
            c.err
                == "producer convert: \(dir)/out.mp3: Producer cannot write .mp3 files; name the output .wav, .aif/.aiff, .aifc, .rf64 or .bw64\n"
        )
        #expect(!FileManager.default.fileExists(atPath: dir + "/out.mp3"))
        let a = await runInProcess(["convert", t1, dir + "/out.aif"])
        #expect(a.status == 0)
        #expect(try AudioFileReader(path: dir + "/out.aif").format.container == .aiff)
        #expect(await runInProcess(["convert", t1, dir + "/out.aif"]).status == 1)
        #expect(await runInProcess(["convert", t1, t1, "--force"]).status == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: t1)) == before)
    }

    @Test("demo twice in one folder: refused without --force, naming the folder; --force may replace it")
    func demoTwice() async throws {
        let exe = try #require(producerExecutable)
        let project = try await ProduceTests.demo.value.project
        let dir = (project as NSString).deletingLastPathComponent
        let again = try runProcess(exe, ["demo", "--output", dir], in: dir)
        #expect(again.status == 1)
        #expect(again.err.contains("\(dir): the folder holds an earlier demo"), "\(again.err)")
        #expect(try String(contentsOfFile: dir + "/notes.txt", encoding: .utf8) == "mine")
        #expect(throws: Never.self) { try DemoJob(folder: dir, replacesExisting: true).checkFolder() }
        // A file where the folder goes is refused too.
        let file = dir + "/notes.txt"
        let onFile = try runProcess(exe, ["demo", "--output", file], in: dir)
        #expect(onFile.status == 1 && onFile.err.contains("this is a file"))
    }

    @Test("analyze on a pipe is refused at once instead of waiting for a writer")
    func analyzePipe() throws {
        let exe = try #require(producerExecutable)
        let dir = try temporaryDirectory()
        let fifo = dir + "/pipe.wav"
        #expect(mkfifo(fifo, 0o600) == 0)
        let started = Date()
        let r = try runProcess(exe, ["analyze", fifo])
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(r.status == 1)
        #expect(r.err.contains("\(fifo): this is a pipe (FIFO), not a regular file; give the audio file itself"))
    }
}
