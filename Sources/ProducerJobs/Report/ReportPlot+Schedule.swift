import Foundation
import ProducerOffice

extension ReportPlot {
    /// The booked sessions as a timeline: one row per person, then one per room, each session a
    /// bar coloured by its song (holds paler than confirmed bookings).
    static func schedule(_ lines: [ScheduleReport.Line], timeZone: TimeZone) -> ReportSVG {
        let people = Array(Set(lines.flatMap(\.people))).sorted()
        let rooms = Array(Set(lines.map { "\($0.studio) · \($0.room)" })).sorted()
        let songs = Array(Set(lines.map { $0.song ?? "other" })).sorted()
        let rowCount = max(1, people.count + rooms.count)
        let dayFormat = DateFormatter.fixed("EEE d MMM", timeZone: timeZone)
        let timeFormat = DateFormatter.fixed("EEE d MMM HH:mm", timeZone: timeZone)
        let hourFormat = DateFormatter.fixed("HH:mm", timeZone: timeZone)
        var svg = ReportSVG(
            kind: "schedule",
            title: lines.isEmpty
                ? "Schedule: nothing booked"
                : "Schedule: \(count(lines.count, "session", "sessions")) from \(dayFormat.string(from: lines.map(\.start).min()!)) to \(dayFormat.string(from: lines.map(\.end).max()!)), per person and per room",
            height: 70 + Double(rowCount) * 22 + (people.isEmpty || rooms.isEmpty ? 0 : 8))
        svg.left = 170
        svg.top = 34
        svg.bottom = 30
        guard let first = lines.map(\.start).min(), let last = lines.map(\.end).max() else {
            empty(&svg, "no sessions booked")
            return svg
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let from = calendar.startOfDay(for: first)
        let to = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: last)) ?? last
        let days = max(1, Int((to.timeIntervalSince(from) / 86_400).rounded()))
        // Each day shows only the working hours any session uses (nights cut), so sessions read wide.
        func hours(_ date: Date) -> Double {
            date.timeIntervalSince(calendar.startOfDay(for: date)) / 3600
        }
        var firstHour = (lines.map { hours($0.start) }.min() ?? 0).rounded(.down)
        var lastHour = (lines.map { hours($0.end) == 0 ? 24 : hours($0.end) }.max() ?? 24).rounded(.up)
        if lines.contains(where: { calendar.startOfDay(for: $0.start) != calendar.startOfDay(for: $0.end - 1) }) {
            firstHour = 0
            lastHour = 24
        }
        firstHour = max(0, firstHour - 1)
        lastHour = min(24, max(lastHour + 1, firstHour + 2))
        let dayWidth = (svg.plotRight - svg.plotLeft) / Double(days)
        let left = svg.plotLeft
        func x(_ date: Date, end: Bool = false) -> Double {
            let day =
                calendar.dateComponents([.day], from: from, to: calendar.startOfDay(for: end ? date - 1 : date)).day
                ?? 0
            var h = hours(date)
            if end && h == 0 { h = 24 }
            let within = min(1, max(0, (h - firstHour) / (lastHour - firstHour)))
            return left + (Double(day) + within) * dayWidth
        }
        let labelEvery = max(1, Int((Double(days) / 14).rounded(.up)))
        for d in 0...days {
            let date = calendar.date(byAdding: .day, value: d, to: from) ?? from
            let dx = left + Double(d) * dayWidth
            if d < days, calendar.isDateInWeekend(date) {
                svg.rect(x: dx, y: svg.plotTop, width: dayWidth, height: svg.plotBottom - svg.plotTop, fill: "#f3f4f6")
            }
            svg.line(dx, svg.plotTop, dx, svg.plotBottom, stroke: ReportColour.axis, width: 0.7)
            if d < days, d % labelEvery == 0 {
                svg.text(dayFormat.string(from: date), x: dx + 3, y: svg.plotBottom + 14, size: 9.5)
            }
        }
        if days <= 7 {
            let span = "\(Int(firstHour)):00–\(Int(lastHour)):00 each day"
            svg.text(span, x: svg.plotRight, y: svg.plotBottom + 14, anchor: "end", size: 9, fill: "#999")
        }
        var rows: [(label: String, matches: (ScheduleReport.Line) -> Bool)] = people.map { p in
            (p, { $0.people.contains(p) })
        }
        let roomStart = rows.count
        rows += rooms.map { r in (r, { "\($0.studio) · \($0.room)" == r }) }
        let top = svg.plotTop
        func rowY(_ i: Int) -> Double { top + 4 + Double(i) * 22 + (i >= roomStart && roomStart > 0 ? 8 : 0) }
        if !people.isEmpty { svg.text("people", x: 6, y: svg.plotTop - 6, size: 10, fill: "#888", weight: "600") }
        if !rooms.isEmpty {
            let y = rowY(roomStart) - 2
            svg.text("rooms", x: 6, y: y, size: 10, fill: "#888", weight: "600")
        }
        for (i, row) in rows.enumerated() {
            let y = rowY(i)
            if i % 2 == 0 {
                svg.rect(
                    x: svg.plotLeft, y: y - 2, width: svg.plotRight - svg.plotLeft, height: 20, fill: "#f9fafb",
                    opacity: 0.6)
            }
            svg.text(row.label, x: svg.plotLeft - 8, y: y + 12, anchor: "end", size: 11, fill: ReportColour.ink)
            for line in lines where row.matches(line) {
                let a = x(line.start), b = x(line.end, end: true)
                let song = songs.firstIndex(of: line.song ?? "other") ?? 0
                let hold = line.status != .confirmed
                svg.rect(
                    x: a, y: y, width: max(3, b - a), height: 16, fill: ReportColour.take(song),
                    opacity: hold ? 0.5 : 0.95, rx: 2, stroke: hold ? ReportColour.take(song) : nil,
                    tip: "\(line.session)" + (line.song.map { ", \($0)" } ?? "")
                        + " — \(timeFormat.string(from: line.start))–\(hourFormat.string(from: line.end)), \(line.studio), \(line.room) — "
                        + line.people.joined(separator: ", ") + (hold ? " (hold)" : " (confirmed)"))
                let fits = Int((b - a - 6) / 5.6)
                if fits >= 4 {
                    let name = line.session.count <= fits ? line.session : String(line.session.prefix(fits - 1)) + "…"
                    svg.text(name, x: a + 3, y: y + 11.5, size: 9, fill: hold ? ReportColour.ink : "#fff")
                }
            }
        }
        var lx = svg.plotLeft
        for (i, song) in songs.enumerated() {
            lx = svg.legend(song, colour: ReportColour.take(i), x: lx, y: 14)
        }
        svg.text("pale: hold, not confirmed", x: svg.plotRight, y: 14, anchor: "end", size: 10, fill: "#777")
        return svg
    }
}
