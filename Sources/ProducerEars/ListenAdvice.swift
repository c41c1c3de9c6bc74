import ProducerAudio

/// Turns judged notes into the few things a musician should fix first, in their words.
struct ListenAdvice {
    let part: Part
    let grid: BeatGrid?
    /// Pitch deviations from here (cents) are worth a word; from `seriousCents` they are serious.
    var noticeableCents = 20.0
    var seriousCents = 30.0
    /// Timing offsets from here (ms) are worth a word; from `seriousMs` they are serious.
    var noticeableMs = 25.0
    var seriousMs = 45.0
    /// How many pieces of advice at most: the most important first.
    var limit = 10

    func advice(
        notes: [PerformanceReport.JudgedNote], sections: [PerformanceReport.SectionTiming],
        summary: PerformanceReport.Summary, missed: [ReferenceNote]
    ) -> [Finding] {
        var items: [(weight: Double, advice: Finding)] = []
        func bar(_ t: Double) -> String? { grid?.barBeatText(at: t) }
        func at(_ t: Double) -> String { formatTime(t) + (bar(t).map { " (bar \($0))" } ?? "") }
        /// A note's time, and the bar:beat it was judged at.
        func at(_ n: PerformanceReport.JudgedNote) -> String {
            formatTime(n.start) + (n.bar.map { " (bar \($0))" } ?? "")
        }

        for n in notes {
            if let c = n.cents, abs(c) >= noticeableCents, let expected = n.expected {
                let sharp = c > 0
                let severity: Finding.Severity = abs(c) >= seriousCents ? .high : .medium
                let what = n.name == expected ? "The \(expected)" : "The note at \(expected) (heard as \(n.name))"
                let message =
                    "\(what) at \(at(n)) is \(Int(abs(c).rounded())) cents \(sharp ? "sharp" : "flat"). "
                    + (sharp ? "Ease off and \(part.verb) it a little lower" : "Support it and aim a little higher")
                    + "; hear the \(expected) before you \(part.verb) it."
                items.append(
                    (
                        abs(c) / seriousCents,
                        .init(kind: .pitch, severity: severity, time: n.start, bar: n.bar, message: message)
                    ))
            }
            if let t = n.timingMs, abs(t) >= noticeableMs {
                let late = t > 0
                let severity: Finding.Severity = abs(t) >= seriousMs ? .high : .medium
                let what = part.isPitched ? "The \(n.expected ?? n.name)" : "The hit"
                let message =
                    "\(what) at \(at(n)) comes \(Int(abs(t).rounded())) ms \(late ? "late" : "early"). "
                    + (late
                        ? "Anticipate the entry: breathe and move before the beat."
                        : "Hold back and let the beat come to you.")
                items.append(
                    (
                        abs(t) / seriousMs,
                        .init(kind: .timing, severity: severity, time: n.start, bar: n.bar, message: message)
                    ))
            }
        }
        for s in sections where s.trend != "steady" {
            let message =
                "Bars \(s.firstBar)–\(s.lastBar) \(s.trend == "rushing" ? "rush" : "drag"): on average "
                + "\(Int(abs(s.meanTimingMs).rounded())) ms \(s.trend == "rushing" ? "ahead of" : "behind") the beat. "
                + (s.trend == "rushing"
                    ? "Relax into the groove and listen to the kick and the hats."
                    : "Push a little: lock to the click, not to your own phrasing.")
            items.append(
                (
                    abs(s.meanTimingMs) / 20,
                    .init(
                        kind: .sectionTiming, severity: .medium, time: s.start, bar: "\(s.firstBar):1", message: message
                    )
                ))
        }
        for r in missed.prefix(5) {
            let message =
                "The note at \(at(r.start)) in the reference was not heard: check that it is \(part.verb == "sing" ? "sung" : "played") and clear."
            items.append(
                (0.8, .init(kind: .missedNote, severity: .medium, time: r.start, bar: bar(r.start), message: message)))
        }
        if let spread = summary.dynamicsSpreadDecibels, spread > 4 {
            items.append(
                (
                    spread / 6,
                    .init(
                        kind: .dynamics, severity: .low, time: 0,
                        message:
                            "The dynamics are uneven: notes jump about \(Int(spread.rounded())) dB from their neighbours. "
                            + "Keep a steadier distance to the microphone and an even breath.")
                ))
        }
        let ordered = items.sorted { a, b in
            let sa = a.advice.severity, sb = b.advice.severity
            return sa != sb
                ? sa < sb : (a.weight != b.weight ? a.weight > b.weight : (a.advice.time ?? 0) < (b.advice.time ?? 0))
        }
        return Array(ordered.prefix(limit).map(\.advice))
    }
}
