import ArgumentParser
import ProducerConsole
import ProducerJobs

extension ProducerCommand {
    struct Master: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Master a mix for a platform, a CD, broadcast or vinyl, optionally toward a reference.",
            discussion: """
                Matches the mix's tone and width to --reference (1/3-octave mid and side, gains \
                limited to ±6 dB), compresses gently, sets the loudness with a true-peak look-ahead \
                limiter until the integrated loudness is on the target (±0.5 LU) with the true peak \
                under its ceiling, then converts to the target's sample rate and bit depth (TPDF \
                dither). Beside MASTER.wav it writes MASTER.prelimit.wav (before the limiter) and \
                MASTER.before.wav / MASTER.after.wav at the same loudness for an honest comparison. \
                The report shows before and after and what every platform's normalisation will do. \
                --amount blends the tone and dynamics decisions (0 leaves the mix untouched). \
                Targets: \(MasteringTarget.names.joined(separator: ", ")), or a loudness such as -14LUFS.

                Examples: producer master mix.wav -o master.wav --target spotify --reference ref.wav
                          producer master song1.wav song2.wav --album -o masters/ --target cd
                """)

        @Argument(help: "The mix (or with --album, the songs in order).", completion: .file())
        var inputs: [String]

        @Option(name: .shortAndLong, help: "The master file (with --album: the folder).")
        var output: String

        @Option(
            parsing: .unconditional,
            help: "spotify, apple, youtube, amazon, tidal, deezer, soundcloud, cd, broadcast, vinyl or e.g. -14LUFS.")
        var target: String = "spotify"

        @Option(help: "A reference track whose tone the master leans toward.")
        var reference: String?

        @Option(help: "How much of the decisions to apply, 0 … 100.")
        var amount: Double = 100

        @Flag(help: "Master the songs together: one loudness, one tone.")
        var album = false

        @Flag(help: "Replace the outputs if they exist.")
        var force = false

        @OptionGroup var format: OutputOptions

        func validate() throws {
            guard amount >= 0 && amount <= 100 else { throw ValidationError("--amount is 0 … 100, not \(amount)") }
            guard MasteringTarget.named(target) != nil else {
                throw ValidationError(
                    "unknown --target '\(target)'; use one of \(MasteringTarget.names.joined(separator: ", ")) or e.g. -14LUFS"
                )
            }
            if inputs.count > 1 && !album { throw ValidationError("several mixes need --album (and a folder for -o)") }
        }

        func run() throws {
            do {
                var bar = ProgressBar(
                    label: "master " + (inputs.count == 1 ? inputs[0] : "\(inputs.count) songs"),
                    enabled: !format.json && ProgressBar.standardErrorIsTerminal)
                defer { bar.finish() }
                let job = MasterJob(
                    inputs: inputs, output: output, target: target, reference: reference, amount: amount, album: album,
                    replacesExisting: force)
                let result = try job.run { bar.update($0) }
                bar.finish()
                if format.json {
                    try printJSON(result)
                } else {
                    print(result.text)
                    for warning in result.warnings { writeStandardError("warning: \(warning)\n") }
                }
            } catch {
                report(error, command: "master", json: format.json)
                throw ExitCode(1)
            }
        }
    }
}
