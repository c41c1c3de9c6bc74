import ArgumentParser
import ProducerConsole
import ProducerJobs

extension ProducerCommand {
    struct Automix: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mix assistant: decide a first mix of stems and write it as a commented session.",
            discussion: """
                Gives each stem a role (from its name, or from its sound when the name says \
                nothing; --roles overrides), then decides from the rules in mix-rules.yaml \
                (print them with --rules): a fader that sets its loudness to its role's target \
                against the lead, a high-pass, cuts where it masks the lead, a pan position, \
                compression, and reverb and delay sends. Writes a session (YAML) with a comment \
                above every decision, to open, change and render with `producer mix`; --render \
                renders it too. With --reference, the mix's low, mid and high balance is compared \
                with the reference's and the low and high parts lean toward it. A MIDI file (an \
                arrangement) gives one stem per track, played by the console's preview \
                instruments (its role from the instrument), so a sung take is mixed against it.

                Example: producer automix stems/*.wav -o mix.yaml --render mix.wav --reference ref.wav
                         producer automix song.mid vocal.wav -o mix.yaml --render mix.wav
                """)

        @Argument(
            help: "The stems to mix (WAV or AIFF, one sample rate; a MIDI file: a stem per track).", completion: .file()
        )
        var stems: [String] = []

        @Option(name: .shortAndLong, help: "The session file to write (YAML).")
        var output: String?

        @Option(help: "Also render the session to this mix file.")
        var render: String?

        @Option(help: "A reference track whose low/mid/high balance the mix leans toward.", completion: .file())
        var reference: String?

        @Option(help: "A YAML file of stem: role, overriding the roles from names and sound.", completion: .file())
        var roles: String?

        @Option(help: "The tempo for the synced delay, BPM (default: estimated from the drums).")
        var tempo: Double?

        @Flag(help: "Let spread parts reach the sides (pan ±1).")
        var hardPans = false

        @Flag(help: "Make no cuts to unmask the lead (to compare).")
        var noUnmask = false

        @Flag(help: "Print the rules and targets (mix-rules.yaml) and exit.")
        var rules = false

        @Flag(help: "Replace the session and mix if they exist (a stem never is).")
        var force = false

        @OptionGroup var format: OutputOptions

        func validate() throws {
            if rules { return }
            if stems.isEmpty { throw ValidationError("give the stems to mix") }
            if output == nil { throw ValidationError("give the session to write with -o SESSION.yaml") }
            if let tempo, !(20...400).contains(tempo) { throw ValidationError("--tempo must be 20 to 400 BPM") }
        }

        func run() throws {
            if rules {
                print(MixRules.text, terminator: "")
                return
            }
            let job = AutomixJob(
                stems: stems, output: output!, render: render, reference: reference, roles: roles, tempo: tempo,
                hardPans: hardPans, unmasks: !noUnmask, replacesExisting: force)
            let speaks = !format.json && ProgressBar.standardErrorIsTerminal
            do {
                let result = try job.run { step in if speaks { writeStandardError("automix: \(step)\n") } }
                if format.json { try printJSON(result) } else { print(result.text()) }
            } catch {
                report(error, command: "automix", json: format.json)
                throw ExitCode(1)
            }
        }
    }
}
