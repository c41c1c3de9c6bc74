import Foundation
import ProducerTestSupport
import Testing

/// With --json, an error is one JSON object on standard error: the command, and the error's
/// code, place (file, line, column, key) and sentence.
@Suite("errors as JSON, run in process")
struct JSONErrorTests {
    /// The one JSON object standard error holds.
    func object(_ text: String) throws -> (command: String, error: [String: Any]) {
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1, "one line of JSON, not: \(text)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
        return (try #require(object["command"] as? String), try #require(object["error"] as? [String: Any]))
    }

    @Test("a missing file: code, file and sentence; the good file still reported on standard output")
    func missingFile() async throws {
        let dir = try temporaryDirectory()
        let good = try writeWAV(sine(dBFS: -20, seconds: 1), "good.wav", in: dir)
        let r = await runInProcess(["analyze", good, dir + "/missing.wav", "--json"])
        #expect(r.status == 1)
        let (command, error) = try object(r.err)
        #expect(command == "analyze")
        #expect(error["file"] as? String == dir + "/missing.wav")
        #expect(error["code"] as? String == "notFound")
        let message = try #require(error["message"] as? String)
        #expect(error["description"] as? String == dir + "/missing.wav: " + message)
        #expect(r.out.contains("good.wav"))
    }

    @Test("a plan's mistake: file, line, column and key, as the sentence without --json names them")
    func planMistake() async throws {
        let dir = try temporaryDirectory()
        #expect(await runInProcess(["project", "init", "P", "--path", dir + "/p"]).status == 0)
        let plan = dir + "/plan.yaml"
        try "songs:\n  - { title: X, tempo: fast }\n".write(toFile: plan, atomically: true, encoding: .utf8)
        let text = await runInProcess(["project", "import", plan, "--project", dir + "/p"])
        let json = await runInProcess(["project", "import", plan, "--project", dir + "/p", "--json"])
        #expect(text.status == 1 && json.status == 1)
        let (command, error) = try object(json.err)
        #expect(command == "project import")
        #expect(error["code"] as? String == "wrong type")
        #expect(error["file"] as? String == plan)
        #expect(error["line"] as? Int == 2 && (error["column"] as? Int ?? 0) > 1)
        #expect(error["key"] as? String == "songs[0].tempo")
        #expect(text.err == "producer project import: \(error["description"] as? String ?? "?")\n")
    }

    @Test("a usage mistake with --json is a JSON object too, exit 1")
    func usageMistake() async throws {
        let r = await runInProcess(["analyze", "x.wav", "--json", "--loudest"])
        #expect(r.status == 1)
        let (command, error) = try object(r.err)
        #expect(command == "analyze")
        #expect(error["code"] as? String == "usage")
        #expect((error["message"] as? String)?.contains("--loudest") == true)
        #expect((error["message"] as? String)?.contains("\n") == false)
        // And without --json it is the usual sentence
        let plain = await runInProcess(["analyze", "x.wav", "--loudest"])
        #expect(plain.status == 1 && plain.err.contains("--loudest") && !plain.err.hasPrefix("{"))
    }

    @Test("a session's value out of range: mix --json names file, line, column and key; nothing is written")
    func sessionOutOfRange() async throws {
        let dir = try temporaryDirectory()
        _ = try writeWAV(sine(dBFS: -20, seconds: 1), "a.wav", in: dir)
        let session = dir + "/s.yaml"
        try """
        sampleRate: 48000
        tracks:
          - name: A
            file: a.wav
            inserts:
              - compressor: { threshold: -200, ratio: 4 }
        """.write(toFile: session, atomically: true, encoding: .utf8)
        let r = await runInProcess(["mix", session, "-o", dir + "/mix.wav", "--json"])
        #expect(r.status == 1)
        let (command, error) = try object(r.err)
        #expect(command == "mix")
        #expect(error["code"] as? String == "out of range")
        #expect(error["file"] as? String == session)
        #expect(error["line"] as? Int == 6 && error["column"] as? Int != nil)
        #expect(error["key"] as? String == "tracks[0].inserts[0].compressor.threshold")
        #expect((error["message"] as? String)?.hasPrefix("-200 is out of range") == true)
        #expect(!FileManager.default.fileExists(atPath: dir + "/mix.wav"))
    }
}
