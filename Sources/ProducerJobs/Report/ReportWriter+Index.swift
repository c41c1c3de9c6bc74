import Foundation
import ProducerAudio
import ProducerOffice

extension ReportWriter {
    /// What the album page shows: the songs and where each stands, the retakes to book, the plan
    /// (its status and the schedule per person and room) and the time each stage took.
    func indexContext() -> [String: Any] {
        var context: [String: Any] = [
            "pageTitle": "\(report.title) — report", "heading": report.title,
            "subtitle": subtitle, "generated": generatedText,
        ]
        context["songs"] = report.songs.map(songRow)
        context["hasRetakes"] = !report.retakes.isEmpty
        context["planned"] = report.retakes.contains { $0.session != nil }
        context["retakes"] = report.retakes.map(retakeRow)
        if let plan = report.plan { context["plan"] = planContext(plan) }
        context["stages"] = stageRows(report.stages)
        context["seconds"] = fixed(report.seconds, 1)
        return context
    }

    var subtitle: String {
        let songs = ReportPlot.count(report.songs.count, "song", "songs")
        let targets = report.targets.isEmpty ? "" : " · mastered for " + report.targets.joined(separator: ", ")
        return songs + targets + " · \(report.project)"
    }

    /// Where a song stands, in a word or two, and the badge's colour.
    func standing(_ song: ProduceReport.SongReport) -> (words: String, cssClass: String) {
        let retakes = report.retakes.filter { $0.song == song.id }.count
        if song.masters.contains(where: { !$0.delivery.passed }) { return ("a master fails its check", "bad") }
        if retakes > 0 { return (ReportPlot.count(retakes, "retake", "retakes") + " to book", "warn") }
        if song.mix == nil { return ("not mixed", "warn") }
        if song.masters.isEmpty { return ("mixed, not mastered", "warn") }
        return ("ready", "good")
    }

    func songRow(_ song: ProduceReport.SongReport) -> [String: Any] {
        let standing = standing(song)
        var row: [String: Any] = [
            "title": song.title, "page": song.page, "key": song.key ?? "–",
            "tempo": song.tempo.map { fixed($0, $0 == $0.rounded() ? 0 : 1) + " BPM" } ?? "–",
            "status": standing.words, "statusClass": standing.cssClass,
            "masters": song.masters.map {
                [
                    "target": $0.target, "mark": $0.delivery.passed ? "✓" : "✗",
                    "class": $0.delivery.passed ? "good" : "bad",
                ]
            },
        ]
        let takes = song.parts.reduce(0) { $0 + $1.takes.count }
        row["takes"] = "\(takes) in " + ReportPlot.count(song.parts.count, "part", "parts")
        if let line = report.plan?.status.songs.first(where: { $0.title == song.title }) {
            row["planStatus"] = line.status.rawValue
        }
        return row
    }

    func retakeRow(_ r: ProduceReport.Retake) -> [String: Any] {
        let title = report.songs.first { $0.id == r.song }?.title ?? r.song
        return [
            "song": title, "part": r.part,
            "where": "\(formatTimeShort(r.start))–\(formatTimeShort(r.end))" + (r.bars.map { " (bars \($0))" } ?? ""),
            "reason": r.reason, "length": "\(r.durationMinutes) min", "cost": r.estimatedCost?.formatted ?? "–",
            "session": r.session ?? "to book",
        ]
    }

    func planContext(_ plan: ProduceReport.PlanReport) -> [String: Any] {
        let s = plan.status
        var context: [String: Any] = [
            "done": "\(s.sessionsDone)", "total": "\(s.sessionsTotal)", "booked": s.bookedCost.formatted,
            "holds": "\(s.holdsToConfirm)", "lateCount": "\(s.late.count)", "hasLate": !s.late.isEmpty,
            "late": s.late.map {
                ["session": $0.session, "reason": $0.reason, "days": ReportPlot.count($0.daysLate, "day", "days")]
            },
            "hasUnscheduled": !s.unscheduled.isEmpty, "unscheduled": s.unscheduled,
        ]
        if let deadline = s.deadline, let days = s.daysToDeadline {
            context["deadline"] = DateFormatter.reportFormat("EEE d MMM yyyy", timeZone: timeZone).string(
                from: deadline)
            context["deadlineDays"] = "\(abs(days))"
            context["deadlineWords"] =
                days >= 0 ? (days == 1 ? "day to the deadline" : "days to the deadline") : "days past the deadline"
        }
        let time = DateFormatter.reportFormat("EEE d MMM HH:mm", timeZone: timeZone)
        context["songs"] = s.songs.map { line -> [String: Any] in
            [
                "title": line.title, "status": line.status.rawValue, "done": "\(line.sessionsDone)",
                "total": "\(line.sessionsTotal)",
                "dots": String(repeating: "●", count: line.sessionsDone)
                    + String(repeating: "○", count: max(0, line.sessionsTotal - line.sessionsDone)),
                "next": line.next.map { n in n + (line.nextStart.map { ", " + time.string(from: $0) } ?? "") } ?? "–",
            ]
        }
        context["schedule"] = ReportPlot.schedule(plan.schedule, timeZone: timeZone).markup
        return context
    }
}

/// Seconds as `m:ss.s`, a position people can find in a take.
func formatTimeShort(_ seconds: Double) -> String {
    guard seconds.isFinite else { return "–" }
    let tenths = Int((seconds * 10).rounded())
    let s = tenths / 10, t = tenths % 10
    return "\(s / 60):" + (s % 60 < 10 ? "0" : "") + "\(s % 60).\(t)"
}
