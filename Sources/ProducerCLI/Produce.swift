import ArgumentParser
import Foundation
import ProducerJobs

extension ProducerCommand {
    struct Produce: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "From takes to masters: check, hear, comp, align, mix, master and report, song by song.",
            discussion: """
                Runs a project folder (see `producer project init` for its layout) through every \
                stage: a technical check of every file, feedback on every take, ranking and comps \
                per part, alignment of multi-mic groups, the mix assistant over the comps and \
                stems, a master per target and its delivery check. Writes out/SONG/ (comps, \
                session, mix, masters) and report/ (index.html, a page per song, produce.json). \
                Flaws no take fixes become retake sessions in the plan. A second run redoes only \
                what changed.

                Example: producer produce night-trains --targets spotify,cd
                """)

        @Argument(help: "The project folder (default: the folder you are in).", completion: .directory)
        var project: String = "."

        @Option(name: .customLong("song"), help: "Only this song (its folder under takes/); repeat for several.")
        var songs: [String] = []

        @Option(
            help: ArgumentHelp(
                "The delivery targets, comma-separated (a song's song.yaml may name its own).",
                valueName: "spotify,cd"))
        var targets: String?

        @Flag(help: "Redo every stage, even those whose inputs have not changed.")
        var force = false

        @Option(
            help: ArgumentHelp(
                "The project's database instead of the folder's: postgres://user:password@host/db.",
                valueName: "url"))
        var database: String?

        @OptionGroup var output: OutputOptions

        func run() async throws {
            let job = ProduceJob(
                project: project, songs: songs.isEmpty ? nil : songs,
                targets: targets.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
                force: force, database: database)
            let board = StageBoard(enabled: !output.json)
            do {
                let report = try await job.run(progress: { board.update($0) })
                board.finish()
                if output.json { try printJSON(report) } else { print(report.text()) }
            } catch {
                board.finish()
                report(error, command: "produce", json: output.json)
                throw ExitCode(1)
            }
        }
    }
}
