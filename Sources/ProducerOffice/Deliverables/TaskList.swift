import Foundation

/// The tasks as people read them: "Ada Novak: comp lead vocal, Slow Signal, due Fri 12 Mar — 2 days late".
public struct TaskList: Codable, Sendable {
    public var tasks: [Line]

    /// One task with its person's and song's names and how late it is.
    public struct Line: Codable, Sendable {
        public var id: String
        public var person: String
        public var title: String
        public var song: String?
        public var deliverable: ProjectTask.Deliverable?
        public var due: Date
        public var state: ProjectTask.State
        public var completedAt: Date?
        public var file: String?
        public var findings: [String]
        /// Days past due: still open (overdue) or delivered after the due day; 0 when on time.
        public var daysLate: Int
        /// True when it is still to do and past due.
        public var isLate: Bool
        /// The line in words.
        public var text: String
    }

    /// The project's tasks, sorted by due date, optionally only one person's or only the late ones.
    public init(project: ProjectSnapshot, now: Date, person: String? = nil, lateOnly: Bool = false) {
        let calendar = project.settings.calendar
        tasks = project.tasks
            .filter { person == nil || $0.personID == person }
            .filter { !lateOnly || $0.isLate(at: now) }
            .sorted { ($0.due, $0.id) < ($1.due, $1.id) }
            .map { Self.line($0, in: project, now: now, calendar: calendar) }
    }

    /// The tasks still to do and past due, for `producer status`.
    public static func late(in project: ProjectSnapshot, now: Date) -> [Line] {
        TaskList(project: project, now: now, lateOnly: true).tasks
    }

    /// Whole days from `due`'s day to `end`'s day, in the project's calendar; at least 1 once `end` is past `due`.
    public static func daysLate(due: Date, end: Date, calendar: Calendar) -> Int {
        guard end > due else { return 0 }
        let days =
            calendar.dateComponents([.day], from: calendar.startOfDay(for: due), to: calendar.startOfDay(for: end)).day
            ?? 0
        return max(1, days)
    }

    static func line(_ task: ProjectTask, in project: ProjectSnapshot, now: Date, calendar: Calendar) -> Line {
        let person = project.people.first { $0.id == task.personID }?.name ?? task.personID
        let song = task.songID.flatMap { id in project.songs.first { $0.id == id }?.title }
        let finished = task.state == .delivered || task.state == .done
        let late = task.isLate(at: now)
        let daysLate =
            finished
            ? task.completedAt.map { Self.daysLate(due: task.due, end: $0, calendar: calendar) } ?? 0
            : Self.daysLate(due: task.due, end: now, calendar: calendar)
        var text = "\(person): \(task.title)"
        if let song { text += ", \(song)" }
        text += ", due \(dueText(task.due, calendar: calendar))"
        switch task.state {
        case .open, .rejected:
            if task.state == .rejected {
                text += " — rejected (\(task.findings.count) reason\(task.findings.count == 1 ? "" : "s"))"
            }
            if late { text += " — \(daysLate) day\(daysLate == 1 ? "" : "s") late" }
        case .delivered, .done:
            let word = task.state == .delivered ? "delivered" : "done"
            let when = task.completedAt.map { " " + dueText($0, calendar: calendar) } ?? ""
            text += " — \(word)\(when)" + (daysLate > 0 ? ", \(daysLate) day\(daysLate == 1 ? "" : "s") late" : "")
        }
        return Line(
            id: task.id, person: person, title: task.title, song: song, deliverable: task.deliverable, due: task.due,
            state: task.state, completedAt: task.completedAt, file: task.file, findings: task.findings,
            daysLate: daysLate, isLate: late, text: text)
    }

    /// `Fri 12 Mar`, with the time when it is not the end of the day: `Fri 12 Mar 18:00`.
    public static func dueText(_ date: Date, calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
        let endOfDay = parts.hour == 23 && parts.minute == 59 && parts.second == 59
        let startOfDay = parts.hour == 0 && parts.minute == 0 && parts.second == 0
        let pattern = endOfDay || startOfDay ? "EEE d MMM" : "EEE d MMM HH:mm"
        return DateFormatter.fixed(pattern, timeZone: calendar.timeZone).string(from: date)
    }

    /// The list as people read it, one task a line with its id.
    public func text() -> String {
        guard !tasks.isEmpty else { return "No tasks." }
        return tasks.map { line in
            var text =
                "\(line.isLate ? "!" : line.state == .delivered || line.state == .done ? "✓" : "·") \(line.text) [\(line.id)]"
            for finding in line.findings where line.state == .rejected { text += "\n    - \(finding)" }
            return text
        }.joined(separator: "\n")
    }
}
