import ProducerFiles
import ProducerAudio
import ProducerDSP
import ProducerMusic

/// What the listener is told about a part, as the command line gives it: the reference part, a
/// click, the key, the tempo and the kind of part. Shared by `listen` and `takes`.
public struct ListenSettings: Sendable {
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
    /// Where the song's first downbeat is in the take.
    public var downbeat: Downbeat?
    /// The note values timing is judged against without a reference (nil: found from the notes).
    public var subdivision: Subdivision?
    /// The pitch of A4, Hz.
    public var a4: Double = 440

    public init(referencePath: String? = nil, key: String? = nil, tempo: Double? = nil, part: Part = .other) {
        self.referencePath = referencePath
        self.key = key
        self.tempo = tempo
        self.part = part
    }

    /// The listening options these files and flags give.
    /// - Throws: an error naming the file and problem when the reference, click or key cannot be read.
    public func options() throws -> ListenOptions {
        var options = ListenOptions(part: part)
        options.tempo = tempo
        options.includesFrames = includesFrames
        options.downbeat = downbeat
        options.subdivision = subdivision
        options.a4 = a4
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
            options.clicks = try Self.clicks(path: clickPath)
        }
        return options
    }

    /// The clicks of the click track at `path`, read in blocks and heard at its own sample rate:
    /// each onset the detector finds (10 ms frames) is placed to the millisecond where its attack
    /// begins (``OnsetRefiner``), as soon as the audio after it has been read.
    static func clicks(path: String) throws -> [Double] {
        var blocks = try TakeBlocks(path: path)
        let detector = OnsetDetector()
        var envelope = detector.stream(sampleRate: blocks.format.sampleRate)
        var picker = OnsetDetector.Picker(detector, frameRate: envelope.frameRate)
        var refiner = OnsetRefiner(sampleRate: blocks.format.sampleRate)
        var pending: [Double] = []
        var clicks: [Double] = []
        func place(_ isComplete: Bool) {
            envelope.values.withUnsafeBufferPointer { picker.pick($0, isComplete: isComplete) { pending.append($0) } }
            while let t = pending.first, isComplete || refiner.canRefine(near: t + 0.05) {
                pending.removeFirst()
                clicks.append(refiner.refine(near: t + 0.01) ?? t)
            }
            refiner.release(before: (pending.first ?? Double(picker.decidedFrames) / envelope.frameRate) - 0.2)
        }
        while try blocks.next() {
            blocks.mono.withUnsafeBufferPointer { refiner.consume($0) }
            envelope.consume(blocks.mono)
            place(false)
        }
        refiner.finish()
        _ = envelope.finish()
        place(true)
        return clicks
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

}

/// `producer listen`: reads a take (and its reference part, click or key), listens to it, and
/// adds the technical faults `analyze` finds in the file.
public struct ListenJob: Sendable {
    /// The take's path.
    public var takePath: String
    /// What the listener is told about the part.
    public var settings: ListenSettings
    /// Where to write the notes as sung, as a MIDI file (nil: not written).
    public var midiPath: String?
    /// Whether an existing MIDI file may be replaced.
    public var replacesExisting = false

    public init(takePath: String, settings: ListenSettings = ListenSettings(), midiPath: String? = nil) {
        self.takePath = takePath
        self.settings = settings
        self.midiPath = midiPath
    }

    /// Listens to the take in one pass over the file, in blocks: the same blocks feed the file
    /// checks (the meters `analyze` uses) and the listener, which keeps only what later blocks
    /// still need.
    public func run() throws -> PerformanceReport {
        if let midiPath {
            let inputs = [takePath, settings.referencePath, settings.clickPath].compactMap { $0 }
            try OutputPolicy(replacesExisting: replacesExisting, inputs: inputs).check(midiPath, what: "the MIDI file")
        }
        var blocks = try TakeBlocks(path: takePath)
        let format = blocks.format
        var meters = MeterSet(format: format)
        let remarks = Take.foldingRemark(channels: format.channelCount).map { [$0] } ?? []
        let options = try settings.options()
        var listening = Listener.Stream(
            Listener(options: options), name: takePath, sampleRate: format.sampleRate,
            remarks: remarks)
        var frames: Int64 = 0
        while try blocks.next() {
            meters.consume(blocks.block)
            blocks.mono.withUnsafeBufferPointer { listening.consume($0) }
            frames += Int64(blocks.mono.count)
        }
        // The technical faults of the file, from the same meters `analyze` uses.
        let analysis = meters.report(file: takePath, format: format, frames: frames)
        var report = listening.finish()
        // Faults of the recording itself; stereo-image and delivery matters are for `analyze`.
        let recordingFaults: Set<Finding.Kind> = [.clipping, .dcOffset, .noise, .level]
        for finding in analysis.findings {
            guard let kind = finding.kind, recordingFaults.contains(kind) else { continue }
            report.advice.append(
                Finding(
                    kind: kind, severity: kind == .clipping ? .high : .medium,
                    time: finding.time ?? 0, message: finding.message))
        }
        // Most serious first; in order of appearance within a severity.
        report.advice = report.advice.enumerated().sorted {
            ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset)
        }.map(\.element)
        if let midiPath {
            try report.writeMIDI(to: midiPath, beatsPerBar: options.beatsPerBar, pitched: options.part.isPitched)
        }
        return report
    }
}
