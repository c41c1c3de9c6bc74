import Foundation

/// `producer tasks` and `producer deliverables`: work given to people with due dates, the usual
/// delivery set per song, and what arrived for each.
extension OfficeJobs {
    /// The usual files a song is delivered as, in the order they are asked for.
    public static let deliverySet: [ProjectTask.Deliverable] = [.mainMix, .instrumental, .aCappella, .tvMix, .stems]

    /// Reads a due date: a day (`2027-03-12`, the end of that day in the project's time zone) or a
    /// time (`2027-03-12T18:00`).
    public static func dueDate(_ text: String, timeZone: String, option: String = "--due") throws -> Date {
        let date = try date(text, timeZone: timeZone, option: option)
        guard !text.contains("T") else { return date }
        let calendar = Calendar.gregorian(timeZone: timeZone)
        return calendar.date(byAdding: .second, value: 86_399, to: calendar.startOfDay(for: date)) ?? date
    }

    /// Reads a deliverable as people write it: `main mix`, `main-mix`, `TV mix`, `a cappella`, `stems`.
    public static func deliverable(_ text: String) throws -> ProjectTask.Deliverable {
        let words = text.lowercased().split { $0 == " " || $0 == "-" || $0 == "_" }.joined(separator: " ")
        if let found = ProjectTask.Deliverable(rawValue: words) { return found }
        if words == "acappella" || words == "a capella" { return .aCappella }
        throw OfficeError(
            "--deliverable \(text): not a deliverable; write one of "
                + ProjectTask.Deliverable.allCases.map(\.rawValue).joined(separator: ", "))
    }

    /// Finds a person by name (case aside) or id.
    static func personID(_ key: String, in project: ProjectSnapshot, option: String) throws -> String {
        if let person = project.person(named: key) ?? project.people.first(where: { $0.id == key }) {
            return person.id
        }
        throw OfficeError(
            "\(option)\(option.isEmpty ? "" : " ")\(key): nobody of that name in the project (see `producer people list`)"
        )
    }

    /// Finds a song by title (case aside) or id.
    static func songID(_ key: String, in project: ProjectSnapshot) throws -> String {
        if let song = project.songs.first(where: {
            $0.id == key || $0.title.caseInsensitiveCompare(key) == .orderedSame
        }) {
            return song.id
        }
        throw OfficeError("--song \(key): no song of that title in the project")
    }

    /// Finds a task by id, or by its title when only one task has it.
    static func taskIndex(_ key: String, in project: ProjectSnapshot) throws -> Int {
        if let i = project.tasks.firstIndex(where: { $0.id == key }) { return i }
        let named = project.tasks.indices.filter { project.tasks[$0].title.caseInsensitiveCompare(key) == .orderedSame }
        if named.count == 1 { return named[0] }
        if named.count > 1 {
            throw OfficeError(
                "\(named.count) tasks are called \"\(key)\" ("
                    + named.map { project.tasks[$0].id }.joined(separator: ", ")
                    + "): name one by its id (see `producer tasks list`)")
        }
        throw OfficeError("no task \"\(key)\": name a task by its id or title (see `producer tasks list`)")
    }

    /// The next free task id: `t1`, `t2`…
    static func nextTaskID(in project: ProjectSnapshot) -> String {
        let numbers = project.tasks.compactMap { $0.id.hasPrefix("t") ? Int($0.id.dropFirst()) : nil }
        return "t\((numbers.max() ?? 0) + 1)"
    }

    /// `producer tasks add`: gives a person a piece of work with a due date.
    public static func addTask(
        person: String, title: String, song: String?, due: String, deliverable: String?, store: any ProjectStore
    ) async throws -> ProjectTask {
        let trimmed = title.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw OfficeError("the task needs a title, e.g. \"comp lead vocal\"") }
        let kind = try deliverable.map { try Self.deliverable($0) }
        return try await store.update { project in
            let task = ProjectTask(
                id: nextTaskID(in: project), personID: try personID(person, in: project, option: ""), title: trimmed,
                songID: try song.map { try songID($0, in: project) }, deliverable: kind,
                due: try dueDate(due, timeZone: project.settings.timeZone))
            project.tasks.append(task)
            return task
        }
    }

    /// `producer tasks done`: marks a task done at `now`.
    public static func finishTask(
        _ key: String, store: any ProjectStore, now: Date = Date()
    ) async throws -> ProjectTask {
        try await store.update { project in
            let i = try taskIndex(key, in: project)
            guard project.tasks[i].state != .done && project.tasks[i].state != .delivered else {
                throw OfficeError("\(project.tasks[i].id) is already \(project.tasks[i].state.rawValue)")
            }
            project.tasks[i].state = .done
            project.tasks[i].completedAt = now
            return project.tasks[i]
        }
    }

    /// `producer deliverables plan`: gives `person` the usual delivery set for each song (every song
    /// when none is named), skipping a deliverable already planned for that song.
    /// - Returns: the tasks added and the ones skipped as already planned.
    public static func planDeliverables(
        songs: [String], to person: String, due: String, store: any ProjectStore
    ) async throws -> (added: [ProjectTask], skipped: [ProjectTask]) {
        try await store.update { project in
            let who = try personID(person, in: project, option: "--to")
            let dueAt = try dueDate(due, timeZone: project.settings.timeZone)
            let songIDs = songs.isEmpty ? project.songs.map(\.id) : try songs.map { try songID($0, in: project) }
            guard !songIDs.isEmpty else { throw OfficeError("the project has no songs to deliver") }
            var added: [ProjectTask] = [], skipped: [ProjectTask] = []
            for song in songIDs {
                for kind in deliverySet {
                    if let existing = project.tasks.first(where: { $0.songID == song && $0.deliverable == kind }) {
                        skipped.append(existing)
                        continue
                    }
                    let task = ProjectTask(
                        id: nextTaskID(in: project), personID: who, title: kind.rawValue, songID: song,
                        deliverable: kind, due: dueAt)
                    project.tasks.append(task)
                    added.append(task)
                }
            }
            return (added, skipped)
        }
    }

    /// The task a delivery is for and what its files must be: read before the files are checked.
    public static func deliveryTarget(
        _ key: String, store: any ProjectStore
    ) async throws -> (task: ProjectTask, rules: DeliveryRules, parts: DeliveryRules.NameParts) {
        let project = try await store.snapshot()
        let task = project.tasks[try taskIndex(key, in: project)]
        return (task, project.deliveryRules ?? DeliveryRules(), DeliveryRules.NameParts(task: task, in: project))
    }

    /// Records what arrived for a task: delivered at `now` when `findings` is empty, else
    /// rejected with them. The files stay where they are; their paths are kept.
    public static func recordDelivery(
        task key: String, files: [String], findings: [String], store: any ProjectStore, now: Date = Date()
    ) async throws -> ProjectTask {
        try await store.update { project in
            let i = try taskIndex(key, in: project)
            project.tasks[i].file = files.joined(separator: "\n")
            project.tasks[i].findings = findings
            if findings.isEmpty {
                project.tasks[i].state = .delivered
                project.tasks[i].completedAt = now
            } else {
                project.tasks[i].state = .rejected
                project.tasks[i].completedAt = nil
            }
            return project.tasks[i]
        }
    }
}
