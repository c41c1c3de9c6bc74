import Foundation

extension BudgetReport {
    /// The report for one song only: its lines, and its spending kept in album-wide lines (with
    /// no plan of its own), rolled up again per category and in total, with the warnings that
    /// concern it.
    public func only(songID: String) -> BudgetReport {
        var copy = self
        copy.lines =
            lines.filter { $0.songID == songID }
            + songSpendingOnAlbumLines.filter { $0.songID == songID }
        copy.songSpendingOnAlbumLines = []
        copy.songs = songs.filter { $0.songID == songID }.map { song in
            var song = song
            song.figures = copy.lines.reduce(.zero(currency)) { $0 + $1.figures }
            song.workDone = copy.lines.allSatisfy(\.workDone)
            return song
        }
        if copy.songs.isEmpty, let first = copy.lines.first {
            copy.songs = [
                Row(
                    label: first.song ?? songID, lineID: nil, songID: songID, song: first.song, category: nil,
                    figures: copy.lines.reduce(.zero(currency)) { $0 + $1.figures },
                    workDone: copy.lines.allSatisfy(\.workDone))
            ]
        }
        copy.categories = BudgetCategory.allCases.compactMap { category in
            let own = copy.lines.filter { $0.category == category }
            guard !own.isEmpty else { return nil }
            return Row(
                label: category.title, lineID: nil, songID: songID, song: own[0].song, category: category,
                figures: own.reduce(.zero(currency)) { $0 + $1.figures }, workDone: own.allSatisfy(\.workDone))
        }
        copy.total = copy.lines.reduce(.zero(currency)) { $0 + $1.figures }
        copy.commitments = commitments.compactMap { commitment in
            var kept = commitment
            kept.parts = commitment.parts.filter { $0.songID == songID }
            return kept.parts.isEmpty ? nil : kept
        }
        copy.warnings = []
        copy.warnings = copy.makeWarnings()
        return copy
    }

    /// An amount as a plain decimal, for CSV: `3120.00`, `-12.50`.
    public static func decimal(_ money: Money) -> String {
        let magnitude = money.minorUnits.magnitude
        let cents = magnitude % 100
        return (money.minorUnits < 0 ? "-" : "") + "\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// The report as an RFC 4180 table: one record per line, song, category and the total, with
    /// the amounts as plain decimals in ``currency``.
    public var csv: CSV {
        var table = CSV(header: [
            "level", "label", "song", "category", "currency", "plan", "committed", "actual", "variance", "forecast",
            "work done",
        ])
        func add(_ level: String, _ row: Row) {
            let f = row.figures
            table.append([
                level, row.label, row.song ?? "", row.category?.rawValue ?? "", currency, Self.decimal(f.plan),
                Self.decimal(f.committed), Self.decimal(f.actual), Self.decimal(f.variance), Self.decimal(f.forecast),
                row.workDone ? "yes" : "no",
            ])
        }
        for row in lines { add("line", row) }
        for row in songs { add("song", row) }
        for row in categories { add("category", row) }
        add("total", Row(label: "Total", figures: total, workDone: false))
        return table
    }

    /// The report as a text table: the lines by song, the songs, the categories, the total, then
    /// the warnings.
    public var text: String {
        let header = ["", "Plan", "Committed", "Actual", "Variance", "Forecast"]
        var sections: [(String, [[String]])] = []
        func cells(_ label: String, _ f: Figures) -> [String] {
            [
                label, f.plan.formatted, f.committed.formatted, f.actual.formatted, f.variance.formatted,
                f.forecast.formatted,
            ]
        }
        sections.append(("Lines", lines.map { cells($0.label, $0.figures) }))
        sections.append(("By song", songs.map { cells($0.label, $0.figures) }))
        sections.append(("By category", categories.map { cells($0.label, $0.figures) }))
        let all = [header] + sections.flatMap(\.1) + [cells("Total", total)]
        var widths = [Int](repeating: 0, count: header.count)
        for row in all { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func render(_ row: [String]) -> String {
            row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ") + "\n"
        }
        var text = render(header)
        for (title, rows) in sections where !rows.isEmpty {
            text += "\n" + title + "\n"
            for row in rows { text += render(row) }
        }
        text += "\n" + render(cells("Total", total))
        if lines.isEmpty {
            text += "\nNo budget lines yet: add one with `producer budget add --category C --amount X`.\n"
        }
        if !warnings.isEmpty {
            text += "\nWarnings:\n"
            for warning in warnings { text += "  " + warning + "\n" }
        }
        return text
    }
}

extension BudgetReport.Row {
    init(label: String, figures: BudgetReport.Figures, workDone: Bool) {
        self.init(
            label: label, lineID: nil, songID: nil, song: nil, category: nil, figures: figures, workDone: workDone)
    }
}
