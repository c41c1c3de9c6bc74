import ArgumentParser
import ProducerConsole

extension ProducerCommand {
    struct Mics: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Plan where the mics go for a source: which mic, pattern, position and distance, and why.",
            discussion: """
                Sources: drum kit, guitar cab, bass, acoustic guitar, piano, vocal, strings, brass, \
                choir. The knowledge (with the books and guides it comes from) is Producer's \
                placement.yaml. The plan picks from the mics in --mics (a YAML list of name, type, \
                patterns, count) or, without it, from a typical small-studio locker, and says what \
                is missing. It checks the 3:1 rule where the spacing of two mics is known and lists \
                the mics that hear one source at different distances, with the delay to align.

                Example: producer mics --source "drum kit" --room "5x7x3 m, live" --goal punchy --mics locker.yaml
                """)

        @Option(
            help: "What to record: drum kit, guitar cab, bass, acoustic guitar, piano, vocal, strings, brass, choir.")
        var source: String

        @Option(help: "The room: \"WxLxH m, live|neutral|dead\" (e.g. \"5x7x3 m, live\"; ft also).")
        var room: String?

        @Option(help: "punchy, natural, vintage or tight.")
        var goal: String = "natural"

        @Option(help: "The studio's mics (YAML).", completion: .file())
        var mics: String?

        @OptionGroup var format: OutputOptions

        func run() throws {
            do {
                let parsedRoom = try room.map { text throws(MicError) in try Room(parsing: text) }
                let locker = try mics.map { path throws(MicError) in try MicLocker(path: path) }
                let plan = try PlacementPlanner().plan(source: source, goal: goal, room: parsedRoom, locker: locker)
                if format.json { try printJSON(plan) } else { print(plan.text) }
            } catch {
                report(error, command: "mics", json: format.json)
                throw ExitCode(1)
            }
        }
    }
}
