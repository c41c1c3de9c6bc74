/// A spelled pitch class: a letter and an accidental, without an octave ("F♯", "B♭", "C").
///
/// F♯ and G♭ are different note names of the same pitch class. A ``Key``'s tonic is a note name.
public struct NoteName: Sendable, Hashable, Codable {
    /// The letter, C … B.
    public var letter: Letter
    /// The accidental; `.natural` for a plain letter.
    public var accidental: Accidental

    /// The note name `letter` with `accidental` (natural when omitted).
    public init(_ letter: Letter, _ accidental: Accidental = .natural) {
        self.letter = letter
        self.accidental = accidental
    }

    /// The pitch class this name sounds as (B♯ is 0, C♭ is 11).
    public var pitchClass: PitchClass { PitchClass(letter.naturalPitchClass + accidental.semitones) }

    /// The name's place on the line of fifths: C = 0, G = 1, F = -1, F♯ = 6, B♭ = -2, …
    ///
    /// The major key with this tonic has that many sharps (positive) or flats (negative).
    public var fifths: Int { letter.fifths + 7 * accidental.semitones }

    /// The note name at place `fifths` on the line of fifths (0 = C, 1 = G, -1 = F), or nil
    /// when it would need more than a double sharp or double flat.
    public init?(fifths: Int) {
        let fromF = fifths + 1
        let letters: [Letter] = [.f, .c, .g, .d, .a, .e, .b]
        let index = ((fromF % 7) + 7) % 7
        let alter = (fromF - index) / 7
        guard let accidental = Accidental(semitones: alter) else { return nil }
        self.init(letters[index], accidental)
    }

    /// Plain-text spelling: "F#", "Bb", "C".
    public var ascii: String { "\(letter)\(accidental.ascii)" }
}

extension NoteName: CustomStringConvertible {
    /// "F♯", "B♭", "C" (a natural shows no sign).
    public var description: String {
        accidental == .natural ? "\(letter)" : "\(letter)\(accidental.symbol)"
    }
}

extension NoteName {
    /// Reads a letter followed by accidentals from `text` at `index`: "#", "♯", "b", "♭", "x", "𝄪",
    /// "𝄫", "♮", repeated up to a double. Returns nil when there is no letter.
    static func scan(_ text: [Character], from index: inout Int) -> Result<NoteName, NoteNameScanError>? {
        guard index < text.count, let letter = Letter(text[index]) else { return nil }
        index += 1
        var alter = 0
        while index < text.count {
            switch text[index] {
            case "#", "♯": alter += 1
            case "x", "𝄪": alter += 2
            case "b", "♭": alter -= 1
            case "𝄫": alter -= 2
            case "♮": break
            default:
                return finish(letter, alter)
            }
            index += 1
        }
        return finish(letter, alter)
    }

    private static func finish(_ letter: Letter, _ alter: Int) -> Result<NoteName, NoteNameScanError> {
        guard let a = Accidental(semitones: alter) else { return .failure(.tooManyAccidentals(letter, alter)) }
        return .success(NoteName(letter, a))
    }
}

/// Why a note name could not be read (internal: surfaced as the caller's error).
enum NoteNameScanError: Error {
    case tooManyAccidentals(Letter, Int)
}
