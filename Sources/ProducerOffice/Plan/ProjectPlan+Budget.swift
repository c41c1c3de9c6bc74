import Foundation

extension ProjectPlan {
    /// Sets what the plan's `project:` section gives; says what changed (`break 45 min`).
    func applySettings(_ draft: SettingsDraft, to settings: inout ProjectSettings) -> [String] {
        var changed: [String] = []
        let day = DateFormatter.fixed("yyyy-MM-dd", timeZone: settings.calendar.timeZone)
        if let v = draft.maxWorkMinutesPerDay, v != settings.maxWorkMinutesPerDay {
            settings.maxWorkMinutesPerDay = v
            changed.append("longest working day \(Self.minutesText(v))")
        }
        if let v = draft.breakMinutes, v != settings.breakMinutes {
            settings.breakMinutes = v
            changed.append("break \(Self.minutesText(v))")
        }
        if let v = draft.latenessPenaltyPerDay, v != settings.latenessPenaltyPerDay {
            settings.latenessPenaltyPerDay = v
            changed.append("lateness \(v.formatted) a day")
        }
        if let v = draft.planStart, v != settings.planStart {
            settings.planStart = v
            changed.append("start \(day.string(from: v))")
        }
        if let v = draft.deadline, v != settings.deadline {
            settings.deadline = v
            changed.append("deadline \(day.string(from: v))")
        }
        return changed
    }

    /// `9 h`, `45 min`, `1 h 30 min`.
    static func minutesText(_ minutes: Int) -> String {
        if minutes < 60 { return "\(minutes) min" }
        return "\(minutes / 60) h" + (minutes % 60 == 0 ? "" : " \(minutes % 60) min")
    }

    /// Adds or updates the plan's budget lines. A line without an id takes that of the project's
    /// line for the same song, category and description, or else a slug of those.
    func applyBudget(to project: inout ProjectSnapshot, report: inout ImportReport) throws(ProjectPlanError) {
        guard !budgetItems.isEmpty else { return }
        let songNames = NameIndex(project.songs.map { ($0.id, $0.title) })
        var positions = Self.positions(of: project.budget)
        var seen: [String: Item<BudgetDraft>] = [:]
        for item in budgetItems {
            var line = item.value.line
            if let song = item.value.song { line.songID = try resolve(song, among: songNames, kind: "song") }
            if !item.idIsGiven {
                if let same = project.budget.first(where: {
                    $0.songID == line.songID && $0.category == line.category && $0.description == line.description
                        && seen[$0.id] == nil
                }) {
                    line.id = same.id
                } else {
                    line.id = OfficeJobs.slug(
                        [line.songID ?? "album", line.category.rawValue, line.description].filter { !$0.isEmpty }
                            .joined(separator: " "))
                }
            }
            if let first = seen[line.id] {
                throw error(
                    item.place, code: .duplicate,
                    "two budget lines in the plan have the id \"\(line.id)\" (the other is at line \(first.place.line ?? 0)); give one an id: of its own"
                )
            }
            seen[line.id] = item
            let name =
                (project.songs.first { $0.id == line.songID }?.title ?? "album") + " — " + line.category.rawValue
                + (line.description.isEmpty ? "" : " (\(line.description))")
            report.budget.note(name, upsert(line, into: &project.budget, positions: &positions))
        }
    }
}
