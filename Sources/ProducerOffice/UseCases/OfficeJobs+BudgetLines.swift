import Foundation

extension OfficeJobs {
    /// Finds a budget line by its id, by its label as `producer budget` shows it (`strings — Slow
    /// Signal`), or by its description when only one line has it.
    static func budgetLineIndex(_ key: String, in project: ProjectSnapshot) throws -> Int {
        if let i = project.budget.firstIndex(where: { $0.id == key }) { return i }
        let same = { (a: String, b: String) in a.caseInsensitiveCompare(b) == .orderedSame }
        if let i = project.budget.firstIndex(where: { same(BudgetReport.label(of: $0, in: project), key) }) { return i }
        let described = project.budget.indices.filter { same(project.budget[$0].description, key) }
        if described.count == 1 { return described[0] }
        if described.count > 1 {
            throw OfficeError(
                "\(described.count) budget lines are described \"\(key)\": name one by its id ("
                    + described.map { project.budget[$0].id }.joined(separator: ", ") + ")")
        }
        throw OfficeError(
            "no budget line \"\(key)\": name it by its id or as `producer budget` shows it (see `producer budget --json`)",
            code: .notFound)
    }

    /// `producer budget edit`: changes what is given of a planned line.
    public static func editBudgetLine(
        _ key: String, category: String?, amount: String?, song: String?, album: Bool, description: String?,
        store: any ProjectStore
    ) async throws -> BudgetLine {
        if album && song != nil { throw OfficeError("--song and --album: a line is for one song or the album") }
        return try await store.update { project in
            let i = try budgetLineIndex(key, in: project)
            var line = project.budget[i]
            if let category { line.category = try budgetCategory(category) }
            if let amount {
                line.planned = try amountRead(amount, option: "--amount", currency: project.settings.currency)
            }
            if let song { line.songID = try songID(song, option: "--song", in: project) }
            if album { line.songID = nil }
            if let description { line.description = description }
            project.budget[i] = line
            return line
        }
    }

    /// `producer budget remove`: takes a planned line off the budget. What was committed or spent
    /// against it stays, and shows as spending with no line.
    public static func removeBudgetLine(_ key: String, store: any ProjectStore) async throws -> BudgetLine {
        try await store.update { project in
            let i = try budgetLineIndex(key, in: project)
            return project.budget.remove(at: i)
        }
    }
}
