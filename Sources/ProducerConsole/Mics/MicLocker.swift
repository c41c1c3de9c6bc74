import Foundation
import ProducerFiles
import Yams

/// The mics a studio has, as `producer mics --mics AVAILABLE.yaml` reads them:
///
/// ```yaml
/// mics:
///   - name: SM57
///     type: dynamic          # dynamic, condenser or ribbon
///     patterns: [cardioid]   # cardioid, supercardioid, hypercardioid, omni, figure-8
///     count: 4               # how many (default 1)
///     character: bright      # optional, in words
/// ```
public struct MicLocker: Sendable, Codable, Equatable {
    /// One model of mic in the locker.
    public struct Mic: Sendable, Codable, Equatable {
        public var name: String
        public var type: String
        public var patterns: [String]
        public var count: Int
        public var character: String?

        public init(name: String, type: String, patterns: [String], count: Int = 1, character: String? = nil) {
            self.name = name
            self.type = type
            self.patterns = patterns
            self.count = count
            self.character = character
        }
    }

    public var mics: [Mic]
    /// Where the list came from: the file, or nil for ``typical``.
    public var file: String?

    public init(mics: [Mic], file: String? = nil) {
        self.mics = mics
        self.file = file
    }

    public static let types = ["dynamic", "condenser", "ribbon"]
    public static let patternNames = ["cardioid", "supercardioid", "hypercardioid", "omni", "figure-8"]
    /// The largest mic list read, bytes.
    public static let maximumFileBytes = 1 << 20

    /// What a small studio typically has, assumed without `--mics`.
    public static let typical = MicLocker(mics: [
        Mic(name: "SM57", type: "dynamic", patterns: ["cardioid"], count: 4, character: "mid-forward"),
        Mic(name: "MD421", type: "dynamic", patterns: ["cardioid"], count: 3, character: "full"),
        Mic(name: "Beta 52A", type: "dynamic", patterns: ["supercardioid"], count: 1, character: "big low end"),
        Mic(name: "KM184", type: "condenser", patterns: ["cardioid"], count: 2, character: "detailed"),
        Mic(
            name: "AT4050", type: "condenser", patterns: ["cardioid", "omni", "figure-8"], count: 2,
            character: "neutral"),
        Mic(name: "TLM 103", type: "condenser", patterns: ["cardioid"], count: 1, character: "bright, present"),
        Mic(name: "R-121", type: "ribbon", patterns: ["figure-8"], count: 1, character: "smooth"),
    ])

    /// Reads the list at `path`.
    /// - Throws: ``MicError`` with the file, line and column and the key at fault.
    public init(path: String) throws(MicError) {
        let text: String
        do {
            text = try InputFile.text(atPath: path, what: "mic list", limit: Self.maximumFileBytes)
        } catch {
            throw MicError(.invalid, file: path, line: error.line, column: error.column, error.reason)
        }
        try self.init(yaml: text, path: path)
    }

    /// Reads a list from YAML text; `path` names it in errors.
    public init(yaml: String, path: String) throws(MicError) {
        func fail(_ node: Node?, _ key: String?, _ message: String) -> MicError {
            MicError(.invalid, file: path, line: node?.mark?.line, column: node?.mark?.column, key: key, message)
        }
        guard yaml.utf8.count <= Self.maximumFileBytes else {
            throw MicError(
                .invalid, file: path,
                InputFile.tooLargeReason(size: yaml.utf8.count, what: "mic list", limit: Self.maximumFileBytes))
        }
        let composed: Node?
        do {
            composed = try YAMLSyntax.compose(yaml)
        } catch {
            throw MicError(.invalid, file: path, line: error.line, column: error.column, error.message)
        }
        guard let root = composed else { throw fail(nil, nil, "the mic list is empty") }
        var listNode = root
        if case .mapping(let top) = root {
            for (k, _) in top where k.string != "mics" {
                throw fail(k, k.string ?? "", "unknown key; the file holds one key, mics")
            }
            guard let m = top["mics"] else { throw fail(root, "mics", "is missing: list the mics under mics:") }
            listNode = m
        }
        guard case .sequence(let list) = listNode else {
            throw fail(listNode, "mics", "must be a list of mics (- name: …, type: …)")
        }
        var mics: [Mic] = []
        for (i, item) in list.enumerated() {
            let key = "mics[\(i)]"
            guard case .mapping(let m) = item else {
                throw fail(item, key, "must be a mapping with name, type and patterns")
            }
            var fields: [String: Node] = [:]
            for (k, v) in m {
                let name = k.string ?? ""
                guard ["name", "type", "patterns", "count", "character"].contains(name) else {
                    throw fail(k, key + "." + name, "unknown key; expected name, type, patterns, count or character")
                }
                fields[name] = v
            }
            func text(_ field: String) throws(MicError) -> String? {
                guard let node = fields[field] else { return nil }
                guard case .scalar(let s) = node, !s.string.isEmpty else {
                    throw fail(node, key + "." + field, "must be text")
                }
                return s.string
            }
            guard let name = try text("name") else { throw fail(item, key + ".name", "is missing") }
            guard let type = try text("type")?.lowercased() else { throw fail(item, key + ".type", "is missing") }
            guard Self.types.contains(type) else {
                throw fail(
                    fields["type"], key + ".type", "'\(type)' is not a mic type; use dynamic, condenser or ribbon")
            }
            var patterns: [String] = []
            if let node = fields["patterns"] {
                let items: [Node]
                if case .sequence(let s) = node { items = Array(s) } else { items = [node] }
                for (j, p) in items.enumerated() {
                    guard case .scalar(let s) = p else {
                        throw fail(p, key + ".patterns[\(j)]", "must be a pattern name")
                    }
                    let value = Self.pattern(s.string)
                    guard Self.patternNames.contains(value) else {
                        throw fail(
                            p, key + ".patterns[\(j)]",
                            "'\(s.string)' is not a polar pattern; use \(Self.patternNames.joined(separator: ", "))")
                    }
                    patterns.append(value)
                }
            } else {
                patterns = [type == "ribbon" ? "figure-8" : "cardioid"]
            }
            var count = 1
            if let node = fields["count"] {
                guard let n = node.int, (1...64).contains(n) else {
                    throw fail(node, key + ".count", "must be a whole number from 1 to 64")
                }
                count = n
            }
            mics.append(Mic(name: name, type: type, patterns: patterns, count: count, character: try text("character")))
        }
        if mics.isEmpty { throw fail(listNode, "mics", "is empty: list at least one mic") }
        self.init(mics: mics, file: path)
    }

    /// A pattern's usual spellings folded to one: "figure 8", "fig8", "bidirectional" → figure-8.
    static func pattern(_ text: String) -> String {
        let t = text.lowercased().replacingOccurrences(of: " ", with: "-")
        switch t {
        case "figure-8", "figure8", "fig-8", "fig8", "bidirectional", "figure-of-eight": return "figure-8"
        case "omnidirectional", "omni": return "omni"
        case "super-cardioid", "supercardioid": return "supercardioid"
        case "hyper-cardioid", "hypercardioid": return "hypercardioid"
        default: return t
        }
    }
}
