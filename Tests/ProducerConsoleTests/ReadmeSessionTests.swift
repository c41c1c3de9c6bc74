import Foundation
import ProducerConsole
import Testing

/// The README's full session must stay true: it parses, and every insert builds with its parameters.
@Suite("The README's session")
struct ReadmeSessionTests {
    @Test("parses and every insert builds")
    func readmeSession() throws {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "```yaml\nsampleRate: 48000\ntempo: 96"))
        let body = readme[start.upperBound...]
        let end = try #require(body.range(of: "```"))
        let yaml = "sampleRate: 48000\ntempo: 96" + body[..<end.lowerBound]
        let session = try Session(yaml: String(yaml), path: "/tmp/readme-session.yaml", checkFiles: false)
        #expect(session.tracks.count == 3 && session.buses.count == 2)
        #expect(session.tracks[2].startFrame == 16 * 60 / 96 * 48_000)
        var built = 0
        for strip in session.tracks.map(\.strip) + session.buses.map(\.strip) + [session.master.strip] {
            for insert in strip.inserts {
                _ = try ProcessorFactory.make(insert, session)
                built += 1
            }
        }
        #expect(built == 10)
    }
}
