import Foundation

/// On-time delivery per person: how many tasks were due, delivered on time, late (and by how
/// many days), still open, and overdue.
public struct DeliveryReport: Codable, Sendable {
    public var now: Date
    public var people: [PersonLine]

    /// One person's record.
    public struct PersonLine: Codable, Sendable {
        public var person: String
        /// Every task given to them.
        public var tasks: Int
        /// Tasks whose due time has passed, or that are finished.
        public var due: Int
        /// Finished by their due time.
        public var onTime: Int
        /// Finished after their due time: each task with its days late.
        public var deliveredLate: [Late]
        /// Still to do, not yet due.
        public var open: Int
        /// Still to do and past due: each with its days late so far.
        public var overdue: [Late]
        /// Finished on time out of those due, in whole percent (half up); nil when none was due.
        public var onTimePercent: Int?
    }

    /// A late task and by how many days.
    public struct Late: Codable, Sendable {
        public var task: String
        public var title: String
        public var days: Int
    }

    /// The report as of `now`, people in the order of the project.
    public init(project: ProjectSnapshot, now: Date) {
        self.now = now
        let calendar = project.settings.calendar
        var order = project.people.map(\.id)
        for task in project.tasks where !order.contains(task.personID) { order.append(task.personID) }
        people = order.compactMap { id in
            let mine = project.tasks.filter { $0.personID == id }
            guard !mine.isEmpty else { return nil }
            let name = project.people.first { $0.id == id }?.name ?? id
            func title(_ t: ProjectTask) -> String {
                t.title + (t.songID.flatMap { s in project.songs.first { $0.id == s }?.title }.map { ", \($0)" } ?? "")
            }
            var onTime = 0, open = 0
            var lateOnes: [Late] = [], overdue: [Late] = []
            for task in mine.sorted(by: { ($0.due, $0.id) < ($1.due, $1.id) }) {
                switch task.state {
                case .delivered, .done:
                    let end = task.completedAt ?? task.due
                    if end > task.due {
                        lateOnes.append(
                            Late(
                                task: task.id, title: title(task),
                                days: TaskList.daysLate(due: task.due, end: end, calendar: calendar)))
                    } else {
                        onTime += 1
                    }
                case .open, .rejected:
                    if task.isLate(at: now) {
                        overdue.append(
                            Late(
                                task: task.id, title: title(task),
                                days: TaskList.daysLate(due: task.due, end: now, calendar: calendar)))
                    } else {
                        open += 1
                    }
                }
            }
            let due = onTime + lateOnes.count + overdue.count
            let percent = due == 0 ? nil : (onTime * 200 + due) / (2 * due)
            return PersonLine(
                person: name, tasks: mine.count, due: due, onTime: onTime, deliveredLate: lateOnes, open: open,
                overdue: overdue, onTimePercent: percent)
        }
    }

    /// The report as people read it.
    public func text() -> String {
        guard !people.isEmpty else { return "No tasks yet." }
        var out: [String] = []
        for line in people {
            var head = "\(line.person): \(line.onTime) of \(line.due) due on time"
            if let percent = line.onTimePercent { head += " (\(percent) %)" }
            head += "; \(line.deliveredLate.count) delivered late, \(line.overdue.count) overdue, \(line.open) open"
            out.append(head)
            for late in line.deliveredLate {
                out.append("  late: \(late.title) — \(late.days) day\(late.days == 1 ? "" : "s") late [\(late.task)]")
            }
            for late in line.overdue {
                out.append(
                    "  overdue: \(late.title) — \(late.days) day\(late.days == 1 ? "" : "s") late [\(late.task)]")
            }
        }
        return out.joined(separator: "\n")
    }
}
