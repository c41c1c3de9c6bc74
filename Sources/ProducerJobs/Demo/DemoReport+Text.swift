import Foundation
import ProducerAudio

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
