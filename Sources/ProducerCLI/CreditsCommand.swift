import ArgumentParser
import Foundation
import ProducerFiles
import ProducerOffice
import ProducerStore

extension ProducerCommand {
    struct CreditsCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "credits",
            abstract: "Who played, sang, engineered what, where and when — from the sessions marked done.",
            discussion: """
                --csv writes one row per credit and per writer's share (RFC 4180); --json writes \
                JSON close to DDEX RIN (parties, musical works with ISWC and shares, sound \
                recordings with ISRC and contributors, sessions with venue and times); `--json -` \
                prints it. A malformed ISRC or ISWC in the project is reported, and nothing is \
                exported until it is fixed.

                Example: producer credits --csv credits.csv --json credits.json
                """)
        @Option(help: ArgumentHelp("Write the credits as CSV.", valueName: "file"))
        var csv: String?
        @Option(help: ArgumentHelp("Write the credits as JSON close to DDEX RIN (- prints it).", valueName: "file"))
        var json: String?
        @Flag(help: "Replace the files if they exist.")
        var force = false
        @OptionGroup var project: ProjectOptions

        func run() async throws {
            try await runOffice("credits", json: json != nil) {
                let files = [csv, json].compactMap { $0 }.filter { $0 != "-" }
                if !files.isEmpty {
                    let policy = OutputPolicy(replacesExisting: force, inputs: project.place.files())
                    try policy.check(files, what: "the credits")
                }
                try await project.place.with { store in
                    let snapshot = try await store.snapshot()
                    let zone = snapshot.settings.timeZone
                    let exporting = csv != nil || json != nil
                    let credits =
                        exporting
                        ? try await OfficeJobs.exportCredits(
                            csv: csv == "-" ? nil : csv, json: json == "-" ? nil : json, store: store)
                        : Credits(project: snapshot)
                    if csv == "-" { print(credits.csv(timeZone: zone), terminator: "") }
                    if json == "-" {
                        try printJSON(credits.rin(timeZone: zone, now: Date()))
                        return
                    }
                    if csv == "-" { return }
                    print(credits.text(timeZone: zone))
                    for file in files { print("Wrote \(file).") }
                }
            }
        }
    }
}
