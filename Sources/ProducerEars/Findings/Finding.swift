/// A problem worth fixing, as `analyze` and `listen` both report it: how serious it is, where it
/// happens (seconds, and bar:beat where the grid is known) and what to do, in a sentence.
///
/// In `listen --json` each piece of advice is encoded as `{time, bar, severity, message}` (`bar`
/// left out when unknown, `severity` one of "high", "medium", "low"); `analyze --json` carries
/// only the sentences, as `warnings`. The kind is not encoded.
public struct Finding: Sendable, Equatable {
    /// How serious a problem is, most serious first.
    public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
        case high, medium, low

        /// High before medium before low.
        public static func < (a: Severity, b: Severity) -> Bool { a.order < b.order }

        private var order: Int {
            switch self {
            case .high: 0
            case .medium: 1
            case .low: 2
            }
        }
    }

    /// What kind of problem it is.
    public enum Kind: String, Sendable, Codable {
        // Faults of the file or the recording (`analyze`).
        case clipping, phase, monoCompatibility, truePeak, dcOffset, level, noise, balance
        // Faults of the performance (`listen`).
        case pitch, timing, sectionTiming, missedNote, dynamics, secondVoice
    }

    /// What kind of problem it is (nil for a finding read back from JSON, which leaves it out).
    public var kind: Kind?
    /// How serious it is.
    public var severity: Severity
    /// Where it first happens, seconds, when it has a place.
    public var time: Double?
    /// Bar and beat, e.g. "17:3", when a grid is known.
    public var bar: String?
    /// What is wrong and what to do, in a sentence.
    public var message: String

    /// A finding of `kind`, at `time` (and `bar`), with its severity and sentence.
    public init(kind: Kind?, severity: Severity, time: Double? = nil, bar: String? = nil, message: String) {
        self.kind = kind
        self.severity = severity
        self.time = time
        self.bar = bar
        self.message = message
    }
}

extension Finding: Codable {
    enum CodingKeys: String, CodingKey {
        case time, bar, severity, message
    }

    /// `{time, bar, severity, message}`; `time` and `bar` left out when unknown.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(time, forKey: .time)
        try c.encodeIfPresent(bar, forKey: .bar)
        try c.encode(severity, forKey: .severity)
        try c.encode(message, forKey: .message)
    }

    /// Reads what ``encode(to:)`` writes; the kind, not in the JSON, is nil.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            kind: nil, severity: try c.decode(Severity.self, forKey: .severity),
            time: try c.decodeIfPresent(Double.self, forKey: .time),
            bar: try c.decodeIfPresent(String.self, forKey: .bar),
            message: try c.decode(String.self, forKey: .message))
    }
}
