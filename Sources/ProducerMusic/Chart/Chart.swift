/// A chord chart as a musician writes it by hand: a header (title, key, tempo, time), then
/// sections in brackets with bars between bar lines, an optional melody and lyrics.
///
/// Read with ``init(parsing:file:)`` and printed back with ``text``; every position inside a bar
/// is in quarter notes from the bar's start.
public struct Chart: Sendable, Hashable {
    /// The song's title (`title:`).
    public var title: String?
    /// The key (`key:`), used for spelling, Roman numerals and the key signature.
    public var key: Key?
    /// Quarter notes per minute at the start (`tempo:`, default 120).
    public var tempo: Double
    /// The time signature at the start (`time:`, default 4/4).
    public var time: TimeSignature
    /// The sections in order.
    public var sections: [Section]

    /// A chart from its parts.
    public init(
        title: String? = nil, key: Key? = nil, tempo: Double = 120, time: TimeSignature = .fourFour,
        sections: [Section] = []
    ) {
        self.title = title
        self.key = key
        self.tempo = tempo
        self.time = time
        self.sections = sections
    }

    /// A named part of the song (`[Verse]`), played ``repeats`` times (`[Chorus] x2`).
    public struct Section: Sendable, Hashable {
        /// The name as written in the brackets.
        public var name: String
        /// How many times the whole section is played (at least 1).
        public var repeats: Int
        /// The lines of bars, as written (kept for printing).
        public var lines: [Line]
        /// The 1-based line of the chart file where the section starts (0 when made in code).
        public var sourceLine: Int

        /// A section from its parts.
        public init(name: String, repeats: Int = 1, lines: [Line] = [], sourceLine: Int = 0) {
            self.name = name
            self.repeats = repeats
            self.lines = lines
            self.sourceLine = sourceLine
        }

        /// The section's bars, in written order (without repeats).
        public var bars: [Bar] { lines.flatMap(\.bars) }
    }

    /// One written line of bars (with its melody and lyrics lines, if any).
    public struct Line: Sendable, Hashable {
        /// The bars.
        public var bars: [Bar]
        /// The 1-based line of the chart file (0 when made in code).
        public var sourceLine: Int

        /// A line from its bars.
        public init(bars: [Bar], sourceLine: Int = 0) {
            self.bars = bars
            self.sourceLine = sourceLine
        }
    }

    /// One bar: its chords, and what changes at its start.
    public struct Bar: Sendable, Hashable {
        /// The chords, in time order; the first starts at 0 (a bar holding on from the last chord
        /// is written `%` and holds that chord again).
        public var chords: [ChordEvent]
        /// The time signature of this bar (the chart's or the last change's).
        public var time: TimeSignature
        /// Set when the tempo changes at this bar: quarter notes per minute.
        public var tempoChange: Double?
        /// True when the time signature changes at this bar (for printing and MIDI/MusicXML).
        public var timeChanges: Bool
        /// `|:` starts a repeated passage at this bar.
        public var startsRepeat: Bool
        /// `:|` (or `:| xN`) ends a repeated passage at this bar: how many times it is played in all.
        public var endsRepeat: Int?
        /// True when the bar is written `%`: it repeats the chords of the bar before it.
        public var repeatsPrevious: Bool
        /// The melody in this bar (empty when the chart has none here); rests have no pitch.
        public var melody: [MelodyNote]
        /// The 1-based line and column of the bar's first character (0 when made in code).
        public var sourceLine: Int
        public var sourceColumn: Int

        /// A bar from its parts.
        public init(
            chords: [ChordEvent], time: TimeSignature = .fourFour, tempoChange: Double? = nil,
            timeChanges: Bool = false, startsRepeat: Bool = false, endsRepeat: Int? = nil,
            repeatsPrevious: Bool = false, melody: [MelodyNote] = [], sourceLine: Int = 0, sourceColumn: Int = 0
        ) {
            self.chords = chords
            self.time = time
            self.tempoChange = tempoChange
            self.timeChanges = timeChanges
            self.startsRepeat = startsRepeat
            self.endsRepeat = endsRepeat
            self.repeatsPrevious = repeatsPrevious
            self.melody = melody
            self.sourceLine = sourceLine
            self.sourceColumn = sourceColumn
        }

        /// The bar's length in quarter notes.
        public var length: Double { time.quarterNotesPerBar }

        /// The chord sounding at `offset` quarter notes into the bar.
        public func chord(at offset: Double) -> ChordSymbol? {
            chords.last(where: { $0.start <= offset + 1e-9 })?.symbol
        }
    }

    /// A chord placed in its bar.
    public struct ChordEvent: Sendable, Hashable {
        /// The chord (``ChordSymbol/noChord`` for `N.C.`).
        public var symbol: ChordSymbol
        /// Quarter notes from the bar's start.
        public var start: Double
        /// How long it sounds in this bar, quarter notes.
        public var length: Double
        /// The symbol as written in the chart (`C∆7`), printed again while it still reads as
        /// ``symbol``; nil when made in code.
        public var written: String?

        /// A chord at `start` for `length` quarter notes, as `written` in the chart (if read).
        public init(_ symbol: ChordSymbol, start: Double, length: Double, written: String? = nil) {
            self.symbol = symbol
            self.start = start
            self.length = length
            self.written = written
        }

        /// The symbol as the chart writes it: ``written`` while it still reads as ``symbol``
        /// (so a transposed chord is not printed with its old name), else ``symbol``'s description.
        public var text: String {
            if let written, (try? ChordSymbol(parsing: written)) == symbol { return written }
            return symbol.description
        }
    }

    /// A melody note (or a rest) in its bar, with its lyric syllable.
    public struct MelodyNote: Sendable, Hashable {
        /// The note as spelled, nil for a rest.
        public var note: Note?
        /// Quarter notes from the bar's start.
        public var start: Double
        /// Quarter notes.
        public var length: Double
        /// Tied into the first note of the next bar (`~`).
        public var tiedToNext: Bool
        /// The syllable sung on it (`run-` continues into the next syllable), if any.
        public var lyric: String?

        /// A note (nil: a rest) at `start` for `length` quarter notes.
        public init(note: Note?, start: Double, length: Double, tiedToNext: Bool = false, lyric: String? = nil) {
            self.note = note
            self.start = start
            self.length = length
            self.tiedToNext = tiedToNext
            self.lyric = lyric
        }
    }
}
