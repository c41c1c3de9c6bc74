/// A scale on a tonic: its notes spelled from the tonic by interval, so each letter appears
/// once in a seven-note scale (C♯ harmonic minor has B♯, D♭ major has G♭ — never a mix).
public struct Scale: Sendable, Hashable, Codable {
    /// The first note.
    public var tonic: NoteName
    /// Which scale.
    public var kind: Kind

    /// The scale `kind` on `tonic`.
    public init(tonic: NoteName, kind: Kind) {
        self.tonic = tonic
        self.kind = kind
    }

    /// The scale of a key: its mode on its tonic (E minor → E natural minor).
    public init(key: Key) {
        let kinds: [Mode: Kind] = [
            .major: .major, .minor: .naturalMinor, .dorian: .dorian, .phrygian: .phrygian, .lydian: .lydian,
            .mixolydian: .mixolydian, .locrian: .locrian,
        ]
        self.init(tonic: key.tonic, kind: kinds[key.mode]!)
    }

    /// The kinds of scale Producer knows.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case major, naturalMinor, harmonicMinor, melodicMinor
        case dorian, phrygian, lydian, mixolydian, locrian
        case majorPentatonic, minorPentatonic, blues

        /// The steps above the tonic as spelled intervals.
        public var intervals: [Interval] {
            func i(_ q: Interval.Quality, _ n: Int) -> Interval { Interval(q, n)! }
            let p1 = i(.perfect, 1)
            let p4 = i(.perfect, 4)
            let p5 = i(.perfect, 5)
            let M2 = i(.major, 2)
            let m2 = i(.minor, 2)
            let M3 = i(.major, 3)
            let m3 = i(.minor, 3)
            let M6 = i(.major, 6)
            let m6 = i(.minor, 6)
            let M7 = i(.major, 7)
            let m7 = i(.minor, 7)
            switch self {
            case .major: return [p1, M2, M3, p4, p5, M6, M7]
            case .naturalMinor: return [p1, M2, m3, p4, p5, m6, m7]
            case .harmonicMinor: return [p1, M2, m3, p4, p5, m6, M7]
            case .melodicMinor: return [p1, M2, m3, p4, p5, M6, M7]
            case .dorian: return [p1, M2, m3, p4, p5, M6, m7]
            case .phrygian: return [p1, m2, m3, p4, p5, m6, m7]
            case .lydian: return [p1, M2, M3, i(.augmented, 4), p5, M6, M7]
            case .mixolydian: return [p1, M2, M3, p4, p5, M6, m7]
            case .locrian: return [p1, m2, m3, p4, i(.diminished, 5), m6, m7]
            case .majorPentatonic: return [p1, M2, M3, p5, M6]
            case .minorPentatonic: return [p1, m3, p4, p5, m7]
            case .blues: return [p1, m3, p4, i(.diminished, 5), p5, m7]
            }
        }

        /// "harmonic minor", "major pentatonic", …
        public var name: String {
            switch self {
            case .naturalMinor: "natural minor"
            case .harmonicMinor: "harmonic minor"
            case .melodicMinor: "melodic minor"
            case .majorPentatonic: "major pentatonic"
            case .minorPentatonic: "minor pentatonic"
            default: rawValue
            }
        }
    }

    /// The notes from the tonic up, spelled by interval (nil-free: a note that would need a
    /// triple accidental takes its simplest enharmonic name).
    public var notes: [NoteName] {
        kind.intervals.map { interval in
            interval.above(tonic) ?? NoteName(
                fifths: ((tonic.pitchClass.value + interval.semitones) * 7 % 12 + 5) % 12 - 5)!
        }
    }

    /// The pitch classes from the tonic up.
    public var pitchClasses: [PitchClass] { kind.intervals.map { tonic.pitchClass.transposed(by: $0.semitones) } }

    /// Semitones above the tonic of each step.
    public var semitones: [Int] { kind.intervals.map(\.semitones) }

    /// Whether the scale has `pitchClass`.
    public func contains(_ pitchClass: PitchClass) -> Bool { pitchClasses.contains(pitchClass) }

    /// The scale's notes from `octave` up to the tonic an octave higher, e.g. C4 D4 … B4 C5.
    public func notes(fromOctave octave: Int) -> [Note] {
        let start = Note(tonic, octave: octave).midi
        var result = zip(notes, semitones).map { Note($0, midi: start + $1) }
        result.append(Note(tonic, octave: octave + 1))
        return result
    }
}

extension Scale: CustomStringConvertible {
    /// "C♯ harmonic minor", "E♭ blues".
    public var description: String { "\(tonic) \(kind.name)" }
}
