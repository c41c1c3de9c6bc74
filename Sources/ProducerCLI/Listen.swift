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

        @Option(
            help: "Write the notes as sung to this MIDI file (pitch bends for the cents), to open in a DAW.",
            completion: .file())
        var midi: String?

        @Flag(help: "Replace the MIDI file if it exists (a take, click or reference never is).")
        var force = false

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if part.tempo != nil && click != nil { throw ValidationError("give --tempo or --click, not both") }
        }

        func run() throws {
            var settings = part.settings
            settings.clickPath = click
            settings.includesFrames = frames
            var job = ListenJob(takePath: take, settings: settings, midiPath: midi)
            job.replacesExisting = force
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

    @Option(
        parsing: .unconditional,
        help: "The tempo in BPM. Where its beats fall is --downbeat, or else found from the take.")
    var tempo: Double?

    @Option(
        help: ArgumentHelp(
            "Where bar 1 starts: seconds (12.5), m:ss.mmm (0:12.500), or bar:beat of the click or tempo grid (3:1 after a two-bar count-in).",
            valueName: "time|bar:beat"))
    var downbeat: String?

    @Option(
        help: ArgumentHelp(
            "The note values timing is judged against without --reference: 4, 8, 8t (triplets), 16 or 16t. Default: found from the notes.",
            valueName: "value"))
    var grid: String?

    @Option(help: "The pitch of A4 in Hz that notes and cents are heard against (400 to 480).")
    var a4: Double = 440

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
        if let downbeat, Downbeat(text: downbeat) == nil {
            throw ValidationError(
                "--downbeat must be seconds (12.5), m:ss.mmm (0:12.500) or bar:beat (3:1), not \"\(downbeat)\"")
        }
        if let grid, Subdivision(text: grid) == nil {
            throw ValidationError(
                "--grid must be 4, 8, 8t, 16 or 16t (quarters to sixteenth triplets), not \"\(grid)\"")
        }
        if !(400...480).contains(a4) {
            throw ValidationError("--a4 must be between 400 and 480 Hz, not \(a4.formatted)")
        }
    }

    var settings: ListenSettings {
        var settings = ListenSettings(referencePath: reference, key: key, tempo: tempo, part: part)
        settings.downbeat = downbeat.flatMap(Downbeat.init(text:))
        settings.subdivision = grid.flatMap(Subdivision.init(text:))
        settings.a4 = a4
        return settings
    }
}

extension Part: ExpressibleByArgument {}
