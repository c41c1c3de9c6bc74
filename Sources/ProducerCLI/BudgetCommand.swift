import ArgumentParser
import Foundation
import ProducerFiles
import ProducerOffice
import ProducerStore

extension ProducerCommand {
    struct BudgetCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "budget",
            abstract: "The budget by song and category: plan, committed, actual, variance, forecast.",
            subcommands: [Show.self, Add.self, Edit.self, Remove.self, Scale.self],
            defaultSubcommand: Show.self)

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Show the budget, with warnings where it will overrun.",
                discussion: """
                    Committed is what bookings and accepted offers will cost (union players and \
                    singers at union scale); actual is what `producer expenses add` recorded; the \
                    forecast adds the plan's rest while the work is not done.

                    Example: producer budget --song "Slow Signal" --csv budget.csv
                    """)
            @Option(help: "Only this song (its title or id).")
            var song: String?
            @Option(help: ArgumentHelp("Also write the figures as an RFC 4180 CSV file.", valueName: "file"))
            var csv: String?
            @Flag(help: "Replace the CSV file if it exists.")
            var force = false
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("budget", json: output.json) {
                    if let csv {
                        let policy = OutputPolicy(replacesExisting: force, inputs: project.place.files())
                        try policy.check(csv, what: "the CSV file")
                    }
                    try await project.place.with { store in
                        let report = try await OfficeJobs.budgetReport(song: song, store: store)
                        if let csv { try OfficeJobs.writeAtomically(report.csv.text, to: csv) }
                        if output.json {
                            try printJSON(report)
                        } else {
                            print(report.text, terminator: "")
                            if let csv { print("\nWrote the figures to \(csv).") }
                        }
                    }
                }
            }
        }

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a planned line to the budget.",
                discussion: """
                    Categories: studio, musicians, engineering, mixing, mastering, equipment, \
                    travel, artwork, marketing, contingency. Without --song the line is for the \
                    whole album.

                    Example: producer budget add --category musicians --amount 2500 --song "Slow Signal" --description Strings
                    """)
            @Option(help: "The category.")
            var category: String
            @Option(
                parsing: .unconditional,
                help: "The amount planned, in the project's currency (e.g. 2500, 2500.00 or 2500 EUR).")
            var amount: String
            @Option(help: "The song it is for (its title or id); none for the whole album.")
            var song: String?
            @Option(help: "What it is for, in words.")
            var description: String?
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("budget add", json: output.json) {
                    try await project.place.with { store in
                        let line = try await OfficeJobs.addBudgetLine(
                            category: category, amount: amount, song: song, description: description, store: store)
                        if output.json {
                            try printJSON(line)
                        } else {
                            let what = line.what
                            print(
                                "Planned \(line.planned.formatted) for \(what) (\(line.category.rawValue)) [\(line.id)]."
                            )
                        }
                    }
                }
            }
        }

        struct Edit: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Change a planned line: only what is given.",
                discussion: """
                    The line is named by its id or as `producer budget` shows it \
                    ("strings — Slow Signal"), or by its description when only one line has it.

                    Example: producer budget edit "strings — Slow Signal" --amount 4200
                    """)
            @Argument(help: "The line: its id, or its label as `producer budget` shows it.")
            var line: String
            @Option(help: "The category.")
            var category: String?
            @Option(parsing: .unconditional, help: "The amount planned, in the project's currency.")
            var amount: String?
            @Option(help: "Move the line to this song (its title or id).")
            var song: String?
            @Flag(help: "Make the line the whole album's.")
            var album = false
            @Option(help: "What it is for, in words.")
            var description: String?
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("budget edit", json: output.json) {
                    try await project.place.with { store in
                        let line = try await OfficeJobs.editBudgetLine(
                            self.line, category: category, amount: amount, song: song, album: album,
                            description: description, store: store)
                        if output.json {
                            try printJSON(line)
                        } else {
                            let what = line.what
                            print("Now \(line.planned.formatted) for \(what) (\(line.category.rawValue)) [\(line.id)].")
                        }
                    }
                }
            }
        }

        struct Remove: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Take a planned line off the budget.",
                discussion: """
                    What was committed or spent against it stays, shown as spending with no line.

                    Example: producer budget remove "Contingency — album"
                    """)
            @Argument(help: "The line: its id, or its label as `producer budget` shows it.")
            var line: String
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("budget remove", json: output.json) {
                    try await project.place.with { store in
                        let line = try await OfficeJobs.removeBudgetLine(self.line, store: store)
                        if output.json {
                            try printJSON(line)
                        } else {
                            let what = line.what
                            print("Removed \(line.planned.formatted) for \(what) [\(line.id)].")
                        }
                    }
                }
            }
        }

        struct Scale: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Union scale: show or edit the rates, or work out a session's scale line by line.",
                discussion: """
                    Without arguments, shows the rates in use (example rates until you import \
                    your union's). --export writes them as YAML to edit; --import reads them back. \
                    With a session, shows what its union players and singers are paid.

                    Example: producer budget scale --export rates.yaml
                             producer budget scale --import rates.yaml
                             producer budget scale "Strings — Slow Signal"
                    """)
            @Argument(help: "A session's title or id.")
            var session: String?
            @Option(
                name: .customLong("import"),
                help: ArgumentHelp("Read the rates from this YAML file.", valueName: "file"))
            var importFile: String?
            @Option(
                name: .customLong("export"), help: ArgumentHelp("Write the rates to this YAML file.", valueName: "file")
            )
            var exportFile: String?
            @Flag(help: "Replace the exported file if it exists.")
            var force = false
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func validate() throws {
                let given = [session != nil, importFile != nil, exportFile != nil].filter { $0 }.count
                if given > 1 { throw ValidationError("give a session, --import or --export, one at a time") }
            }

            func run() async throws {
                try await runOffice("budget scale", json: output.json) {
                    if let exportFile {
                        let policy = OutputPolicy(replacesExisting: force, inputs: project.place.files())
                        try policy.check(exportFile, what: "the rates file")
                    }
                    try await project.place.with { store in
                        if let importFile {
                            let rates = try await OfficeJobs.importScaleRates(from: importFile, store: store)
                            if output.json {
                                try printJSON(rates)
                            } else {
                                print("Imported \(rates.agreement) from \(importFile).")
                            }
                            return
                        }
                        let snapshot = try await store.snapshot()
                        let rates = snapshot.scaleRates ?? .example(currency: snapshot.settings.currency)
                        if let exportFile {
                            try OfficeJobs.writeAtomically(rates.yaml, to: exportFile)
                            if output.json {
                                try printJSON(["file": exportFile])
                            } else {
                                print("Wrote the rates (\(rates.agreement)) to \(exportFile).")
                            }
                            return
                        }
                        guard let session else {
                            if output.json { try printJSON(rates) } else { print(rates.yaml, terminator: "") }
                            return
                        }
                        let (found, calculation) = try await OfficeJobs.scaleCalculation(session: session, store: store)
                        if output.json {
                            try printJSON(
                                ScaleShown(session: found.title, sessionID: found.id, calculation: calculation))
                        } else if let calculation {
                            print("\(found.title)\n" + calculation.text, terminator: "")
                        } else {
                            print("\(found.title): no union players or singers (people with a union scale) in it.")
                        }
                    }
                }
            }

            struct ScaleShown: Encodable {
                var session: String
                var sessionID: String
                var calculation: ScaleCalculation?
            }
        }
    }
}
