import Foundation
import ProducerAudio
import ProducerConsole
import ProducerEars

extension ReportWriter {
    /// What a song's page shows: warnings, the mix (loudness, tone), the masters, the takes (ranking,
    /// comp sheet, pitch and timing of each take), the mics, and every file's waveform.
    func songContext(_ song: ProduceReport.SongReport) -> [String: Any] {
        var facts: [String] = []
        if let key = song.key { facts.append(key) }
        if let tempo = song.tempo { facts.append(fixed(tempo, tempo == tempo.rounded() ? 0 : 1) + " BPM") }
        facts.append(standing(song).words)
        var context: [String: Any] = [
            "pageTitle": "\(song.title) — \(report.title)", "heading": song.title,
            "subtitle": facts.joined(separator: " · "), "generated": generatedText, "back": true, "album": report.title,
            "hasWarnings": !song.warnings.isEmpty, "warnings": song.warnings,
        ]
        if let mix = song.mix { context["mix"] = mixContext(mix) }
        context["hasMasters"] = !song.masters.isEmpty
        context["masters"] = song.masters.map(masterContext)
        context["hasParts"] = !song.parts.isEmpty
        // The parts heard and comped first, then those used as they are.
        context["parts"] = (song.parts.filter { $0.takesResult != nil } + song.parts.filter { $0.takesResult == nil })
            .map(partContext)
        context["hasMics"] = !song.mics.isEmpty
        context["mics"] = song.mics.map(micContext)
        context["files"] = song.files.map(fileContext)
        context["hasStages"] = !song.stages.isEmpty
        context["stages"] = stageRows(song.stages)
        return context
    }

    func fileContext(_ f: ProduceReport.FileCheck) -> [String: Any] {
        let a = f.analysis
        var figures = [
            formatTimeShort(a.duration),
            "\(fixed(a.sampleRate / 1000, a.sampleRate.truncatingRemainder(dividingBy: 1000) == 0 ? 0 : 1)) kHz \(a.encoding)",
            a.channels == 1 ? "mono" : a.channels == 2 ? "stereo" : "\(a.channels) channels",
            "\(fixed(a.integratedLoudness, 1)) LUFS", "peak \(fixed(a.truePeak, 1)) dBTP",
        ]
        if a.clippingRunCount > 0 {
            figures.append(ReportPlot.count(a.clippingRunCount, "clipped run", "clipped runs"))
        }
        if a.noiseFloor != nil { figures.append("noise floor \(fixed(a.noiseFloor, 0)) dBFS") }
        return [
            "file": f.file, "kind": f.kind, "figures": figures.joined(separator: " · "),
            "waveform": ReportPlot.waveform(f.waveform, file: f.file).markup,
            "clean": a.warnings.isEmpty && f.waveform.clipped.isEmpty, "hasWarnings": !a.warnings.isEmpty,
            "warnings": a.warnings,
        ]
    }

    func mixContext(_ mix: ProduceReport.MixReport) -> [String: Any] {
        var context: [String: Any] = [
            "integrated": fixed(mix.integratedLoudness, 1), "truePeak": fixed(mix.truePeak, 1),
            "stems": "\(mix.plan.stems.count)", "output": mix.output, "audio": link(mix.output), "session": mix.session,
            "hasWarnings": !mix.warnings.isEmpty, "warnings": mix.warnings,
            "loudness": ReportPlot.loudness(mix.loudness, duration: nil).markup,
            "spectrum": ReportPlot.spectrum(mix.spectrum, reference: mix.reference).markup,
        ]
        if let reference = mix.reference { context["reference"] = reference }
        return context
    }

    func masterContext(_ m: ProduceReport.MasterOutcome) -> [String: Any] {
        func measured(_ x: MasterReport.Measurement) -> [String: Any] {
            [
                "integrated": fixed(x.integrated, 1), "truePeak": fixed(x.truePeak, 1),
                "range": fixed(x.loudnessRange, 1), "plr": fixed(x.plr, 1),
            ]
        }
        let d = m.delivery
        var delivery = [
            "\(fixed(d.sampleRate / 1000, d.sampleRate.truncatingRemainder(dividingBy: 1000) == 0 ? 0 : 1)) kHz"
        ]
        if let bits = d.bitDepth { delivery.append("\(bits)-bit") }
        if let i = d.integratedLoudness { delivery.append("\(fixed(i, 1)) LUFS") }
        if let p = d.truePeak { delivery.append("\(fixed(p, 1)) dBTP") }
        return [
            "target": ReportPlot.platformName(m.target), "master": m.master, "audio": link(m.master),
            "beforeAudio": link(m.before),
            "afterAudio": link(m.after), "deliveryClass": d.passed ? "good" : "bad",
            "deliveryWords": d.passed ? "passes its delivery check" : "fails its delivery check",
            "plot": ReportPlot.master(m).markup, "before": measured(m.report.before), "after": measured(m.report.after),
            "platforms": m.report.platforms.map { p -> [String: Any] in
                [
                    "name": ReportPlot.platformName(p.name), "loudness": fixed(p.loudness, 1),
                    "truePeak": fixed(p.truePeak, 1),
                    "gain": abs(p.gain) < 0.05
                        ? "not at all" : (p.gain < 0 ? "down " : "up ") + fixed(abs(p.gain), 1) + " dB",
                    "over": p.overCeiling,
                ]
            },
            "format": d.passed ? "passed" : "failed", "delivery": delivery,
            "hasProblems": !(d.problems + m.report.warnings).isEmpty, "problems": d.problems + m.report.warnings,
        ]
    }

    func partContext(_ part: ProduceReport.PartReport) -> [String: Any] {
        var context: [String: Any] = [
            "name": part.name, "kind": part.kind.rawValue,
            "takeCount": ReportPlot.count(part.takes.count, "take", "takes"), "stem": part.stem,
        ]
        if let reference = part.reference { context["reference"] = reference }
        guard let ranking = part.takesResult?.ranking else {
            context["hasRanking"] = false
            return context
        }
        context["hasRanking"] = true
        // Each take's index as given (its colour in the comp sheet).
        func given(_ name: String, _ rank: Int) -> Int {
            if let p = ranking.phrases.first(where: { $0.take == name }) { return p.takeIndex }
            let short = ReportPlot.short(name)
            return part.takes.firstIndex { ReportPlot.short($0) == short } ?? rank
        }
        let duration = ranking.takes.map(\.report.duration).max() ?? 0
        context["comp"] = ReportPlot.comp(ranking, takes: part.takes, duration: duration).markup
        context["ranking"] = ranking.takes.enumerated().map { rank, t -> [String: Any] in
            [
                "rank": "\(rank + 1)", "take": ReportPlot.short(t.take), "score": fixed(t.score, 1),
                "reasons": t.reasons.joined(separator: "; "), "colour": ReportColour.take(given(t.take, rank)),
            ]
        }
        context["takes"] = ranking.takes.enumerated().map { rank, t -> [String: Any] in
            let index = given(t.take, rank)
            let colour = ReportColour.take(index)
            let file = index < part.takes.count ? part.takes[index] : t.take
            return [
                "take": ReportPlot.short(t.take), "colour": colour, "audio": link(file),
                "summary": summary(t.report.summary),
                "pitch": ReportPlot.pitch(
                    t.report, intended: part.intendedNotes, take: ReportPlot.short(t.take), colour: colour
                )
                .markup,
                "timing": ReportPlot.timing(t.report, take: ReportPlot.short(t.take)).markup,
                "hasAdvice": !t.report.advice.isEmpty,
                "advice": t.report.advice.prefix(6).map { f in
                    (f.time.map { formatTimeShort($0) + (f.bar.map { " (bar \($0))" } ?? "") + ": " } ?? "") + f.message
                },
            ]
        }
        return context
    }

    /// A take's figures in words.
    func summary(_ s: PerformanceReport.Summary) -> String {
        var parts = [ReportPlot.count(s.noteCount, "note", "notes")]
        if let p = s.pitchWithin20Cents { parts.append("\(fixed(p * 100, 0)) % in tune (within 20 cents)") }
        if let c = s.meanAbsCents { parts.append("\(fixed(c, 0)) cents off on average") }
        if let t = s.timingWithin20Ms { parts.append("\(fixed(t * 100, 0)) % on time (within 20 ms)") }
        if let m = s.meanTimingMs {
            parts.append(
                abs(m) < 0.5
                    ? "on the beat on average"
                    : "\(fixed(abs(m), 0)) ms \(m > 0 ? "behind" : "ahead of") the beat on average")
        }
        if let missed = s.missedReferenceNotes, missed > 0 {
            parts.append(ReportPlot.count(missed, "note", "notes") + " missed")
        }
        return parts.joined(separator: " · ")
    }

    func micContext(_ g: ProduceReport.MicGroup) -> [String: Any] {
        [
            "name": g.name, "reference": ReportPlot.short(g.alignment.reference),
            "rows": g.alignment.mics.map { m -> [String: Any] in
                [
                    "mic": ReportPlot.short(m.mic),
                    "delay": abs(m.delayMilliseconds) < 0.005
                        ? "with the reference"
                        : "\(fixed(abs(m.delayMilliseconds), 2)) ms \(m.delayMilliseconds > 0 ? "later" : "earlier")",
                    "polarity": m.polarity == "inverted" ? "flipped (now put right)" : "as recorded",
                    "correlation": fixed(m.correlation, 2), "lowBand": ReportPlot.signed(m.lowBandGain, 1),
                    "confident": m.confident,
                ]
            },
        ]
    }
}
