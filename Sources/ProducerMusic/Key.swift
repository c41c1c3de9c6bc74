/// A key: a tonic note name and a mode, such as E minor or B♭ major.
///
/// A key knows its scale and spells MIDI notes the way a musician reading in that key
/// would: in E♭ major MIDI 63 is E♭4 (not D♯4); in E minor 66 is F♯4 and 63 is D♯4.
public struct Key: Sendable, Hashable, Codable {
    /// The tonic, e.g. E♭.
    public var tonic: NoteName
    /// The mode, e.g. major.
    public var mode: Mode

    /// The key on `tonic` in `mode`.
    public init(tonic: NoteName, mode: Mode) {
        self.tonic = tonic
        self.mode = mode
    }

    /// The major or minor key with a key signature of `fifths` sharps (positive) or flats
    /// (negative), as in a MIDI key-signature event: `Key(fifths: -3, minor: false)` is E♭ major.
    /// Returns nil when `fifths` is outside -7…7.
    public init?(fifths: Int, minor: Bool) {
        guard (-7...7).contains(fifths) else { return nil }
        let mode: Mode = minor ? .minor : .major
        guard let tonic = NoteName(fifths: fifths + mode.tonicFifthsAboveSignature) else { return nil }
        self.init(tonic: tonic, mode: mode)
    }

    /// Reads a key from text: "E minor", "Em", "e minor", "Bb major", "B♭", "F# min", "C#m",
    /// "D dorian", "G mixolydian", "A aeolian". A tonic alone means major.
    ///
    /// - Throws: ``MusicTextError`` explaining what was wrong, e.g. for "H major" or "E minr".
    public init(parsing text: String) throws(MusicTextError) {
        let chars = Array(text.trimmingSpaces)
        var i = 0
        guard let scanned = NoteName.scan(chars, from: &i) else {
            throw MusicTextError(
                text: text, problem: "a key starts with its tonic, a letter A–G (as in \"E minor\" or \"Bb major\")")
        }
        let tonic: NoteName
        switch scanned {
        case .success(let n): tonic = n
        case .failure: throw MusicTextError(text: text, problem: "a tonic has at most a double sharp or double flat")
        }
        var rest = String(chars[i...]).trimmingSpaces
        if rest.hasPrefix("-") { rest = String(rest.dropFirst()).trimmingSpaces }
        let mode: Mode
        if rest.isEmpty {
            mode = .major
        } else if let m = Mode(word: rest) {
            mode = m
        } else {
            throw MusicTextError(
                text: text,
                problem:
                    "after the tonic comes a mode: major, minor (or m, min), dorian, phrygian, lydian, mixolydian, aeolian or locrian; \"\(rest)\" is none of these"
            )
        }
        self.init(tonic: tonic, mode: mode)
    }

    /// The key signature on the line of fifths: the number of sharps (positive) or flats
    /// (negative). E minor: 1; E♭ major: -3; D dorian: 0.
    public var fifths: Int { tonic.fifths - mode.tonicFifthsAboveSignature }

    /// The seven note names of the scale from the tonic up: E minor is E F♯ G A B C D.
    public var scaleNames: [NoteName] { scale.map { spell($0) } }

    /// The seven pitch classes of the scale from the tonic up.
    public var scale: [PitchClass] { mode.intervals.map { tonic.pitchClass.transposed(by: $0) } }

    /// Whether `pitchClass` is one of the scale's seven.
    public func contains(_ pitchClass: PitchClass) -> Bool { scale.contains(pitchClass) }

    /// Whether MIDI note `midi` is in the scale.
    public func contains(midi: Int) -> Bool { contains(PitchClass(midi: midi)) }

    /// The scale degree (1 = tonic … 7) of `pitchClass`, or nil when it is not in the scale.
    public func degree(of pitchClass: PitchClass) -> Int? {
        scale.firstIndex(of: pitchClass).map { $0 + 1 }
    }

    /// The name this key gives `pitchClass`.
    ///
    /// Scale notes take the key signature's spelling. Notes outside the scale are spelled as a
    /// musician would in this key: in major ♭3, ♭6, ♭7 and ♯1, ♯4 (C major: E♭, A♭, B♭, C♯, F♯);
    /// in minor ♭2 and ♯3, ♯4, ♯6, ♯7 (E minor: F, G♯, A♯, C♯, D♯). A spelling that would need a
    /// double sharp or flat gives way to its enharmonic when that is simpler.
    public func spell(_ pitchClass: PitchClass) -> NoteName {
        let start = fifths + mode.spellingWindowStart
        // Place on the line of fifths of pitchClass, in start ..< start + 12 (7 × 7 ≡ 1 mod 12).
        let base = (pitchClass.value * 7) % 12
        let f = start + ((base - start) % 12 + 12) % 12
        let diatonic = (fifths - 1)...(fifths + 5)
        let chosen = NoteName(fifths: f)
        if diatonic.contains(f), let chosen { return chosen }
        let other = NoteName(fifths: f > fifths + 2 ? f - 12 : f + 12)
        switch (chosen, other) {
        case let (c?, o?):
            return abs(o.accidental.semitones) < abs(c.accidental.semitones) && abs(c.accidental.semitones) >= 2 ? o : c
        case let (c?, nil): return c
        case let (nil, o?): return o
        case (nil, nil):
            return NoteName(fifths: base > 5 ? base - 12 : base)!  // C♯ … F♯ or G♭ … B: always exists
        }
    }

    /// The note this key writes for MIDI note number `midi`: in E♭ major 63 is E♭4, not D♯4.
    public func spell(midi: Int) -> Note {
        Note(spell(PitchClass(midi: midi)), midi: midi)
    }

    /// The MIDI note of the scale nearest to the (possibly fractional) MIDI pitch `midi`;
    /// exactly halfway between two scale notes, the lower one.
    public func nearestScaleNote(toMidi midi: Double) -> Int {
        let centre = Int(midi.rounded(.down))
        var best = centre
        var bestDistance = Double.infinity
        for candidate in (centre - 2)...(centre + 3) where contains(midi: candidate) {
            let d = abs(Double(candidate) - midi)
            if d < bestDistance { best = candidate; bestDistance = d }
        }
        return best
    }

    /// The key of the same mode with the tonic a fifth higher (`by: 1`) or lower (`by: -1`),
    /// i.e. with `steps` more sharps. Returns nil when the tonic would need a triple accidental.
    public func movedAroundCircleOfFifths(by steps: Int) -> Key? {
        NoteName(fifths: tonic.fifths + steps).map { Key(tonic: $0, mode: mode) }
    }

    /// The relative major or minor (E minor ⇄ G major); for the other modes, the major key
    /// with the same key signature.
    public var relative: Key {
        let target: Mode = mode == .major ? .minor : .major
        let name = NoteName(fifths: fifths + target.tonicFifthsAboveSignature) ?? tonic
        return Key(tonic: name, mode: target)
    }

    /// The 30 major and minor keys with up to seven sharps or flats, flats first
    /// (C♭ major, A♭ minor, G♭ major, …, C♯ major, A♯ minor).
    public static var allStandard: [Key] {
        (-7...7).flatMap { f in [Key(fifths: f, minor: false)!, Key(fifths: f, minor: true)!] }
    }
}

extension Key: CustomStringConvertible {
    /// "E minor", "B♭ major", "D dorian".
    public var description: String { "\(tonic) \(mode)" }
}

extension Key {
    /// Plain-text spelling: "Bb major", "F# minor".
    public var ascii: String { "\(tonic.ascii) \(mode)" }
}

extension String {
    /// The string without leading and trailing whitespace (no Foundation).
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
