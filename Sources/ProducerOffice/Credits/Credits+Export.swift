import Foundation

extension Credits {
    /// The CSV header: one row per credit, then one per writer's share.
    public static let csvHeader = [
        "song", "isrc", "iswc", "person", "role", "ddex_role", "instrument", "share_percent", "session",
        "session_type", "studio", "room", "location", "date", "start", "end",
    ]

    /// The credits as CSV (RFC 4180: comma-separated, fields with commas, quotes or line breaks
    /// quoted, quotes doubled, lines ending CRLF), times in the project's time zone.
    public func csv(timeZone: String) -> String {
        let zone = TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 0)!
        let iso = ISO8601DateFormatter()
        iso.timeZone = zone
        iso.formatOptions = [.withInternetDateTime]
        let day = DateFormatter.fixed("yyyy-MM-dd", timeZone: zone)
        func codes(_ id: String?) -> (String, String) {
            let song = songs.first { $0.id == id }
            return (song?.isrc ?? "", song?.iswc ?? "")
        }
        var table = CSV(header: Self.csvHeader)
        for c in credits {
            let (isrc, iswc) = codes(c.songID)
            table.append([
                c.song ?? "", isrc, iswc, c.person, c.role, c.ddexRole, c.instrument ?? "", "", c.session,
                Self.sessionType(c.kind), c.studio ?? "", c.room ?? "", c.location ?? "",
                c.start.map(day.string) ?? "", c.start.map(iso.string) ?? "", c.end.map(iso.string) ?? "",
            ])
        }
        for w in writers {
            let (isrc, iswc) = codes(w.songID)
            table.append([
                w.song, isrc, iswc, w.name, "writer", "ComposerLyricist", "", Self.percent(w.shareBasisPoints), "", "",
                "", "", "", "", "", "",
            ])
        }
        return table.text
    }

    /// The credits as people read them, song by song.
    public func text(timeZone: String) -> String {
        let day = DateFormatter.fixed("EEE d MMM yyyy", timeZone: TimeZone(identifier: timeZone) ?? .gmt)
        var out: [String] = []
        if credits.isEmpty {
            out.append("No credits yet: they come from sessions marked done (`producer sessions done`).")
        }
        var groups: [(String?, [Credit])] = []
        for credit in credits {
            if let last = groups.last, last.0 == credit.songID {
                groups[groups.count - 1].1.append(credit)
            } else {
                groups.append((credit.songID, [credit]))
            }
        }
        for (songID, lines) in groups {
            let song = songs.first { $0.id == songID }
            var head = song?.title ?? "Not for one song"
            if let isrc = song?.isrc { head += " (ISRC \(isrc))" }
            out.append(head)
            for c in lines {
                var role = c.role + " (\(c.ddexRole)" + (c.instrument.map { ", \($0)" } ?? "") + ")"
                if c.ddexRole == "MainArtist" { role = "main artist (MainArtist)" }
                var line = "  \(c.person) — \(role): \(c.session)"
                if let studio = c.studio { line += ", \(studio)" + (c.room.map { " — \($0)" } ?? "") }
                if let start = c.start { line += ", \(day.string(from: start))" }
                out.append(line)
            }
            let written = writers.filter { $0.songID == songID }
            if !written.isEmpty {
                out.append(
                    "  written by "
                        + written.map { "\($0.name) \(Self.percent($0.shareBasisPoints)) %" }.joined(separator: ", "))
            }
        }
        for problem in problems { out.append("! \(problem)") }
        return out.joined(separator: "\n")
    }
}

extension OfficeJobs {
    /// `producer credits --csv FILE --json FILE`: writes the credits, each file to a temporary
    /// file renamed over it when complete. Checked by the caller's output policy first.
    /// - Throws: ``OfficeError`` listing every malformed ISRC or ISWC: nothing is written then.
    public static func exportCredits(
        csv: String?, json: String?, store: any ProjectStore, now: Date = Date()
    ) async throws -> Credits {
        let project = try await store.snapshot()
        let credits = Credits(project: project)
        guard credits.problems.isEmpty else {
            throw OfficeError(
                "the credits were not exported: " + credits.problems.joined(separator: "; ")
                    + " (fix them with `producer songs edit`)")
        }
        let zone = project.settings.timeZone
        if let csv { try writeAtomically(credits.csv(timeZone: zone), to: csv) }
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(credits.rin(timeZone: zone, now: now))
            try writeAtomically(String(decoding: data, as: UTF8.self) + "\n", to: json)
        }
        return credits
    }
}
