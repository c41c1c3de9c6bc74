public import ProducerMusic

/// What a track plays when it plays a MIDI file (`midi: song.mid`) through a built-in instrument
/// (``InstrumentSynth``) instead of an audio file.
public struct MIDIPart: Sendable {
    /// Which of the file's tracks, as written (`track:`).
    public enum Selection: Sendable, Hashable {
        /// The track with this name (`track: Bass`), compared without regard to case.
        case name(String)
        /// The track with this number, from 1 in file order (`track: 3`).
        case number(Int)
    }

    /// `track:` as written; nil: the file's only track with notes.
    public var selection: Selection?
    /// `instrument:` as written; nil: from the track's name, else its General MIDI program
    /// (channel 10 is the drum kit).
    public var requestedInstrument: Instrument?
    /// The instrument that plays, once the file is read.
    public var instrument: Instrument?
    /// The notes played (seconds from the file's start), once the file is read.
    public var notes: [MIDINote]?
    /// The track's name, or "track N", once the file is read.
    public var trackLabel: String?
    /// Where `midi:` was written (line, column), for errors.
    public var place: (line: Int?, column: Int?) = (nil, nil)
    /// Where `track:` was written, for errors.
    public var trackPlace: (line: Int?, column: Int?) = (nil, nil)

    public init(selection: Selection? = nil, instrument: Instrument? = nil) {
        self.selection = selection
        self.requestedInstrument = instrument
    }

    /// Whether the file has been read (``instrument`` and ``notes`` set).
    public var isLoaded: Bool { notes != nil && instrument != nil }

    /// Reads `path` and picks the track and the instrument. `key` is the track's key path
    /// (`tracks[2]`) and `sessionPath` the session file, for errors.
    /// - Throws: ``SessionError`` at `midi:` for a file that cannot be read, at `track:` for a
    ///   track the file does not have or that has no notes.
    public mutating func load(path: String, sessionPath: String, key: String) throws(SessionError) {
        let file: MIDIFile
        do {
            file = try MIDIFile(path: path)
        } catch {
            let at = error.byteOffset.map { "at byte \($0), " } ?? ""
            throw SessionError(
                file: sessionPath, line: place.line, column: place.column, key: key + ".midi", code: .track,
                "\(path) cannot be played: \(at)\(error.reason)")
        }
        let all = file.notes()
        var byTrack: [Int: [MIDINote]] = [:]
        for note in all { byTrack[note.track, default: []].append(note) }
        func label(_ t: Int) -> String { file.tracks[t].name.map { "\($0) (\(t + 1))" } ?? "track \(t + 1)" }
        let withNotes = byTrack.keys.sorted()
        let listing =
            withNotes.isEmpty
            ? "it has no notes at all" : "its tracks with notes: " + withNotes.map(label).joined(separator: ", ")
        let chosen: Int
        switch selection {
        case nil:
            guard withNotes.count == 1 else {
                throw SessionError(
                    file: sessionPath, line: place.line, column: place.column, key: key + ".midi", code: .track,
                    withNotes.isEmpty
                        ? "\(path) has no notes"
                        : "\(path) has \(withNotes.count) tracks with notes; choose one with track: (a name or a number); \(listing)"
                )
            }
            chosen = withNotes[0]
        case .name(let name):
            let wanted = name.lowercased()
            guard
                let t = file.tracks.indices.first(where: {
                    file.tracks[$0].name?.lowercased() == wanted && byTrack[$0] != nil
                })
                    ?? file.tracks.indices.first(where: { file.tracks[$0].name?.lowercased() == wanted })
            else {
                throw SessionError(
                    file: sessionPath, line: trackPlace.line, column: trackPlace.column, key: key + ".track",
                    code: .unknownReference, "\(path) has no track named \"\(name)\"; \(listing)")
            }
            chosen = t
        case .number(let n):
            guard file.tracks.indices.contains(n - 1) else {
                throw SessionError(
                    file: sessionPath, line: trackPlace.line, column: trackPlace.column, key: key + ".track",
                    code: .unknownReference,
                    "\(path) has \(file.tracks.count) tracks, so there is no track \(n); \(listing)")
            }
            chosen = n - 1
        }
        guard let notes = byTrack[chosen], !notes.isEmpty else {
            throw SessionError(
                file: sessionPath, line: trackPlace.line, column: trackPlace.column, key: key + ".track",
                code: .track, "\(label(chosen)) of \(path) has no notes; \(listing)")
        }
        self.notes = notes
        trackLabel = file.tracks[chosen].name ?? "track \(chosen + 1)"
        instrument = requestedInstrument ?? Self.instrument(for: file.tracks[chosen], notes: notes)
    }

    /// The instrument a track asks for: its name (`Bass`, `Piano` …), else channel 10 (drums),
    /// else its first program change by General MIDI family, else keys (GM's default is a piano).
    public static func instrument(for track: MIDITrack, notes: [MIDINote]) -> Instrument {
        if let name = track.name {
            if let found = Instrument(word: name) { return found }
            for word in name.split(whereSeparator: { !$0.isLetter }) {
                if let found = Instrument(word: String(word)) { return found }
            }
        }
        let drumNotes = notes.filter { $0.channel == 9 }.count
        if drumNotes * 2 > notes.count { return .drums }
        for event in track.events {
            if case .programChange(let channel, let program) = event.message, channel != 9 {
                return instrument(forProgram: program)
            }
        }
        return .keys
    }

    /// The built-in instrument for a General MIDI program (0-based).
    public static func instrument(forProgram program: Int) -> Instrument {
        switch program {
        case 0...23: .keys  // pianos, chromatic percussion, organs
        case 24...31: .guitar
        case 32...39: .bass
        case 40...51: .strings  // strings and ensembles
        case 52...55: .pad  // choirs
        case 56...87: .lead  // brass, reeds, pipes, synth leads
        case 88...103: .pad  // synth pads and effects
        case 104...111: .guitar  // plucked ethnic instruments
        case 112...119: .keys
        default: .pad
        }
    }
}
