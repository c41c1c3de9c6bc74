/// The kind of part a take plays: it sets the pitch range to listen in and what is judged.
public enum Part: String, Sendable, Codable, CaseIterable {
    case vocal, bass, guitar, keys, drums, other

    /// The range of fundamentals to track, Hz.
    public var pitchRange: ClosedRange<Double> {
        switch self {
        case .vocal: return 65...1100
        case .bass: return 30...400
        case .guitar: return 70...1400
        case .keys: return 27.5...2000
        case .drums: return 40...2000
        case .other: return 40...2000
        }
    }

    /// Whether notes have a pitch to judge (drums are judged on timing and dynamics only).
    public var isPitched: Bool { self != .drums }

    /// The word for what the musician does, for advice ("sing", "play").
    var verb: String { self == .vocal ? "sing" : "play" }
}
