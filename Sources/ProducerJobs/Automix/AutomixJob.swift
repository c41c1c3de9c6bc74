import Foundation
import ProducerAudio
import ProducerConsole
import ProducerFiles
import ProducerMusic

/// `producer automix`: measures the stems, lets the mix assistant decide a first mix, writes it
/// as a session with a comment on every decision, and renders it when asked.
public struct AutomixJob: Sendable, Codable, Equatable {
    public var stems: [String]
    /// The session file to write (YAML).
    public var output: String
    /// The mix to render from it, if any.
    public var render: String?
    public var reference: String?
    /// A `--roles` file.
    public var roles: String?
    public var tempo: Double?
    public var hardPans: Bool
    /// Whether to cut stems that mask the lead.
    public var unmasks: Bool
    public var replacesExisting: Bool
    /// Roles given by the caller, by stem path (as `--roles` gives them by name; the file wins).
    public var stemRoles: [String: StemRole] = [:]

    public init(
        stems: [String], output: String, render: String? = nil, reference: String? = nil, roles: String? = nil,
        tempo: Double? = nil, hardPans: Bool = false, unmasks: Bool = true, replacesExisting: Bool = false
    ) {
        self.stems = stems
        self.output = output
        self.render = render
        self.reference = reference
        self.roles = roles
        self.tempo = tempo
        self.hardPans = hardPans
        self.unmasks = unmasks
        self.replacesExisting = replacesExisting
    }

    /// What the job did: the plan and, with a render, the mix's check.
    public struct Result: Sendable, Encodable {
        public var session: String
        public var plan: MixPlan
        public var mix: MixCheck?
    }

    /// Runs the job. `progress` is told each step in words.
    /// - Throws: an error naming the file (and place) at fault: a stem that cannot be read, stems
    ///   at different sample rates, a roles file, an output that exists or is an input.
    public func run(progress: ((String) -> Void)? = nil) throws -> Result {
        guard !stems.isEmpty else {
            throw FileError(.notFound, path: output, "no stems were given to mix")
        }
        let inputs = stems + [reference, roles].compactMap { $0 }
        let policy = OutputPolicy(replacesExisting: replacesExisting, inputs: inputs)
        try policy.check(output, what: "the session")
        if let render { try policy.check(render, what: "the mix") }
        var assigned = try roles.map { try RoleAssignments.read(path: $0, stems: stems) } ?? [:]
        for (i, stem) in stems.enumerated() where assigned[i] == nil {
            assigned[i] = stemRoles[stem]
        }
        let sources = try Self.sources(stems)
        let audioRate = try stems.first { !Self.isMIDI($0) }.map { try AudioFileReader(path: $0).format.sampleRate }
        var measured: [MixAssistant.Stem] = []
        var rate: (Double, String)?
        for source in sources {
            let file = source.file
            if let track = source.track, let instrument = source.instrument {
                progress?("playing and measuring \(file), track \(track)")
                let sampleRate = audioRate ?? Self.midiSampleRate
                rate = rate ?? (sampleRate, file)
                let m = Self.measure(source.notes, instrument: instrument, sampleRate: sampleRate)
                measured.append(
                    MixAssistant.Stem(
                        file: Self.absolute(file), measurement: m, channels: 2, role: nil, midiTrack: track,
                        instrument: instrument))
                continue
            }
            progress?("measuring \(file)")
            let (m, format) = try Self.measure(file)
            if let (r, first) = rate, r != format.sampleRate {
                throw AudioFileError(
                    .unsupported, path: file,
                    "is at \(Int(format.sampleRate)) Hz but \(first) is at \(Int(r)) Hz; convert the stems to one rate first"
                )
            }
            rate = rate ?? (format.sampleRate, file)
            measured.append(
                MixAssistant.Stem(
                    file: Self.absolute(file), measurement: m, channels: format.channelCount,
                    role: assigned[source.given]))
        }
        let ref = try reference.map { file in
            progress?("measuring the reference \(file)")
            return (file: file, measurement: try Self.measure(file).0)
        }
        let assistant = MixAssistant(tempo: tempo, unmasks: unmasks)
        var plan = try assistant.plan(
            stems: measured, sampleRate: rate!.0, sessionPath: Self.absolute(output), reference: ref, progress: progress
        )
        let yaml = plan.sessionYAML(header: header(plan))
        plan.sessionPath = output
        for i in plan.stems.indices { plan.stems[i].file = sources[i].file }
        try PartialFile.write(text: yaml, to: output)
        var check: MixCheck?
        if let render {
            progress?("rendering \(render)")
            check = try MixJob(session: output, output: render, replacesExisting: replacesExisting).run()
        }
        return Result(session: output, plan: plan, mix: check)
    }

    func header(_ plan: MixPlan) -> [String] {
        [
            "A first mix by `producer automix` of \(stems.count) stem\(stems.count == 1 ? "" : "s"). Every decision has",
            "a comment above it saying why; change anything and render it with `producer mix`.",
            "The rules and targets it starts from are in mix-rules.yaml (`producer automix --rules`).",
        ] + plan.notes
    }

    /// Frames per second a mix of MIDI files alone is played at.
    static let midiSampleRate = 48_000.0

    /// A stem to measure: an audio file, or one track of a MIDI file (with its notes and the
    /// preview instrument that plays it).
    struct Source {
        var file: String
        /// Its place in ``stems``.
        var given: Int
        var track: String?
        var instrument: Instrument?
        var notes: [MIDINote] = []
    }

    static func isMIDI(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".mid") || lower.hasSuffix(".midi") || lower.hasSuffix(".smf")
    }

    /// The stems as given, each MIDI file opened into one stem per track that has notes (named by
    /// its track name when that is unique, else by its number).
    static func sources(_ stems: [String]) throws -> [Source] {
        var sources: [Source] = []
        for (i, file) in stems.enumerated() {
            guard isMIDI(file) else {
                sources.append(Source(file: file, given: i))
                continue
            }
            let midi = try MIDIFile(path: file)
            var byTrack: [Int: [MIDINote]] = [:]
            for note in midi.notes() { byTrack[note.track, default: []].append(note) }
            guard !byTrack.isEmpty else {
                throw FileError(.unreadable, path: file, "has no notes to mix")
            }
            let names = byTrack.keys.map { midi.tracks[$0].name ?? "" }
            for t in byTrack.keys.sorted() {
                let notes = byTrack[t]!
                let name = midi.tracks[t].name ?? ""
                let unique = !name.isEmpty && names.filter { $0 == name }.count == 1 && Int(name) == nil
                sources.append(
                    Source(
                        file: file, given: i, track: unique ? name : String(t + 1),
                        instrument: MIDIPart.instrument(for: midi.tracks[t], notes: notes), notes: notes))
            }
        }
        return sources
    }

    /// A MIDI track played by its preview instrument and measured in one pass, block by block.
    static func measure(_ notes: [MIDINote], instrument: Instrument, sampleRate: Double) -> StemMeasurement {
        var synth = InstrumentSynth(instrument: instrument, sampleRate: sampleRate, notes: notes)
        var meter = StemMeasurement.Meter(sampleRate: sampleRate, channelCount: 2)
        let blockFrames = 16_384
        var left = [Float](repeating: 0, count: blockFrames), right = left
        var frame: Int64 = 0
        while frame < synth.endFrame {
            let count = Int(min(Int64(blockFrames), synth.endFrame - frame))
            left.withUnsafeMutableBufferPointer { l in
                right.withUnsafeMutableBufferPointer { r in
                    synth.render(intoLeft: l.baseAddress!, right: r.baseAddress!, frame: frame, count: count)
                }
            }
            meter.consume(AudioBuffer(channels: [Array(left[0..<count]), Array(right[0..<count])]))
            frame += Int64(count)
        }
        return meter.result()
    }

    /// One pass over a file's blocks.
    static func measure(_ file: String) throws -> (StemMeasurement, AudioFormat) {
        let reader = try AudioFileReader(path: file)
        var meter = StemMeasurement.Meter(
            sampleRate: reader.format.sampleRate, channelCount: reader.format.channelCount)
        var block = AudioBuffer(channelCount: reader.format.channelCount, frameCapacity: 16_384)
        while try reader.read(into: &block) > 0 { meter.consume(block) }
        return (meter.result(), reader.format)
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}
