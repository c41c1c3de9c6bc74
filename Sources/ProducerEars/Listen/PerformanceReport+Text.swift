import ProducerAudio

extension PerformanceReport {
    /// The report as text a musician reads: advice first, then the summary, then every note.
    public func text() -> String {
        var lines: [String] = []
        var header = "\(take) — \(formatTime(duration))"
        if let tempo { header += " · \(fixed(tempo, 1)) BPM (\(tempoSource))" }
        if let key { header += " · \(key)" }
        lines.append(header)
        lines += notesForListener.map { "  · " + $0 }
        if !advice.isEmpty {
            lines.append("")
            lines.append("What to work on, most important first:")
            for (i, a) in advice.enumerated() {
                let mark =
                    switch a.severity {
                    case .high: "!!"
                    case .medium: "! "
                    case .low: "· "
                    }
                lines.append("  \(i + 1). \(mark) \(a.message)")
            }
        } else if !notes.isEmpty {
            lines.append("")
            lines.append("Nothing to fix: every note is within 20 cents and 25 ms.")
        }
        if summary.noteCount > 0 {
            lines.append("")
            var s = "Summary: \(summary.noteCount) notes"
            if let p = summary.pitchWithin20Cents { s += " · \(percent(p)) within ±20 cents" }
            if let c = summary.meanAbsCents { s += " (mean \(fixed(c, 1)) cents off)" }
            if let t = summary.timingWithin20Ms { s += " · \(percent(t)) of starts within ±20 ms" }
            if let m = summary.meanAbsTimingMs { s += " (mean \(fixed(m, 1)) ms)" }
            if let missed = summary.missedReferenceNotes, missed > 0 { s += " · \(missed) reference notes not heard" }
            lines.append(s)
            for section in sections where section.trend != "steady" {
                lines.append(
                    "  bars \(section.firstBar)–\(section.lastBar): \(section.trend) (\(signed(section.meanTimingMs, 0)) ms)"
                )
            }
            lines.append("")
            lines.append("  time        bar      note   expected  cents   timing")
            for n in notes {
                let cents = n.cents.map { signed($0, 0) } ?? "–"
                let timing = n.timingMs.map { signed($0, 0) + " ms" } ?? "–"
                let flag =
                    (n.cents.map { abs($0) >= 20 } ?? false) || (n.timingMs.map { abs($0) >= 25 } ?? false) ? " ◀" : ""
                lines.append(
                    "  " + formatTime(n.start).padding(11) + " " + (n.bar ?? "–").padding(8) + " "
                        + n.name.padding(6) + " " + (n.expected ?? "–").padding(9) + " " + cents.padding(7, left: true)
                        + " " + timing.padding(8, left: true) + flag)
            }
        }
        return lines.joined(separator: "\n")
    }

    private func percent(_ share: Double) -> String { "\(Int((share * 100).rounded())) %" }
}
