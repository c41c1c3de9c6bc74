import ArgumentParser
import Foundation
import ProducerOffice
import ProducerStore

extension ProducerCommand {
    struct SongsCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "songs",
            abstract: "The album's songs: list, add, edit and remove them.",
            discussion: """
                Every option is checked as `project import` checks the plan's song keys.

                Example: producer songs add "Night Trains" --key "E minor" --tempo 92 --artist-rating 8
                         producer songs edit "Night Trains" --energy 6 --isrc DE-A12-27-00001
                """,
            subcommands: [List.self, Add.self, Edit.self, Remove.self],
            defaultSubcommand: List.self)

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the songs.")
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("songs list", json: output.json) {
                    try await project.place.with { store in
                        let songs = try await store.snapshot().songs
                        if output.json { return try printJSON(songs) }
                        for song in songs { print(Self.line(song)) }
                    }
                }
            }

            static func line(_ s: Song) -> String {
                var facts: [String] = []
                if let key = s.key { facts.append(key) }
                if let tempo = s.tempo { facts.append("\(tempo.formatted()) bpm") }
                if let length = s.lengthSeconds {
                    let t = Int(length.rounded())
                    facts.append("\(t / 60):" + String(format: "%02d", t % 60))
                }
                var line = "\(s.title) [\(s.id)] — \(s.status.rawValue)"
                if !facts.isEmpty { line += " — " + facts.joined(separator: ", ") }
                var ratings: [String] = []
                if let v = s.ratings.artist { ratings.append("artist \(v)") }
                if let v = s.ratings.producer { ratings.append("producer \(v)") }
                if let v = s.ratings.market { ratings.append("market \(v)") }
                if !ratings.isEmpty { line += " — rated " + ratings.joined(separator: ", ") }
                if let e = s.energy { line += " — energy \(e)" }
                if let v = s.isrc { line += " — ISRC \(v)" }
                if let v = s.iswc { line += " — ISWC \(v)" }
                return line
            }
        }

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add a song.")
            @Argument(help: "The song's title.")
            var title: String
            @Option(help: "Its id (default: the title in lower case with hyphens).")
            var id: String?
            @OptionGroup var fields: SongFields
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("songs add", json: output.json) {
                    var edit = RecordEdit()
                    edit.set("title", text: title, option: "the title")
                    edit.set("id", text: id, option: "--id")
                    fields.add(to: &edit)
                    try await project.place.with { store in
                        let outcome = try await OfficeJobs.addRecord(.songs, edit: edit, store: store)
                        try printOutcome(outcome, kind: .songs, json: output.json)
                    }
                }
            }
        }

        struct Edit: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Change what the options give; keep the rest.")
            @Argument(help: ArgumentHelp(recordKeyHelp))
            var song: String
            @Option(help: "A new title.")
            var title: String?
            @OptionGroup var fields: SongFields
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("songs edit", json: output.json) {
                    var edit = RecordEdit()
                    edit.set("title", text: title, option: "--title")
                    fields.add(to: &edit)
                    try await project.place.with { store in
                        let outcome = try await OfficeJobs.editRecord(.songs, song, edit: edit, store: store)
                        try printOutcome(outcome, kind: .songs, json: output.json)
                    }
                }
            }
        }

        struct Remove: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Remove a song; refused while sessions, budget lines or tasks name it, unless --force.")
            @Argument(help: ArgumentHelp(recordKeyHelp))
            var song: String
            @Flag(help: "Remove it anyway: what named it stays, without a song.")
            var force = false
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("songs remove", json: output.json) {
                    try await project.place.with { store in
                        let outcome = try await OfficeJobs.removeRecord(.songs, song, force: force, store: store)
                        try printOutcome(outcome, kind: .songs, json: output.json)
                    }
                }
            }
        }
    }
}
