import ArgumentParser
import Foundation
import ProducerEars

extension ProducerCommand {
    struct Analyze: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure loudness and technical health of audio files (WAV, RF64, BW64, AIFF, AIFF-C).",
            discussion: """
                Loudness per ITU-R BS.1770-4 / EBU R128 (integrated, momentary, short-term, \
                loudness range), sample and true peak, DC offset, clipping, noise floor, silence \
                at head and tail, phase correlation and mono fold loss, balance, octave-band \
                spectrum, and the bit depth actually used.

                Exit status: 0 when every file was read, 1 when any could not be (its error goes \
                to standard error; the other files are still reported).

                Example: producer analyze mix.wav master.aif --json
                """)

        @Argument(help: "Audio files to analyse.", completion: .file())
        var files: [String]

        @OptionGroup var output: OutputOptions

        func run() throws {
            let analyzer = Analyzer()
            var reports: [FileAnalysis] = []
            var failed = false
            for file in files {
                do {
                    var bar = ProgressBar(label: file, enabled: !output.json && ProgressBar.standardErrorIsTerminal)
                    defer { bar.finish() }
                    let report = try analyzer.analyze(path: file) { bar.update($0) }
                    bar.finish()
                    if output.json { reports.append(report) } else { print(report.text(), terminator: "\n\n") }
                } catch {
                    failed = true
                    report(error, command: "analyze", json: output.json)
                }
            }
            if output.json { try printJSON(reports) }
            if failed { throw ExitCode(1) }
        }
    }
}

/// Prints a value as pretty JSON with sorted keys on standard output.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    let data = try encoder.encode(value)
    print(String(decoding: data, as: UTF8.self))
}

extension Double {
    /// The number as a person wrote it: "120", "-5", "0.25", "nan".
    var formatted: String {
        guard isFinite else { return isNaN ? "nan" : (self > 0 ? "inf" : "-inf") }
        return self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }
}
