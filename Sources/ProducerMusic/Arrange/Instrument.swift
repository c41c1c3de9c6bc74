/// The instruments an arrangement is written for and the preview synth plays.
public enum Instrument: String, Sendable, Hashable, Codable, CaseIterable {
    case drums, bass, keys, guitar, pad, strings
    /// The melody line, when the chart has one.
    case lead

    /// The notes the instrument may play (sounding MIDI note numbers); for drums, the General
    /// MIDI percussion keys.
    public var range: ClosedRange<Int> {
        switch self {
        case .drums: 35...81
        case .bass: 28...60  // E1…C4 (five-string players go lower; the arranger does not)
        case .keys: 40...88  // E2…E6: electric piano as voiced by a player's two hands
        case .guitar: 40...79  // E2…G5 on a six-string in standard tuning (to the 15th fret)
        case .pad: 43...84  // G2…C6
        case .strings: 36...88  // C2 (cello) … E6 (violin)
        case .lead: 48...84  // C3…C6
        }
    }

    /// The General MIDI program (0-based) written for the instrument's track.
    public var program: Int {
        switch self {
        case .drums: 0
        case .bass: 33  // Electric Bass (finger)
        case .keys: 4  // Electric Piano 1
        case .guitar: 25  // Acoustic Guitar (steel)
        case .pad: 89  // Pad 2 (warm)
        case .strings: 48  // String Ensemble 1
        case .lead: 80  // Lead 1 (square)
        }
    }

    /// The MIDI channel (0-based): General MIDI drums are on channel 10, that is 9 here.
    public var channel: Int {
        switch self {
        case .drums: 9
        case .bass: 0
        case .keys: 1
        case .guitar: 2
        case .pad: 3
        case .strings: 4
        case .lead: 5
        }
    }

    /// The track's name in a MIDI file and a session (`Drums`, `Bass` …).
    public var trackName: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// The instrument named by a word (`bass`, `Keys`, `electric piano`, `strings` …), or nil.
    public init?(word: String) {
        let w = word.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if let direct = Instrument(rawValue: w) {
            self = direct
            return
        }
        let synonyms: [String: Instrument] = [
            "drum": .drums, "kit": .drums, "piano": .keys, "electric piano": .keys, "ep": .keys, "rhodes": .keys,
            "organ": .keys, "gtr": .guitar, "synth pad": .pad, "string": .strings, "melody": .lead, "vocal": .lead,
        ]
        guard let found = synonyms[w] else { return nil }
        self = found
    }
}
