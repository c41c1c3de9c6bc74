/// A spelled interval: a quality and a number, such as a minor third or an augmented fourth.
///
/// The number counts letters (C up to E is a third whatever the accidentals); the quality says
/// how many semitones that third has (C–E♭ minor, C–E major, C–E♯ augmented). So C–F♯ is an
/// augmented fourth and C–G♭ a diminished fifth, though both are six semitones.
public struct Interval: Sendable, Hashable, Codable {
    /// The quality: perfect for unisons, fourths, fifths and octaves; major or minor for the rest.
    public var quality: Quality
    /// 1 (unison), 2, 3 … 8 (octave), 9 … (compound intervals).
    public var number: Int

    /// The interval's quality.
    public enum Quality: Int, Sendable, Hashable, Codable, CaseIterable {
        case doublyDiminished = -3, diminished = -2, minor = -1, perfect = 0, major = 1, augmented = 2
        case doublyAugmented = 3

        /// "minor", "augmented", …
        public var word: String {
            switch self {
            case .doublyDiminished: "doubly diminished"
            case .diminished: "diminished"
            case .minor: "minor"
            case .perfect: "perfect"
            case .major: "major"
            case .augmented: "augmented"
            case .doublyAugmented: "doubly augmented"
            }
        }

        /// The short sign: d m P M A (dd, AA).
        public var abbreviation: String {
            ["dd", "d", "m", "P", "M", "A", "AA"][rawValue + 3]
        }
    }

    /// The interval `quality` `number`, or nil when they do not go together (a major fifth, a
    /// perfect third) or the number is below 1.
    public init?(_ quality: Quality, _ number: Int) {
        guard number >= 1 else { return nil }
        let perfectKind = Interval.isPerfectKind(number)
        if perfectKind && (quality == .major || quality == .minor) { return nil }
        if !perfectKind && quality == .perfect { return nil }
        self.quality = quality
        self.number = number
    }

    /// The interval from `lower` up to `higher` within an octave (F♯ up to C is a diminished fifth;
    /// C up to C is a perfect unison).
    public init(from lower: NoteName, to higher: NoteName) {
        let steps = (higher.letter.rawValue - lower.letter.rawValue + 7) % 7
        let semitones = higher.pitchClass.semitones(above: lower.pitchClass)
        self.init(steps: steps, semitones: semitones, octaves: 0)
    }

    /// The interval between two notes, counted upwards from the lower (compound above an octave:
    /// C4 to E5 is a major tenth).
    public init(from a: Note, to b: Note) {
        let (low, high) = a.midi <= b.midi ? (a, b) : (b, a)
        let lowSteps = low.octave * 7 + low.letter.rawValue
        let highSteps = high.octave * 7 + high.letter.rawValue
        let steps = max(0, highSteps - lowSteps)
        let semitones = high.midi - low.midi
        self.init(steps: steps % 7, semitones: semitones - 12 * (steps / 7), octaves: steps / 7)
    }

    private init(steps: Int, semitones: Int, octaves: Int) {
        let base = [0, 2, 4, 5, 7, 9, 11][steps]
        // Keep the difference near zero (C to C♭ is a diminished unison, not an augmented seventh).
        let d = ((semitones - base + 6) % 12 + 12) % 12 - 6
        let perfectKind = Interval.isPerfectKind(steps + 1)
        let q: Quality
        if perfectKind {
            q = Quality(rawValue: d < 0 ? max(-3, d - 1) : min(3, d == 0 ? 0 : d + 1)) ?? .perfect
        } else {
            q = Quality(rawValue: d < 0 ? max(-3, d) : min(3, d + 1)) ?? .major
        }
        self.quality = q
        self.number = steps + 1 + 7 * octaves
    }

    private static func isPerfectKind(_ number: Int) -> Bool { [1, 4, 5].contains((number - 1) % 7 + 1) }

    /// The interval's size in semitones (a major third is 4, an augmented fourth 6, a major
    /// tenth 16).
    public var semitones: Int {
        let simple = (number - 1) % 7
        let base = [0, 2, 4, 5, 7, 9, 11][simple] + 12 * ((number - 1) / 7)
        let q = quality.rawValue
        if Interval.isPerfectKind(number) { return base + (q > 0 ? q - 1 : q < 0 ? q + 1 : 0) }
        return base + (q > 0 ? q - 1 : q)
    }

    /// The note name this interval above `note`: a major third above E♭ is G; a minor third
    /// above C♯ is E. Nil when it would need a triple sharp or flat.
    public func above(_ note: NoteName) -> NoteName? {
        let letter = note.letter.advanced(by: (number - 1) % 7)
        let target = (note.pitchClass.value + semitones) % 12
        var alter = target - letter.naturalPitchClass
        alter = ((alter + 6) % 12 + 12) % 12 - 6
        return Accidental(semitones: alter).map { NoteName(letter, $0) }
    }

    /// The note name this interval below `note`.
    public func below(_ note: NoteName) -> NoteName? {
        let letter = note.letter.advanced(by: -((number - 1) % 7))
        let target = ((note.pitchClass.value - semitones) % 12 + 12) % 12
        var alter = target - letter.naturalPitchClass
        alter = ((alter + 6) % 12 + 12) % 12 - 6
        return Accidental(semitones: alter).map { NoteName(letter, $0) }
    }

    /// The ordinal: "unison", "second", … "octave", "ninth", … "thirteenth", then "15th".
    public var numberName: String {
        let names = [
            "unison", "second", "third", "fourth", "fifth", "sixth", "seventh", "octave", "ninth", "tenth",
            "eleventh", "twelfth", "thirteenth", "fourteenth",
        ]
        return number <= names.count ? names[number - 1] : "\(number)th"
    }

    /// The usual name: "minor third", "augmented fourth", "perfect fifth", "major ninth".
    public var name: String { "\(quality.word) \(numberName)" }

    /// The interval turned upside down within the octave: a major third becomes a minor sixth.
    public var inverted: Interval {
        let simple = number == 8 ? 8 : (number - 1) % 7 + 1
        var i = self
        i.number = simple == 1 ? 8 : simple == 8 ? 1 : 9 - simple
        i.quality = Quality(rawValue: -quality.rawValue)!
        return i
    }

    /// Common intervals.
    public static let unison = Interval(.perfect, 1)!
    public static let minorSecond = Interval(.minor, 2)!
    public static let majorSecond = Interval(.major, 2)!
    public static let minorThird = Interval(.minor, 3)!
    public static let majorThird = Interval(.major, 3)!
    public static let perfectFourth = Interval(.perfect, 4)!
    public static let augmentedFourth = Interval(.augmented, 4)!
    public static let diminishedFifth = Interval(.diminished, 5)!
    public static let perfectFifth = Interval(.perfect, 5)!
    public static let minorSixth = Interval(.minor, 6)!
    public static let majorSixth = Interval(.major, 6)!
    public static let minorSeventh = Interval(.minor, 7)!
    public static let majorSeventh = Interval(.major, 7)!
    public static let octave = Interval(.perfect, 8)!
}

extension Interval: CustomStringConvertible {
    /// The short form: "m3", "A4", "P5", "M9".
    public var description: String { "\(quality.abbreviation)\(number)" }
}
