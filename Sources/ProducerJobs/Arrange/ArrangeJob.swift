import ProducerConsole
import ProducerFiles
import ProducerMusic

/// `producer arrange`: reads a chord chart, arranges it for a band in a style and writes the
/// arrangement as a type-1 Standard MIDI File (one track per instrument), and as asked a MusicXML
/// lead sheet and a preview rendered by the console's built-in instruments.
public struct ArrangeJob: Sendable, Codable, Equatable {
    /// The chord chart (plain text, see the README).
    public var chart: String
    /// The MIDI file to write.
    public var output: String
    /// Style, instruments, tempo, key, feel, density, humanising and seed.
    public var options: ArrangementOptions
    /// Whether existing files may be replaced (`--force`); an input never is.
    public var replacesExisting: Bool
    /// A MusicXML lead sheet of the chart as arranged (key and tempo included) to write as well
    /// (`--musicxml`).
    public var musicXMLPath: String?
    /// A preview WAV rendered by the console's preview instruments (`--render`).
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

    /// Checks the outputs, reads the chart, arranges it and writes the MIDI file, then the lead
    /// sheet and the preview when asked (each through a temporary file renamed into place).
    /// - Throws: an error naming the file and place: the chart's (line and column), an output
    ///   that exists (without `--force`), is an input or is named twice, or cannot be written.
    public func run() throws -> ArrangeSummary {
        let policy = OutputPolicy(replacesExisting: replacesExisting, inputs: [chart])
        try policy.check(output, what: "the MIDI file")
        if let musicXMLPath { try policy.check(musicXMLPath, what: "the lead sheet") }
        if let renderPath { try policy.check(renderPath, what: "the preview") }
        let outputs = [output] + [musicXMLPath, renderPath].compactMap { $0 }
        if let twice = outputs.first(where: { path in outputs.filter { $0 == path }.count > 1 }) {
            throw ArrangeJobError(.sameOutput, file: twice, "is named for two outputs; give each its own file")
        }
        let parsed = try Chart(path: chart)
        guard !parsed.played().isEmpty else {
            throw ArrangeJobError(
                .emptyChart, file: chart, "the chart has no bars to arrange (write them as | Am | F | C | G |)")
        }
        let arrangement = Arrangement.arrange(parsed, options: options)
        try PartialFile.write(arrangement.midiBytes(), to: output)
        if let musicXMLPath { try LeadSheet(chart: arrangement.chart).write(to: musicXMLPath) }
        if let renderPath { try ArrangementPreview.render(midi: output, to: renderPath, force: replacesExisting) }
        var summary = ArrangeSummary(arrangement, chart: chart, output: output)
        summary.musicXML = musicXMLPath
        summary.preview = renderPath
        return summary
    }
}
