import Foundation

extension BudgetReport {
    /// The warnings, in the order of the table: lines, songs, categories, the whole.
    func makeWarnings() -> [String] {
        var warnings: [String] = []
        for row in lines where !row.onAlbumLine {
            if row.lineID == nil {
                let f = row.figures
                var spent: [String] = []
                if f.committed.minorUnits != 0 { spent.append("\(f.committed.formatted) committed") }
                if f.actual.minorUnits != 0 { spent.append("\(f.actual.formatted) spent") }
                warnings.append("\(row.label): \(spent.joined(separator: " and ")) with no budget line")
            } else if let text = BudgetReport.overrun(row.label, row.figures) {
                warnings.append(text)
            }
        }
        for row in songs {
            if let text = BudgetReport.overrun(row.songID == nil ? "Album as a whole" : row.label, row.figures) {
                warnings.append(text)
            }
        }
        for row in categories {
            if let text = BudgetReport.overrun(row.label + " (all songs)", row.figures) { warnings.append(text) }
        }
        if let text = BudgetReport.overrun("The whole budget", total) { warnings.append(text) }
        return warnings
    }

    /// "Strings — Slow Signal: forecast €3,120.00 is €620.00 (24.8 %) over the €2,500.00
    /// planned", or nil when the forecast is within the plan.
    static func overrun(_ label: String, _ figures: Figures) -> String? {
        let over = figures.forecast.minorUnits - figures.plan.minorUnits
        guard over > 0 else { return nil }
        let amount = Money(minorUnits: over, currency: figures.plan.currency)
        guard figures.plan.minorUnits > 0 else {
            return "\(label): forecast \(figures.forecast.formatted) with nothing planned"
        }
        return
            "\(label): forecast \(figures.forecast.formatted) is \(amount.formatted) (\(percent(over, of: figures.plan.minorUnits))) over the \(figures.plan.formatted) planned"
    }

    /// `part` as a percentage of `whole` to one decimal, rounded half up: 620 of 2 500 → "24.8 %".
    static func percent(_ part: Int64, of whole: Int64) -> String {
        let tenths = (part * 1_000 + whole / 2) / whole
        return "\(tenths / 10).\(tenths % 10) %"
    }
}
