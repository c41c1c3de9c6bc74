import ArgumentParser
import ProducerEars

extension ProducerCommand {
    struct Listen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Listen to a take and advise: pitch in cents, timing in ms, note by note.",
            discussion: """
                Tracks every note of a monophonic take (voice or instrument), judges its pitch \
                against the reference part (a MIDI file) or the key, and its timing against the \
                reference, a click track, a given tempo or the beat Producer hears; then lists \
                the few most important problems first, each with its time (m:ss.mmm and bar:beat) \
                and what to do. Stereo takes are folded to mono.

                Example: producer listen vocal-take3.wav --key "E minor" --reference melody.mid --part vocal
                """)

        @Argument(help: "The take to listen to.", completion: .file())
        var take: String

        @OptionGroup var part: PartOptions

        @Option(help: "A click track recorded with the take: its clicks are the beats.", completion: .file())
        var click: String?

        @Flag(help: "With --json, add the pitch track (f0 in Hz every 10 ms, 0 when unvoiced).")
        var frames = false

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if part.tempo != nil && click != nil { throw ValidationError("give --tempo or --click, not both") }
        }

        func run() throws {
            var settings = part.settings
            settings.clickPath = click
            settings.includesFrames = frames
            let job = ListenJob(takePath: take, settings: settings)
            do {
                let report = try job.run()
                if output.json { try printJSON(report) } else { print(report.text()) }
            } catch {
                report(error, command: "listen", json: output.json)
                throw ExitCode(1)
            }
        }
    }

    struct Takes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rank takes of the same part, pick the best take for each phrase, and render the comp.",
            discussion: """
                Listens to every take (as `listen` does), scores them, splits the part into \
                phrases at its rests (or the reference's), and chooses the best take for each \
                phrase. With --comp it renders the comp with short equal-power crossfades at quiet \
                points in the rests, and prints the comp sheet (phrase → take, why).

                Example: producer takes take1.wav take2.wav take3.wav --reference melody.mid --comp comp.wav
                """)

        @Argument(help: "Takes of the same part, recorded against the same timeline.", completion: .file())
        var takes: [String]

        @OptionGroup var part: PartOptions

        @Option(help: "Write the comp to this file (.wav, .aif/.aiff, .aifc, .rf64, .bw64).", completion: .file())
        var comp: String?

        @Flag(help: "Replace the comp file if it exists (a take or the reference never is).")
        var force = false

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if takes.count < 1 { throw ValidationError("give at least one take") }
        }

        func run() throws {
            let job = TakesJob(takePaths: takes, settings: part.settings, compPath: comp, replacesExisting: force)
            do {
                let result = try job.run()
                if output.json { try printJSON(result) } else { print(result.text()) }
            } catch {
                report(error, command: "takes", json: output.json)
                throw ExitCode(1)
            }
        }
    }
}

/// What `listen` and `takes` are told about the part.
struct PartOptions: ParsableArguments {
    @Option(help: "The song's key, e.g. \"E minor\" or \"Bb major\". Default: estimated.")
    var key: String?

    @Option(help: "A MIDI file of the intended part.", completion: .file())
    var reference: String?

    @Option(parsing: .unconditional, help: "The tempo in BPM (the grid starts at the top of the take).")
    var tempo: Double?

    @Option(help: "The part: vocal, bass, guitar, keys, drums or other.")
    var part: Part = .other

    func validate() throws {
        if let tempo, tempo <= 0 {
            throw ValidationError(
                "--tempo must be a positive number of beats per minute (20 to 400); a tempo cannot be \(tempo.formatted)"
            )
        }
        if let tempo, !(20...400).contains(tempo) {
            throw ValidationError("--tempo must be between 20 and 400 BPM, not \(tempo.formatted)")
        }
    }

    var settings: ListenSettings { ListenSettings(referencePath: reference, key: key, tempo: tempo, part: part) }
}

extension Part: ExpressibleByArgument {}
