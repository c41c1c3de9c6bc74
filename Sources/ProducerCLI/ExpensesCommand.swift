import ArgumentParser
import Foundation
import ProducerOffice
import ProducerStore

extension ProducerCommand {
    struct ExpensesCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "expenses",
            abstract: "Record, list and remove money spent.",
            subcommands: [Add.self, List.self, Remove.self],
            defaultSubcommand: List.self)

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Record money spent, with its receipt.",
                discussion: """
                    --covers names the booking or offer it pays (by id, or a booked session's \
                    title): that much of its committed amount becomes actual.

                    Example: producer expenses add 650 --category studio --description "Red Door invoice" --covers b-tracking --receipt invoices/red-door.pdf
                    """)
            // Every word not an option, so that a negative amount (`-5`) reaches the amount's own
            // check and its message rather than being taken for an option.
            @Argument(
                parsing: .allUnrecognized,
                help: ArgumentHelp(
                    "The amount, in the project's currency (e.g. 650, 650.00 or 650 EUR).", valueName: "amount"))
            var words: [String] = []
            @Option(help: "The budget category.")
            var category: String
            @Option(help: "What it was for.")
            var description: String
            @Option(help: "The song it was for (its title or id); none for the whole album.")
            var song: String?
            @Option(help: ArgumentHelp("When it was spent (default: today).", valueName: "YYYY-MM-DD"))
            var date: String?
            @Option(help: "Who was paid.")
            var payee: String?
            @Option(help: ArgumentHelp("The receipt's file (it must exist).", valueName: "path"))
            var receipt: String?
            @Option(help: ArgumentHelp("The booking or offer it pays.", valueName: "booking-or-offer"))
            var covers: String?
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func validate() throws {
                guard words.count == 1 else {
                    throw ValidationError(
                        words.isEmpty
                            ? "give the amount, e.g. producer expenses add 650 --category studio …"
                            : "give one amount, not \(words.joined(separator: " "))")
                }
            }

            var amount: String { words[0] }

            func run() async throws {
                try await runOffice("expenses add", json: output.json) {
                    var folder: String?
                    if case .sqlite(let path)? = try? project.place.location() {
                        var isFolder: ObjCBool = false
                        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
                        folder = exists && isFolder.boolValue ? path : (path as NSString).deletingLastPathComponent
                    }
                    try await project.place.with { store in
                        let expense = try await OfficeJobs.addExpense(
                            amount: amount, category: category, description: description, song: song, date: date,
                            payee: payee, receipt: receipt, covers: covers, projectFolder: folder, store: store)
                        if output.json {
                            try printJSON(expense)
                        } else {
                            print(
                                "Recorded \(expense.amount.formatted) for \(expense.description) (\(expense.category.rawValue))"
                                    + (expense.covers.map { ", paying \($0)" } ?? "") + " [\(expense.id)].")
                        }
                    }
                }
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the expenses by date.")
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("expenses list", json: output.json) {
                    try await project.place.with { store in
                        let snapshot = try await store.snapshot()
                        let expenses = snapshot.expenses.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
                        if output.json {
                            try printJSON(expenses)
                            return
                        }
                        guard !expenses.isEmpty else {
                            print(
                                "No expenses yet: record one with `producer expenses add AMOUNT --category C --description D`."
                            )
                            return
                        }
                        let formatter = DateFormatter()
                        formatter.dateFormat = "yyyy-MM-dd"
                        formatter.timeZone = TimeZone(identifier: snapshot.settings.timeZone)
                        let titles = Dictionary(
                            snapshot.songs.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
                        for e in expenses {
                            var line =
                                "\(formatter.string(from: e.date))  \(e.amount.formatted)  \(e.category.rawValue)"
                            line += "  \(e.description)"
                            if let song = e.songID { line += " — \(titles[song] ?? song)" }
                            if let payee = e.payee { line += ", to \(payee)" }
                            if let covers = e.covers { line += ", pays \(covers)" }
                            if let receipt = e.receipt { line += ", receipt \(receipt)" }
                            print(line + "  [\(e.id)]")
                        }
                        let total = expenses.reduce(0) { $0 + $1.amount.minorUnits }
                        print("Total: \(Money(minorUnits: total, currency: snapshot.settings.currency).formatted)")
                    }
                }
            }
        }

        struct Remove: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Remove an expense recorded by mistake.")
            @Argument(help: "The expense's id (see `producer expenses list`).")
            var id: String
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("expenses remove", json: output.json) {
                    try await project.place.with { store in
                        let expense = try await OfficeJobs.removeExpense(id, store: store)
                        if output.json {
                            try printJSON(expense)
                        } else {
                            print("Removed \(expense.amount.formatted) for \(expense.description) [\(expense.id)].")
                        }
                    }
                }
            }
        }
    }
}
