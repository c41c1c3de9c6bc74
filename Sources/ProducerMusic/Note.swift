/// A spelled note with an octave, as written on a staff: "F♯4", "E♭3", "C4" (middle C, MIDI 60).
///
/// Octaves follow scientific pitch notation: octave 4 runs from C4 (MIDI 60) up to B4 (71),
/// so B♯3 is MIDI 60 and C♭4 is MIDI 59.
public struct Note: Sendable, Hashable, Codable {
    /// The letter and accidental.
    public var name: NoteName
    /// The octave number; it changes between B and C.
    public var octave: Int

    /// The note `name` in `octave`.
    public init(_ name: NoteName, octave: Int) {
        self.name = name
        self.octave = octave
    }

    /// The note `letter` `accidental` in `octave`, e.g. `Note(.f, .sharp, octave: 4)`.
    public init(_ letter: Letter, _ accidental: Accidental = .natural, octave: Int) {
        self.init(NoteName(letter, accidental), octave: octave)
    }

    /// Reads "F#4", "F♯4", "Bb-1", "C4", "Ebb3", "Gx2".
    ///
    /// - Throws: ``MusicTextError`` when the text is not a note.
    public init(parsing text: String) throws(MusicTextError) {
        let chars = Array(text.filter { !$0.isWhitespace })
        var i = 0
        guard let scanned = NoteName.scan(chars, from: &i) else {
            throw MusicTextError(text: text, problem: "a note starts with a letter A–G")
        }
        let name: NoteName
        switch scanned {
        case .success(let n): name = n
        case .failure: throw MusicTextError(text: text, problem: "a note has at most a double sharp or double flat")
        }
        let rest = String(chars[i...])
        guard !rest.isEmpty, let octave = Int(rest), (-2...12).contains(octave) else {
            throw MusicTextError(text: text, problem: "a note ends with an octave number such as 4 (C4 is middle C)")
        }
        self.init(name, octave: octave)
    }

    /// The letter.
    public var letter: Letter { name.letter }
    /// The accidental.
    public var accidental: Accidental { name.accidental }

    /// The MIDI note number (C4 = 60). B♯3 is 60; C♭4 is 59.
    public var midi: Int { (octave + 1) * 12 + name.letter.naturalPitchClass + name.accidental.semitones }

    /// The sounding pitch.
    public var pitch: Pitch { Pitch(midi: midi) }

    /// The pitch class.
    public var pitchClass: PitchClass { name.pitchClass }

    /// The note spelled `name` whose MIDI number is `midi`; its octave is chosen so that it
    /// sounds at `midi` (B♯ for 60 is in octave 3).
    public init(_ name: NoteName, midi: Int) {
        let natural = midi - name.accidental.semitones - name.letter.naturalPitchClass
        // natural is a multiple of 12 when the name fits the pitch; otherwise round down.
        let octave = Int((Double(natural) / 12).rounded(.down)) - 1
        self.init(name, octave: octave)
    }

    /// Plain-text spelling: "F#4", "Bb3", "C4".
    public var ascii: String { "\(name.ascii)\(octave)" }
}

extension Note: CustomStringConvertible {
    /// "F♯4", "B♭3", "C4".
    public var description: String { "\(name)\(octave)" }
}
