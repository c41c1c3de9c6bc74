import Foundation
import ProducerAudio
import ProducerConsole
import ProducerFiles

/// `producer master`: masters one mix (or an album of songs) for a delivery target, and writes
/// beside each master its pre-limiter version and a loudness-matched before/after pair.
public struct MasterJob: Sendable, Codable, Equatable {
    /// The mixes to master (one, or the album's songs in order).
    public var inputs: [String]
    /// The master file, or with ``album`` the folder the masters go into.
    public var output: String
    /// The target's name (`spotify`, `cd`, `-14LUFS`…).
    public var target: String
    /// A reference whose tone (and width) the master leans toward.
    public var reference: String?
    /// How much of the decisions to apply, 0 … 100.
    public var amount: Double
    /// Master the inputs as an album: one loudness, one tone.
    public var album: Bool
    /// Whether existing outputs may be replaced (`--force`).
    public var replacesExisting: Bool

    public init(
        inputs: [String], output: String, target: String, reference: String? = nil, amount: Double = 100,
        album: Bool = false, replacesExisting: Bool = false
    ) {
        self.inputs = inputs
        self.output = output
        self.target = target
        self.reference = reference
        self.amount = amount
        self.album = album
        self.replacesExisting = replacesExisting
    }

    /// One master's files and report.
    public struct Song: Sendable, Codable, Equatable {
        /// The mix.
        public var input: String
        /// The master, and the pre-limiter master beside it.
        public var master: String, prelimit: String
        /// The loudness-matched listening pair.
        public var before: String, after: String
        /// The figures.
        public var report: MasterReport
    }

    /// What the job did.
    public struct Result: Sendable, Codable, Equatable {
        /// The target mastered to.
        public var target: MasteringTarget
        /// The reference file, if any.
        public var reference: String?
        /// One per mix, in order.
        public var songs: [Song]
        /// With several songs: the spread of their integrated loudness, LU.
        public var loudnessSpread: Double?
    }

    /// The three listening files beside a master: `NAME.prelimit.wav`, `NAME.before.wav`, `NAME.after.wav`.
    public static func companions(of master: String) -> (prelimit: String, before: String, after: String) {
        let slash = master.lastIndex(of: "/").map { master.index(after: $0) } ?? master.startIndex
        var stem = master, ext = "wav"
        if let dot = master[slash...].lastIndex(of: "."), dot != slash {
            stem = String(master[..<dot])
            ext = String(master[master.index(after: dot)...])
        }
        return (stem + ".prelimit." + ext, stem + ".before." + ext, stem + ".after." + ext)
    }

    /// Masters the inputs.
    /// - Parameter progress: told the fraction done (0 … 1).
    /// - Throws: an error naming the file: unknown target, unreadable input, an output refused by the policy.
    public func run(progress: ((Double) -> Void)? = nil) throws -> Result {
        guard let target = MasteringTarget.named(self.target) else {
            throw FileError(
                .unreadable, path: self.target,
                "unknown target; use one of \(MasteringTarget.names.joined(separator: ", ")) or a loudness such as -14LUFS"
            )
        }
        guard amount >= 0 && amount <= 100 else {
            throw FileError(.unreadable, path: "--amount", "the amount is 0 … 100, not \(amount)")
        }
        guard !inputs.isEmpty else { throw FileError(.notFound, path: "", "no mix to master") }
        if inputs.count > 1 && !album {
            throw FileError(.writeFailed, path: output, "several mixes need --album and a folder for -o")
        }
        let masters = try masterPaths()
        let policy = OutputPolicy(replacesExisting: replacesExisting, inputs: inputs + (reference.map { [$0] } ?? []))
        var all: [String] = []
        for m in masters {
            let c = Self.companions(of: m)
            all += [m, c.prelimit, c.before, c.after]
        }
        try policy.check(all, what: "the master")
        let referenceProfile = try reference.map { path -> ToneProfile in
            let (buffer, format) = try Self.read(path)
            return ToneProfile(AudioBuffer(channels: buffer), sampleRate: format.sampleRate)
        }
        // An album's common tone: the songs' mean, matched to the reference (or, without one, each
        // song is drawn halfway toward the album's mean).
        var albumTone: ToneProfile?
        var albumReference = referenceProfile
        if album && inputs.count > 1 {
            var profiles: [ToneProfile] = []
            for path in inputs {
                let (buffer, format) = try Self.read(path)
                profiles.append(ToneProfile(AudioBuffer(channels: buffer), sampleRate: format.sampleRate))
            }
            albumTone = ToneProfile.mean(profiles)
            if albumReference == nil { albumReference = albumTone }
        }
        var songs: [Song] = []
        for (index, input) in inputs.enumerated() {
            let (mix, format) = try Self.read(input)
            let share = 1 / Double(inputs.count)
            var amountHere = amount / 100
            if album && referenceProfile == nil && inputs.count > 1 { amountHere *= 0.5 }
            let chain = Mastering(target: target, amount: amountHere, reference: albumReference)
            let tone = referenceProfile == nil ? nil : albumTone
            let result = chain.master(mix, sampleRate: format.sampleRate, tone: tone) {
                progress?((Double(index) + 0.9 * $0) * share)
            }
            let path = masters[index]
            let c = Self.companions(of: path)
            var masterFormat = AudioFormat(
                sampleRate: result.report.deliveredRate, channelCount: mix.count, encoding: .integer(bits: target.bits))
            masterFormat.container = try AudioContainer.forOutput(path)
            try AudioFile.write(AudioBuffer(channels: result.master), to: path, format: masterFormat)
            var listening = AudioFormat(
                sampleRate: result.report.deliveredRate, channelCount: mix.count, encoding: .float(bits: 32))
            listening.container = masterFormat.container == .aiff ? .aifc : masterFormat.container
            try AudioFile.write(AudioBuffer(channels: result.prelimit), to: c.prelimit, format: listening)
            var mixRate = listening
            mixRate.sampleRate = format.sampleRate
            try AudioFile.write(AudioBuffer(channels: result.before), to: c.before, format: mixRate)
            try AudioFile.write(AudioBuffer(channels: result.after), to: c.after, format: listening)
            songs.append(
                Song(
                    input: input, master: path, prelimit: c.prelimit, before: c.before, after: c.after,
                    report: result.report))
            progress?(Double(index + 1) * share)
        }
        let levels = songs.compactMap { $0.report.after.integrated }
        let spread = levels.count > 1 ? levels.max()! - levels.min()! : nil
        return Result(target: target, reference: reference, songs: songs, loudnessSpread: spread)
    }

    /// The master files: `output` itself, or with ``album`` one per input in the folder `output`.
    func masterPaths() throws -> [String] {
        guard album else { return [output] }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isFolder), !isFolder.boolValue {
            throw FileError(.writeFailed, path: output, "--album writes into a folder; this is a file")
        }
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            throw FileError(.writeFailed, path: output, "cannot make the album folder (check that its parent exists)")
        }
        let names = inputs.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
        for (i, name) in names.enumerated() where names[..<i].contains(name) {
            throw FileError(.isInput, path: inputs[i], "two songs are called \(name); their masters would be one file")
        }
        let folder = output.hasSuffix("/") ? String(output.dropLast()) : output
        return names.map { folder + "/" + $0 + ".wav" }
    }

    /// Reads a whole mix (one or two channels).
    static func read(_ path: String) throws -> ([[Float]], AudioFormat) {
        let (buffer, format, _) = try AudioFile.read(path: path)
        guard (1...2).contains(format.channelCount) else {
            throw FileError(
                .unreadable, path: path, "has \(format.channelCount) channels; mastering takes mono or stereo mixes")
        }
        guard buffer.frameCount > 0 else { throw FileError(.unreadable, path: path, "has no audio") }
        return ((0..<buffer.channelCount).map { buffer.channel($0) }, format)
    }
}
