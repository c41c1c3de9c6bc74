/// One of the twelve pitch classes, C = 0 … B = 11.
public struct PitchClass: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 0 (C) … 11 (B).
    public let value: Int
    /// The pitch class of `value`, wrapped into 0…11.
    public init(_ value: Int) { self.value = ((value % 12) + 12) % 12 }
    /// The pitch class of a MIDI note number (60 = middle C).
    public init(midi: Int) { self.init(midi) }
    public var description: String { ["C", "C♯", "D", "E♭", "E", "F", "F♯", "G", "A♭", "A", "B♭", "B"][value] }
}
