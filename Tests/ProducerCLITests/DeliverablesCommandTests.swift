import Foundation
import ProducerAudio
import ProducerJobs
import ProducerOffice
import ProducerTestSupport
import Testing

/// `producer deliverables plan|receive|list|report` on the album project, with files made to
/// have known faults at known places.
@Suite("deliverables", .enabled(if: producerExecutable != nil, "the producer executable was not built"))
struct DeliverablesCommandTests {
    static let goodName = "mara-lind_slow-signal_main-mix_48k_24bit.wav"

    /// Stereo: silence, a 440 Hz sine at −6 dBFS from `start` to `end` (faded out over its last
    /// 0.5 s unless `cutOff`), silence to `length` seconds; `clipAt` puts 10 ms of full scale there.
    static func music(
        rate: Double = 48_000, start: Double = 0.5, end: Double = 4.5, length: Double = 6, cutOff: Bool = false,
        clipAt: Double? = nil
    ) -> AudioBuffer {
        let frames = Int(length * rate)
        var samples = [Float](repeating: 0, count: frames)
        let a = Int(start * rate), b = min(frames, Int(end * rate)), fade = Int(0.5 * rate)
        for i in a..<b {
            var gain = 0.5
            if !cutOff && i >= b - fade { gain *= Double(b - i) / Double(fade) }
            samples[i] = Float(gain * sin(2 * Double.pi * 440 * Double(i - a) / rate))
        }
        if let clipAt {
            let c = Int(clipAt * rate)
            for i in c..<(c + Int(0.01 * rate)) { samples[i] = i % 2 == 0 ? 1 : -1 }
        }
        return AudioBuffer(channels: [samples, samples])
    }

    /// The album project with the delivery set planned for Slow Signal, due in 3 days; its folder.
    static func plannedProject() async throws -> String {
        let project = try await albumProject()
        let due = Self.day(Date().addingTimeInterval(3 * 86_400))
        let r = try await producer([
            "deliverables", "plan", "--song", "Slow Signal", "--to", "Rui Costa", "--due", due, "--project", project,
        ])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("Planned 5 deliverables:"), "\(r.out)")
        #expect(r.out.contains("Rui Costa: main mix, Slow Signal, due "), "\(r.out)")
        return project
    }

    static func day(_ date: Date) -> String {
        DateFormatter.fixed("yyyy-MM-dd", timeZone: TimeZone(identifier: "Europe/Berlin")!).string(from: date)
    }

    /// `deliverables receive FILE --task t1 --json`: the exit status and the findings as (rule, at).
    static func receive(
        _ file: String, project: String, task: String = "t1"
    ) async throws -> (
        status: Int32, findings: [(rule: String, at: Double?, message: String)], json: [String: Any]
    ) {
        let r = try await producer(["deliverables", "receive", file, "--task", task, "--json", "--project", project])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any], "\(r.err)")
        let checks = json["checks"] as? [[String: Any]] ?? []
        let findings = checks.flatMap { $0["findings"] as? [[String: Any]] ?? [] }.map {
            ($0["rule"] as? String ?? "", $0["at"] as? Double, $0["message"] as? String ?? "")
        }
        return (r.status, findings, json)
    }

    @Test("each fault is found at its place and the task is rejected (exit 2); a good file is delivered")
    func faultsAndAGoodFile() async throws {
        let project = try await Self.plannedProject()
        let dir = try temporaryDirectory()
        func folder(_ name: String) throws -> String {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return path
        }
        // 44.1 kHz when 48 kHz is required
        let slow = try writeWAV(
            Self.music(rate: 44_100), Self.goodName, in: try folder("rate"), sampleRate: 44_100)
        var r = try await Self.receive(slow, project: project)
        #expect(r.status == 2)
        #expect(r.findings.map(\.rule) == ["sample rate"], "\(r.findings)")
        #expect(r.findings.first?.message == "sample rate 44.1 kHz; the project takes 48 kHz or 96 kHz")
        #expect((r.json["task"] as? [String: Any])?["state"] as? String == "rejected")
        // 16-bit
        let short = try writeWAV(Self.music(), Self.goodName, in: try folder("bits"), bits: 16)
        r = try await Self.receive(short, project: project)
        #expect(r.findings.map(\.rule) == ["bit depth"], "\(r.findings)")
        // A clipped passage at 2.000 s, in both channels
        let clipped = try writeWAV(Self.music(clipAt: 2), Self.goodName, in: try folder("clip"))
        r = try await Self.receive(clipped, project: project)
        #expect(r.findings.map(\.rule) == ["peak", "clipping"], "\(r.findings)")
        #expect(r.findings.allSatisfy { abs(($0.at ?? -1) - 2) < 0.001 }, "\(r.findings)")
        #expect(
            r.findings[1].message == "clipped at 0:02.000–0:02.010 (channels 1, 2): 480 full-scale samples in a row")
        // 3 s of silence at the head
        let late = try writeWAV(Self.music(start: 3, end: 5), Self.goodName, in: try folder("head"))
        r = try await Self.receive(late, project: project)
        #expect(r.findings.map(\.rule) == ["head"], "\(r.findings)")
        #expect(abs((r.findings.first?.at ?? 0) - 3) < 0.001)
        #expect(r.findings.first?.message.hasPrefix("3.000 s of silence before the music starts at 0:03.000") == true)
        // A tail cut off: still sounding at the end
        let cut = try writeWAV(Self.music(end: 6, cutOff: true), Self.goodName, in: try folder("tail"))
        r = try await Self.receive(cut, project: project)
        #expect(r.findings.map(\.rule) == ["cut off"], "\(r.findings)")
        #expect(r.findings.first?.at == 6)
        // A wrong name: the expected one is shown
        let misnamed = try writeWAV(Self.music(), "Slow Signal final.wav", in: try folder("name"))
        r = try await Self.receive(misnamed, project: project)
        #expect(r.findings.map(\.rule) == ["name"], "\(r.findings)")
        #expect(
            r.findings.first?.message == "named \"Slow Signal final.wav\"; the project names it \"\(Self.goodName)\"")
        // What the tools say of the test files' formats
        if let soxi = tool("soxi") {
            #expect(try runProcess(soxi, ["-r", slow]).out.trimmingCharacters(in: .whitespacesAndNewlines) == "44100")
            #expect(try runProcess(soxi, ["-b", short]).out.trimmingCharacters(in: .whitespacesAndNewlines) == "16")
        }
        // A list shows the rejection with its reason
        let list = try await producer(["deliverables", "list", "--project", project])
        #expect(
            list.out.contains("main mix, Slow Signal, due ") && list.out.contains("rejected (1 reason)"), "\(list.out)")
        // And the good file passes: delivered, with its path, the file left where it is
        let good = try writeWAV(Self.music(), Self.goodName, in: try folder("good"))
        if let soxi = tool("soxi") {
            let info = try runProcess(soxi, [good]).out
            #expect(info.contains("48000") && info.contains("24-bit") && info.contains("Channels       : 2"), "\(info)")
        }
        let text = try await producer(["deliverables", "receive", good, "--task", "t1", "--project", project])
        #expect(text.status == 0, "\(text.err)")
        #expect(text.out.contains("passes") && text.out.contains("Delivered: main mix [t1]"), "\(text.out)")
        #expect(text.out.contains("not moved or copied"), "\(text.out)")
        #expect(FileManager.default.fileExists(atPath: good))
        let tasks = try await producer(["tasks", "list", "--json", "--project", project])
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(tasks.out.utf8)) as? [String: Any])
        let t1 = try #require((listed["tasks"] as? [[String: Any]])?.first { $0["id"] as? String == "t1" })
        #expect(t1["state"] as? String == "delivered" && t1["file"] as? String == good, "\(t1)")
        #expect((t1["findings"] as? [Any])?.isEmpty == true)
        // The on-time report counts it
        let report = try await producer(["deliverables", "report", "--project", project])
        #expect(
            report.out.contains("Rui Costa: 1 of 1 due on time (100 %); 0 delivered late, 0 overdue, 4 open"),
            "\(report.out)")
    }

    @Test("a file the reader cannot read is rejected with its message; a missing one is an error, nothing recorded")
    func unreadableAndMissing() async throws {
        let project = try await Self.plannedProject()
        let dir = try temporaryDirectory()
        let text = dir + "/" + Self.goodName
        try "not audio".write(toFile: text, atomically: true, encoding: .utf8)
        let r = try await Self.receive(text, project: project)
        #expect(r.status == 2)
        #expect(r.findings.map(\.rule) == ["unreadable"])
        #expect(r.findings.first?.message.contains(text) == true, "\(r.findings)")
        let missing = try await producer([
            "deliverables", "receive", dir + "/nothing.wav", "--task", "t1", "--project", project,
        ])
        #expect(missing.status == 1)
        #expect(missing.err.contains(dir + "/nothing.wav: no such file"), "\(missing.err)")
        let none = try await producer(["deliverables", "receive", text, "--task", "t99", "--project", project])
        #expect(none.status == 1 && none.err.contains("no task \"t99\""), "\(none.err)")
    }

    @Test("stems arrive as a folder: each file is checked and named stem-PART")
    func stemsFolder() async throws {
        let project = try await Self.plannedProject()
        let dir = try temporaryDirectory()
        _ = try writeWAV(Self.music(), "mara-lind_slow-signal_stem-drums_48k_24bit.wav", in: dir)
        _ = try writeWAV(Self.music(), "mara-lind_slow-signal_stem-bass_48k_24bit.wav", in: dir)
        _ = try writeWAV(Self.music(), "bass-take-2.wav", in: dir)
        // t5 is Slow Signal's stems
        var r = try await Self.receive(dir, project: project, task: "t5")
        #expect(r.status == 2)
        #expect(r.findings.map(\.rule) == ["name"], "\(r.findings)")
        #expect(r.findings.first?.message.contains("mara-lind_slow-signal_stem-PART_48k_24bit.wav") == true)
        try FileManager.default.removeItem(atPath: dir + "/bass-take-2.wav")
        r = try await Self.receive(dir, project: project, task: "t5")
        #expect(r.status == 0 && r.findings.isEmpty, "\(r.findings)")
        #expect((r.json["checks"] as? [Any])?.count == 2)
        // A single-file deliverable refuses several files
        let several = try await producer(["deliverables", "receive", dir, "--task", "t1", "--project", project])
        #expect(several.status == 1 && several.err.contains("only stems arrive as several files"), "\(several.err)")
    }
}
