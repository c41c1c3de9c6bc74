import Foundation

extension BudgetReport {
    /// Where a song and a category of spending meet.
    struct Key: Hashable {
        var songID: String?
        var category: BudgetCategory
    }

    /// The budget of `project` at `now` (offers past their answer-by date are no longer open; see
    /// ``BudgetReport`` for how each figure is made).
    public init(project: ProjectSnapshot, now: Date) {
        let currency = project.settings.currency
        let commitments = Commitment.all(in: project, now: now)

        // Open commitments, part by part; expenses turn them into actual
        var open: [String: [Commitment.Part]] = [:]
        for commitment in commitments { open[commitment.id, default: []] += commitment.parts }
        var actual: [Key: Int64] = [:]
        let expenses = project.expenses.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        for expense in expenses {
            var left = expense.amount.minorUnits
            if let id = expense.covers, var parts = open[id] {
                // Parts in the expense's own category first, then the others in order
                let order = parts.indices.sorted { a, b in
                    (parts[a].category == expense.category ? 0 : 1, a) < (
                        parts[b].category == expense.category ? 0 : 1, b
                    )
                }
                for i in order where left > 0 {
                    let paid = min(left, max(0, parts[i].amount.minorUnits))
                    guard paid > 0 else { continue }
                    parts[i].amount.minorUnits -= paid
                    actual[Key(songID: parts[i].songID, category: parts[i].category), default: 0] += paid
                    left -= paid
                }
                open[id] = parts
            }
            if left != 0 { actual[Key(songID: expense.songID, category: expense.category), default: 0] += left }
        }
        var committed: [Key: Int64] = [:]
        for commitment in commitments {
            for part in open[commitment.id] ?? [] {
                committed[Key(songID: part.songID, category: part.category), default: 0] += part.amount.minorUnits
            }
        }

        // Spending to lines: the song's own line, else the album-wide line of the category
        var linesByKey: [Key: [Int]] = [:]
        for (i, line) in project.budget.enumerated() {
            linesByKey[Key(songID: line.songID, category: line.category), default: []].append(i)
        }
        var lineCommitted = [Int64](repeating: 0, count: project.budget.count)
        var lineActual = [Int64](repeating: 0, count: project.budget.count)
        var unbudgeted: [Key: (committed: Int64, actual: Int64)] = [:]
        var onAlbumLines: [Row] = []
        let keys = Set(committed.keys).union(actual.keys)
        for key in keys.sorted(by: { Self.order($0, $1, project) }) {
            let c = committed[key] ?? 0, a = actual[key] ?? 0
            guard c != 0 || a != 0 else { continue }
            let target = linesByKey[key] ?? linesByKey[Key(songID: nil, category: key.category)]
            guard let target else {
                unbudgeted[key] = (c, a)
                continue
            }
            if key.songID != nil && linesByKey[key] == nil {
                onAlbumLines.append(
                    Row(
                        label: Self.label(key.category.title, key, project) + " (on the album's line)", lineID: nil,
                        songID: key.songID, song: Self.title(key.songID, project), category: key.category,
                        figures: Figures(
                            plan: Money.zero(currency), committed: Money(minorUnits: c, currency: currency),
                            actual: Money(minorUnits: a, currency: currency),
                            forecast: Money(minorUnits: c + a, currency: currency)),
                        workDone: Self.workDone(key, in: project), onAlbumLine: true))
            }
            let weights = target.map { project.budget[$0].planned.minorUnits }
            for (i, share) in zip(target, Allocation.largestRemainder(c, weights: weights)) {
                lineCommitted[i] += share
            }
            for (i, share) in zip(target, Allocation.largestRemainder(a, weights: weights)) { lineActual[i] += share }
        }

        func money(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: currency) }
        func figures(plan: Int64, committed: Int64, actual: Int64, done: Bool) -> Figures {
            let spent = committed + actual
            let rest = done ? 0 : max(0, plan - spent)
            return Figures(
                plan: money(plan), committed: money(committed), actual: money(actual), forecast: money(spent + rest))
        }
        var rows: [Row] = []
        for (i, line) in project.budget.enumerated() {
            let key = Key(songID: line.songID, category: line.category)
            let done = Self.workDone(key, in: project)
            rows.append(
                Row(
                    label: Self.label(line.what, key, project),
                    lineID: line.id, songID: line.songID, song: Self.title(line.songID, project),
                    category: line.category,
                    figures: figures(
                        plan: line.planned.minorUnits, committed: lineCommitted[i], actual: lineActual[i], done: done),
                    workDone: done))
        }
        for key in unbudgeted.keys.sorted(by: { Self.order($0, $1, project) }) {
            let spent = unbudgeted[key]!
            rows.append(
                Row(
                    label: Self.label(key.category.title, key, project), lineID: nil, songID: key.songID,
                    song: Self.title(key.songID, project), category: key.category,
                    figures: figures(plan: 0, committed: spent.committed, actual: spent.actual, done: true),
                    workDone: Self.workDone(key, in: project)))
        }

        // Roll-ups: sums of the rows
        var songs: [Row] = []
        let songOrder: [String?] = project.songs.map(\.id) + [nil]
        for songID in songOrder {
            let own = rows.filter { $0.songID == songID }
            guard !own.isEmpty else { continue }
            songs.append(
                Row(
                    label: Self.title(songID, project) ?? "Album", lineID: nil, songID: songID,
                    song: Self.title(songID, project), category: nil,
                    figures: own.reduce(.zero(currency)) { $0 + $1.figures }, workDone: own.allSatisfy(\.workDone)))
        }
        // Rows of songs no longer in the project
        for row in rows where row.songID != nil && !project.songs.contains(where: { $0.id == row.songID }) {
            if !songs.contains(where: { $0.songID == row.songID }) {
                let own = rows.filter { $0.songID == row.songID }
                songs.append(
                    Row(
                        label: row.songID!, lineID: nil, songID: row.songID, song: nil, category: nil,
                        figures: own.reduce(.zero(currency)) { $0 + $1.figures }, workDone: own.allSatisfy(\.workDone)))
            }
        }
        var categories: [Row] = []
        for category in BudgetCategory.allCases {
            let own = rows.filter { $0.category == category }
            guard !own.isEmpty else { continue }
            categories.append(
                Row(
                    label: category.title, lineID: nil, songID: nil, song: nil, category: category,
                    figures: own.reduce(.zero(currency)) { $0 + $1.figures }, workDone: own.allSatisfy(\.workDone)))
        }
        let total = rows.reduce(Figures.zero(currency)) { $0 + $1.figures }
        self.init(
            currency: currency, lines: rows, songs: songs, categories: categories, total: total,
            commitments: commitments, warnings: [])
        songSpendingOnAlbumLines = onAlbumLines
        warnings = makeWarnings()
    }

    /// "Strings — Slow Signal", "Artwork — album".
    /// A line's label as the report shows it: `strings — Slow Signal`, `Mastering — album`.
    static func label(of line: BudgetLine, in project: ProjectSnapshot) -> String {
        label(line.what, Key(songID: line.songID, category: line.category), project)
    }

    static func label(_ what: String, _ key: Key, _ project: ProjectSnapshot) -> String {
        what + " — " + (title(key.songID, project) ?? "album")
    }

    static func title(_ songID: String?, _ project: ProjectSnapshot) -> String? {
        guard let songID else { return nil }
        return project.songs.first { $0.id == songID }?.title ?? songID
    }

    /// Songs in the project's order, the album last, then categories in their order.
    static func order(_ a: Key, _ b: Key, _ project: ProjectSnapshot) -> Bool {
        func rank(_ id: String?) -> Int {
            guard let id else { return Int.max }
            return project.songs.firstIndex { $0.id == id } ?? Int.max - 1
        }
        let categories = BudgetCategory.allCases
        return (rank(a.songID), a.songID ?? "", categories.firstIndex(of: a.category)!)
            < (rank(b.songID), b.songID ?? "", categories.firstIndex(of: b.category)!)
    }

    /// True when the sessions whose spending the line holds are all done (and there is one).
    static func workDone(_ key: Key, in project: ProjectSnapshot) -> Bool {
        let kinds: Set<StudioSession.Kind>
        switch key.category {
        case .studio, .musicians, .engineering: kinds = [.tracking, .overdub, .vocals, .editing]
        case .mixing: kinds = [.mixing]
        case .mastering: kinds = [.mastering]
        case .equipment, .travel, .artwork, .marketing, .contingency: return false
        }
        let sessions = project.sessions.filter {
            kinds.contains($0.kind) && (key.songID == nil || $0.songID == key.songID)
        }
        return !sessions.isEmpty && sessions.allSatisfy(\.isDone)
    }
}
