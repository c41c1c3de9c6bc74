/// One of the twelve pitch classes, C = 0 … B = 11, regardless of octave or spelling.
///
/// C♯ and D♭ are the same pitch class (1). To spell a pitch class the way a key would,
/// use ``Key/spell(midi:)`` or ``Key/spell(_:)``.
public struct PitchClass: Sendable, Hashable, Codable {
    /// 0 (C) … 11 (B).
    public let value: Int

    /// The pitch class of `value`, wrapped into 0…11 (so -1 is B and 12 is C).
    public init(_ value: Int) { self.value = ((value % 12) + 12) % 12 }

    /// The pitch class of a MIDI note number (60 = middle C, pitch class 0).
    public init(midi: Int) { self.init(midi) }

    /// The pitch class `semitones` above this one (negative: below).
    public func transposed(by semitones: Int) -> PitchClass { PitchClass(value + semitones) }

    /// The number of semitones up from `other` to this pitch class, 0…11.
    public func semitones(above other: PitchClass) -> Int { PitchClass(value - other.value).value }
}

extension PitchClass: CustomStringConvertible {
    /// A neutral spelling: C, C♯, D, E♭, E, F, F♯, G, A♭, A, B♭, B.
    public var description: String {
        ["C", "C♯", "D", "E♭", "E", "F", "F♯", "G", "A♭", "A", "B♭", "B"][value]
    }
}

extension PitchClass: Comparable {
    public static func < (a: PitchClass, b: PitchClass) -> Bool { a.value < b.value }
}
