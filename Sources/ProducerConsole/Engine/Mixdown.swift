import Foundation
public import ProducerAudio
import ProducerFiles
import RealModule

/// Renders a session to a file (and, if asked, every bus to a stem file beside it).
///
/// Before any work the outputs are checked against ``OutputPolicy``: none may be a folder or
/// one of the session's inputs (the session file, its tracks), and an existing file is replaced
/// only with ``replacesExisting``. The mix's container follows its extension (`.wav`, `.aif`,
/// `.aiff`, `.aifc`, `.rf64`, `.bw64`); stems are WAV.
public struct Mixdown: Sendable {
    /// How the output's samples are stored: 16 or 24-bit integer (dithered) or 32-bit float.
    public var encoding: SampleEncoding = .integer(bits: 24)
    /// A folder to write each bus as a stem, or nil.
    public var stemsDirectory: String?
    /// Frames per block.
    public var blockFrames: Int = 8192
    /// Render tracks and buses on all cores; the result is bit-identical either way.
    public var parallel: Bool = true
    /// Whether existing files (the mix, stems) may be replaced (`--force`).
    public var replacesExisting: Bool = false

    public init(
        encoding: SampleEncoding = .integer(bits: 24), stemsDirectory: String? = nil,
        replacesExisting: Bool = false
    ) {
        self.encoding = encoding
        self.stemsDirectory = stemsDirectory
        self.replacesExisting = replacesExisting
    }

    /// What a render produced.
    public struct Result: Sendable, Codable {
        public var output: String
        public var stems: [String]
        public var frames: Int64
        public var seconds: Double
        public var sampleRate: Double
        /// Where the last track ends, seconds; the rest is the tail.
        public var timelineSeconds: Double
    }

    /// The stem files a render of `session` writes, in bus order.
    public func stemPaths(for session: Session) -> [String] {
        guard let stemsDirectory else { return [] }
        return session.buses.map { bus in
            let safe = bus.name.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }
            return (stemsDirectory as NSString).appendingPathComponent(String(safe) + ".wav")
        }
    }

    /// Renders `session` to `output`. Files are written under temporary names and renamed only
    /// when the render finished; an interrupted render leaves nothing behind.
    /// - Throws: ``FileError`` for an output the policy refuses, ``AudioFileError`` for an
    ///   extension Producer cannot write, ``SessionError`` for the session.
    public func render(_ session: Session, to output: String, progress: ((Double) -> Void)? = nil) throws -> Result {
        let stems = stemPaths(for: session)
        let policy = OutputPolicy(
            replacesExisting: replacesExisting, inputs: [session.path] + session.tracks.map(\.file))
        try policy.check(output, what: "the mix")
        var format = AudioFormat(sampleRate: session.sampleRate, channelCount: 2, encoding: encoding)
        format.container = try AudioContainer.forOutput(output)
        if case .float = encoding, format.container == .aiff { format.container = .aifc }
        if let stemsDirectory {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: stemsDirectory, isDirectory: &isFolder), !isFolder.boolValue {
                throw FileError(
                    .writeFailed, path: stemsDirectory, "--stems names a folder to write the stems into; this is a file"
                )
            }
            do {
                try FileManager.default.createDirectory(atPath: stemsDirectory, withIntermediateDirectories: true)
            } catch {
                throw FileError(
                    .writeFailed, path: stemsDirectory,
                    "cannot make the stems folder (check that its parent exists and can be written)")
            }
            try policy.check(stems, what: "a stem")
            if stems.contains(where: {
                $0 == output || URL(fileURLWithPath: $0).standardized == URL(fileURLWithPath: output).standardized
            }) {
                throw FileError(.isInput, path: output, "the mix and a stem would be the same file")
            }
        }

        let mixer = try Mixer(session: session, blockFrames: blockFrames, parallel: parallel)
        let writer = try AudioFileWriter(path: output, format: format)
        let stemFormat = AudioFormat(sampleRate: session.sampleRate, channelCount: 2, encoding: encoding)
        var stemWriters: [AudioFileWriter] = []
        for path in stems { stemWriters.append(try AudioFileWriter(path: path, format: stemFormat)) }
        var tail = TailCut(timelineFrames: mixer.timelineFrames, active: mixer.endsWhenSoundEnds)
        try mixer.render(progress: progress) { master, buses in
            // The stems' tails count too when they are written.
            for (master, buses) in tail.take(master, stemWriters.isEmpty ? [] : buses) {
                try writer.write(master)
                for (i, w) in stemWriters.enumerated() { try w.write(buses[i]) }
            }
        }
        try writer.finish()
        for w in stemWriters { try w.finish() }
        return Result(
            output: output, stems: stems, frames: writer.framesWritten,
            seconds: Double(writer.framesWritten) / session.sampleRate, sampleRate: session.sampleRate,
            timelineSeconds: Double(mixer.timelineFrames) / session.sampleRate)
    }
}

/// Ends a render where its sound ends: past the last track, blocks are held back until a
/// sample at or above −90 dBFS follows them; what is still held at the end is dropped, so the
/// file stops just after the last audible sample of the tail.
struct TailCut {
    let timelineFrames: Int64
    let active: Bool
    private var position: Int64 = 0
    private var held: [(AudioBuffer, [AudioBuffer])] = []
    static let threshold = Float(Double.exp10(Session.tailThresholdDecibels / 20))

    init(timelineFrames: Int64, active: Bool) {
        self.timelineFrames = timelineFrames
        self.active = active
    }

    /// What may be written now, in order, for the next rendered block.
    mutating func take(_ master: AudioBuffer, _ buses: [AudioBuffer]) -> [(AudioBuffer, [AudioBuffer])] {
        let start = position
        let n = master.frameCount
        position += Int64(n)
        guard active, position > timelineFrames else { return [(master, buses)] }
        // Frames before the end of the last track are always kept.
        let keepBefore = Int(max(0, min(Int64(n), timelineFrames - start)))
        var lastLoud = -1
        for buffer in [master] + buses {
            for c in 0..<buffer.channelCount {
                buffer.withChannel(c) { samples in
                    var i = n - 1
                    while i > lastLoud {
                        if abs(samples[i]) >= Self.threshold { lastLoud = i; break }
                        i -= 1
                    }
                }
            }
        }
        let keep = max(keepBefore, lastLoud + 1)
        var out: [(AudioBuffer, [AudioBuffer])] = []
        if keep > 0 {
            out = held
            held = []
            out.append((Self.slice(master, 0, keep), buses.map { Self.slice($0, 0, keep) }))
        }
        if keep < n {
            held.append((Self.slice(master, keep, n), buses.map { Self.slice($0, keep, n) }))
        }
        return out
    }

    static func slice(_ b: AudioBuffer, _ from: Int, _ to: Int) -> AudioBuffer {
        if from == 0 && to == b.frameCount { return b }
        var out = AudioBuffer(channelCount: b.channelCount, frameCapacity: to - from, frameCount: to - from)
        for c in 0..<b.channelCount {
            b.withChannel(c) { src in
                out.withMutableChannel(c) { dst in
                    for i in 0..<(to - from) { dst[i] = src[from + i] }
                }
            }
        }
        return out
    }
}
