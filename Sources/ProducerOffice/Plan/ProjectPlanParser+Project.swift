import Foundation
import Yams

/// The plan's newer keys: a song's ratings, energy and codes, a person's styles, the `project:`
/// settings and the `budget:` lines.
extension ProjectPlanParser {
    /// `ratings: { artist: 8, producer: 7, market: 6 }`, `energy: 6`, `isrc:` and `iswc:`.
    func songChoice(_ m: [String: Node], _ key: String, into song: inout Song) throws(ProjectPlanError) {
        if let n = m["ratings"] {
            let r = try mapping(n, key + ".ratings", allowed: ["artist", "producer", "market"])
            song.ratings.artist = try r["artist"].map { n throws(ProjectPlanError) in
                try integer(n, key + ".ratings.artist", in: 1...10)
            }
            song.ratings.producer = try r["producer"].map { n throws(ProjectPlanError) in
                try integer(n, key + ".ratings.producer", in: 1...10)
            }
            song.ratings.market = try r["market"].map { n throws(ProjectPlanError) in
                try integer(n, key + ".ratings.market", in: 1...10)
            }
        }
        if let n = m["energy"] { song.energy = try integer(n, key + ".energy", in: 1...10) }
        if let n = m["isrc"] {
            let text = try self.text(n, key + ".isrc")
            do throws(RecordingCodeError) {
                song.isrc = try RecordingCode.isrc(text)
            } catch {
                throw self.error(n, key + ".isrc", .badValue, error.description)
            }
        }
        if let n = m["iswc"] {
            let text = try self.text(n, key + ".iswc")
            do throws(RecordingCodeError) {
                song.iswc = try RecordingCode.iswc(text)
            } catch {
                throw self.error(n, key + ".iswc", .badValue, error.description)
            }
        }
    }

    /// `styles: [soul, gospel]`, kept in lower case, each once.
    func styles(_ node: Node, _ key: String) throws(ProjectPlanError) -> [String] {
        var result: [String] = []
        for style in try texts(node, key).map({ $0.lowercased() }) where !result.contains(style) {
            result.append(style)
        }
        return result
    }

    /// `project: { maxWorkPerDay: 9h, break: 45m, latenessPenalty: 150, start: 2027-03-01,
    /// deadline: 2027-03-26 }`.
    func projectSettings(
        _ node: Node, _ key: String
    ) throws(ProjectPlanError)
        -> ProjectPlan.Item<
            ProjectPlan.SettingsDraft
        >
    {
        let m = try mapping(
            node, key, allowed: ["maxWorkPerDay", "break", "latenessPenalty", "start", "deadline"])
        var draft = ProjectPlan.SettingsDraft()
        if let n = m["maxWorkPerDay"] {
            let minutes = try duration(n, key + ".maxWorkPerDay")
            guard minutes >= 60 else {
                throw error(
                    n, key + ".maxWorkPerDay", .badValue,
                    "\"\(n.string ?? "")\" is too short a working day; give at least 1h (e.g. 9h)")
            }
            draft.maxWorkMinutesPerDay = minutes
        }
        if let n = m["break"] {
            let text = try self.text(n, key + ".break")
            guard let minutes = Self.minutes(text), minutes >= 0, minutes <= 480 else {
                throw error(
                    n, key + ".break", .badValue,
                    "\"\(text)\" is not a length of time; write 45m, 1h, 0 or 60 (minutes), at most 8h")
            }
            draft.breakMinutes = minutes
        }
        if let n = m["latenessPenalty"] { draft.latenessPenaltyPerDay = try money(n, key + ".latenessPenalty") }
        if let n = m["start"] { draft.planStart = try day(n, key + ".start") }
        if let n = m["deadline"] { draft.deadline = try day(n, key + ".deadline") }
        if let start = draft.planStart, let deadline = draft.deadline, start > deadline {
            throw error(m["start"], key + ".start", .badTimeRange, "is after the deadline: \(key).deadline")
        }
        return .init(value: draft, idIsGiven: true, place: place(node, key))
    }

    /// A whole day (`2027-03-01`), the start of that day in the project's time zone.
    func day(_ node: Node, _ key: String) throws(ProjectPlanError) -> Date {
        let (date, isDay) = try time(node, key, timeZone: settings.timeZone)
        guard isDay else { throw error(node, key, .badValue, "must be a day (yyyy-mm-dd), not a time") }
        return date
    }

    /// `{ id: strings, song: Night Trains, category: musicians, amount: 2500, description: strings }`.
    func budgetLine(_ node: Node, _ key: String) throws(ProjectPlanError) -> ProjectPlan.Item<ProjectPlan.BudgetDraft> {
        let m = try mapping(node, key, allowed: ["id", "song", "category", "amount", "description"])
        guard let categoryNode = m["category"] else {
            throw error(
                node, key + ".category", .missingKey,
                "is missing: one of \(BudgetCategory.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let amountNode = m["amount"] else {
            throw error(node, key + ".amount", .missingKey, "is missing (e.g. amount: 2500)")
        }
        let category = try choice(categoryNode, key + ".category", BudgetCategory.self)
        let song = try m["song"].map { n throws(ProjectPlanError) in
            ProjectPlan.Reference(text: try text(n, key + ".song"), place: place(n, key + ".song"))
        }
        let description = try optionalText(m["description"], key + ".description") ?? ""
        let id =
            try optionalText(m["id"], key + ".id")
            ?? OfficeJobs.slug(
                [song?.text ?? "album", category.rawValue, description].filter { !$0.isEmpty }.joined(separator: " "))
        let line = BudgetLine(
            id: id, category: category, description: description, planned: try money(amountNode, key + ".amount"))
        return .init(value: .init(line: line, song: song), idIsGiven: m["id"] != nil, place: place(node, key))
    }
}
