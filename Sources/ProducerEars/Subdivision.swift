/// The finest note value a part moves in, between the beats: what its timing is judged against
/// when there is no written part.
public enum Subdivision: Int, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// On the beats.
    case quarters = 1
    /// Two to a beat.
    case eighths = 2
    /// Three to a beat (eighth-note triplets, or a swung feel).
    case triplets = 3
    /// Four to a beat.
    case sixteenths = 4
    /// Six to a beat (sixteenth-note triplets).
    case sixteenthTriplets = 6

    /// Grid points per beat.
    public var perBeat: Int { rawValue }

    /// "eighths", "sixteenth triplets"…
    public var description: String {
        switch self {
        case .quarters: "quarters"
        case .eighths: "eighths"
        case .triplets: "triplets"
        case .sixteenths: "sixteenths"
        case .sixteenthTriplets: "sixteenth triplets"
        }
    }

    /// A subdivision as a musician writes it: `4`, `quarters`; `8`, `eighths`; `8t`, `triplets`;
    /// `16`, `sixteenths`; `16t`, `sixteenth-triplets` (singular forms too); nil for anything else.
    public init?(text: String) {
        let t = text.lowercased().split(separator: " ").joined(separator: "-")
        switch t {
        case "4", "quarter", "quarters", "1/4": self = .quarters
        case "8", "eighth", "eighths", "1/8": self = .eighths
        case "8t", "triplet", "triplets", "eighth-triplets": self = .triplets
        case "16", "sixteenth", "sixteenths", "1/16": self = .sixteenths
        case "16t", "sixteenth-triplet", "sixteenth-triplets": self = .sixteenthTriplets
        default: return nil
        }
    }

    /// The subdivision a part uses, from its note starts on `grid`: the coarsest one that holds
    /// (within 35 ms, or a fifth of its spacing when that is less) nearly as many starts as the
    /// finest one does. Late and early notes do not make the grid finer: a note 100 ms late on a
    /// downbeat in an eighth-note part stays 100 ms late, rather than early for the next sixteenth.
    public static func detected(in starts: [Double], grid: BeatGrid) -> Subdivision {
        guard !starts.isEmpty, grid.beats.count >= 2 else { return .eighths }
        var fits: [(Subdivision, Double)] = []
        for s in allCases {
            var held = 0
            for t in starts {
                let nearest = grid.nearestPoint(to: t, perBeat: s.perBeat)
                let spacing = grid.beatLength(at: t) / Double(s.perBeat)
                if abs(t - nearest) <= Swift.min(0.035, 0.2 * spacing) { held += 1 }
            }
            fits.append((s, Double(held) / Double(starts.count)))
        }
        let best = fits.map(\.1).max() ?? 0
        // In order from the coarsest; triplets count as coarser than sixteenths.
        return fits.first { $0.1 >= best - 0.1 }?.0 ?? .eighths
    }
}
