/// A singer's range, lowest to highest comfortable note, and the check of a melody against it.
public struct VocalRange: Sendable, Hashable, Codable {
    /// The lowest note the singer sings comfortably.
    public var low: Note
    /// The highest.
    public var high: Note

    /// The range from `low` to `high`.
    public init(low: Note, high: Note) {
        self.low = low
        self.high = high
    }

    /// The result of checking a melody against a range.
    public struct Check: Sendable, Hashable {
        /// True when every note lies within the range.
        public var fits: Bool
        /// The melody's lowest and highest notes as they would be sung (after the transposition),
        /// spelled in the key when one was given.
        public var lowest: Note
        public var highest: Note
        /// Semitones the lowest note lies below the range (0 when it does not).
        public var belowBy: Int
        /// Semitones the highest note lies above the range (0 when it does not).
        public var aboveBy: Int
        /// Transpositions (semitones from the melody as written, −12 … +12) that make it fit,
        /// best first: the melody's middle nearest the range's middle. Empty when the melody spans
        /// more than the range.
        public var bestTranspositions: [Int]
    }

    /// Checks `melody` (MIDI note numbers, as written) sung `transposition` semitones higher
    /// (negative: lower); `key` is the key it is sung in, used only for spelling. Nil for an empty
    /// melody.
    public func check(_ melody: [Int], transposition: Int = 0, in key: Key? = nil) -> Check? {
        guard let lo = melody.min(), let hi = melody.max() else { return nil }
        let sungLow = lo + transposition
        let sungHigh = hi + transposition
        func spell(_ m: Int) -> Note { key?.spell(midi: m) ?? Note(.neutral(PitchClass(midi: m)), midi: m) }
        let centre = Double(low.midi + high.midi) / 2
        let fitting = (-12...12).filter { t in lo + t >= low.midi && hi + t <= high.midi }
        let ranked = fitting.sorted { a, b in
            let da = abs(Double(lo + hi + 2 * a) / 2 - centre)
            let db = abs(Double(lo + hi + 2 * b) / 2 - centre)
            return (da, abs(a)) < (db, abs(b))
        }
        return Check(
            fits: sungLow >= low.midi && sungHigh <= high.midi, lowest: spell(sungLow), highest: spell(sungHigh),
            belowBy: max(0, low.midi - sungLow), aboveBy: max(0, sungHigh - high.midi), bestTranspositions: ranked)
    }

    /// Checks `melody`, written in `writtenKey`, sung in `sungKey` (moved the shorter way).
    public func check(_ melody: [Int], writtenIn writtenKey: Key, sungIn sungKey: Key) -> Check? {
        check(melody, transposition: writtenKey.semitones(to: sungKey), in: sungKey)
    }
}

extension VocalRange: CustomStringConvertible {
    /// "A2–E4".
    public var description: String { "\(low)–\(high)" }
}
