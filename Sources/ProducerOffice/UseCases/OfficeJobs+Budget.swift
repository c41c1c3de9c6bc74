import Foundation
import ProducerFiles

extension OfficeJobs {
    /// `producer budget`: the budget report at `now`, for one song (by title or id) when given.
    public static func budgetReport(
        song: String?, store: any ProjectStore, now: Date = Date()
    ) async throws
        -> BudgetReport
    {
        let project = try await store.snapshot()
        let report = BudgetReport(project: project, now: now)
        guard let song else { return report }
        return report.only(songID: try songID(song, option: "--song", in: project))
    }

    /// `producer budget add`: a planned line.
    public static func addBudgetLine(
        category: String, amount: String, song: String?, description: String?, store: any ProjectStore
    ) async throws -> BudgetLine {
        try await store.update { project in
            let line = BudgetLine(
                songID: try song.map { try songID($0, option: "--song", in: project) },
                category: try budgetCategory(category), description: description ?? "",
                planned: try amountRead(amount, option: "--amount", currency: project.settings.currency))
            project.budget.append(line)
            return line
        }
    }

    /// `producer expenses add`: money spent. `receipt` must name an existing file; it is kept
    /// relative to `projectFolder` when inside it, else as an absolute path. `covers` names a
    /// booking or an offer by id (or a booked session by title).
    public static func addExpense(
        amount: String, category: String, description: String, song: String?, date: String?, payee: String?,
        receipt: String?, covers: String?, projectFolder: String?, store: any ProjectStore, now: Date = Date()
    ) async throws -> Expense {
        let receiptKept = try receipt.map { try Self.receiptPath($0, projectFolder: projectFolder) }
        return try await store.update { (project: inout ProjectSnapshot) throws -> Expense in
            let zone = project.settings.timeZone
            guard !description.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw OfficeError("--description is empty: say what the money was for")
            }
            var coveredID: String?
            if let covers {
                if project.offers.contains(where: { $0.id == covers }) {
                    coveredID = covers
                } else if let i = try? bookingIndex(covers, in: project) {
                    coveredID = project.bookings[i].id
                } else {
                    throw OfficeError(
                        "--covers \(covers): no booking or offer with that id (see `producer bookings list` and `producer offers list`)"
                    )
                }
            }
            let money = try amountRead(amount, option: "AMOUNT", currency: project.settings.currency)
            let kind = try budgetCategory(category)
            var songKey: String?
            if let song { songKey = try songID(song, option: "--song", in: project) }
            var when = now
            if let date { when = try OfficeJobs.date(date, timeZone: zone, option: "--date") }
            let expense = Expense(
                date: when, songID: songKey, category: kind, description: description, amount: money, payee: payee,
                receipt: receiptKept, covers: coveredID)
            project.expenses.append(expense)
            return expense
        }
    }

    /// `producer expenses remove`: takes an expense off by id.
    public static func removeExpense(_ id: String, store: any ProjectStore) async throws -> Expense {
        try await store.update { project in
            guard let i = project.expenses.firstIndex(where: { $0.id == id }) else {
                throw OfficeError("no expense \"\(id)\" (see `producer expenses list`)")
            }
            return project.expenses.remove(at: i)
        }
    }

    /// `producer budget scale --import`: replaces the project's union scale rates with a file's.
    public static func importScaleRates(from path: String, store: any ProjectStore) async throws -> UnionScaleRates {
        let currency = try await store.snapshot().settings.currency
        let rates: UnionScaleRates
        do { rates = try UnionScaleRates(contentsOf: path, currency: currency) } catch {
            throw OfficeError(error.description)
        }
        return try await store.update { project in
            guard project.settings.currency == currency else {
                throw OfficeError("the project's currency changed while the rates were read; import them again")
            }
            project.scaleRates = rates
            return rates
        }
    }

    /// `producer budget scale SESSION`: the union scale for a session (by title or id).
    public static func scaleCalculation(
        session key: String, store: any ProjectStore
    ) async throws -> (
        session: StudioSession, calculation: ScaleCalculation?
    ) {
        let project = try await store.snapshot()
        guard
            let session = project.sessions.first(where: {
                $0.id == key || $0.title.caseInsensitiveCompare(key) == .orderedSame
            })
        else {
            throw OfficeError("no session \"\(key)\": name a session's title or id (see `producer bookings list`)")
        }
        return (session, ScaleCalculation(session: session, in: project))
    }

    // MARK: - Reading what people typed

    static func songID(_ key: String, option: String, in project: ProjectSnapshot) throws -> String {
        if let song = project.songs.first(where: {
            $0.id == key || $0.title.caseInsensitiveCompare(key) == .orderedSame
        }) {
            return song.id
        }
        throw OfficeError("\(option) \(key): no song of that title or id in the project")
    }

    static func budgetCategory(_ text: String) throws -> BudgetCategory {
        guard let category = BudgetCategory(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw OfficeError(
                "--category \(text): not a budget category; use one of \(BudgetCategory.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        return category
    }

    static func amountRead(_ text: String, option: String, currency: String) throws -> Money {
        do throws(MoneyError) {
            return try Money(reading: text, currency: currency)
        } catch  where error.code == .negative {
            throw OfficeError("\(option) must be an amount of 0 or more, not \(text)")
        } catch {
            throw OfficeError("\(option): \(error.message)")
        }
    }

    static func receiptPath(_ path: String, projectFolder: String?) throws -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw OfficeError("--receipt \(path): no such file")
        }
        guard !isFolder.boolValue else { throw OfficeError("--receipt \(path): is a folder, not a file") }
        if let projectFolder {
            let folder = URL(fileURLWithPath: projectFolder).standardizedFileURL.path + "/"
            if url.path.hasPrefix(folder) { return String(url.path.dropFirst(folder.count)) }
        }
        return url.path
    }
}
