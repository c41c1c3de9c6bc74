import ProducerFiles
import ProducerMusic

/// `producer arrange`: reads a chord chart, arranges it for a band in a style and writes the
/// arrangement as a type-1 Standard MIDI File (one track per instrument).
public struct ArrangeJob: Sendable, Codable, Equatable {
    /// The chord chart (plain text, see the README).
    public var chart: String
    /// The MIDI file to write.
    public var output: String
    /// Style, instruments, tempo, key, feel, density, humanising and seed.
    public var options: ArrangementOptions
    /// Whether existing files may be replaced (`--force`); an input never is.
    public var replacesExisting: Bool
    /// A MusicXML lead sheet to write as well (`--musicxml`). Not wired yet: a job that sets it
    /// is refused with a message saying so.
    public var musicXMLPath: String?
    /// A preview WAV rendered by the console (`--render`). Not wired yet: refused likewise.
    public var renderPath: String?

    public init(
        chart: String, output: String, options: ArrangementOptions, replacesExisting: Bool = false,
        musicXMLPath: String? = nil, renderPath: String? = nil
    ) {
        self.chart = chart
        self.output = output
        self.options = options
        self.replacesExisting = replacesExisting
        self.musicXMLPath = musicXMLPath
        self.renderPath = renderPath
    }

    /// Checks the outputs, reads the chart, arranges it and writes the MIDI file (through a
    /// temporary file renamed into place).
    /// - Throws: an error naming the file and place: the chart's (line and column), an output
    ///   that exists (without `--force`) or is an input, an output that cannot be written yet.
    public func run() throws -> ArrangeSummary {
        if let musicXMLPath {
            throw ArrangeJobError(
                .notAvailable, file: musicXMLPath,
                "the MusicXML lead sheet (--musicxml) cannot be written by this build yet")
        }
        if let renderPath {
            throw ArrangeJobError(
                .notAvailable, file: renderPath, "the preview (--render) cannot be rendered by this build yet")
        }
        try OutputPolicy(replacesExisting: replacesExisting, inputs: [chart]).check(output, what: "the MIDI file")
        let parsed = try Chart(path: chart)
        guard !parsed.played().isEmpty else {
            throw ArrangeJobError(
                .emptyChart, file: chart, "the chart has no bars to arrange (write them as | Am | F | C | G |)")
        }
        let arrangement = Arrangement.arrange(parsed, options: options)
        try PartialFile.write(arrangement.midiBytes(), to: output)
        return ArrangeSummary(arrangement, chart: chart, output: output)
    }
}
