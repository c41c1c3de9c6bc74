/// A note letter, C D E F G A B, in the order of the C major scale.
public enum Letter: Int, Sendable, Hashable, Codable, CaseIterable {
    case c, d, e, f, g, a, b

    /// The pitch class of the letter with no accidental (C = 0, D = 2, … B = 11).
    public var naturalPitchClass: Int { [0, 2, 4, 5, 7, 9, 11][rawValue] }

    /// The letter's place on the line of fifths (F = -1, C = 0, G = 1, … B = 5).
    public var fifths: Int { [0, 2, 4, -1, 1, 3, 5][rawValue] }

    /// The letter `steps` letters above this one (C + 2 = E; wraps: B + 1 = C).
    public func advanced(by steps: Int) -> Letter {
        Letter(rawValue: ((rawValue + steps) % 7 + 7) % 7)!
    }

    /// The letter for an uppercase or lowercase character, or nil.
    public init?(_ character: Character) {
        switch character {
        case "C", "c": self = .c
        case "D", "d": self = .d
        case "E", "e": self = .e
        case "F", "f": self = .f
        case "G", "g": self = .g
        case "A", "a": self = .a
        case "B", "b": self = .b
        default: return nil
        }
    }
}

extension Letter: CustomStringConvertible {
    /// "C" … "B".
    public var description: String { ["C", "D", "E", "F", "G", "A", "B"][rawValue] }
}
