/// The mode of a key: major, minor, or one of the church modes.
///
/// Minor is natural minor (aeolian); ``Key/spell(midi:)`` still spells the raised sixth and
/// seventh of harmonic and melodic minor as sharpened degrees (D♯ in E minor).
public enum Mode: String, Sendable, Hashable, Codable, CaseIterable {
    case major, dorian, phrygian, lydian, mixolydian, minor, locrian

    /// The mode's steps in semitones above the tonic, for the seven degrees.
    public var intervals: [Int] {
        let major = [0, 2, 4, 5, 7, 9, 11]
        let start = degreeOfMajor
        return (0..<7).map { i in
            ((major[(start + i) % 7] - major[start]) + 12) % 12
        }
    }

    /// Which degree of the major scale (0-based) this mode starts on: dorian 1, minor 5, …
    var degreeOfMajor: Int {
        switch self {
        case .major: 0
        case .dorian: 1
        case .phrygian: 2
        case .lydian: 3
        case .mixolydian: 4
        case .minor: 5
        case .locrian: 6
        }
    }

    /// How far the tonic sits above the key signature on the line of fifths (C major: 0,
    /// A minor: 3, D dorian: 2, F lydian: -1).
    var tonicFifthsAboveSignature: Int { [0, 2, 4, -1, 1, 3, 5][degreeOfMajor] }

    /// Where the window of twelve spellings starts, relative to the key signature on the
    /// line of fifths. Chromatic notes are spelled with the name in this window, which in
    /// major gives ♭3 ♭6 ♭7 ♯1 ♯4 and in minor ♭2 ♯3 ♯4 ♯6 ♯7.
    var spellingWindowStart: Int {
        switch self {
        case .major: -4
        case .lydian: -5
        case .mixolydian, .dorian: -3
        case .minor: -2
        case .phrygian, .locrian: -1
        }
    }

    /// Whether the mode has a minor third (dorian, phrygian, minor, locrian).
    public var isMinorLike: Bool { intervals[2] == 3 }

    /// The mode named by `word` ("major", "maj", "M", "minor", "min", "m", "aeolian",
    /// "ionian", "dorian", …), or nil.
    public init?(word: String) {
        if word == "M" { self = .major; return }
        if word == "m" { self = .minor; return }
        switch word.lowercased() {
        case "major", "maj", "ionian", "dur": self = .major
        case "minor", "min", "aeolian", "moll": self = .minor
        case "dorian", "dor": self = .dorian
        case "phrygian", "phr": self = .phrygian
        case "lydian", "lyd": self = .lydian
        case "mixolydian", "mixo", "mix": self = .mixolydian
        case "locrian", "loc": self = .locrian
        default: return nil
        }
    }
}

extension Mode: CustomStringConvertible {
    /// "major", "minor", "dorian", …
    public var description: String { rawValue }
}
