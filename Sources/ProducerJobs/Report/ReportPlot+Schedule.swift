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
        let x = Scale(
            domain: (0, to.timeIntervalSince(from)), range: (svg.plotLeft, svg.plotRight))
        let days = Int((to.timeIntervalSince(from) / 86_400).rounded())
        let labelEvery = max(1, Int((Double(days) / 14).rounded(.up)))
        for d in 0...days {
            let t = Double(d) * 86_400
            let date = calendar.date(byAdding: .day, value: d, to: from) ?? from
            let weekend = calendar.isDateInWeekend(date)
            if d < days, weekend {
                svg.rect(x: x(t), y: svg.plotTop, width: x(t + 86_400) - x(t), height: svg.plotBottom - svg.plotTop, fill: "#f3f4f6")
            }
            svg.line(x(t), svg.plotTop, x(t), svg.plotBottom, stroke: ReportColour.grid)
            if d < days, d % labelEvery == 0 {
                svg.text(dayFormat.string(from: date), x: x(t) + 3, y: svg.plotBottom + 14, size: 9.5)
            }
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
                svg.rect(x: svg.plotLeft, y: y - 2, width: svg.plotRight - svg.plotLeft, height: 20, fill: "#f9fafb", opacity: 0.6)
            }
            svg.text(row.label, x: svg.plotLeft - 8, y: y + 12, anchor: "end", size: 11, fill: ReportColour.ink)
            for line in lines where row.matches(line) {
                let a = x(line.start.timeIntervalSince(from)), b = x(line.end.timeIntervalSince(from))
                let song = songs.firstIndex(of: line.song ?? "other") ?? 0
                let hold = line.status != .confirmed
                svg.rect(
                    x: a, y: y, width: max(3, b - a), height: 16, fill: ReportColour.take(song),
                    opacity: hold ? 0.5 : 0.95, rx: 2, stroke: hold ? ReportColour.take(song) : nil,
                    tip: "\(line.session)" + (line.song.map { ", \($0)" } ?? "")
                        + " — \(timeFormat.string(from: line.start))–\(hourFormat.string(from: line.end)), \(line.studio), \(line.room) — "
                        + line.people.joined(separator: ", ") + (hold ? " (hold)" : " (confirmed)"))
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
