import ProducerEars
import ProducerOffice

/// What `producer demo` made and found (`--json` prints it; ``text()`` reads it out).
public struct DemoReport: Sendable, Encodable {
    /// The demo's folder.
    public var folder: String
    /// The files with planted faults, each with its analysis.
    public var files: [File]
    /// The sung part: the listening report and the takes' ranking.
    public var sungPart: SungPart
    /// The mix session and its analysis.
    public var mix: Mix
    /// The mix assistant's first mix of the band's stems.
    public var automix: AutomixJob.Result
    /// The assistant's mix mastered for Spotify and for CD.
    public var masters: [MasterJob.Result]
    /// The overhead pair aligned: one was planted late and inverted.
    public var align: AlignReport
    /// The album project and its schedule.
    public var album: Album

    enum CodingKeys: String, CodingKey { case files, sungPart, mix, automix, masters, align, album }

    /// One file with a planted fault.
    public struct File: Sendable, Encodable {
        public var file: String
        public var fault: String
        public var analysis: FileAnalysis
    }

    /// The sung part: a reference, two takes with planted flaws, and the comp.
    public struct SungPart: Sendable, Encodable {
        public var reference: String
        public var takes: [String]
        public var comp: String
        public var key: String
        public var plantedFlaws: [[String]]
        public var listen: PerformanceReport
        public var ranking: TakesJob.Result

        enum CodingKeys: String, CodingKey { case reference, takes, plantedFlaws, listen, ranking }
    }

    /// The mix: the session, its text, the file rendered and its analysis.
    public struct Mix: Sendable, Encodable {
        public var session: String
        public var yaml: String
        public var output: String
        public var analysis: FileAnalysis

        enum CodingKeys: String, CodingKey { case session, output, analysis }
    }

    /// The album: its project folder, calendar and schedule.
    public struct Album: Sendable, Encodable {
        public var project: String
        public var calendar: String
        public var timeZone: String
        public var schedule: ScheduleReport

        enum CodingKeys: String, CodingKey { case project, calendar, schedule }
    }
}
