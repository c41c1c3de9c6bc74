import Foundation
import ProducerAudio
@testable import ProducerConsole
import Testing

/// The processors' parameter declarations: they check every value a session gives (out of range
/// is an error at the value's line and column, never a clamp), they are the processors' real
/// defaults, and the README's reference is theirs.
@Suite("Parameter declarations")
struct ParameterSpecTests {
    func error(_ yaml: String) -> SessionError? {
        do {
            _ = try Session(yaml: yaml, path: "song.yaml", checkFiles: false)
            return nil
        } catch {
            return error
        }
    }

    static let head = "sampleRate: 48000\ntracks:\n  - name: A\n    file: a.wav\n"

    @Test(
        "A value out of range is an error naming file, line, column and key",
        arguments: [
            (
                "    inserts:\n      - eq: { highpass: 80 }\n      - compressor: { threshold: -200, ratio: 3 }\n",
                "song.yaml:7:34: tracks[0].inserts[1].compressor.threshold: -200 is out of range (-80 to 0 dBFS)"
            ),
            (
                "    inserts:\n      - eq: { bands: [{ freq: 30000, gain: 2 }] }\n",
                "song.yaml:6:31: tracks[0].inserts[0].eq.bands[0].freq: 30000 is out of range (10 to 23520 Hz)"
            ),
            (
                "    inserts:\n      - eq: { highpass: 5 }\n",
                "song.yaml:6:25: tracks[0].inserts[0].eq.highpass: 5 is out of range (0 for off, or 10 to 23520 Hz)"
            ),
            (
                "    inserts:\n      - reverb: { mix: 1.5 }\n",
                "song.yaml:6:24: tracks[0].inserts[0].reverb.mix: 1.5 is out of range (0 to 1)"
            ),
            (
                "    inserts:\n      - limiter: { ceiling: 3 }\n",
                "song.yaml:6:29: tracks[0].inserts[0].limiter.ceiling: 3 is out of range (-24 to 0 dBTP)"
            ),
            (
                "    inserts:\n      - compressor: { threshold: -18 }\n    automation:\n      compressor.threshold: [{ time: 0, value: -18 }, { time: 4, value: -90 }]\n",
                "song.yaml:8:73: tracks[0].automation.compressor.threshold[1].value: -90 is out of range (-80 to 0 dBFS)"
            ),
            (
                "    automation:\n      pan: [{ time: 0, value: 2 }]\n",
                "song.yaml:6:31: tracks[0].automation.pan[0].value: 2 is out of range (-1 to 1)"
            ),
            ("    pan: -1.5\n", "song.yaml:5:10: tracks[0].pan: -1.5 is out of range (-1 to 1)"),
        ])
    func outOfRange(_ body: String, _ expected: String) throws {
        let found = try #require(error(Self.head + body))
        #expect(found.description == expected)
    }

    @Test("A frequency's upper end follows the sample rate (0.49 × fs)")
    func rateLimit() throws {
        let yaml =
            Self.head.replacingOccurrences(of: "48000", with: "22050")
            + "    inserts:\n      - filter: { type: lowpass, freq: 12000 }\n"
        let found = try #require(error(yaml))
        #expect(
            found.description
                == "song.yaml:6:40: tracks[0].inserts[0].filter.freq: 12000 is out of range (10 to 10804.5 Hz)")
        #expect(error(Self.head + "    inserts:\n      - filter: { type: lowpass, freq: 12000 }\n") == nil)
    }

    @Test(
        "Unknown parameters, wrong kinds and automation of what cannot move are errors in words",
        arguments: [
            (
                "    inserts:\n      - gate: { treshold: -30 }\n",
                "song.yaml:6:27: tracks[0].inserts[0].gate.treshold: gate has no parameter \"treshold\"; it takes threshold, hysteresis, ratio, attack, hold, release, range, sidechain"
            ),
            (
                "    inserts:\n      - filter: { slope: 18, type: highpass }\n",
                "song.yaml:6:26: tracks[0].inserts[0].filter.slope: must be 12, 24, 36 or 48 (dB/oct)"
            ),
            (
                "    inserts:\n      - filter: { freq: 200 }\n",
                "song.yaml:6:9: tracks[0].inserts[0].filter.type: is missing; give one of lowpass, highpass, bandpass, notch, peak, lowshelf, highshelf"
            ),
            (
                "    inserts:\n      - compressor: { makeup: lots }\n",
                "song.yaml:6:31: tracks[0].inserts[0].compressor.makeup: must be a number of dB or auto"
            ),
            (
                "    inserts:\n      - limiter: {}\n    automation:\n      limiter.lookahead: [{ time: 0, value: 2 }]\n",
                "song.yaml:8:26: tracks[0].automation.limiter.lookahead: limiter.lookahead cannot be automated; automate ceiling, release"
            ),
            (
                "    inserts:\n      - eq: { bands: [{ freq: 100 }] }\n    automation:\n      eq.band2.gain: [{ time: 0, value: 2 }]\n",
                "song.yaml:8:22: tracks[0].automation.eq.band2.gain: eq has no parameter \"band2.gain\" to automate: it has 1 band; give bandN.freq, bandN.gain or bandN.q"
            ),
        ])
    func mistakes(_ body: String, _ expected: String) throws {
        let found = try #require(error(Self.head + body))
        #expect(found.description == expected)
    }

    @Test("Values at both ends of every declared range are accepted")
    func ends() throws {
        for kind in ProcessorKind.allCases {
            for spec in kind.parameters where spec.value == .number {
                for value in [spec.range.lowerBound, spec.upperBound(sampleRate: 48_000)] {
                    let extra = kind == .filter ? "type: peak, " : ""
                    let yaml =
                        Self.head + "    inserts:\n      - \(kind.rawValue): { \(extra)\(spec.name): \(value) }\n"
                    #expect(error(yaml) == nil, "\(kind).\(spec.name) = \(value): \(error(yaml)?.description ?? "")")
                }
            }
        }
    }

    /// The declared defaults as parameters: every one that is a number, a step or a word.
    static func declaredDefaults(_ kind: ProcessorKind) -> [String: ParameterValue] {
        var out: [String: ParameterValue] = [:]
        for spec in kind.parameters {
            switch spec.value {
            case .number, .steps: if let n = spec.defaultValue { out[spec.name] = .number(n) }
            case .choice(let words): if words.contains(spec.defaultText) { out[spec.name] = .text(spec.defaultText) }
            case .flag: out[spec.name] = .flag(spec.defaultText == "true")
            default: break
            }
        }
        return out
    }

    @Test(
        "The declared defaults are the processors' own: a processor given all of them sounds the same as one given none",
        arguments: ProcessorKind.allCases)
    func defaults(_ kind: ProcessorKind) throws {
        let session = try Session(yaml: Self.head, path: "song.yaml", checkFiles: false)
        var given = Self.declaredDefaults(kind)
        var bare: [String: ParameterValue] = [:]
        if kind == .filter { bare["type"] = .text("peak"); given["type"] = .text("peak") }
        if kind == .eq {  // a band, so that its declared defaults (gain, q, type) are used
            bare["bands"] = .list([.map(["freq": .number(1000)])])
            given["bands"] = .list([
                .map(["freq": .number(1000), "gain": .number(0), "q": .number(1), "type": .text("peak")])
            ])
        }
        #expect(given.count >= 2 || kind == .width, "\(kind) declares few numeric defaults: \(given)")
        func insert(_ p: [String: ParameterValue]) -> Session.Insert {
            Session.Insert(kind: kind.rawValue, parameters: p, line: 1, column: 1, keyPath: "x")
        }
        var a = try ProcessorFactory.make(insert(bare), session)
        var b = try ProcessorFactory.make(insert(given), session)
        let input = [
            FXSignals.noise(amplitude: 0.5, frames: 9000, seed: 3),
            FXSignals.noise(amplitude: 0.5, frames: 9000, seed: 4),
        ]
        a.prepare(sampleRate: 48_000, channelCount: 2, maximumBlockFrames: 4096)
        b.prepare(sampleRate: 48_000, channelCount: 2, maximumBlockFrames: 4096)
        var blockA = AudioBuffer(channelCount: 2, frameCapacity: 4096), blockB = blockA
        var done = 0, same = true
        while done < 9000 {
            let n = min(4096, 9000 - done)
            blockA.frameCount = n; blockB.frameCount = n
            for c in 0..<2 { for i in 0..<n { blockA[c, i] = input[c][done + i]; blockB[c, i] = input[c][done + i] } }
            a.process(&blockA, sidechain: nil)
            b.process(&blockB, sidechain: nil)
            for c in 0..<2 { for i in 0..<n where blockA[c, i] != blockB[c, i] { same = false } }
            done += n
        }
        #expect(same, "\(kind): the declared defaults \(given) change the sound")
    }

    @Test("The README's parameter reference is the one the declarations give")
    func readme() throws {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let begin = "<!-- parameters:begin (rendered from ProcessorKind's declarations; a test compares) -->\n"
        let start = try #require(readme.range(of: begin), "the README has no \(begin)")
        let end = try #require(readme.range(of: "<!-- parameters:end -->", range: start.upperBound..<readme.endIndex))
        let expected = ProcessorKind.referenceMarkdown
        let written = String(readme[start.upperBound..<end.lowerBound])
        if written != expected {
            try? expected.write(
                toFile: NSTemporaryDirectory() + "parameter-reference.md", atomically: true, encoding: .utf8)
        }
        #expect(
            written == expected,
            "the README's reference differs; the rendered one is in \(NSTemporaryDirectory())parameter-reference.md")
    }
}
