import ProducerFiles

extension Chart {
    /// The largest chart read, bytes of text (1 MiB).
    public static let maximumTextBytes = 1 << 20
    /// The most bars a chart may write (repeats not counted).
    public static let maximumBars = 10_000
    /// The most times a section (`[Chorus] x4`) or a passage (`:| x3`) may be played.
    public static let maximumRepeats = 16

    /// Reads a chord chart written by hand (see the README's "Chord charts").
    ///
    /// - Parameters:
    ///   - text: The chart.
    ///   - file: The file's name, for messages.
    /// - Throws: ``ChartError`` with the line and column of the first mistake.
    public init(parsing text: String, file: String = "chart") throws(ChartError) {
        var reader = ChartReader(file: file)
        try reader.read(text)
        self = reader.chart
    }

    /// Reads the chord chart in the file at `path` (UTF-8 text, at most 1 MiB).
    ///
    /// - Throws: ``ChartError`` when the file cannot be read or the chart has a mistake.
    public init(path: String) throws(ChartError) {
        let text: String
        do {
            text = try InputFile.text(atPath: path, what: "chart", limit: Chart.maximumTextBytes)
        } catch {
            throw ChartError(
                error.isTooLarge ? .tooLarge : .unreadable, file: path, line: error.line, column: error.column,
                error.reason)
        }
        try self.init(parsing: text, file: path)
    }
}
