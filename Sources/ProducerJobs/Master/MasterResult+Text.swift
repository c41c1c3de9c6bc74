import Foundation
import ProducerConsole

extension MasterJob.Result {
    /// The readable report.
    public var text: String {
        var lines: [String] = []
        let t = target
        lines.append(
            "Target \(t.name): \(Self.f(t.loudness)) LUFS, ceiling \(Self.f(t.ceiling)) dBTP, "
                + "\(t.bits)-bit (\(t.source))")
        for song in songs {
            let r = song.report
            lines.append("")
            lines.append("\(song.input) → \(song.master) (\(Int(r.deliveredRate)) Hz, \(r.deliveredBits)-bit)")
            lines.append("                   before      after")
            func row(_ name: String, _ a: Double?, _ b: Double?, _ unit: String) {
                let pad = name.padding(toLength: 16, withPad: " ", startingAt: 0)
                lines.append("  \(pad)\(Self.cell(a))  \(Self.cell(b))  \(unit)")
            }
            row("integrated", r.before.integrated, r.after.integrated, "LUFS")
            row("true peak", r.before.truePeak, r.after.truePeak, "dBTP")
            row("loudness range", r.before.loudnessRange, r.after.loudnessRange, "LU")
            row("PLR", r.before.plr, r.after.plr, "dB")
            if r.amount > 0 {
                var chain =
                    "  chain: gain \(Self.f(r.gain)) dB (\(r.passes) passes), peak limiting up to \(Self.f(r.peakLimiting)) dB, release \(Int(r.limiterRelease)) ms"
                if let swing = r.gainReductionSwing { chain += " (gain swing \(Self.f(swing)) dB between peaks)" }
                if let clip = r.softClip { chain += ", soft clip \(Self.f(clip)) dB under the peaks" }
                if let th = r.compressionThreshold {
                    chain += ", compression \(Self.f(r.compressionRatio)):1 from \(Self.f(th)) dBFS"
                }
                lines.append(chain + ", amount \(Int((r.amount * 100).rounded()))%")
            } else {
                lines.append("  amount 0: the mix is untouched, only converted to the delivery format")
            }
            if let tone = r.tone {
                lines.append(
                    "  tone against the reference (1/3 octave, 40 Hz–16 kHz): \(Self.f(tone.distanceBefore)) dB RMS before, "
                        + "\(Self.f(tone.distanceAfter)) dB after")
                lines.append("      Hz    mix   master   EQ mid   EQ side")
                for b in tone.bands {
                    let hz = b.centre >= 1000 ? "\(Self.f(b.centre / 1000))k" : "\(Int(b.centre.rounded()))"
                    lines.append(
                        "  "
                            + [
                                hz, Self.f(b.mixVsReference), Self.f(b.masterVsReference), Self.f(b.midGain),
                                Self.f(b.sideGain),
                            ]
                            .enumerated().map { $0.element.leftPadding(to: $0.offset == 0 ? 6 : 8) }.joined(
                                separator: " "))
                }
            }
            lines.append("  on each platform:")
            for p in r.platforms {
                lines.append(
                    "    \(p.name.padding(toLength: 11, withPad: " ", startingAt: 0)) gain \(Self.cell(p.gain)) dB → "
                        + "\(Self.f(p.loudness)) LUFS, \(Self.f(p.truePeak)) dBTP"
                        + (p.overCeiling ? " (over its ceiling)" : ""))
            }
            lines.append(
                "  listen: \(song.before) and \(song.after) at \(Self.f(r.listeningLoudness)) LUFS; \(song.prelimit) before the limiter"
            )
        }
        if let spread = loudnessSpread { lines.append("\nalbum loudness spread: \(Self.f(spread)) LU") }
        return lines.joined(separator: "\n")
    }

    /// Every song's warnings, prefixed with its file when there are several.
    public var warnings: [String] {
        songs.flatMap { s in s.report.warnings.map { songs.count > 1 ? "\(s.input): \($0)" : $0 } }
    }

    static func f(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r == 0 ? "0.0" : String(format: "%.1f", r)
    }

    static func cell(_ x: Double?) -> String { (x.map { f($0) } ?? "–").leftPadding(to: 8) }
}

extension String {
    func leftPadding(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
