import ProducerFiles
import ProducerMusic
import Yams

/// What a song's optional `song.yaml` in a project folder tells Producer: how to hear its takes
/// (key, tempo, downbeat, each part's kind) and what to make of them (title, the targets to
/// master for, the reference track, each part's role in the mix).
///
/// ```yaml
/// title: Night Trains
/// key: E minor
/// tempo: 96
/// downbeat: "0:00.000"        # or bar:beat, such as "3:1"
/// targets: [spotify, cd]
/// reference: refs/night-trains.wav
/// parts:
///   lead-vocal: { part: vocal, role: lead vocal }
/// ```
public struct SongSettings: Sendable, Codable, Equatable {
    public var title: String?
    public var key: String?
    public var tempo: Double?
    public var downbeat: String?
    public var targets: [String]?
    /// The reference track, relative to the project folder.
    public var reference: String?
    /// Per part (its folder's name): what the listener hears it as and its role in the mix.
    public var parts: [String: PartSettings]

    /// What a part is.
    public struct PartSettings: Sendable, Codable, Equatable {
        /// vocal, bass, guitar, keys, drums or other.
        public var part: Part?
        /// Its role for the mix assistant, such as `lead vocal` or `overheads`.
        public var role: String?

        public init(part: Part? = nil, role: String? = nil) {
            self.part = part
            self.role = role
        }
    }

    public init() { parts = [:] }

    /// The largest `song.yaml` read, bytes.
    public static let maximumFileBytes = 64 << 10

    /// The keys a `song.yaml` may have.
    static let keys = ["title", "key", "tempo", "downbeat", "targets", "reference", "parts"]

    /// Reads `path`.
    /// - Throws: ``ProjectLayoutError`` with the line and column of the mistake.
    public static func read(path: String) throws(ProjectLayoutError) -> SongSettings {
        let text: String
        do {
            text = try InputFile.text(atPath: path, what: "song file", limit: maximumFileBytes)
        } catch {
            throw ProjectLayoutError(.unreadable, file: path, line: error.line, column: error.column, error.reason)
        }
        return try parse(text, path: path)
    }

    /// Reads a `song.yaml`'s text; `path` names it in errors.
    /// - Throws: ``ProjectLayoutError`` with the line and column of the mistake.
    public static func parse(_ text: String, path: String) throws(ProjectLayoutError) -> SongSettings {
        let root: Node?
        do {
            root = try YAMLSyntax.compose(text)
        } catch {
            throw ProjectLayoutError(.syntax, file: path, line: error.line, column: error.column, error.message)
        }
        var settings = SongSettings()
        guard let root else { return settings }
        guard case .mapping(let mapping) = root else {
            throw ProjectLayoutError(
                file: path, line: root.mark?.line, column: root.mark?.column,
                "must be a mapping of keys to values, such as `tempo: 96`")
        }
        func fail(_ node: Node, _ key: String, _ message: String) -> ProjectLayoutError {
            ProjectLayoutError(file: path, line: node.mark?.line, column: node.mark?.column, key: key, message)
        }
        func scalar(_ node: Node, _ key: String) throws(ProjectLayoutError) -> String {
            guard case .scalar(let s) = node, !s.string.isEmpty else {
                throw fail(node, key, "must be text")
            }
            guard s.string.count <= 200 else { throw fail(node, key, "is longer than 200 characters") }
            return s.string
        }
        for (keyNode, value) in mapping {
            guard case .scalar(let k) = keyNode, keys.contains(k.string) else {
                throw ProjectLayoutError(
                    .unknownKey, file: path, line: keyNode.mark?.line, column: keyNode.mark?.column,
                    key: keyNode.string,
                    "is not a key of song.yaml; the keys are " + keys.joined(separator: ", "))
            }
            let key = k.string
            switch key {
            case "title": settings.title = try scalar(value, key)
            case "key":
                let name = try scalar(value, key)
                guard (try? Key(parsing: name)) != nil else {
                    throw fail(value, key, "\"\(name)\" is not a key; write it as \"E minor\" or \"Bb major\"")
                }
                settings.key = name
            case "tempo":
                guard let bpm = Double(try scalar(value, key)), bpm.isFinite, (20...400).contains(bpm) else {
                    throw fail(value, key, "must be a tempo in BPM between 20 and 400")
                }
                settings.tempo = bpm
            case "downbeat":
                let t = try scalar(value, key)
                guard Downbeat(text: t) != nil else {
                    throw fail(value, key, "\"\(t)\" is not a time (12.5, 0:12.500) or a bar:beat (3:1)")
                }
                settings.downbeat = t
            case "targets":
                let items: [Node]
                switch value {
                case .sequence(let s): items = Array(s)
                case .scalar: items = [value]
                default: throw fail(value, key, "must be a list of targets, such as [spotify, cd]")
                }
                guard items.count <= 20 else { throw fail(value, key, "lists more than 20 targets") }
                settings.targets = try items.map { (item: Node) throws(ProjectLayoutError) -> String in
                    try scalar(item, key)
                }
            case "reference":
                let file = try scalar(value, key)
                guard !file.hasPrefix("/"), !file.split(separator: "/").contains("..") else {
                    throw fail(value, key, "must be a path inside the project, such as refs/song.wav")
                }
                settings.reference = file
            default:  // parts
                guard case .mapping(let parts) = value else {
                    throw fail(
                        value, key, "must map each part's folder to what it is, such as `lead-vocal: { part: vocal }`")
                }
                guard parts.count <= 200 else { throw fail(value, key, "lists more than 200 parts") }
                for (partKey, partValue) in parts {
                    let name = try scalar(partKey, "parts")
                    let at = "parts.\(name)"
                    guard case .mapping(let fields) = partValue else {
                        throw fail(partValue, at, "must be a mapping such as `{ part: vocal, role: lead vocal }`")
                    }
                    var part = PartSettings()
                    for (fieldKey, fieldValue) in fields {
                        let field = try scalar(fieldKey, at)
                        switch field {
                        case "part":
                            let word = try scalar(fieldValue, at + ".part")
                            guard let kind = Part(rawValue: word.lowercased()) else {
                                throw fail(
                                    fieldValue, at + ".part",
                                    "\"\(word)\" is not a part; the parts are "
                                        + Part.allCases.map(\.rawValue).joined(separator: ", "))
                            }
                            part.part = kind
                        case "role":
                            part.role = try scalar(fieldValue, at + ".role")
                        default:
                            throw ProjectLayoutError(
                                .unknownKey, file: path, line: fieldKey.mark?.line, column: fieldKey.mark?.column,
                                key: at + "." + field, "is not a key of a part; the keys are part, role")
                        }
                    }
                    settings.parts[name] = part
                }
            }
        }
        return settings
    }
}
