@testable import ProducerConsole
import Testing

/// A session built in code, not read from a file, is checked whole by its graph too.
@Suite("Mix graph")
struct MixGraphTests {
    @Test("A session built in code with a value out of range or automation of what cannot move is refused")
    func codeBuiltSessions() throws {
        let yaml =
            "sampleRate: 48000\ntracks:\n  - name: A\n    file: a.wav\n    inserts:\n      - limiter: { ceiling: -1 }\n"
        var session = try Session(yaml: yaml, path: "s.yaml", checkFiles: false)
        _ = try MixGraph(session: session)
        session.tracks[0].strip.inserts[0].parameters["ceiling"] = .number(6)
        #expect(
            throws: SessionError(
                file: "s.yaml", line: 6, column: 9, key: "tracks[0].inserts[0].limiter.ceiling", code: .outOfRange,
                "6 is out of range (-24 to 0 dBTP)")
        ) { try MixGraph(session: session) }
        session.tracks[0].strip.inserts[0].parameters["ceiling"] = .number(-1)
        session.tracks[0].strip.automation = [
            .init(
                target: "limiter.lookahead", points: [(0, 2)], line: 7,
                keyPath: "tracks[0].automation.limiter.lookahead")
        ]
        #expect(
            throws: SessionError(
                file: "s.yaml", line: 7, key: "tracks[0].automation.limiter.lookahead",
                "limiter.lookahead cannot be automated; automate ceiling, release")
        ) { try MixGraph(session: session) }
        session.tracks[0].strip.automation = [
            .init(target: "gain", points: [(0, -200)], line: 7, keyPath: "tracks[0].automation.gain")
        ]
        #expect(
            throws: SessionError(
                file: "s.yaml", line: 7, key: "tracks[0].automation.gain[0].value",
                "-200 is out of range (-144 to 48 dB)")
        ) { try MixGraph(session: session) }
    }
}
