import Foundation
import ProducerConsole
import ProducerEars
import ProducerOffice

/// What `producer produce` did to a project, song by song: the one model behind both the JSON
/// (`--json`, `report/produce.json`) and the report's pages, so every figure on a page is the
/// number the JSON gives.
public struct ProduceReport: Sendable, Codable {
    /// The project folder.
    public var project: String
    /// The project's name (the album's title).
    public var title: String
    /// When this report was made.
    public var generated: Date
    /// The delivery targets mastered for, such as `spotify` and `cd` (every song's, in order).
    public var targets: [String]
    /// Each song produced, in the project's order.
    public var songs: [SongReport]
    /// Retakes the flaws call for, each added to the plan as a session to book.
    public var retakes: [Retake]
    /// The plan: the schedule and the project's status, where the project has a database.
    public var plan: PlanReport?
    /// The report's folder and its front page.
    public var reportFolder: String
    public var reportIndex: String
    /// Time per stage over the whole project, and whether it was redone or taken from the last run.
    public var stages: [StageTime]
    /// Seconds the whole run took.
    public var seconds: Double

    public init(
        project: String, title: String, generated: Date, targets: [String], songs: [SongReport] = [],
        retakes: [Retake] = [], plan: PlanReport? = nil, reportFolder: String, reportIndex: String,
        stages: [StageTime] = [], seconds: Double = 0
    ) {
        self.project = project
        self.title = title
        self.generated = generated
        self.targets = targets
        self.songs = songs
        self.retakes = retakes
        self.plan = plan
        self.reportFolder = reportFolder
        self.reportIndex = reportIndex
        self.stages = stages
        self.seconds = seconds
    }
}

extension ProduceReport {
    /// One song: its files checked, its parts heard and comped, its mics aligned, its mix and masters.
    public struct SongReport: Sendable, Codable {
        /// The song's folder name under `takes/` (its identifier in the project).
        public var id: String
        /// The title (from `song.yaml` or the project's song, else the folder name).
        public var title: String
        public var key: String?
        public var tempo: Double?
        /// The page of the report for this song, relative to the report's folder (`SONG.html`).
        public var page: String
        /// Technical QC of every audio file the song uses (takes, mic files, reference).
        public var files: [FileCheck]
        /// Each part: its takes heard, ranked and comped (a part with one take is a stem as it is).
        public var parts: [PartReport]
        /// Each multi-mic group aligned to its reference mic.
        public var mics: [MicGroup]
        /// The mix assistant's session and its render.
        public var mix: MixReport?
        /// One master per target, with its delivery check.
        public var masters: [MasterOutcome]
        /// Problems found that stopped a stage or that a person should know (in plain words).
        public var warnings: [String]
        /// Time per stage for this song.
        public var stages: [StageTime]

        public init(id: String, title: String, page: String) {
            self.id = id
            self.title = title
            self.page = page
            files = []
            parts = []
            mics = []
            masters = []
            warnings = []
            stages = []
        }
    }

    /// One file's technical check and its waveform.
    public struct FileCheck: Sendable, Codable {
        /// The file, relative to the project folder.
        public var file: String
        /// What it is in the song: `take`, `stem`, `mic`, `reference`, `comp`, `mix` or `master`.
        public var kind: String
        public var analysis: FileAnalysis
        /// Its waveform for the report, with clipping and silence marked.
        public var waveform: Waveform
    }

    /// One part of a song (`takes/SONG/PART/`).
    public struct PartReport: Sendable, Codable {
        /// The part's folder name, such as `lead-vocal`.
        public var name: String
        /// What the listener judged it as.
        public var kind: Part
        /// The takes, relative to the project folder.
        public var takes: [String]
        /// The intended part (`parts/SONG/PART.mid`), if there is one.
        public var reference: String?
        /// The intended notes, for plotting the pitch curves against (from the reference).
        public var intendedNotes: [IntendedNote]
        /// Ranking, comp sheet and each take's note-by-note report (with its pitch frames).
        public var takesResult: TakesJob.Result?
        /// The comp written (`out/SONG/comps/PART.wav`), or the single take used as the stem.
        public var stem: String
    }

    /// A note of the intended part: when, and which MIDI note.
    public struct IntendedNote: Sendable, Codable, Equatable {
        public var start: Double
        public var end: Double
        public var midi: Int
    }

    /// One multi-mic group (`mics/SONG/GROUP/`), aligned to its first mic.
    public struct MicGroup: Sendable, Codable {
        public var name: String
        public var alignment: AlignReport
    }

    /// The mix: the assistant's plan, its check, how loud it is over time and its spectrum
    /// against the reference.
    public struct MixReport: Sendable, Codable {
        /// The session written (`out/SONG/session.yaml`) and the mix rendered (`out/SONG/mix.wav`).
        public var session: String
        public var output: String
        public var plan: MixPlan
        /// Integrated loudness and true peak of the render, and its warnings.
        public var integratedLoudness: Double?
        public var truePeak: Double?
        public var warnings: [String]
        /// The reference track, if the song has one.
        public var reference: String?
        /// Short-term loudness over time.
        public var loudness: LoudnessCurve
        /// Third-octave spectrum of the mix and of the reference.
        public var spectrum: Spectrum
    }

    /// One master and its delivery check.
    public struct MasterOutcome: Sendable, Codable {
        public var target: String
        /// The master, relative to the project folder, and the files beside it.
        public var master: String
        public var prelimit: String
        public var before: String
        public var after: String
        /// Before and after: loudness, true peak, range, PLR, tone, each platform's normalisation.
        public var report: MasterReport
        /// The delivery check of the written file against the target's spec.
        public var delivery: DeliveryCheck
    }

    /// A master read back and checked against its target's spec.
    public struct DeliveryCheck: Sendable, Codable {
        public var passed: Bool
        public var sampleRate: Double
        public var bitDepth: Int?
        public var integratedLoudness: Double?
        public var truePeak: Double?
        /// What does not meet the spec, in plain words (empty when it passes).
        public var problems: [String]
    }

    /// A flaw no take fixes: a session to book, added to the plan.
    public struct Retake: Sendable, Codable {
        public var song: String
        public var part: String
        /// Where, in seconds, and as bars where the tempo is known.
        public var start: Double
        public var end: Double
        public var bars: String?
        /// Why, in plain words.
        public var reason: String
        /// The session added to the plan (its identifier), if the project has a database.
        public var session: String?
        public var durationMinutes: Int
        /// Its estimated cost (the cheapest room's rate for its length), where the project has rates.
        public var estimatedCost: Money?
    }

    /// The project's plan, from its database.
    public struct PlanReport: Sendable, Codable {
        public var status: ProjectStatus
        /// Every booked session, for the timeline per person and room.
        public var schedule: [ScheduleReport.Line]
    }

    /// Seconds a stage took, and whether it ran or was taken from the last run (unchanged inputs).
    public struct StageTime: Sendable, Codable, Equatable {
        public var stage: String
        public var seconds: Double
        public var redone: Bool
    }
}

/// A waveform drawn at a fixed number of columns: each column's lowest and highest sample over
/// the channels, and where the file clips or is silent.
public struct Waveform: Sendable, Codable, Equatable {
    /// Seconds the file lasts.
    public var duration: Double
    /// Per column, the lowest and highest sample (−1…1).
    public var minimum: [Float]
    public var maximum: [Float]
    /// Stretches at full scale, and stretches of silence (below −60 dBFS for at least 0.5 s), seconds.
    public var clipped: [TimeRange]
    public var silent: [TimeRange]

    public init(
        duration: Double, minimum: [Float], maximum: [Float], clipped: [TimeRange] = [], silent: [TimeRange] = []
    ) {
        self.duration = duration
        self.minimum = minimum
        self.maximum = maximum
        self.clipped = clipped
        self.silent = silent
    }
}

/// A stretch of time, seconds.
public struct TimeRange: Sendable, Codable, Equatable {
    public var start: Double
    public var end: Double

    public init(start: Double, end: Double) {
        self.start = start
        self.end = end
    }
}

/// Loudness over time: short-term (3 s) loudness every `step` seconds (nil where silent).
public struct LoudnessCurve: Sendable, Codable, Equatable {
    public var step: Double
    public var shortTerm: [Double?]
    public var integrated: Double?

    public init(step: Double, shortTerm: [Double?], integrated: Double?) {
        self.step = step
        self.shortTerm = shortTerm
        self.integrated = integrated
    }
}

/// A third-octave spectrum of the mix and, where there is one, the reference (dB, each
/// normalised to its own loudness so the shapes compare).
public struct Spectrum: Sendable, Codable, Equatable {
    public var centres: [Double]
    public var mix: [Double]
    public var reference: [Double]?

    public init(centres: [Double], mix: [Double], reference: [Double]?) {
        self.centres = centres
        self.mix = mix
        self.reference = reference
    }
}
