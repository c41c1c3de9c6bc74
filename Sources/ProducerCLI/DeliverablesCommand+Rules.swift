import ArgumentParser
import Foundation
import ProducerOffice
import ProducerStore

extension ProducerCommand.DeliverablesCommand {
    struct Rules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show or change what delivered files must be: format, peak, head, tail and name.",
            discussion: """
                Without options, shows the rules `deliverables receive` checks. Each option \
                changes one rule; --reset goes back to the built-in rules first.

                Example: producer deliverables rules --sample-rates 48000 --bit-depths 24 --min-tail 2
                """)
        @Option(
            name: .customLong("sample-rates"), help: ArgumentHelp("Rates accepted, in hertz.", valueName: "48000,96000")
        )
        var sampleRates: String?
        @Option(name: .customLong("bit-depths"), help: ArgumentHelp("Bit depths accepted.", valueName: "24,32"))
        var bitDepths: String?
        @Option(
            name: .customLong("max-peak"), parsing: .unconditional,
            help: ArgumentHelp("The highest sample peak allowed, dBFS.", valueName: "dBFS"))
        var maxPeak: String?
        @Option(
            name: .customLong("max-head"),
            help: ArgumentHelp("The longest silence before the music, seconds.", valueName: "seconds"))
        var maxHead: String?
        @Option(
            name: .customLong("min-tail"),
            help: ArgumentHelp("The least silence after the music, seconds.", valueName: "seconds"))
        var minTail: String?
        @Option(
            help: ArgumentHelp(
                "The file name, with {artist}, {song}, {deliverable}, {rate} and {bits}.", valueName: "pattern"))
        var naming: String?
        @Flag(help: "Go back to the built-in rules first.")
        var reset = false
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await runOffice("deliverables rules", json: output.json) {
                let edit = OfficeJobs.DeliveryRulesEdit(
                    sampleRates: try sampleRates.map { try Self.integers($0, "--sample-rates") },
                    bitDepths: try bitDepths.map { try Self.integers($0, "--bit-depths") },
                    maximumPeakDBFS: try maxPeak.map { try Self.number($0, "--max-peak") },
                    maximumHeadSeconds: try maxHead.map { try Self.number($0, "--max-head") },
                    minimumTailSeconds: try minTail.map { try Self.number($0, "--min-tail") }, naming: naming,
                    reset: reset)
                try await project.place.with { store in
                    let rules = try await OfficeJobs.deliveryRules(edit, store: store)
                    if output.json {
                        try printJSON(rules)
                    } else {
                        print(Self.text(rules))
                    }
                }
            }
        }

        static func integers(_ text: String, _ option: String) throws -> [Int] {
            let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let values = parts.compactMap { Int($0) }
            guard !parts.isEmpty, values.count == parts.count else {
                throw OfficeError("\(option) \(text): give whole numbers separated by commas")
            }
            return values
        }

        static func number(_ text: String, _ option: String) throws -> Double {
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
                throw OfficeError("\(option) \(text): not a number")
            }
            return value
        }

        static func text(_ rules: DeliveryRules) -> String {
            func number(_ value: Double) -> String { value.formatted(.number.precision(.fractionLength(0...2))) }
            return [
                "Delivered files must be:",
                "  sample rate: " + rules.sampleRates.map { "\($0) Hz" }.joined(separator: " or "),
                "  bit depth: "
                    + rules.bitDepths.map { $0 == 32 ? "32-bit float" : "\($0)-bit" }.joined(separator: " or "),
                "  sample peak: at most \(number(rules.maximumPeakDBFS)) dBFS, and no \(rules.clipRunSamples) samples in a row at full scale",
                "  head: at most \(number(rules.maximumHeadSeconds)) s of silence before the music",
                "  tail: at least \(number(rules.minimumTailSeconds)) s after the music, not cut off while it sounds",
                "  name: \(rules.naming)",
            ].joined(separator: "\n")
        }
    }
}
