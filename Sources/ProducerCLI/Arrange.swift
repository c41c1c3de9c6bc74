import ArgumentParser
import ProducerJobs
import ProducerMusic

extension ProducerCommand {
    struct Arrange: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Arrange a chord chart for a band in a style and write it as a MIDI file.",
            discussion: """
                Reads a chord chart (see the README for the format) and writes a type-1 Standard \
                MIDI File with one track per instrument (General MIDI drums on channel 10): the \
                style's drum grooves with fills into new sections, a bass line on the chords' \
                roots with approach notes, keys and pad voiced with smooth voice leading, guitar \
                strums or picking, string pads where the song lifts. Each section plays with an \
                energy from its name (Intro, Verse, Pre-Chorus, Chorus, Bridge, Breakdown, Drop, \
                Solo, Outro). The chart's melody, if it has one, is a Lead track. The same seed \
                gives the same file. --musicxml also writes a lead sheet (melody, chord symbols, \
                sections as rehearsal marks); --render a WAV played by the console's built-in \
                instruments. An existing file is replaced only with --force.

                Example: producer arrange song.txt --style funk --key "E minor" --humanize -o song.mid --render song.wav
                """)

        @Argument(help: "The chord chart.", completion: .file())
        var chart: String

        @Option(help: "pop, rock, ballad, funk, soul, country, edm, hiphop, bossa or jazz.")
        var style: String

        @Option(name: .shortAndLong, help: "The MIDI file to write (.mid).")
        var output: String

        @Option(help: "Quarter notes per minute, instead of the chart's tempo.")
        var tempo: Double?

        @Option(help: "The key to play in (\"E minor\", \"Bb\"): the chart moves to its tonic.")
        var key: String?

        @Option(help: "Instruments, comma-separated: drums,bass,keys,guitar,pad,strings (and lead).")
        var instruments: String?

        @Option(help: "straight, swing, halftime or doubletime (default: the style's).")
        var feel: String?

        @Option(help: "sparse, normal or full.")
        var density: String = "normal"

        @Flag(help: "Vary timing (about ±10 ms) and velocity, seeded.")
        var humanize = false

        @Option(help: "The seed for fills and humanising: the same seed gives the same file.")
        var seed: UInt64 = 1

        @Option(help: "Also write the chart as arranged as a MusicXML lead sheet (.musicxml).")
        var musicxml: String?

        @Option(help: "Also render a preview through the console's built-in instruments (.wav).")
        var render: String?

        @Flag(help: "Replace the MIDI file (and lead sheet, preview) if they exist.")
        var force = false

        @OptionGroup var format: OutputOptions

        func options() throws -> ArrangementOptions {
            guard let style = ArrangementStyle(rawValue: style.lowercased()) else {
                throw ValidationError("--style must be one of \(Self.list(ArrangementStyle.allCases)), not '\(style)'")
            }
            var options = ArrangementOptions(style: style, seed: seed)
            if let tempo {
                guard tempo.isFinite, (20...400).contains(tempo) else {
                    throw ValidationError("--tempo must be 20…400 quarter notes per minute, not \(tempo)")
                }
                options.tempo = tempo
            }
            if let key {
                do {
                    options.key = try Key(parsing: key)
                } catch {
                    throw ValidationError("--key: \(error)")
                }
            }
            if let instruments {
                var list: [Instrument] = []
                for word in instruments.split(separator: ",") {
                    guard let i = Instrument(word: String(word)) else {
                        throw ValidationError(
                            "--instruments: '\(word)' is not an instrument (\(Self.list(Instrument.allCases)))")
                    }
                    if !list.contains(i) { list.append(i) }
                }
                guard !list.isEmpty else { throw ValidationError("--instruments names no instrument") }
                options.instruments = list
            }
            if let feel {
                guard let f = Feel(rawValue: feel.lowercased()) else {
                    throw ValidationError("--feel must be one of \(Self.list(Feel.allCases)), not '\(feel)'")
                }
                options.feel = f
            }
            guard let d = Density(rawValue: density.lowercased()) else {
                throw ValidationError("--density must be one of \(Self.list(Density.allCases)), not '\(density)'")
            }
            options.density = d
            options.humanize = humanize
            return options
        }

        static func list<T: RawRepresentable<String>>(_ values: [T]) -> String {
            values.map(\.rawValue).joined(separator: ", ")
        }

        func validate() throws { _ = try options() }

        func run() throws {
            do {
                let job = ArrangeJob(
                    chart: chart, output: output, options: try options(), replacesExisting: force,
                    musicXMLPath: musicxml, renderPath: render)
                let summary = try job.run()
                if format.json {
                    try printJSON(summary)
                } else {
                    print(summary.text)
                }
            } catch {
                report(error, command: "arrange", json: format.json)
                throw ExitCode(1)
            }
        }
    }
}
