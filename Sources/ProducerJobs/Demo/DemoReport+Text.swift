import Foundation
import ProducerAudio
import ProducerOffice

extension DemoReport {
    /// What the demo planted, what Producer found, what `produce` did, and where the report is.
    public func text() -> String {
        var lines = [
            "Producer's demo: a project made on its own in \(project)/ — a song's stems, three takes of the lead",
            "vocal with flaws planted on purpose, an overhead pair wired wrong, a reference, the album's plan —",
            "produced from takes to masters.",
            "",
            "Planted → found:",
        ]
        for finding in findings {
            lines.append("  \(finding.caught ? "✓" : "✗") \(finding.planted)")
            lines.append("      → \(finding.found)")
        }
        lines.append("")
        lines.append(produced.text() + " (open it in a browser)")
        lines.append("")
        lines.append(contentsOf: musicLines())
        lines.append("")
        lines.append(contentsOf: officeLines())
        return lines.joined(separator: "\n") + "\n"
    }
}

extension DemoReport {
    /// The arrangements: the chart, each style with its parts, the lead sheet and the sung mix.
    func musicLines() -> [String] {
        func name(_ path: String) -> String {
            path.hasPrefix(project + "/") ? String(path.dropFirst(project.count + 1)) : path
        }
        var lines = [
            "Arranged: the song as a chord chart (\(name(music.chart)), \(music.bars) bars: "
                + music.sections.joined(separator: ", ") + "), the lead's tune as its melody:"
        ]
        for a in music.arrangements {
            let parts = a.parts.sorted { $0.key < $1.key }.map { "\($0.key.lowercased()) \($0.value)" }
            lines.append("  \(a.style): \(name(a.midi)) → \(name(a.audio)) (notes: \(parts.joined(separator: ", ")))")
        }
        lines.append("  lead sheet: \(name(music.leadSheet))")
        lines.append(
            "  the comp sung over the \(music.arrangements.first?.style ?? "") arrangement: \(name(music.session)) → "
                + "\(name(music.mix)), \(fixed(music.mixLoudness, 1)) LUFS, \(fixed(music.mixTruePeak, 1)) dBTP")
        return lines
    }
}

extension DemoReport {
    /// The office: budget, hiring and offers, the tracklist, the deliverables.
    func officeLines() -> [String] {
        let o = office
        var lines: [String] = []
        let over = -o.budget.variance.minorUnits
        lines.append(
            "Budget: \(o.budget.plan.formatted) planned, \(o.budget.committed.formatted) committed, "
                + "\(o.budget.actual.formatted) spent (\(o.expenses.joined(separator: "; "))); forecast \(o.budget.forecast.formatted)"
                + (over > 0
                    ? ", \(Money(minorUnits: over, currency: o.budget.plan.currency).formatted) over"
                    : ", within the plan"))
        for warning in o.budgetWarnings.prefix(3) { lines.append("  ! \(warning)") }
        lines.append("Hired for \(o.hiring.needed.joined(separator: ", ")) (backup singer, soul):")
        for c in o.hiring.candidates.prefix(3) {
            lines.append(
                "  \(c.rank). \(c.name) — \(TracklistPlanner.number(c.score)) of 100: \(c.reasons.prefix(3).joined(separator: "; "))"
            )
        }
        for offer in o.offers {
            lines.append("  offer \(offer.id) to \(offer.person), \(offer.fee.formatted): \(offer.status.rawValue)")
        }
        if !o.accepted.changes.isEmpty {
            lines.append(
                "  the schedule was repaired around her: " + o.accepted.changes.prefix(2).joined(separator: "; "))
        }
        lines.append(
            "Tracklist (\(o.tracklist.tracks.count) of \(o.tracklist.tracks.count + o.tracklist.leftOut.count) songs"
                + (o.tracklist.length.map { ", \(TracklistPlan.clock($0))" } ?? "") + ", vinyl "
                + o.tracklist.sides.map { "side \($0.name) \(TracklistPlan.clock($0.length))" }.joined(
                    separator: ", ") + "):")
        for track in o.tracklist.tracks {
            lines.append("  \(track.number). \(track.title) — \(track.why.first ?? "")")
        }
        for song in o.tracklist.leftOut { lines.append("  left out: \(song.title), \(song.why)") }
        lines.append("Deliverables: \(o.tasks) planned for the mix engineer; received:")
        for d in o.deliveries {
            lines.append("  \(d.accepted ? "✓" : "✗") \(d.task): \(d.file) — \(d.accepted ? "accepted" : "rejected")")
            for finding in d.findings { lines.append("      \(finding)") }
        }
        return lines
    }
}
