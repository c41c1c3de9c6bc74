import RealModule

/// A pitch on the MIDI scale, where 60 is middle C and 69 is A4; fractional values are allowed
/// for measured (sung or played) pitch, so `Pitch(midi: 60.35)` is middle C, 35 cents sharp.
///
/// Frequencies use equal temperament with A4 = 440 Hz unless another reference is given.
public struct Pitch: Sendable, Hashable, Codable {
    /// The standard concert pitch of A4, in Hz.
    public static let concertA: Double = 440

    /// The MIDI note number, possibly fractional.
    public var midi: Double

    /// A pitch at MIDI note number `midi` (fractional allowed).
    public init(midi: Double) { self.midi = midi }

    /// A pitch at the whole MIDI note number `midi`.
    public init(midi: Int) { self.midi = Double(midi) }

    /// The pitch of a frequency in Hz, with A4 tuned to `a4` Hz.
    ///
    /// - Precondition: `frequency` and `a4` are positive.
    public init(frequency: Double, a4: Double = Pitch.concertA) {
        precondition(frequency > 0 && a4 > 0, "a frequency must be positive")
        midi = 69 + 12 * Double.log2(frequency / a4)
    }

    /// The frequency in Hz with A4 = 440 Hz.
    public var frequency: Double { frequency(a4: Pitch.concertA) }

    /// The frequency in Hz with A4 tuned to `a4` Hz (e.g. 442 for many orchestras).
    public func frequency(a4: Double) -> Double { a4 * Double.exp2((midi - 69) / 12) }

    /// How far this pitch is above `other`, in cents (100 cents = one semitone; negative: below).
    public func cents(from other: Pitch) -> Double { (midi - other.midi) * 100 }

    /// The nearest whole MIDI note number (halves round up).
    public var nearestMidi: Int { Int((midi + 0.5).rounded(.down)) }

    /// How far this pitch is from the nearest whole note, in cents, -50 ..< 50.
    public var centsFromNearest: Double { (midi - Double(nearestMidi)) * 100 }

    /// The pitch class of the nearest whole note.
    public var pitchClass: PitchClass { PitchClass(midi: nearestMidi) }

    /// This pitch moved by `semitones` (fractional allowed).
    public func transposed(by semitones: Double) -> Pitch { Pitch(midi: midi + semitones) }
}

extension Pitch: Comparable {
    public static func < (a: Pitch, b: Pitch) -> Bool { a.midi < b.midi }
}

extension Pitch: CustomStringConvertible {
    /// The nearest note with a neutral spelling and the cents off it, e.g. "C4 +35¢", "A4".
    public var description: String {
        let n = nearestMidi
        let name = "\(PitchClass(midi: n))\(Int((Double(n) / 12).rounded(.down)) - 1)"
        let c = Int(centsFromNearest.rounded())
        if c == 0 { return name }
        return c > 0 ? "\(name) +\(c)¢" : "\(name) −\(-c)¢"
    }
}
