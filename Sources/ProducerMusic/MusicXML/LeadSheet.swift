import ProducerFiles

/// A chart as a MusicXML 4.0 lead sheet: one part, "Lead", with the melody (or whole-bar rests
/// where there is none), the chords as `<harmony>`, sections as rehearsal marks, key, time and
/// tempo with their changes, repeats as repeat barlines and the lyrics.
///
/// Bars are written once, as on the chart: a section played several times (`[Chorus] x2`) gets
/// repeat barlines with `times`, as a `|: … :| x3` passage does. MusicXML cannot nest repeats:
/// where a passage's repeat falls on a repeated section's last bar, the passage's count is written.
public struct LeadSheet: Sendable {
    /// The chart written.
    public let chart: Chart
    /// Divisions of a quarter note: the smallest power of two that makes every note, rest and
    /// chord position a whole number.
    public let divisions: Int
    /// The MusicXML document.
    public let xml: String

    /// The lead sheet of `chart`.
    public init(chart: Chart) {
        self.chart = chart
        divisions = LeadSheet.divisions(for: chart)
        var writer = LeadSheetWriter(chart: chart, divisions: divisions)
        xml = writer.document()
    }

    /// Writes ``xml`` to `path` through a temporary file renamed into place when complete.
    /// - Throws: ``MusicXMLError`` when the file cannot be written.
    public func write(to path: String) throws(MusicXMLError) {
        do {
            try PartialFile.write(text: xml, to: path)
        } catch {
            throw MusicXMLError(file: path, error.message)
        }
    }

    static func divisions(for chart: Chart) -> Int {
        var d = 1
        func need(_ q: Double) {
            while d < 4096, (q * Double(d)).rounded() != q * Double(d) { d *= 2 }
        }
        for section in chart.sections {
            for bar in section.bars {
                need(bar.length)
                for c in bar.chords { need(c.start) }
                for n in bar.melody {
                    need(n.start)
                    need(n.length)
                }
            }
        }
        return d
    }
}
