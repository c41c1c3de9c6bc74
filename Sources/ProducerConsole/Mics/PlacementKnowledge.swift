import Yams

/// The placement knowledge in `placement.yaml`: per source the mic positions, their mics, and
/// which positions each goal uses, with the books and guides they come from.
public struct PlacementKnowledge: Sendable, Codable {
    /// Short names of the references → the full citation.
    public var references: [String: String]
    public var sources: [Source]

    /// A source to record: a drum kit, a guitar cab, a vocal…
    public struct Source: Sendable, Codable {
        public var name: String
        public var aliases: [String]
        /// Goal → the positions used, by name.
        public var layouts: [String: [String]]
        public var mics: [Position]
    }

    /// One mic position.
    public struct Position: Sendable, Codable {
        public var name: String
        /// What it captures (kick, snare, kit, speaker…).
        public var target: String
        /// The mic type wanted: dynamic, condenser, ribbon or di (a DI box, no mic).
        public var type: String
        /// Types that will do, best first.
        public var alternatives: [String]?
        /// The polar pattern to set.
        public var pattern: String
        /// Other patterns that work.
        public var patterns: [String]?
        /// Models usually used here (matched against the locker's names).
        public var classic: [String]?
        /// Whether it is a stereo pair (two identical mics).
        public var pair: Bool?
        /// Whether it is a room mic, whose distance follows the room.
        public var room: Bool?
        public var position: String
        /// Metres from the target.
        public var distance: Double
        public var why: String
        public var refs: [String]
        /// Goal → how it changes this position.
        public var goals: [String: GoalChange]?
        /// Distances to other targets this mic also hears, metres.
        public var hears: [String: Double]?
        /// Distances to other mic positions, metres (the 3:1 rule).
        public var spacing: [String: Double]?
    }

    /// How a goal changes a position: another distance, and a note.
    public struct GoalChange: Sendable, Codable {
        public var distance: Double?
        public var note: String?
    }

    /// The knowledge shipped with Producer.
    public static let standard: PlacementKnowledge = {
        let text = String(decoding: PackageResources.placement_yaml, as: UTF8.self)
        do {
            return try YAMLDecoder().decode(PlacementKnowledge.self, from: text)
        } catch {
            fatalError("placement.yaml does not match PlacementKnowledge: \(error)")
        }
    }()

    /// The source named `name` (or one of its aliases), ignoring case and extra spaces.
    public func source(named name: String) -> Source? {
        let key = Self.normalised(name)
        return sources.first { s in
            Self.normalised(s.name) == key || s.aliases.contains { Self.normalised($0) == key }
        }
    }

    static func normalised(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" }).joined(separator: " ")
    }
}
