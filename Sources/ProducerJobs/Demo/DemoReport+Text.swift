import Foundation

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
        return lines.joined(separator: "\n") + "\n"
    }
}
