import ArgumentParser
import Foundation
import ProducerKit

extension ProducerCommand {
    struct DemoCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo",
            abstract: "Write a small project of flawed files and show what Producer finds in them.",
            discussion: """
                Writes synthesised files with known faults (a clipped mix, a DC offset, a quiet \
                and hissy recording, a phase-inverted stereo file, 16-bit audio in a 24-bit file) \
                into ./producer-demo/ and prints their analysis.

                Example: producer demo --output /tmp/demo
                """)

        @Option(name: .shortAndLong, help: "The folder to write into.")
        var output = "producer-demo"

        @OptionGroup var format: OutputOptions

        func run() throws {
            let demo = Demo(directory: output)
            let items = try demo.writeFiles()
            let analyzer = Analyzer(showsProgress: false)
            var results: [DemoResult] = []
            if !format.json {
                print("Producer demo: wrote \(items.count) files with known faults into \(output)/\n")
            }
            for item in items {
                let report = try analyzer.analyze(path: item.file)
                if format.json {
                    results.append(DemoResult(file: item.file, fault: item.fault, analysis: report))
                } else {
                    print("━━ \(item.file)\n   planted fault: \(item.fault)\n")
                    print(report.text(), terminator: "\n\n")
                }
            }
            if format.json { try printJSON(results) }
        }
    }
}

/// One demo file in `producer demo --json`.
struct DemoResult: Encodable {
    var file: String
    var fault: String
    var analysis: FileAnalysis
}
