import Foundation

extension Availability {
    /// The weekly hours and the exceptions within `interval` in words, as people say them:
    /// `Mon–Fri 10:00–19:00; not Jan 12 (gig)`, `Mondays 10:00–18:00`, `any time`.
    public func summary(within interval: DateInterval? = nil) -> String {
        var parts: [String] = []
        if weekly.isEmpty {
            parts.append("any time")
        } else {
            var byHours: [(start: Int, end: Int, days: [Weekday])] = []
            for window in weekly.sorted(by: { ($0.weekday, $0.startMinute) < ($1.weekday, $1.startMinute) }) {
                if let i = byHours.firstIndex(where: { $0.start == window.startMinute && $0.end == window.endMinute }) {
                    byHours[i].days.append(window.weekday)
                } else {
                    byHours.append((window.startMinute, window.endMinute, [window.weekday]))
                }
            }
            for group in byHours {
                parts.append("\(Self.days(group.days)) \(Self.clock(group.start))–\(Self.clock(group.end))")
            }
        }
        let formatter = DateFormatter.fixed("MMM d", timeZone: calendar.timeZone)
        let relevant = exceptions.filter { exception in
            guard let interval else { return true }
            return exception.end > interval.start && exception.start < interval.end
        }
        for exception in relevant.prefix(4) {
            let last = exception.end.addingTimeInterval(-1)
            var when = formatter.string(from: exception.start)
            if calendar.startOfDay(for: last) != calendar.startOfDay(for: exception.start) {
                when += "–" + formatter.string(from: last)
            }
            let note = exception.note.isEmpty ? "" : " (\(exception.note))"
            parts.append((exception.isBusy ? "not " : "also ") + when + note)
        }
        if relevant.count > 4 { parts.append("and \(relevant.count - 4) more exceptions") }
        return parts.joined(separator: "; ")
    }

    static func clock(_ minute: Int) -> String {
        let h = minute / 60, m = minute % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    static func days(_ days: [Weekday]) -> String {
        let sorted = Array(Set(days)).sorted()
        if sorted.count == 1 { return sorted[0].name + "s" }
        if sorted.count == 7 { return "every day" }
        let short = sorted.map { String($0.name.prefix(3)) }
        let consecutive = zip(sorted, sorted.dropFirst()).allSatisfy { $1.rawValue == $0.rawValue + 1 }
        if consecutive && sorted.count >= 3 { return short.first! + "–" + short.last! }
        return short.joined(separator: ", ")
    }
}
