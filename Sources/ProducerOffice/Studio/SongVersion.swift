import Foundation

/// One uploaded version of a song's take, mix or master: the file as stored, its checksum and
/// format, and what the queued analysis found.
public struct SongVersion: Hashable, Sendable, Codable, Identifiable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case take, mix, master
    }

    /// Where the version is on its way: mixes go to mastering, masters to delivery, once approved.
    public enum Stage: String, Hashable, Sendable, Codable {
        case uploaded
        case sentToMastering = "sent to mastering"
        case delivered
    }

    public var id: String
    public var projectID: String
    /// The project's ``Song/id``.
    public var songID: String
    public var kind: Kind
    /// 1, 2, 3… per song and kind, given by the store in upload order.
    public var number: Int
    /// The file's name as uploaded (shown, never used as a path).
    public var fileName: String
    /// Where the file is, relative to the server's files folder.
    public var storedPath: String
    public var byteCount: Int64
    /// Lowercase hex SHA-256 of the file's bytes.
    public var sha256: String
    public var sampleRate: Double
    public var channelCount: Int
    public var frameCount: Int64
    public var uploadedBy: String
    public var uploadedAt: Date
    public var stage: Stage
    public var analysis: VersionAnalysis?
    public var analysisState: AnalysisState
    /// Why the analysis failed, in words.
    public var analysisError: String?

    public enum AnalysisState: String, Hashable, Sendable, Codable {
        case queued, running, done, failed
    }

    public init(
        id: String = Identifier.secret(), projectID: String, songID: String, kind: Kind, number: Int = 0,
        fileName: String, storedPath: String, byteCount: Int64, sha256: String, sampleRate: Double,
        channelCount: Int, frameCount: Int64, uploadedBy: String, uploadedAt: Date, stage: Stage = .uploaded,
        analysis: VersionAnalysis? = nil, analysisState: AnalysisState = .queued, analysisError: String? = nil
    ) {
        self.id = id
        self.projectID = projectID
        self.songID = songID
        self.kind = kind
        self.number = number
        self.fileName = fileName
        self.storedPath = storedPath
        self.byteCount = byteCount
        self.sha256 = sha256
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        self.frameCount = frameCount
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
        self.stage = stage
        self.analysis = analysis
        self.analysisState = analysisState
        self.analysisError = analysisError
    }
}

/// What the analysis job measured on a version: loudness, peaks, the beat grid that places
/// comments musically, and the waveform the player draws.
public struct VersionAnalysis: Hashable, Sendable, Codable {
    public var seconds: Double
    /// Integrated loudness (LUFS), nil for silence.
    public var integratedLUFS: Double?
    public var truePeakDBTP: Double?
    /// Measured tempo (BPM), nil when there is no steady beat.
    public var tempo: Double?
    /// Time of the first downbeat (seconds): bar 1 beat 1 of this version.
    public var firstDownbeatSeconds: Double?
    /// Beats per bar used to count bars (from the song, or 4).
    public var beatsPerBar: Int
    /// The waveform: per column, the largest absolute sample (0...1) over all channels.
    public var peaks: [Float]

    public init(
        seconds: Double, integratedLUFS: Double?, truePeakDBTP: Double?, tempo: Double?,
        firstDownbeatSeconds: Double?, beatsPerBar: Int = 4, peaks: [Float]
    ) {
        self.seconds = seconds
        self.integratedLUFS = integratedLUFS
        self.truePeakDBTP = truePeakDBTP
        self.tempo = tempo
        self.firstDownbeatSeconds = firstDownbeatSeconds
        self.beatsPerBar = beatsPerBar
        self.peaks = peaks
    }
}
