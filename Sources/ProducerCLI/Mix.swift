import ArgumentParser
import ProducerAudio
import ProducerConsole
import ProducerJobs

extension ProducerCommand {
    struct Mix: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a mix session (session.yaml): tracks, inserts, sends, buses, automation, master.",
            discussion: """
                Reads a YAML session (see the README for the format), renders it offline in blocks \
                with the tracks processed in parallel, and writes the stereo mix; --stems also \
                writes every bus as a stem. Any error in the session names the line and the key. \
                The mix runs until the last reverb or delay tail has decayed below −90 dBFS \
                (unless the session sets length or tail), and its loudness and true peak are \
                printed. The format follows the output's extension (.wav, .aif/.aiff, .aifc, \
                .rf64, .bw64). An existing file is replaced only with --force; an input is never.

                Example: producer mix session.yaml -o mix.wav --bit-depth 24 --stems stems/
                """)

        @Argument(help: "The session file.", completion: .file())
        var session: String

        @Option(name: .shortAndLong, help: "The mix file to write (.wav, .aif/.aiff, .aifc, .rf64, .bw64).")
        var output: String

        @Option(help: "Write each bus as a stem into this folder.")
        var stems: String?

        @Option(help: "16, 24 (dithered integer) or 32f (float).")
        var bitDepth: String = "24"

        @Flag(help: "Replace the mix and stems if they exist.")
        var force = false

        @OptionGroup var format: OutputOptions

        func validate() throws {
            guard ["16", "24", "32f"].contains(bitDepth) else {
                throw ValidationError("--bit-depth must be 16, 24 or 32f, not '\(bitDepth)'")
            }
        }

        func run() throws {
            let encoding: SampleEncoding = bitDepth == "32f" ? .float(bits: 32) : .integer(bits: Int(bitDepth)!)
            do {
                var bar = ProgressBar(
                    label: "mix " + session, enabled: !format.json && ProgressBar.standardErrorIsTerminal)
                defer { bar.finish() }
                let job = MixJob(
                    session: session, output: output, stems: stems, encoding: encoding, replacesExisting: force)
                let check = try job.run { bar.update($0) }
                bar.finish()
                let result = check.render
                if format.json {
                    try printJSON(check)
                } else {
                    print(
                        "Rendered \(session) → \(output): \(formatTime(result.seconds)) at \(Int(result.sampleRate)) Hz"
                            + (result.stems.isEmpty ? "" : ", \(result.stems.count) stems in \(stems ?? "")"))
                    print(check.summary)
                    for warning in check.warnings { writeStandardError("warning: \(warning)\n") }
                }
            } catch {
                report(error, command: "mix", json: format.json)
                throw ExitCode(1)
            }
        }
    }
}
