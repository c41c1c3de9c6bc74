import ProducerMusic

/// What `producer arrange` wrote: the parts with their note counts, the bars, the length and
/// the sections with their energy (`--json` prints it).
public struct ArrangeSummary: Sendable, Codable, Equatable {
    /// One track of the MIDI file.
    public struct Part: Sendable, Codable, Equatable {
        public var instrument: Instrument
        /// The track's name (`Bass`).
        public var track: String
        /// The MIDI channel, 1…16 as musicians count (drums: 10).
        public var channel: Int
        /// The General MIDI program, 1…128 as musicians count.
        public var program: Int
        public var notes: Int
    }

    /// The chart read.
    public var chart: String
    /// The MIDI file written.
    public var output: String
    public var style: ArrangementStyle
    /// The key played in (after `--key`), if the chart has one.
    public var key: String?
    /// Quarter notes per minute at the start (after `--tempo`).
    public var tempo: Double
    /// Bars played (repeats counted).
    public var bars: Int
    /// The song's length in seconds.
    public var seconds: Double
    public var parts: [Part]
    public var sections: [Arrangement.Section]

    /// The summary of `arrangement`, read from `chart` and written to `output`.
    /// The MusicXML lead sheet written, if any.
    public var musicXML: String?
    /// The preview rendered, if any.
    public var preview: String?

    public init(_ arrangement: Arrangement, chart: String, output: String) {
        self.chart = chart
        self.output = output
        style = arrangement.options.style
        key = arrangement.chart.key.map(\.ascii)
        tempo = arrangement.chart.tempo
        bars = arrangement.sections.reduce(0) { $0 + $1.bars }
        seconds = (arrangement.lengthInSeconds * 1000).rounded() / 1000
        parts = arrangement.parts.map {
            Part(
                instrument: $0.instrument, track: $0.instrument.trackName, channel: $0.instrument.channel + 1,
                program: $0.instrument.program + 1, notes: $0.notes.count)
        }
        sections = arrangement.sections
    }

    /// A few lines for people: the file, the length, the parts and the sections' energy.
    public var text: String {
        let minutes = Int(seconds) / 60
        let secs = Int(seconds.rounded()) % 60
        var lines = [
            "Arranged \(chart) → \(output): \(style), \(bars) bars, \(minutes):\(secs < 10 ? "0" : "")\(secs) at \(tempo.formatted0) bpm"
                + (key.map { " in \($0)" } ?? "")
        ]
        if let musicXML { lines.append("  lead sheet: \(musicXML)") }
        if let preview { lines.append("  preview: \(preview)") }
        lines.append("  parts: " + parts.map { "\($0.track) \($0.notes)" }.joined(separator: ", ") + " notes")
        lines.append(
            "  sections: "
                + sections.map {
                    "\($0.name)\($0.pass > 0 ? " (\($0.pass + 1))" : "") \(String(repeating: "▮", count: $0.energy))"
                }
                .joined(separator: " · "))
        return lines.joined(separator: "\n")
    }
}

extension Double {
    /// The number without a fraction when it has none ("92", "92.5").
    fileprivate var formatted0: String { self == rounded() ? String(Int(self)) : String(self) }
}
