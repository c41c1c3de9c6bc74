import ArgumentParser
import ProducerJobs

extension ProducerCommand {
    struct Align: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Line up mics on one source with a reference mic: delay (sub-sample) and polarity.",
            discussion: """
                Measures each MIC's delay against REF within ±100 ms, to a fraction of a sample, \
                and its polarity, then writes each MIC moved and (if needed) flipped into DIR under \
                its own name. The report gives the delay (+ means the mic is later than REF), the \
                comb-filter notches of REF + MIC before and after, and how much the sum gains below \
                200 Hz. With --window, the delay is also measured in windows of that many seconds \
                (overlapping by half) and a moving source is followed. An existing file in DIR is \
                replaced only with --force; an input never is.

                Example: producer align kick-in.wav kick-out.wav overheads.wav -o aligned/
                """)

        @Argument(help: "The reference mic.", completion: .file())
        var reference: String

        @Argument(help: "The mics to align to it.", completion: .file())
        var mics: [String]

        @Option(name: .shortAndLong, help: "The folder for the aligned files (it must exist).")
        var output: String

        @Option(help: "Measure the delay in windows of this many seconds and follow a moving source.")
        var window: Double?

        @Flag(help: "Replace aligned files that exist.")
        var force = false

        @OptionGroup var format: OutputOptions

        func validate() throws {
            guard !mics.isEmpty else { throw ValidationError("give at least one MIC after the reference") }
            if let window, !(window >= 0.05 && window <= 600) {
                throw ValidationError("--window must be between 0.05 and 600 seconds, not \(window)")
            }
        }

        func run() throws {
            do {
                var bar = ProgressBar(
                    label: "align " + reference, enabled: !format.json && ProgressBar.standardErrorIsTerminal)
                defer { bar.finish() }
                let job = AlignJob(
                    reference: reference, mics: mics, outputDirectory: output, window: window, replacesExisting: force)
                let report = try job.run { bar.update($0) }
                bar.finish()
                if format.json {
                    try printJSON(report)
                } else {
                    print(report.text)
                }
            } catch {
                report(error, command: "align", json: format.json)
                throw ExitCode(1)
            }
        }
    }
}
