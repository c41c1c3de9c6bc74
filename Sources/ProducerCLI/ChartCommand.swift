import ArgumentParser
import Foundation
import ProducerMusic

extension ProducerCommand {
    struct ChartCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "chart",
            abstract: "Read a chord chart: Roman numerals, capo advice, the melody against a singer's range.",
            discussion: """
                Reads a chord chart (see "Chord charts" in the README), checks it (any mistake is \
                named by line and column) and prints it with every chord in Roman numerals in the \
                chart's key — secondary dominants, leading-tone chords, tritone substitutes and \
                chords borrowed from the parallel key named as such — the best capo positions for \
                a guitarist, and, with --singer, whether the melody fits the singer's range and \
                which keys would. --key prints the chart moved to another key (spelled for it), \
                ready to save; --notation jazz writes C∆7, A-7, Bø7.

                Example: producer chart late-train.txt --singer A2-E4 --key "C minor"
                """)

        @Argument(help: "The chord chart.", completion: .file())
        var chart: String

        @Option(help: "Move the chart to this key first (\"C minor\", \"Eb major\") and print it.")
        var key: String?

        @Option(help: "standard (Cmaj7, Am7b5), jazz (C∆7, A-7, Aø7) or symbols (C♯m7, B♭).")
        var notation: String = "standard"

        @Option(help: "The singer's range, lowest to highest note: A2-E4, C4-A5.")
        var singer: String?

        @OptionGroup var format: OutputOptions

        func validate() throws {
            guard ChordSymbol.Notation(rawValue: notation) != nil else {
                throw ValidationError("--notation must be standard, jazz or symbols, not '\(notation)'")
            }
        }

        struct Output: Encodable {
            var chart: String
            var text: String?
            var analysis: ChartAnalysis
        }

        func run() throws {
            do {
                var parsed = try Chart(path: chart)
                if let key {
                    let target: Key
                    do { target = try Key(parsing: key) } catch { throw ValidationError("--key: \(error)") }
                    parsed = parsed.transposed(to: target)
                }
                var range: VocalRange?
                if let singer {
                    let ends = singer.split(separator: "-", maxSplits: 1).map(String.init)
                    guard ends.count == 2, let low = try? Note(parsing: ends[0]),
                        let high = try? Note(parsing: ends[1]),
                        low.midi < high.midi
                    else {
                        throw ValidationError(
                            "--singer takes the lowest and highest notes, e.g. A2-E4, not '\(singer)'")
                    }
                    range = VocalRange(low: low, high: high)
                }
                let analysis = ChartAnalysis(
                    chart: parsed, notation: ChordSymbol.Notation(rawValue: notation)!, singer: range)
                if format.json {
                    try printJSON(Output(chart: chart, text: key == nil ? nil : parsed.text, analysis: analysis))
                    return
                }
                if key != nil { print(parsed.text) }
                print(Self.text(analysis, title: parsed.title ?? chart))
            } catch {
                report(error, command: "chart", json: format.json)
                throw ExitCode(1)
            }
        }

        static func text(_ a: ChartAnalysis, title: String) -> String {
            var lines = ["\(title)" + (a.key.map { " — \($0)" } ?? " — no key given, so no numerals")]
            for section in a.sections {
                lines.append("")
                lines.append("[\(section.name)]" + (section.repeats > 1 ? " x\(section.repeats)" : ""))
                for first in stride(from: 0, to: section.bars.count, by: 4) {
                    let bars = section.bars[first..<min(first + 4, section.bars.count)]
                    let chords = bars.map { $0.map(\.symbol).joined(separator: " ") }
                    let numerals = bars.map { $0.map { $0.numeral ?? "–" }.joined(separator: " ") }
                    let widths = zip(chords, numerals).map { max($0.count, $1.count) }
                    func line(_ cells: [String]) -> String {
                        "  | "
                            + zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                            .joined(separator: " | ") + " |"
                    }
                    lines.append(line(chords))
                    lines.append(line(numerals))
                }
                let notable = section.bars.flatMap { $0 }.filter { ($0.function ?? "diatonic") != "diatonic" }
                var seen: Set<String> = []
                for chord in notable where seen.insert(chord.symbol).inserted {
                    lines.append("  \(chord.symbol) (\(chord.numeral ?? "")): \(chord.function ?? "")")
                }
            }
            lines.append("")
            if a.capo.isEmpty {
                lines.append("Capo: no fret makes these chords open shapes.")
            } else {
                lines.append("Capo:")
                for c in a.capo {
                    let place = c.fret == 0 ? "no capo" : "capo \(c.fret)"
                    lines.append(
                        "  \(place): \(c.openChords) of \(c.totalChords) chords open — "
                            + c.shapes.joined(separator: ", "))
                }
            }
            if let r = a.range {
                lines.append("")
                var sentence = "Singer \(r.singer): the melody runs \(r.lowest)–\(r.highest)"
                if r.fits {
                    sentence += ", inside the range."
                } else {
                    var off: [String] = []
                    if r.belowBy > 0 { off.append("\(r.belowBy) semitone\(r.belowBy == 1 ? "" : "s") too low") }
                    if r.aboveBy > 0 { off.append("\(r.aboveBy) semitone\(r.aboveBy == 1 ? "" : "s") too high") }
                    sentence += ", " + off.joined(separator: " and ") + "."
                }
                lines.append(sentence)
                if !r.betterKeys.isEmpty {
                    lines.append("  Keys that sit best: " + r.betterKeys.joined(separator: ", "))
                }
            }
            return lines.joined(separator: "\n")
        }
    }
}
