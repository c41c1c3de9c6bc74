import ArgumentParser
import ProducerAudio
import ProducerConsole
import ProducerKit

extension ProducerCommand {
    struct Mix: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a mix session (session.yaml): tracks, inserts, sends, buses, automation, master.",
            discussion: """
                Reads a YAML session (see the README for the format), renders it offline in blocks \
                with the tracks processed in parallel, and writes the stereo mix; --stems also \
                writes every bus as a stem. Any error in the session names the line and the key.

                Example: producer mix session.yaml -o mix.wav --bit-depth 24 --stems stems/
                """)

        @Argument(help: "The session file.", completion: .file())
        var session: String

        @Option(name: .shortAndLong, help: "The mix file to write.")
        var output: String

        @Option(help: "Write each bus as a stem into this folder.")
        var stems: String?

        @Option(help: "16, 24 (dithered integer) or 32f (float).")
        var bitDepth: String = "24"

        @OptionGroup var format: OutputOptions

        func validate() throws {
            guard ["16", "24", "32f"].contains(bitDepth) else {
                throw ValidationError("--bit-depth must be 16, 24 or 32f, not '\(bitDepth)'")
            }
        }

        func run() throws {
            let encoding: SampleEncoding = bitDepth == "32f" ? .float(bits: 32) : .integer(bits: Int(bitDepth)!)
            do {
                let parsed = try Session(path: session)
                var bar = ProgressBar(label: "mix " + session, enabled: !format.json && ProgressBar.standardErrorIsTerminal)
                let result = try Mixdown(encoding: encoding, stemsDirectory: stems).render(parsed, to: output) { bar.update($0) }
                bar.finish()
                if format.json { try printJSON(result) } else {
                    print("Rendered \(session) → \(output): \(formatTime(result.seconds)) at \(Int(result.sampleRate)) Hz"
                        + (result.stems.isEmpty ? "" : ", \(result.stems.count) stems in \(stems ?? "")"))
                }
            } catch {
                writeStandardError("producer mix: \(error)\n")
                throw ExitCode(1)
            }
        }
    }
}
