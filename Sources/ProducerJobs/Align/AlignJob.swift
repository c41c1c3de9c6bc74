#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ProducerAudio
import ProducerConsole
import ProducerFiles

/// `producer align`: measures each mic's delay and polarity against a reference mic, writes each
/// mic aligned into a folder (same file name), and reports the comb filter and low end of the sum
/// before and after.
public struct AlignJob: Sendable, Codable, Equatable {
    /// The reference mic's file.
    public var reference: String
    /// The mics to align to it.
    public var mics: [String]
    /// The folder the aligned files go into (it must exist).
    public var outputDirectory: String
    /// Window length for a moving source's delay curve, seconds; nil for one delay per mic.
    public var window: Double?
    /// The largest delay searched for, seconds.
    public var maxLag: Double
    /// Whether existing files may be replaced (`--force`); an input never is.
    public var replacesExisting: Bool

    public init(
        reference: String, mics: [String], outputDirectory: String, window: Double? = nil, maxLag: Double = 0.1,
        replacesExisting: Bool = false
    ) {
        self.reference = reference
        self.mics = mics
        self.outputDirectory = outputDirectory
        self.window = window
        self.maxLag = maxLag
        self.replacesExisting = replacesExisting
    }

    /// The file each mic's aligned version is written to.
    public var outputs: [String] {
        let folder = outputDirectory.hasSuffix("/") ? String(outputDirectory.dropLast()) : outputDirectory
        return mics.map { mic in
            let name = mic.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? mic
            return (folder.isEmpty ? "." : folder) + "/" + name
        }
    }

    /// Checks the files, measures and writes every mic.
    /// - Parameter progress: told the fraction done (0…1).
    /// - Throws: `AudioFileError` or ``MicError`` naming the file and the problem, `FileError` for an output.
    public func run(progress: ((Double) -> Void)? = nil) throws -> AlignReport {
        let ref = try FileMicSource(path: reference)
        let rate = ref.reader.format.sampleRate
        let refIdentity = Self.identity(reference)
        var sources: [FileMicSource] = []
        for mic in mics {
            if mic == reference || (refIdentity != nil && Self.identity(mic) == refIdentity) {
                throw MicError(
                    .isReference, file: mic,
                    "this is the reference mic (\(reference)); give the reference first and each other mic after it")
            }
            let source = try FileMicSource(path: mic)
            let micRate = source.reader.format.sampleRate
            if micRate != rate {
                throw MicError(
                    .sampleRate, file: mic,
                    "its sample rate is \(Self.hertz(micRate)) but the reference \(reference) is at \(Self.hertz(rate)); convert it first (producer convert)"
                )
            }
            sources.append(source)
        }
        let outputs = outputs
        // A folder that does not exist yet is made (below, once every mic is measured); nothing
        // can be in the way there, but two mics of one name still cannot share a file.
        let folder = outputDirectory.isEmpty ? "." : outputDirectory
        if FileManager.default.fileExists(atPath: folder) {
            try OutputPolicy(replacesExisting: replacesExisting, inputs: [reference] + mics).check(
                outputs, what: "the aligned mic")
        } else if let twice = outputs.first(where: { o in outputs.filter { $0 == o }.count > 1 }) {
            throw FileError(.isInput, path: twice, "two outputs of one command go to the same file")
        }
        let aligner = MicAligner(sampleRate: rate, maxLag: maxLag, window: window)
        let check = MicAligner(sampleRate: rate, maxLag: 0.002)
        var report = AlignReport(
            reference: reference, sampleRate: rate,
            signConvention:
                "a positive delay means the mic hears the source later than the reference; the aligned file is moved earlier by that much",
            mics: [])
        // Every mic is measured before any file is written, so that a mic that cannot be measured
        // (silent) leaves no aligned files behind.
        let share = 1 / Double(sources.count)
        var alignments: [MicAlignment] = []
        for (i, source) in sources.enumerated() {
            let base = Double(i) * share
            alignments.append(try aligner.measure(reference: ref, mic: source) { progress?(0.5 * (base + share * $0)) })
        }
        // The folder asked for is made once every mic has been measured.
        if !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw FileError(.writeFailed, path: folder, "cannot make the folder for the aligned mics")
            }
        }
        for (i, source) in sources.enumerated() {
            let base = 0.5 + 0.5 * Double(i) * share
            let alignment = alignments[i]
            let format = source.reader.format
            let writer = try AudioFileWriter(path: outputs[i], format: format)
            try aligner.render(mic: source, alignment: alignment) { try writer.write($0) }
            try writer.finish()
            progress?(base + 0.5 * share * 0.5)
            let written = try FileMicSource(path: outputs[i])
            let before = try aligner.lowBandLevel(reference: ref, mic: source)
            let after = try aligner.lowBandLevel(reference: ref, mic: written)
            let residual = try check.measure(reference: ref, mic: written)
            progress?(base + 0.5 * share)
            let d = alignment.delay
            var warnings: [String] = []
            let confident = d.correlation >= 0.15 && d.peakRatio >= 1
            if !confident {
                warnings.append(
                    "the mics have little in common (correlation \(String(format: "%.2f", d.correlation)), peak \(String(format: "%.1f", d.peakRatio)) dB above the next): the delay is doubtful; listen before using it"
                )
            }
            report.mics.append(
                AlignReport.Mic(
                    mic: mics[i], output: outputs[i], delaySamples: d.samples,
                    delayMilliseconds: alignment.milliseconds,
                    polarity: d.inverted ? "inverted" : "normal", correlation: d.correlation, peakRatio: d.peakRatio,
                    confident: confident,
                    notchesBefore: MicAlignment.notches(samples: d.samples, inverted: d.inverted, sampleRate: rate),
                    notchesAfter: MicAlignment.notches(
                        samples: residual.delay.samples, inverted: residual.delay.inverted, sampleRate: rate),
                    residualSamples: residual.delay.samples, lowBandBefore: before, lowBandAfter: after,
                    lowBandGain: after - before, moving: alignment.moving, curve: alignment.curve, warnings: warnings))
        }
        return report
    }

    private static func identity(_ path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }

    static func hertz(_ rate: Double) -> String {
        rate == rate.rounded() ? "\(Int(rate)) Hz" : "\(rate) Hz"
    }
}
