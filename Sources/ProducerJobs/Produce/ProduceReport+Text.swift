import Foundation
import ProducerAudio
import ProducerConsole
import ProducerEars
import ProducerOffice

extension ProduceReport {
    /// What `produce` prints: per song what it did, the retakes, and where the report is.
    public func text() -> String {
        var lines: [String] = [
            "Produced \"\(title)\": \(songs.count) song\(songs.count == 1 ? "" : "s") in \(fixed(seconds, 1)) s."
        ]
        for song in songs {
            lines.append("")
            lines.append("\(song.title) (\(song.id))")
            let clipped = song.files.filter { $0.analysis.clippingRunCount > 0 }.map(\.file)
            lines.append(
                "  files: \(song.files.count) checked"
                    + (clipped.isEmpty ? "" : "; clipping in " + clipped.joined(separator: ", ")))
            for part in song.parts {
                guard let ranking = part.takesResult?.ranking else {
                    lines.append("  \(part.name): one take, used as it is")
                    continue
                }
                let best = ranking.takes.first.map { ($0.take as NSString).lastPathComponent } ?? "?"
                let used = Set(ranking.phrases.map(\.takeIndex)).count
                lines.append(
                    "  \(part.name): \(part.takes.count) take\(part.takes.count == 1 ? "" : "s"), best \(best); "
                        + "comp of \(ranking.phrases.count) phrase\(ranking.phrases.count == 1 ? "" : "s") from \(used) take\(used == 1 ? "" : "s") → \(part.stem)"
                )
            }
            for group in song.mics {
                let moves = group.alignment.mics.map { mic in
                    "\((mic.mic as NSString).lastPathComponent) \(fixed(mic.delaySamples, 1)) samples"
                        + (mic.polarity == "inverted" ? ", polarity flipped" : "")
                }
                lines.append("  mics \(group.name): " + moves.joined(separator: "; "))
            }
            if let mix = song.mix {
                lines.append(
                    "  mix: \(mix.plan.stems.count) stems → \(mix.output), \(fixed(mix.integratedLoudness)) LUFS, "
                        + "\(fixed(mix.truePeak)) dBTP")
            }
            for master in song.masters {
                let after = master.report.after
                lines.append(
                    "  \(master.target): \(master.master), \(fixed(after.integrated)) LUFS, \(fixed(after.truePeak)) dBTP — "
                        + (master.delivery.passed
                            ? "passes delivery" : "FAILS: " + master.delivery.problems.joined(separator: "; ")))
            }
            let redone = song.stages.filter(\.redone).map(\.stage)
            if redone.isEmpty { lines.append("  nothing changed since the last run: every stage kept") }
        }
        if !retakes.isEmpty {
            lines.append("")
            lines.append("Retakes to book (\(retakes.count)):")
            for retake in retakes {
                let cost = retake.estimatedCost.map { ", about \($0.formatted)" } ?? ""
                let where_ = retake.bars.map { "bar \($0)" } ?? formatTime(retake.start)
                lines.append(
                    "  \(retake.song) \(retake.part), \(where_): \(retake.reason)"
                        + (retake.session.map { " → session \($0) in the plan" }
                            ?? " (no song \(retake.song) in the plan to book it for)")
                        + cost)
            }
        }
        lines.append("")
        lines.append("Report: \(reportIndex)")
        return lines.joined(separator: "\n")
    }
}
