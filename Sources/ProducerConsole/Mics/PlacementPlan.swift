/// A placement plan for one source: which mic goes where and why, what is missing, the 3:1
/// checks and the delays to align.
public struct PlacementPlan: Sendable, Codable, Equatable {
    /// The source as the knowledge names it ("drum kit").
    public var source: String
    /// The goal planned for.
    public var goal: String
    /// The room, when given.
    public var room: Room?
    /// Where the mics come from: the file given, or the typical locker assumed.
    public var locker: String
    public var placements: [Placement]
    /// Positions no available mic fits, with what they want.
    public var missing: [String]
    public var spacing: [SpacingCheck]
    public var alignment: [AlignmentWarning]
    /// What the room does to the plan.
    public var roomNotes: [String]
    public var warnings: [String]
    /// The references the plan draws on, in full.
    public var references: [String]

    /// One mic (or pair) in place.
    public struct Placement: Sendable, Codable, Equatable {
        /// The position's name ("snare top").
        public var position: String
        /// The mic chosen from the locker; nil when none fits (see ``PlacementPlan/missing``).
        public var mic: String?
        /// How many of it (2 for a pair).
        public var count: Int
        public var type: String
        public var pattern: String
        /// Metres from what it captures.
        public var distance: Double
        /// Where exactly it goes.
        public var placement: String
        /// Why this position.
        public var why: String
        /// Why this mic.
        public var choice: String
        /// What the goal changed, if anything.
        public var goalNote: String?
        public var references: [String]
    }

    /// The 3:1 rule for two mics on different sources: the mics at least three times as far from
    /// each other as either is from its own source, so that each hears the other's source at least
    /// about 9 dB down and their sum does not comb.
    public struct SpacingCheck: Sendable, Codable, Equatable {
        public var first: String
        public var second: String
        /// Metres between the two mics.
        public var spacing: Double
        public var firstDistance: Double
        public var secondDistance: Double
        /// 3 × the larger distance, metres.
        public var required: Double
        public var passes: Bool
        public var advice: String
    }

    /// Two mics hearing one target at different distances: the farther one is late by the path
    /// difference over the speed of sound (343 m/s) and needs aligning (`producer align`).
    public struct AlignmentWarning: Sendable, Codable, Equatable {
        public var target: String
        /// The nearer mic, the reference for aligning.
        public var reference: String
        public var mic: String
        public var referenceDistance: Double
        public var micDistance: Double
        /// The path difference, metres.
        public var difference: Double
        public var milliseconds: Double
        /// The delay in samples at 48 kHz.
        public var samplesAt48k: Double
    }
}
