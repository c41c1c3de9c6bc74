extension ProjectCheck {
    /// The songs found, then every problem, errors first, each with its file.
    public func text() -> String {
        var lines: [String] = []
        if songs.isEmpty {
            lines.append("No songs in \(folder)/takes yet.")
        } else {
            lines.append("\(songs.count) song\(songs.count == 1 ? "" : "s") in \(folder):")
            for song in songs {
                var facts = [
                    "\(song.parts) part\(song.parts == 1 ? "" : "s")",
                    "\(song.takes) take\(song.takes == 1 ? "" : "s")",
                ]
                if song.micGroups > 0 { facts.append("\(song.micGroups) mic group\(song.micGroups == 1 ? "" : "s")") }
                if let rate = song.sampleRate { facts.append("\(Int(rate)) Hz") }
                facts.append(song.reference.map { "reference \($0)" } ?? "no reference")
                lines.append(
                    "  \(song.id)" + (song.title.map { " (\($0))" } ?? "") + ": " + facts.joined(separator: ", "))
            }
        }
        let errors = problems.filter { $0.severity == .error }.count
        let warnings = problems.count - errors
        if problems.isEmpty {
            lines.append("Nothing missing or inconsistent: ready for `producer produce`.")
        } else {
            lines.append(
                "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
                    + (errors == 0 ? " (produce can run)" : " (produce cannot run until the errors are fixed)") + ":")
            for problem in problems {
                lines.append("  \(problem.severity.rawValue): \(problem.place): \(problem.message)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
