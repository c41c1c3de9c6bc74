import ProducerFiles

extension Chart {
    /// The largest chart read, bytes of text (1 MiB).
    public static let maximumTextBytes = 1 << 20
    /// The most bars a chart may write (repeats not counted).
    public static let maximumBars = 10_000
    /// The most times a section (`[Chorus] x4`) or a passage (`:| x3`) may be played.
    public static let maximumRepeats = 16
    /// The most bars a chart may play, repeats included (about 55 hours of 4/4 at 120 bpm).
    public static let maximumPlayedBars = 100_000

    /// How many bars ``played()`` returns, counted without building them.
    public var playedBarCount: Int {
        var total = 0
        for section in sections {
            var count = 0
            var passage = 0
            for bar in section.bars {
                if bar.startsRepeat { passage = 0 }
                count += 1
                passage += 1
                if let times = bar.endsRepeat, times > 1 {
                    count += passage * (min(times, Chart.maximumRepeats) - 1)
                    passage = 0
                }
            }
            total += count * max(1, min(section.repeats, Chart.maximumRepeats))
        }
        return total
    }

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
