import Foundation

extension TracklistPlan {
    /// The running order as a table with the flow (tempo, key, energy) and, under each track,
    /// why it is there; then the sides and what was left out.
    public func text() -> String {
        var lines: [String] = []
        var head = "\(tracks.count) songs"
        if let length { head += ", \(Self.clock(length))" }
        if !sides.isEmpty {
            head += "; vinyl: " + sides.map { "side \($0.name) \(Self.clock($0.length))" }.joined(separator: ", ")
        }
        lines.append(head)
        lines.append("")
        let titleWidth = min(32, max(4, tracks.map(\.title.count).max() ?? 4))
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
        }
        let sideColumn = sides.isEmpty ? "" : "   "
        lines.append(
            " #  \(sideColumn)\(pad("Song", titleWidth))  Length  Tempo  \(pad("Key", 10))  Energy        Rating")
        for track in tracks {
            let energy = track.energy.map { e -> String in
                let n = Int(e.rounded())
                return String(repeating: "▮", count: n) + String(repeating: "·", count: 10 - n) + " \(n)"
            }
            let number = track.number < 10 ? " \(track.number)" : "\(track.number)"
            lines.append(
                "\(number)  "
                    + (sides.isEmpty ? "" : (track.side ?? " ") + "  ")
                    + pad(track.title, titleWidth) + "  "
                    + pad(track.length.map(Self.clock) ?? "—", 6) + "  "
                    + pad(track.tempo.map { String(Int($0.rounded())) } ?? "—", 5) + "  "
                    + pad(track.key ?? "—", 10) + "  "
                    + pad(energy ?? "—", 13) + " "
                    + TracklistPlanner.number(track.rating))
            for reason in track.why { lines.append("      " + sideColumn + reason) }
        }
        if !leftOut.isEmpty {
            lines.append("")
            lines.append("Left out:")
            for song in leftOut { lines.append("  \(song.title): \(song.why)") }
        }
        for note in notes { lines.append(note) }
        return lines.joined(separator: "\n")
    }

    /// A length as people write it: `3:34`.
    public static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return "\(s / 60):\(s % 60 < 10 ? "0" : "")\(s % 60)"
    }
}
