import ArgumentParser
import ProducerAudio

extension ProducerCommand {
    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy an audio file into another format, keeping its BWF and iXML metadata.",
            discussion: """
                The container follows the output's extension (.wav, .rf64, .bw64, .aif/.aiff, \
                .aifc; any other extension is an error) unless --container says otherwise. An \
                existing output is replaced only with --force. Writing fewer bits than the source holds adds \
                TPDF dither; --no-dither turns it off.

                Example: producer convert mix.wav mix-16.wav --bit-depth 16
                """)

        @Argument(help: "The file to read.", completion: .file())
        var input: String

        @Argument(help: "The file to write (written to a temporary name, then renamed).", completion: .file())
        var output: String

        @Option(help: "Sample format: 8, 16, 24, 32 (integer), 32f or 64f (float). Default: keep.")
        var bitDepth: String?

        @Option(help: "Container: wav, rf64, bw64, aiff or aifc. Default: from the output's extension.")
        var container: String?

        @Flag(help: "Do not dither when reducing the bit depth.")
        var noDither = false

        @Flag(help: "Replace the output if it exists (the input never is).")
        var force = false

        @OptionGroup var format: OutputOptions

        func validate() throws {
            if let bitDepth, Self.encoding(bitDepth) == nil {
                throw ValidationError("--bit-depth must be 8, 16, 24, 32, 32f or 64f, not '\(bitDepth)'")
            }
            if let container, AudioContainer(rawValue: container) == nil {
                throw ValidationError("--container must be wav, rf64, bw64, aiff or aifc, not '\(container)'")
            }
        }

        static func encoding(_ text: String) -> SampleEncoding? {
            switch text {
            case "8", "16", "24", "32": return .integer(bits: Int(text)!)
            case "32f": return .float(bits: 32)
            case "64f": return .float(bits: 64)
            default: return nil
            }
        }

        func run() throws {
            let converter = Converter(
                encoding: bitDepth.flatMap(Self.encoding), container: container.flatMap(AudioContainer.init(rawValue:)),
                dither: !noDither, replacesExisting: force)
            do {
                let written = try converter.convert(input: input, output: output)
                if format.json {
                    try printJSON(ConvertResult(input: input, output: output, format: written))
                } else {
                    print(
                        "\(input) → \(output): \(written.container.rawValue.uppercased()), "
                            + "\(written.encoding.bitsPerSample)-bit, \(Int(written.sampleRate)) Hz, \(written.channelCount) ch"
                    )
                }
            } catch {
                report(error, command: "convert", json: format.json)
                throw ExitCode(1)
            }
        }
    }
}

struct ConvertResult: Encodable {
    var input: String
    var output: String
    var format: AudioFormat
}
