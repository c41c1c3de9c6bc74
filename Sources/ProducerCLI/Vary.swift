import ArgumentParser
import Foundation
import ProducerJobs
import ProducerMusic

extension ProducerCommand {
    struct Vary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Try a song other ways: reharmonised, in another key, tempo, feel or density.",
            discussion: """
                Reads a chord chart (see "Chord charts" in the README) and writes the song as \
                charted plus one labelled variation for each thing asked — -n reharmonisations \
                (tritone substitutes, borrowed chords, passing diminished chords, secondary \
                dominants, each kept consonant with the melody and explained in Roman numerals), \
                another key, tempo, feel or density — each arranged in the same style as MIDI \
                with its chart, and with --render as audio through the console's preview \
                instruments, numbered so that they sort side by side.

                Example: producer vary late-train.txt --reharmonize -n 3 --key "C minor" --feel swing --render
                """)

        @Argument(help: "The chord chart.", completion: .file())
        var chart: String

        @Flag(help: "Reharmonise the chart (-n variations).")
        var reharmonize = false

        @Option(name: .short, help: "How many reharmonisations (1…12).")
        var n: Int = 3

        @Option(help: "Move the song to this key (\"C minor\", \"Eb major\").")
        var key: String?

        @Option(help: "Play it at this tempo, BPM.")
        var tempo: Double?

        @Option(help: "straight, swing, halftime or doubletime.")
        var feel: String?

        @Option(help: "sparse, normal or full.")
        var density: String?

        @Option(
            help:
                "The style every version is arranged in: \(ArrangementStyle.allCases.map(\.rawValue).joined(separator: ", "))."
        )
        var style: String = "pop"

        @Option(help: "The seed of the arrangements and reharmonisations.")
        var seed: UInt64 = 1

        @Option(name: .shortAndLong, help: "The folder to write into (default: CHART-variations beside the chart).")
        var output: String?

        @Flag(help: "Also render each version as a WAV.")
        var render = false

        @Flag(help: "Replace files written by an earlier run.")
        var force = false

        @OptionGroup var format: OutputOptions

        func validate() throws {
            guard ArrangementStyle(rawValue: style) != nil else {
                throw ValidationError(
                    "--style must be one of \(ArrangementStyle.allCases.map(\.rawValue).joined(separator: ", ")), not '\(style)'"
                )
            }
            if let feel, Feel(rawValue: feel) == nil {
                throw ValidationError("--feel must be straight, swing, halftime or doubletime, not '\(feel)'")
            }
            if let density, Density(rawValue: density) == nil {
                throw ValidationError("--density must be sparse, normal or full, not '\(density)'")
            }
            if let key {
                do { _ = try Key(parsing: key) } catch { throw ValidationError("--key: \(error)") }
            }
            if let tempo, !(20...400).contains(tempo) {
                throw ValidationError("--tempo must be 20…400 BPM, not \(tempo)")
            }
            guard (1...VaryJob.maximumReharmonizations).contains(n) else {
                throw ValidationError("-n must be 1…\(VaryJob.maximumReharmonizations), not \(n)")
            }
            guard reharmonize || key != nil || tempo != nil || feel != nil || density != nil else {
                throw ValidationError("say what to try: --reharmonize, --key, --tempo, --feel or --density")
            }
        }

        func run() throws {
            let folder = output ?? ((chart as NSString).deletingPathExtension + "-variations")
            let job = VaryJob(
                chart: chart, folder: folder, style: ArrangementStyle(rawValue: style)!,
                reharmonizations: reharmonize ? n : 0, key: key, tempo: tempo, feel: feel.flatMap(Feel.init),
                density: density.flatMap(Density.init), seed: seed, render: render, replacesExisting: force)
            do {
                let interactive = !format.json && ProgressBar.standardErrorIsTerminal
                let report = try job.run { label in
                    if interactive { writeStandardError("  \(label)…\n") }
                }
                if format.json {
                    try printJSON(report)
                    return
                }
                print("\(report.variations.count) versions of \(chart), arranged \(report.style), in \(folder)/:")
                for (i, v) in report.variations.enumerated() {
                    let audio = v.audioFile.map { ", " + ($0 as NSString).lastPathComponent } ?? ""
                    print("\n\(i + 1). \(v.label) — \((v.midiFile as NSString).lastPathComponent)\(audio)")
                    print("   \(v.summary)")
                    for change in v.changes { print("     · \(change)") }
                }
            } catch {
                report(error, command: "vary", json: format.json)
                throw ExitCode(1)
            }
        }
    }
}
