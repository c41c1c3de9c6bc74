import Foundation

extension PlacementPlan {
    /// The plan as lines for people.
    public var text: String {
        var lines = [
            "Mic plan: \(source), goal \(goal)"
                + (room.map { r in
                    String(format: ", room %.3g × %.3g × %.3g m (%@)", r.width, r.length, r.height, r.liveness.rawValue)
                } ?? "")
        ]
        lines.append("Mics: \(locker)")
        for p in placements {
            lines.append("")
            let mic = p.mic.map { (p.count == 2 ? "2× " : "") + $0 } ?? "MISSING"
            lines.append(String(format: "%@ — %@, %@, %.2f m", p.position, mic, p.pattern, p.distance))
            lines.append("  where: \(p.placement)")
            lines.append("  why: \(p.why)")
            lines.append("  mic: \(p.choice)")
            if let note = p.goalNote { lines.append("  \(goal): \(note)") }
        }
        if !missing.isEmpty {
            lines.append("")
            lines.append("Missing:")
            for m in missing { lines.append("  \(m)") }
        }
        if !spacing.isEmpty {
            lines.append("")
            lines.append("3:1 rule:")
            for s in spacing { lines.append("  \(s.passes ? "ok" : "FAILS") \(s.first) / \(s.second): \(s.advice)") }
        }
        if !alignment.isEmpty {
            lines.append("")
            lines.append("Align (producer align) — the farther mic is late:")
            for a in alignment {
                lines.append(
                    String(
                        format: "  %@: %@ (%.2f m) vs %@ (%.2f m): %.2f m farther, %.3f ms = %.1f samples at 48 kHz",
                        a.target, a.mic, a.micDistance, a.reference, a.referenceDistance, a.difference, a.milliseconds,
                        a.samplesAt48k))
            }
        }
        if !roomNotes.isEmpty {
            lines.append("")
            lines.append("Room:")
            for n in roomNotes { lines.append("  \(n)") }
        }
        for w in warnings { lines.append("warning: \(w)") }
        lines.append("")
        lines.append("Sources:")
        for r in references { lines.append("  \(r)") }
        return lines.joined(separator: "\n")
    }
}
