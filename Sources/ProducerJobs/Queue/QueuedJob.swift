/// A job a `producer worker` runs from the queue: the jobs library's own `Codable` jobs, and the
/// studio server's analysis of an uploaded version.
public enum QueuedJob: Sendable, Codable, Equatable {
    case analyzeVersion(VersionAnalysisJob)
    case produce(ProduceJob)
    case mix(MixJob)
    case master(MasterJob)
    case automix(AutomixJob)
    case align(AlignJob)

    /// The job's kind in one word, as the queue's `kind` column and progress lines show it.
    public var kind: String {
        switch self {
        case .analyzeVersion: "analysis"
        case .produce: "produce"
        case .mix: "mix"
        case .master: "master"
        case .automix: "automix"
        case .align: "align"
        }
    }
}

/// Analyse one uploaded version for the studio server: loudness, true peak, the beat grid that
/// places comments musically, and the waveform the player draws.
public struct VersionAnalysisJob: Sendable, Codable, Equatable {
    /// The studio project the version belongs to.
    public var projectID: String
    /// The version's id in the studio store; the worker writes the result there.
    public var versionID: String
    /// The audio file (absolute path).
    public var path: String
    /// Beats per bar to count bars with (from the song's meter, or 4).
    public var beatsPerBar: Int
    /// Columns in the waveform.
    public var columns: Int

    public init(projectID: String, versionID: String, path: String, beatsPerBar: Int = 4, columns: Int = 800) {
        self.projectID = projectID
        self.versionID = versionID
        self.path = path
        self.beatsPerBar = beatsPerBar
        self.columns = columns
    }
}
