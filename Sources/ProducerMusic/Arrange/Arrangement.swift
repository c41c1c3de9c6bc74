/// A chord chart arranged for a band: one part per instrument, notes timed in quarter notes.
///
/// Made with ``arrange(_:options:)`` and written as a Standard MIDI File with
/// ``midiBytes(ticksPerQuarter:)``.
///
/// ```swift
/// let song = Arrangement.arrange(chart, options: ArrangementOptions(style: .funk))
/// let bytes = song.midiBytes()
/// ```
public struct Arrangement: Sendable, Hashable {
    /// The chart as arranged: after the options' key and tempo changes.
    public var chart: Chart
    /// The options it was arranged with.
    public var options: ArrangementOptions
    /// Tempo and meter over the song (from ``chart``).
    public var tempoMap: TempoMap
    /// The parts in track order.
    public var parts: [Part]
    /// The sections as played (each pass of a repeated section is one), with their energy.
    public var sections: [Section]
    /// The song's length in quarter notes (all bars played).
    public var lengthInQuarterNotes: Double

    /// One instrument's notes, in time order.
    public struct Part: Sendable, Hashable {
        /// The instrument.
        public var instrument: Instrument
        /// The notes, sorted by start.
        public var notes: [ArrangedNote]

        /// A part from its notes.
        public init(instrument: Instrument, notes: [ArrangedNote]) {
            self.instrument = instrument
            self.notes = notes
        }
    }

    /// One pass through a section of the chart, as arranged.
    public struct Section: Sendable, Hashable, Codable {
        /// The section's name (`Chorus`).
        public var name: String
        /// Which time through the section, from 0.
        public var pass: Int
        /// The song's bar number (from 1) where it starts.
        public var firstBar: Int
        /// How many bars it plays.
        public var bars: Int
        /// Quarter notes from the song's start.
        public var start: Double
        /// How hard the band plays, 0 (almost nothing) … 5 (everything, the last chorus), from
        /// the section's name and place in the song and the density.
        public var energy: Int
    }

    /// The song's length in seconds.
    public var lengthInSeconds: Double { tempoMap.seconds(atQuarterNotes: lengthInQuarterNotes) }

    /// The part for `instrument`, if the arrangement has one.
    public func part(_ instrument: Instrument) -> Part? { parts.first { $0.instrument == instrument } }

    /// Arranges `chart` as a session band would in `options.style`.
    ///
    /// Drums play the style's groove with a fill in the last bar before each new section and a
    /// crash on its downbeat; the bass outlines the harmony (the chord's bass note on strong
    /// beats, fifths and octaves, approach notes into the next chord); keys comp and the pad and
    /// strings hold chords voiced with smooth voice leading; the guitar strums, picks or chops.
    /// Each section gets an energy from its name (Intro, Verse, Pre-Chorus, Chorus, Bridge,
    /// Breakdown, Drop, Solo, Outro) and place that decides who plays and how busily. The chart's
    /// melody becomes a lead part. The same options give the same arrangement.
    public static func arrange(_ chart: Chart, options: ArrangementOptions) -> Arrangement {
        Arranger(chart: chart, options: options).arrangement()
    }
}
