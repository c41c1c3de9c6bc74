/// What a section does in a song, read from its name: it sets the section's energy.
enum SectionKind: Sendable, Hashable {
    case intro, verse, preChorus, chorus, bridge, breakdown, drop, solo, outro, other

    /// The kind a section named `name` plays (`Pre-Chorus`, `Chorus 2`, `Breakdown` …).
    init(name: String) {
        let n = name.lowercased()
        func has(_ words: String...) -> Bool { words.contains { n.contains($0) } }
        if has("pre", "build", "lift", "climb") {
            self = .preChorus
        } else if has("chorus", "refrain", "hook") {
            self = .chorus
        } else if has("verse", "strophe", "head", "theme") {
            self = .verse
        } else if has("intro") {
            self = .intro
        } else if has("outro", "coda", "ending", "tag", "fade") {
            self = .outro
        } else if has("break") {
            self = .breakdown
        } else if has("drop") {
            self = .drop
        } else if has("bridge", "middle") {
            self = .bridge
        } else if has("solo", "instrumental", "interlude") {
            self = .solo
        } else {
            self = .other
        }
    }

    /// Energy 0…5 before the section's place in the song and the density are counted.
    var baseEnergy: Int {
        switch self {
        case .intro: 1
        case .verse: 2
        case .preChorus: 3
        case .chorus: 4
        case .bridge: 3
        case .breakdown: 1
        case .drop: 5
        case .solo: 4
        case .outro: 1
        case .other: 3
        }
    }
}
