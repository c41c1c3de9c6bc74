import Foundation
@testable import ProducerConsole
import ProducerTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Session files that are not YAML a person meant, too deep, too large, not files at all, or
/// large: every one an error in our words with file:line:col, never libyaml's text, a crash or a hang.
@Suite("Session file limits")
struct SessionLimitsTests {
    func error(_ yaml: String) -> SessionError? {
        do {
            _ = try Session(yaml: yaml, path: "s.yaml", checkFiles: false)
            return nil
        } catch {
            return error
        }
    }

    /// Pieces of libyaml's and Yams's own messages, which must never reach a person.
    static let libyamlTexts = [
        "yaml_", "Maximum nesting", "while scanning", "while parsing", "did not find expected",
        "could not find expected",
        "found character", "found unexpected", "found unknown", "not allowed in this context", "scanner", "composer",
    ]

    @Test(
        "Deep nesting is our error naming the limit and the place",
        arguments: ["flow lists", "block lists", "flow mappings"])
    func deepNesting(_ kind: String) throws {
        let (yaml, line, column) =
            switch kind {
            case "flow lists": (String(repeating: "[", count: 100_000), 1, 1)  // libyaml reads ahead to its own limit
            case "block lists": (String(repeating: "- ", count: 1200) + "x", 1, 129)
            default: ("tracks: " + String(repeating: "{a: ", count: 5000), 1, 9 + 4 * 63)
            }
        let found = try #require(error(yaml))
        #expect(
            found.description
                == "s.yaml:\(line):\(column): the YAML is nested deeper than 64 levels (lists and mappings inside one another)"
        )
        for raw in Self.libyamlTexts { #expect(!found.description.contains(raw)) }
    }

    @Test(
        "Every libyaml and Yams complaint is a sentence in our words at file:line:col",
        arguments: [
            // (yaml, line, column, what it says)
            (
                "sampleRate: 48000\ntracks:\n\t- name: a\n", 3, 1,
                "a tab is used for indentation here; YAML indents with spaces only"
            ),
            (
                "sampleRate: 48000\ntracks:\n  - name: a\n    file: a.wav\n   gain: 3\n", 5, 4,
                "the indentation is wrong here: another list item (- …) at the list's indentation was expected"
            ),
            (
                "sampleRate: 48000\ntracks:\n  - name: \"a\\q\"\n", 3, 13,
                "\\q is not an escape double-quoted text knows"
            ),
            (
                "sampleRate: 48000\u{1}\n", 1, 18,
                "the text holds a control character (U+0001), which YAML does not allow; delete it"
            ),
            (
                "sampleRate: 48000\ntracks:\n  - name: \"abc\n", 4, 1,
                "a quoted text is never closed: the file ends before its closing quote"
            ),
            ("sampleRate: 48000\ntracks: [a, b\n", 3, 1, "a list in [ ] is not closed: a , or ] was expected here"),
            ("sampleRate: 48000\ntracks: { a: 1\n", 3, 1, "a mapping in { } is not closed: a , or } was expected here"),
            (
                "sampleRate: &rate 48000\ntempo: *rate\n", 2, 8,
                "YAML aliases (*rate) are not supported here; write the value out in full"
            ),
            (
                "sampleRate: 48000\n---\nsampleRate: 44100\n", 2, 1,
                "a second YAML document starts here (after ---); the file must hold one"
            ),
            ("sampleRate: 48000\nsampleRate: 44100\n", 1, 1, "the key \"sampleRate\" is given twice in one mapping"),
            ("sampleRate: 48000\ntracks: a: b\n", 2, 10, "a \"key: value\" cannot start here"),
            ("sampleRate: @48000\n", 1, 13, "\"@\" cannot start a value; put the text in quotes"),
            (
                "sampleRate: 48000\n- a\n", 2, 1,
                "the indentation is wrong here: a key of the mapping above, at its indentation, was expected"
            ),
            ("%FOO bar\n--- \nsampleRate: 48000\n", 1, 5, "this % directive cannot be read"),
            ("sampleRate: !!binary 48000\ntempo: !<x\n", 2, 11, "this ! tag cannot be read"),
        ] as [(String, Int, Int, String)])
    func libyamlMessages(_ yaml: String, line: Int, column: Int, says: String) throws {
        let found = try #require(error(yaml))
        #expect(found.line == line && found.column == column, "\(found)")
        #expect(found.description.hasPrefix("s.yaml:\(line):\(column): "), "\(found)")
        #expect(found.description.contains(says), "\(found)")
        for raw in Self.libyamlTexts { #expect(!found.description.contains(raw), "\(found)") }
    }

    @Test("A session file larger than the limit is refused, naming it")
    func tooLarge() throws {
        let yaml =
            "sampleRate: 48000\n" + String(repeating: "# " + String(repeating: "x", count: 98) + "\n", count: 45_000)
        let found = try #require(error(yaml))
        #expect(
            found.description
                == "s.yaml: the session file is 4,545,018 bytes long; a session file may be at most 4 MB (4,194,304 bytes)"
        )
    }

    @Test("A FIFO, a folder or a device given as the session is refused before reading, without blocking")
    func notARegularFile() throws {
        let dir = NSTemporaryDirectory() + "producer-session-fifo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fifo = dir + "/session.yaml"
        #expect(mkfifo(fifo, 0o644) == 0)
        let watchdog = FIFOWatchdog(path: fifo)
        defer { watchdog.stop() }
        for (path, says) in [
            (fifo, "this is a pipe (FIFO), not a regular file; give the session file itself"),
            (dir, "this is a folder, not a session file"),
            ("/dev/null", "this is a device, not a regular file; give the session file itself"),
            (dir + "/missing.yaml", "the session file does not exist"),
        ] {
            #expect(throws: SessionError(file: path, code: .unreadable, says)) { try Session(path: path) }
        }
        #expect(!watchdog.hadToUnblock)
    }

    @Test("A session file that is not UTF-8 is refused with the line and column of the first bad byte")
    func notUTF8() throws {
        let dir = NSTemporaryDirectory() + "producer-session-utf8-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.yaml"
        try Data(Array("sampleRate: 48000\ntracks:\n  - name: K".utf8) + [0xF6, 0x6C, 0x6E]).write(
            to: URL(fileURLWithPath: path))
        #expect(
            throws: SessionError(
                file: path, line: 3, column: 12, code: .unreadable,
                "the session file is not UTF-8 text (byte 37 is 0xF6); save it as UTF-8")
        ) {
            try Session(path: path)
        }
    }

    @Test("A bar:beat position too large for a number is an error, not a crash")
    func hugeBarBeat() throws {
        let found = try #require(
            error("sampleRate: 48000\ntracks:\n  - { name: a, file: a.wav, start: \"1e300:1\" }\n"))
        #expect(
            found.description
                == "s.yaml:3:36: tracks[0].start: \"1e300:1\" is past the 24-hour limit of a session's timeline")
    }

    @Test("A chain of 50,000 buses is checked for cycles without overflowing the stack")
    func longBusChain() throws {
        // Each bus feeds the next: the routing check used to recurse once per bus, copying the
        // path each time: quadratic, and deep enough to overflow a thread's stack. (Built in
        // code: reading the buses from YAML takes a while in a debug build.)
        let count = 50_000
        func bus(_ i: Int, output: Int?) -> Session.Bus {
            var strip = Session.Strip()
            strip.output = output.map { "b\($0)" }
            strip.line = i + 4
            return Session.Bus(name: "b\(i)", strip: strip)
        }
        var session = try Session(
            yaml: "sampleRate: 48000\ntracks: [{ name: a, file: a.wav }]\n", path: "s.yaml", checkFiles: false)
        session.buses = (0..<count).map { bus($0, output: $0 + 1 < count ? $0 + 1 : nil) }
        let parser = SessionParser(path: "s.yaml", yaml: "", checkFiles: false)
        try parser.checkRouting(session)
        // And a cycle at its end is still found
        session.buses[count - 1] = bus(count - 1, output: count - 3)
        #expect(
            throws: SessionError(
                file: "s.yaml", line: count + 1, key: "buses", code: .cycle,
                "routing cycle: b\(count - 3) → b\(count - 2) → b\(count - 1) → b\(count - 3)")
        ) {
            try parser.checkRouting(session)
        }
    }

    @Test("Reading time is linear in the session's size")
    func linearTime() throws {
        func session(tracks: Int) -> String {
            var lines = [
                "sampleRate: 48000", "tempo: 96", "buses:", "  - name: Plate",
                "    inserts: [{ reverb: { size: 0.6, mix: 1.0 } }]", "tracks:",
            ]
            for i in 0..<tracks {
                lines += [
                    "  - name: Track \(i)", "    file: takes/t\(i).wav", "    gain: -3.5", "    pan: 0.25",
                    "    start: \"\(i % 64 + 1):1\"",
                    "    inserts:", "      - eq: { highpass: 80, bands: [{ freq: 3000, gain: 2.0, q: 1.0 }] }",
                    "      - compressor: { threshold: -18, ratio: 3, attack: 10, release: 120 }",
                    "    sends: [{ bus: Plate, level: -12 }]",
                    "    automation:", "      gain: [{ time: 0, value: -3 }, { time: \"3:1\", value: -9 }]",
                ]
            }
            return lines.joined(separator: "\n") + "\n"
        }
        let ratio = try LinearTime.ratio(small: session(tracks: 20), large: session(tracks: 200)) { yaml in
            _ = try Session(yaml: yaml, path: "s.yaml", checkFiles: false)
        }
        #expect(ratio <= 20, "10× the tracks took \(ratio)× the time")
    }
}
