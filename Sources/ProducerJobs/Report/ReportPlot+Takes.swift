import Foundation
import ProducerAudio
import ProducerEars

extension ReportPlot {
    /// A take's pitch curve (from its pitch frames, else its notes) over the intended notes, each
    /// note's start marked with how many cents it is off.
    static func pitch(
        _ report: PerformanceReport, intended: [ProduceReport.IntendedNote], take: String, colour: String
    ) -> ReportSVG {
        let judged = report.notes.filter { $0.cents != nil }
        let offCount = judged.filter { abs($0.cents!) > 20 }.count
        var svg = ReportSVG(
            kind: "pitch",
            title: "Pitch of \(take) against the intended notes: "
                + (judged.isEmpty
                    ? "no notes judged"
                    : "\(judged.count - offCount) of \(judged.count) notes within 20 cents"),
            height: 230)
        svg.top = 22
        // The notes to sing: the intended part, else each judged note's expected note.
        var targets = intended.map { (start: $0.start, end: $0.end, midi: Double($0.midi)) }
        if targets.isEmpty {
            targets = report.notes.compactMap { n in n.expectedMidi.map { (n.start, n.end, Double($0)) } }
        }
        let voiced = (report.frames ?? []).filter { $0.f0 > 0 && $0.voicing >= 0.5 }
        let curve = voiced.map { (time: $0.time, midi: 69 + 12 * log2($0.f0 / 440)) }
        let pitches = targets.map(\.midi) + report.notes.map(\.midi) + curve.map(\.midi)
        let low = ((pitches.min() ?? 60) - 1.5).rounded(.down), high = ((pitches.max() ?? 72) + 1.5).rounded(.up)
        let duration = max(report.duration, targets.map(\.end).max() ?? 0, 0.001)
        let x = Scale(domain: (0, duration), range: (svg.plotLeft, svg.plotRight))
        let y = Scale(domain: (low, high), range: (svg.plotBottom, svg.plotTop))
        let step = high - low > 24 ? 2.0 : 1.0
        let semitones = Swift.stride(from: low, through: high, by: step).map { $0 }
        valueAxis(&svg, y, ticks: semitones, label: { noteName(Int($0)) })
        timeAxis(&svg, x, duration: duration)
        let band = abs(y(0) - y(1))
        for t in targets {
            svg.rect(
                x: x(t.start), y: y(t.midi) - band * 0.45, width: x(t.end) - x(t.start), height: band * 0.9,
                fill: "#94a3b8", opacity: 0.45, rx: 3,
                tip: "intended \(noteName(Int(t.midi))) at \(formatTime(t.start))")
        }
        if curve.isEmpty {
            for note in report.notes {
                svg.line(x(note.start), y(note.midi), x(note.end), y(note.midi), stroke: colour, width: 2.5)
            }
        } else {
            var run: [(Double, Double)] = []
            var last = -1.0
            for p in curve {
                if p.time - last > 0.05, !run.isEmpty {
                    svg.polyline(run, stroke: colour, width: 1.8)
                    run = []
                }
                run.append((x(p.time), y(min(high, max(low, p.midi)))))
                last = p.time
            }
            svg.polyline(run, stroke: colour, width: 1.8)
        }
        var lastLabel = -100.0
        for note in judged {
            let c = note.cents!
            let px = x(note.start), py = y(min(high, max(low, note.midi)))
            let where_ = formatTime(note.start) + (note.bar.map { ", bar \($0)" } ?? "")
            svg.circle(
                x: px, y: py, r: 3.2, fill: centsColour(c),
                tip: "\(note.name) at \(where_): " + centsWords(c) + (note.expected.map { " (meant \($0))" } ?? ""))
            if px - lastLabel >= 24 || abs(c) > 20 {
                svg.text(signed(c, 0), x: px, y: py - 7, anchor: "middle", size: 9, fill: centsColour(c))
                lastLabel = px
            }
        }
        var lx = svg.plotLeft
        lx = svg.legend("sung", colour: colour, x: lx, y: 12)
        lx = svg.legend("intended", colour: "#94a3b8", x: lx, y: 12)
        lx = svg.legend("in tune (±20 cents)", colour: ReportColour.good, x: lx, y: 12)
        svg.legend("off (cents)", colour: ReportColour.bad, x: lx, y: 12)
        return svg
    }

    /// Each note's start against the grid: a dot per note (early below, late above), the ±20 ms
    /// band shaded, beats and bar lines behind.
    static func timing(_ report: PerformanceReport, take: String) -> ReportSVG {
        let timed = report.notes.filter { $0.timingMs != nil }
        let onTime = timed.filter { abs($0.timingMs!) <= 20 }.count
        var svg = ReportSVG(
            kind: "timing",
            title: "Timing of \(take) against the grid: "
                + (timed.isEmpty ? "no starts judged" : "\(onTime) of \(timed.count) starts within 20 ms"),
            height: 170)
        svg.top = 22
        let limit = min(150, max(60, ((timed.map { abs($0.timingMs!) }.max() ?? 0) / 20).rounded(.up) * 20))
        let duration = max(report.duration, 0.001)
        let x = Scale(domain: (0, duration), range: (svg.plotLeft, svg.plotRight))
        let y = Scale(domain: (-limit, limit), range: (svg.plotBottom, svg.plotTop))
        svg.rect(
            x: svg.plotLeft, y: y(20), width: svg.plotRight - svg.plotLeft, height: y(-20) - y(20),
            fill: ReportColour.good, opacity: 0.12)
        valueAxis(&svg, y, ticks: y.ticks(4), label: { $0 == 0 ? "on beat" : signed($0, 0) }, unit: "ms")
        for b in report.beats where b <= duration {
            svg.line(x(b), svg.plotTop, x(b), svg.plotBottom, stroke: ReportColour.grid, width: 0.7)
        }
        var lastBar = -100.0
        for (i, d) in report.downbeats.enumerated() where d <= duration {
            svg.line(x(d), svg.plotTop, x(d), svg.plotBottom, stroke: ReportColour.axis, width: 0.8)
            if x(d) - lastBar >= 26 {
                svg.text("\(i + 1)", x: x(d) + 2, y: svg.plotTop + 9, size: 9, fill: "#888")
                lastBar = x(d)
            }
        }
        if report.beats.isEmpty { timeAxis(&svg, x, duration: duration) }
        svg.line(svg.plotLeft, y(0), svg.plotRight, y(0), stroke: ReportColour.good, width: 1)
        svg.text("late ↑", x: svg.plotRight - 2, y: svg.plotTop + 10, anchor: "end", size: 10, fill: "#777")
        svg.text("early ↓", x: svg.plotRight - 2, y: svg.plotBottom - 4, anchor: "end", size: 10, fill: "#777")
        if timed.isEmpty { empty(&svg, "no beat grid or reference to judge timing against") }
        for note in timed {
            let ms = note.timingMs!
            let colour = abs(ms) <= 20 ? ReportColour.good : abs(ms) <= 50 ? ReportColour.warn : ReportColour.bad
            let words = abs(ms) < 0.5 ? "on the beat" : "\(fixed(abs(ms), 0)) ms \(ms > 0 ? "late" : "early")"
            svg.circle(
                x: x(note.start), y: y(max(-limit, min(limit, ms))), r: 3.5, fill: colour,
                tip: "\(note.name) at \(formatTime(note.start))" + (note.bar.map { ", bar \($0)" } ?? "") + ": " + words
            )
        }
        svg.text("bars", x: 4, y: svg.plotBottom + 16, size: 10, fill: "#777")
        return svg
    }

    /// The comp sheet as a strip of phrases coloured by the take chosen, with each take's score
    /// per phrase below it.
    static func comp(_ ranking: TakeRanking, takes: [String], duration: Double) -> ReportSVG {
        let names = takes.isEmpty ? ranking.takes.map(\.take) : takes
        var svg = ReportSVG(
            kind: "comp",
            title:
                "Comp sheet: \(count(ranking.phrases.count, "phrase", "phrases")), each from the take that sings it best",
            height: 58 + Double(names.count) * 20)
        svg.left = 130
        svg.top = 10
        let end = max(duration, ranking.phrases.map(\.end).max() ?? 0, 0.001)
        let x = Scale(domain: (0, end), range: (svg.plotLeft, svg.plotRight))
        timeAxis(&svg, x, duration: end)
        svg.text(
            "comp", x: svg.plotLeft - 8, y: svg.plotTop + 15, anchor: "end", size: 11, fill: ReportColour.ink,
            weight: "600")
        for p in ranking.phrases {
            svg.rect(
                x: x(p.start), y: svg.plotTop + 2, width: x(p.end) - x(p.start), height: 18,
                fill: ReportColour.take(p.takeIndex), rx: 3,
                tip: "\(formatTime(p.start))–\(formatTime(p.end))" + (p.bar.map { " (bar \($0))" } ?? "")
                    + ": \(short(p.take)) — \(p.why)")
        }
        for (t, name) in names.enumerated() {
            let cy = svg.plotTop + 30 + Double(t) * 20
            svg.rect(x: 8, y: cy + 2, width: 10, height: 10, fill: ReportColour.take(t), rx: 2)
            svg.text(short(name), x: svg.plotLeft - 8, y: cy + 11, anchor: "end", size: 10.5)
            for p in ranking.phrases where t < p.scores.count {
                let score = p.scores[t]
                let w = x(p.end) - x(p.start)
                svg.rect(
                    x: x(p.start), y: cy, width: w, height: 14, fill: ReportColour.take(t),
                    opacity: 0.12 + 0.6 * max(0, min(1, score / 100)), rx: 2,
                    stroke: p.takeIndex == t ? ReportColour.ink : nil,
                    tip: "\(short(name)), \(formatTime(p.start))–\(formatTime(p.end)): \(fixed(score, 1)) / 100")
                if w >= 28 {
                    svg.text(
                        fixed(score, 0), x: x(p.start) + w / 2, y: cy + 10.5, anchor: "middle", size: 9,
                        fill: ReportColour.ink)
                }
            }
        }
        return svg
    }

    /// A MIDI note's name, such as C4 or F♯3.
    static func noteName(_ midi: Int) -> String {
        let names = ["C", "C♯", "D", "E♭", "E", "F", "F♯", "G", "A♭", "A", "B♭", "B"]
        return names[((midi % 12) + 12) % 12] + "\(Int((Double(midi) / 12).rounded(.down)) - 1)"
    }

    static func centsColour(_ c: Double) -> String {
        abs(c) <= 20 ? ReportColour.good : abs(c) <= 50 ? ReportColour.warn : ReportColour.bad
    }

    static func centsWords(_ c: Double) -> String {
        abs(c) < 0.5 ? "in tune" : "\(fixed(abs(c), 0)) cents \(c > 0 ? "sharp" : "flat")"
    }

    /// A number with its sign (+12, −8), as people write offsets.
    static func signed(_ v: Double, _ decimals: Int) -> String {
        let text = fixed(v, decimals)
        return v > 0 && text != fixed(0, decimals) ? "+" + text : text
    }

    /// A file's name without its folder.
    static func short(_ path: String) -> String { (path as NSString).lastPathComponent }
}
