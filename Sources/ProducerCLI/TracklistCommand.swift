import ArgumentParser
import Foundation
import ProducerJobs
import ProducerOffice
import ProducerStore

extension ProducerCommand {
    struct TracklistCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tracklist",
            abstract: "Choose the album's songs and their order from the candidates.",
            discussion: """
                Picks the songs with the best ratings (the artist's and the producer's 40 % \
                each, the market score 20 %) that fit --max-length and, with --vinyl, sides of \
                at most 22 minutes; then orders them: a strong song that is not slow opens, no \
                two slow songs (under 90 bpm) and no two songs in the same key at nearly the \
                same tempo follow each other unless allowed, and the strongest songs take the \
                first, second and last places. Prints the flow (tempo, key, energy) track by \
                track and why each is where it is, and keeps the order as the project's \
                tracklist. A song's missing length, tempo or key is measured from its mix \
                (out/SONG/mix.wav) when there is one.

                Example: producer tracklist --songs 10 --max-length 45:00 --vinyl
                """)

        @Option(help: "How many songs the album has.")
        var songs: Int

        @Option(
            name: .customLong("max-length"), help: ArgumentHelp("The longest the album may run.", valueName: "mm:ss"))
        var maxLength: String?

        @Flag(help: "Cut for vinyl: sides of at most 22 minutes (two sides, four for a double album).")
        var vinyl = false

        @Flag(name: .customLong("allow-slow-pairs"), help: "Allow two slow songs in a row.")
        var allowSlowPairs = false

        @Flag(
            name: .customLong("allow-sound-alikes"),
            help: "Allow two songs in the same key at nearly the same tempo in a row.")
        var allowSoundAlikes = false

        @Flag(name: .customLong("dry-run"), help: "Show the choice without keeping it in the project.")
        var dryRun = false

        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await runOffice("tracklist", json: output.json) {
                let rules = TracklistRules(
                    count: songs, maximumLength: try maxLength.map { try Self.length($0) }, vinyl: vinyl,
                    allowSlowInARow: allowSlowPairs, allowSoundAlikes: allowSoundAlikes)
                guard (1...TracklistRules.maximumCount).contains(songs) else {
                    throw OfficeError("--songs \(songs): an album has 1 to \(TracklistRules.maximumCount) songs")
                }
                let job = TracklistJob(rules: rules, folder: project.place.folder(), save: !dryRun)
                let plan = try await project.place.with { store in try await job.run(store: store) }
                if output.json {
                    try printJSON(plan)
                } else {
                    print(plan.text())
                    print(dryRun ? "(not kept: --dry-run)" : "Kept as the project's tracklist.")
                }
            }
        }

        /// `45:00`, `45:30` or `2700` (seconds).
        static func length(_ text: String) throws -> Double {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            if parts.count == 2, let m = Int(parts[0]), let s = Int(parts[1]), m >= 0, (0..<60).contains(s),
                m * 60 + s > 0, m <= 600
            {
                return Double(m * 60 + s)
            }
            if parts.count == 1, let s = Int(text), s > 0, s <= 36_000 { return Double(s) }
            throw OfficeError("--max-length \(text): write the album's longest length as mm:ss, e.g. 45:00")
        }
    }
}
