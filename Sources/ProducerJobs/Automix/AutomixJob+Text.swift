import ProducerAudio
import ProducerConsole

extension AutomixJob.Result {
    /// The decisions as a person reads them: one line per stem, then the mix.
    public func text() -> String {
        let count = plan.stems.count
        var lines = [
            "Wrote \(session): a first mix of \(count) stem\(count == 1 ? "" : "s"), every decision commented."
        ]
        lines.append("Tempo \(fixed1(plan.tempo)) BPM (\(plan.tempoSource)); anchor \(fixed1(plan.anchor)) LUFS.")
        lines.append("")
        let width = max(6, plan.stems.map(\.name.count).max() ?? 6)
        lines.append(pad("stem", width) + "  role (from)            target    fader   pan    hp    cuts; compressor")
        for s in plan.stems {
            let from = "\(s.role) (\(s.roleSource.rawValue))"
            let pan = s.pan == 0 ? "C" : (s.pan < 0 ? "L" : "R") + fixed(abs(s.pan) * 100, 0)
            var tail = s.cuts.map { "\(fixed1($0.gain)) dB @ \(fixed(($0.frequency), 0)) Hz" }.joined(separator: ", ")
            if let k = s.compressor {
                tail += (tail.isEmpty ? "" : "; ") + "\(fixed1(k.ratio)):1 @ \(fixed1(k.threshold)) dBFS"
            }
            lines.append(
                pad(s.name, width) + "  " + pad(from, 22) + " " + lpad(fixed1(s.target), 6) + " LUFS "
                    + lpad(signed(s.gain), 6) + " dB " + lpad(pan, 4) + " " + lpad(fixed(s.highpass, 0), 5) + " Hz  "
                    + tail)
        }
        lines.append("")
        if let m = plan.masking {
            lines.append(
                "Masking of \(m.lead): \(fixed(m.before, 2)) before the cuts, \(fixed(m.after, 2)) after "
                    + "(lead-weighted dB within \(fixed1(MixRules.standard.unmasking.margin)) dB of the lead).")
        }
        let loud = plan.mix.loudness.map { "\(fixed1($0)) LUFS" } ?? "silent"
        let peak = plan.mix.truePeak.map { "\(fixed1($0)) dBTP" } ?? "no peak"
        var mixLine = "The summed mix: \(loud), true peak \(peak)"
        if let b = plan.mix.balance {
            mixLine += "; low/mid/high \(fixed1(b.low))/\(fixed1(b.mid))/\(fixed1(b.high)) dB"
        }
        lines.append(mixLine + ".")
        if let r = plan.reference {
            if let b = r.balance {
                lines.append(
                    "Reference \(r.file): low/mid/high \(fixed1(b.low))/\(fixed1(b.mid))/\(fixed1(b.high)) dB.")
            }
            if let b = r.mixBefore, let a = r.mixAfter {
                lines.append(
                    "  the mix before leaning \(fixed1(b.low))/\(fixed1(b.mid))/\(fixed1(b.high)), after "
                        + "\(fixed1(a.low))/\(fixed1(a.mid))/\(fixed1(a.high)) dB.")
            }
            for l in r.leans { lines.append("  " + l) }
            if r.leans.isEmpty { lines.append("  the balance is already within 0.5 dB of it; nothing leaned.") }
        }
        for n in plan.notes { lines.append(n) }
        if let mix {
            lines.append("Rendered \(mix.render.output): " + mix.summary)
            for w in mix.warnings { lines.append("warning: " + w) }
        }
        return lines.joined(separator: "\n")
    }
}

private func fixed1(_ x: Double) -> String { fixed(x, 1) }
private func signed(_ x: Double) -> String { (x > 0 ? "+" : "") + fixed1(x) }
private func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
private func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
