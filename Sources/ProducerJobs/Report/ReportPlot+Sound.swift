import Foundation
import ProducerAudio
import ProducerConsole

extension ReportPlot {
    /// A file's waveform, with its clipped stretches in red and its silences shaded grey.
    static func waveform(_ w: Waveform, file: String) -> ReportSVG {
        var parts: [String] = []
        if !w.clipped.isEmpty { parts.append(count(w.clipped.count, "clipped stretch", "clipped stretches")) }
        if !w.silent.isEmpty { parts.append(count(w.silent.count, "silence", "silences")) }
        var svg = ReportSVG(
            kind: "waveform",
            title: "Waveform of \(file)"
                + (parts.isEmpty ? ": no clipping, no silence" : ": " + parts.joined(separator: ", ")),
            height: 130)
        svg.top = 20
        let x = Scale(domain: (0, max(w.duration, 0.001)), range: (svg.plotLeft, svg.plotRight))
        let y = Scale(domain: (-1, 1), range: (svg.plotBottom, svg.plotTop))
        timeAxis(&svg, x, duration: w.duration)
        for s in w.silent {
            svg.rect(
                x: x(s.start), y: svg.plotTop, width: x(s.end) - x(s.start), height: svg.plotBottom - svg.plotTop,
                fill: ReportColour.silence, opacity: 0.25,
                tip: "silence \(formatTime(s.start))–\(formatTime(s.end)) (\(fixed(s.end - s.start, 1)) s)")
        }
        svg.line(svg.plotLeft, y(0), svg.plotRight, y(0), stroke: ReportColour.axis, width: 0.5)
        for v in [-1.0, 1.0] {
            svg.line(svg.plotLeft, y(v), svg.plotRight, y(v), stroke: ReportColour.bad, width: 0.5, dash: "2 3")
        }
        svg.text("full scale", x: svg.plotLeft - 6, y: y(1) + 3.5, anchor: "end", size: 9)
        let columns = min(w.minimum.count, w.maximum.count)
        if columns > 0 {
            let dt = w.duration / Double(columns)
            var top: [(Double, Double)] = [], bottom: [(Double, Double)] = []
            for i in 0..<columns {
                let t = (Double(i) + 0.5) * dt
                top.append((x(t), y(Double(max(w.maximum[i], w.minimum[i] + 0.004)))))
                bottom.append((x(t), y(Double(w.minimum[i]))))
            }
            svg.area(top + bottom.reversed(), fill: ReportColour.wave, opacity: 0.85)
        } else {
            empty(&svg, "no audio")
        }
        for c in w.clipped {
            svg.rect(
                x: x(c.start) - 1, y: svg.plotTop, width: max(2, x(c.end) - x(c.start) + 2),
                height: svg.plotBottom - svg.plotTop, fill: ReportColour.bad, opacity: 0.45,
                tip: "clipped \(formatTime(c.start))–\(formatTime(c.end))")
            svg.area(
                [(x(c.start) - 4, svg.plotTop - 8), (x(c.start) + 4, svg.plotTop - 8), (x(c.start), svg.plotTop - 1)],
                fill: ReportColour.bad)
        }
        var lx = svg.plotRight - 190
        lx = svg.legend("clipped", colour: ReportColour.bad, x: lx, y: 12)
        svg.legend("silence", colour: ReportColour.silence, x: lx, y: 12)
        return svg
    }

    /// Short-term loudness over time, with the whole song's loudness as a dashed line.
    static func loudness(_ curve: LoudnessCurve, duration: Double?) -> ReportSVG {
        var svg = ReportSVG(
            kind: "loudness",
            title: "Loudness over time (short-term, 3 s)"
                + (curve.integrated.map { "; the whole song \(fixed($0, 1)) LUFS" } ?? ""),
            height: 190)
        let values = curve.shortTerm.compactMap { $0 } + [curve.integrated].compactMap { $0 }
        let end = max(duration ?? 0, curve.shortTerm.isEmpty ? 0 : curve.time(at: curve.shortTerm.count - 1), 0.001)
        let x = Scale(domain: (0, end), range: (svg.plotLeft, svg.plotRight))
        let hi = ((values.max() ?? -10) / 3).rounded(.up) * 3 + 3
        let lo = max(-60, ((values.min() ?? -30) / 3).rounded(.down) * 3 - 3)
        let y = Scale(domain: (lo, hi), range: (svg.plotBottom, svg.plotTop))
        valueAxis(&svg, y, ticks: y.ticks(5), label: { fixed($0, 0) }, unit: "LUFS")
        timeAxis(&svg, x, duration: end)
        guard !values.isEmpty else {
            empty(&svg, "too short or silent: no short-term loudness")
            return svg
        }
        var run: [(Double, Double)] = []
        var area: [[(Double, Double)]] = []
        for (i, v) in curve.shortTerm.enumerated() {
            if let v {
                run.append((x(curve.time(at: i)), y(v)))
            } else if !run.isEmpty {
                area.append(run)
                run = []
            }
        }
        if !run.isEmpty { area.append(run) }
        let floor = svg.plotBottom
        for r in area {
            svg.area(r + [(r.last!.0, floor), (r[0].0, floor)], fill: ReportColour.series[0], opacity: 0.12)
            svg.polyline(r, stroke: ReportColour.series[0], width: 2)
        }
        for (i, v) in curve.shortTerm.enumerated() {
            guard let v else { continue }
            svg.circle(
                x: x(curve.time(at: i)), y: y(v), r: 2.2, fill: ReportColour.series[0],
                tip: "the 3 s up to \(formatTime(curve.time(at: i))): \(fixed(v, 1)) LUFS")
        }
        if let i = curve.integrated {
            svg.line(svg.plotLeft, y(i), svg.plotRight, y(i), stroke: ReportColour.series[1], width: 1.5, dash: "6 4")
            svg.text(
                "whole song \(fixed(i, 1)) LUFS", x: svg.plotRight - 4, y: y(i) - 5, anchor: "end", size: 11,
                fill: ReportColour.series[1])
        }
        return svg
    }

    /// The mix's third-octave spectrum against the reference's, each about its own mean.
    static func spectrum(_ s: Spectrum, reference: String?) -> ReportSVG {
        var svg = ReportSVG(
            kind: "spectrum",
            title: "Tone: the mix's spectrum" + (s.reference == nil ? "" : " against the reference's")
                + " (third octaves, each about its own level)", height: 230)
        svg.top = 30
        let lo = log10(40.0), hi = log10(16_000.0)
        let x = Scale(domain: (lo, hi), range: (svg.plotLeft, svg.plotRight))
        let all = (s.mix + (s.reference ?? [])).filter { $0 > -60 }
        let top = ((all.max() ?? 6) / 3).rounded(.up) * 3 + 3
        let bottom = max(-36, ((all.min() ?? -6) / 3).rounded(.down) * 3 - 3)
        let y = Scale(domain: (bottom, top), range: (svg.plotBottom, svg.plotTop))
        valueAxis(&svg, y, ticks: y.ticks(5), label: { ($0 > 0 ? "+" : "") + fixed($0, 0) }, unit: "dB")
        for f in [50.0, 100, 200, 500, 1000, 2000, 5000, 10_000] {
            svg.line(x(log10(f)), svg.plotTop, x(log10(f)), svg.plotBottom, stroke: ReportColour.grid)
            svg.text(
                f >= 1000 ? "\(Int(f / 1000)) kHz" : "\(Int(f)) Hz", x: x(log10(f)), y: svg.plotBottom + 16,
                anchor: "middle", size: 10)
        }
        for (name, from, to) in [
            ("bass", 40.0, 250.0), ("low mids", 250, 1000), ("mids", 1000, 4000), ("presence", 4000, 8000),
            ("air", 8000, 16_000),
        ] {
            svg.text(
                name, x: x((log10(from) + log10(to)) / 2), y: svg.plotTop + 12, anchor: "middle", size: 10, fill: "#999"
            )
        }
        func points(_ levels: [Double]) -> [(Double, Double)] {
            zip(s.centres, levels).filter { $0.0 >= 39 && $0.0 <= 16_500 && $0.1 > -60 }.map {
                (x(log10($0.0)), y(max(bottom, $0.1)))
            }
        }
        if s.mix.isEmpty { empty(&svg, "no spectrum measured") }
        if let r = s.reference { svg.polyline(points(r), stroke: ReportColour.series[1], width: 2, dash: "6 4") }
        svg.polyline(points(s.mix), stroke: ReportColour.series[0], width: 2.5)
        for (px, py) in points(s.mix) { svg.circle(x: px, y: py, r: 2.2, fill: ReportColour.series[0]) }
        var lx = svg.plotLeft
        lx = svg.legend("your mix", colour: ReportColour.series[0], x: lx, y: 14)
        if s.reference != nil {
            svg.legend(
                "reference" + (reference.map { " (\(($0 as NSString).lastPathComponent))" } ?? ""),
                colour: ReportColour.series[1], x: lx, y: 14, dashed: true)
        }
        return svg
    }

    /// One master before and after, and what each platform's normalisation makes of it: each row
    /// a bar from the loudness (LUFS) up to the true peak (dBTP), its length the PLR.
    static func master(_ m: ProduceReport.MasterOutcome) -> ReportSVG {
        let r = m.report
        var rows: [(label: String, loudness: Double?, peak: Double?, colour: String, note: String)] = [
            ("the mix, before", r.before.integrated, r.before.truePeak, ReportColour.silence, ""),
            ("\(platformName(m.target)) master", r.after.integrated, r.after.truePeak, ReportColour.series[0], ""),
        ]
        for p in r.platforms {
            let gain = fixed(abs(p.gain), 1) + " dB"
            rows.append(
                (
                    "on \(platformName(p.name))", p.loudness, p.truePeak,
                    p.overCeiling ? ReportColour.bad : ReportColour.series[2],
                    abs(p.gain) < 0.05 ? "played as it is" : (p.gain < 0 ? "turned down " : "turned up ") + gain
                ))
        }
        var svg = ReportSVG(
            kind: "masters",
            title:
                "The \(m.target) master: before \(fixed(r.before.integrated, 1)) LUFS, after \(fixed(r.after.integrated, 1)) LUFS at \(fixed(r.after.truePeak, 1)) dBTP; each platform's playback",
            height: 56 + Double(rows.count) * 24)
        svg.bottom = 42
        svg.left = 140
        svg.right = 270
        svg.top = 8
        let values = rows.flatMap { [$0.loudness, $0.peak] }.compactMap { $0 }
        let lo = ((values.min() ?? -30) / 3).rounded(.down) * 3 - 3
        let x = Scale(domain: (lo, 3), range: (svg.plotLeft, svg.plotRight))
        for t in x.ticks(8) {
            svg.line(x(t), svg.plotTop, x(t), svg.plotBottom, stroke: ReportColour.grid)
            svg.text(fixed(t, 0) + " dB", x: x(t), y: svg.plotBottom + 16, anchor: "middle", size: 10)
        }
        svg.line(x(0), svg.plotTop, x(0), svg.plotBottom, stroke: ReportColour.bad, width: 1, dash: "3 3")
        let ceiling = r.target.ceiling
        svg.line(x(ceiling), svg.plotTop, x(ceiling), svg.plotBottom, stroke: ReportColour.warn, width: 1, dash: "5 3")
        let key = svg.plotBottom + 34
        svg.circle(x: svg.plotLeft + 4, y: key - 4, r: 4, fill: ReportColour.ink)
        svg.text("loudness (LUFS)", x: svg.plotLeft + 12, y: key, size: 10)
        svg.line(svg.plotLeft + 110, key - 10, svg.plotLeft + 110, key + 2, stroke: ReportColour.ink, width: 2.5)
        svg.text("true peak (dBTP); the bar between is the PLR", x: svg.plotLeft + 117, y: key, size: 10)
        svg.line(svg.plotLeft + 360, key - 10, svg.plotLeft + 360, key + 2, stroke: ReportColour.warn, dash: "5 3")
        svg.text("the target's ceiling (\(fixed(ceiling, 1)) dBTP)", x: svg.plotLeft + 366, y: key, size: 10)
        svg.line(svg.plotLeft + 560, key - 10, svg.plotLeft + 560, key + 2, stroke: ReportColour.bad, dash: "3 3")
        svg.text("full scale; red: over the platform's ceiling", x: svg.plotLeft + 566, y: key, size: 10)
        for (i, row) in rows.enumerated() {
            let cy = svg.plotTop + 12 + Double(i) * 24
            svg.text(row.label, x: svg.plotLeft - 8, y: cy + 4, anchor: "end", size: 11, fill: ReportColour.ink)
            guard let l = row.loudness else {
                svg.text("silent: no loudness", x: svg.plotLeft + 4, y: cy + 4, size: 11)
                continue
            }
            let p = row.peak ?? l
            svg.rect(
                x: x(l), y: cy - 6, width: x(p) - x(l), height: 12, fill: row.colour, opacity: 0.35, rx: 3,
                tip: "\(row.label): \(fixed(l, 1)) LUFS, true peak \(fixed(row.peak, 1)) dBTP")
            svg.circle(x: x(l), y: cy, r: 4.5, fill: row.colour)
            svg.line(x(p), cy - 8, x(p), cy + 8, stroke: row.colour, width: 2.5)
            // Normalisation moves loudness and peak together: the PLR is said once, on the master's rows.
            let tail = row.note.isEmpty ? row.peak.map { " · PLR " + fixed($0 - l, 1) } ?? "" : " · " + row.note
            svg.text(
                "\(fixed(l, 1)) LUFS · \(fixed(row.peak, 1)) dBTP" + tail, x: svg.plotRight + 8, y: cy + 4,
                size: 10.5)
        }
        return svg
    }

    /// A delivery target's name as people know the platform.
    static func platformName(_ name: String) -> String {
        [
            "spotify": "Spotify", "apple": "Apple Music", "youtube": "YouTube", "amazon": "Amazon Music",
            "tidal": "TIDAL", "deezer": "Deezer", "soundcloud": "SoundCloud", "cd": "CD",
            "broadcast": "broadcast (R128)",
        ][name] ?? name
    }

    static func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
}
