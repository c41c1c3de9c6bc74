public import ProducerEars
import ProducerMusic

/// `producer listen`: reads a take (and its reference part, click or key), listens to it, and
/// adds the technical faults `analyze` finds in the file.
public struct ListenJob: Sendable {
    /// The take's path.
    public var takePath: String
    /// A MIDI file of the intended part.
    public var referencePath: String?
    /// A click track recorded with the take.
    public var clickPath: String?
    /// The key, as text ("E minor").
    public var key: String?
    /// Tempo, BPM.
    public var tempo: Double?
    /// The kind of part.
    public var part: Part = .other
    /// Include the pitch track.
    public var includesFrames = false

    public init(takePath: String) {
        self.takePath = takePath
    }

    /// The listening options this job's files and flags give.
    /// - Throws: an error naming the file and problem when the reference, click or key cannot be read.
    public func options() throws -> ListenOptions {
        var options = ListenOptions(part: part)
        options.tempo = tempo
        options.includesFrames = includesFrames
        if let key { options.key = try Key(parsing: key) }
        if let referencePath {
            let midi = try MIDIFile(path: referencePath)
            let notes = midi.notes()
            options.reference = notes.map { ReferenceNote(start: $0.start, end: $0.end, pitch: Int($0.pitch)) }
            let end = notes.map(\.end).max() ?? 0
            options.referenceGrid = Self.beatGrid(of: midi, until: end + 4)
            options.beatsPerBar = options.referenceGrid?.beatsPerBar ?? options.beatsPerBar
        }
        if let clickPath {
            options.click = try Take(path: clickPath).samples
        }
        return options
    }

    /// The beats of a MIDI file's tempo map, from its start until `seconds`, bars from its first meter.
    static func beatGrid(of midi: MIDIFile, until seconds: Double) -> BeatGrid {
        let map = midi.tempoMap
        let meter = midi.timeSignatures.first?.meter ?? .fourFour
        var beats: [Double] = []
        var q = 0.0
        while beats.count < 100_000 {
            let t = map.seconds(atQuarterNotes: q)
            beats.append(t)
            if t > seconds { break }
            q += map.meter(atQuarterNotes: q).quarterNotesPerBeat
        }
        if beats.count < 2 { beats.append(map.seconds(atQuarterNotes: meter.quarterNotesPerBeat)) }
        return BeatGrid(beats: beats, beatsPerBar: meter.beatsPerBar)
    }

    /// Listens to the take.
    public func run() throws -> PerformanceReport {
        let take = try Take(path: takePath)
        var report = Listener(options: try options()).listen(to: take)
        // The technical faults of the file, from the same meters `analyze` uses.
        let analysis = try Analyzer().analyze(path: takePath)
        for warning in analysis.warnings where ["Clipping", "DC", "Noise", "Level"].contains(where: { warning.hasPrefix($0) }) {
            let clipping = warning.hasPrefix("Clipping")
            report.advice.append(.init(time: clipping ? analysis.clipping.first?.start ?? 0 : 0, bar: nil,
                                       severity: clipping ? "high" : "medium", message: warning))
        }
        let rank = ["high": 0, "medium": 1, "low": 2]
        report.advice = report.advice.enumerated().sorted {
            (rank[$0.element.severity] ?? 3, $0.offset) < (rank[$1.element.severity] ?? 3, $1.offset)
        }.map(\.element)
        return report
    }
}
