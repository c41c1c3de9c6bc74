import Foundation
import ProducerOffice

extension SongDesk {
    /// What the song page shows: the versions, the chosen one's player and waveform, and the
    /// comment threads placed on it, those of earlier versions carried over to the same bar and
    /// beat. Threads are in time order: whole-version comments first, then by where they start;
    /// replies in the order they were written.
    func songPageData(
        song: Song, snapshot: ProjectSnapshot, chosen chosenID: String?, access: Access, context: StudioContext
    ) async throws -> [String: Any] {
        let (project, _) = try access.member
        let versions = try await services.studio.versions(projectID: project.id, songID: song.id)
        let comments = try await services.studio.comments(projectID: project.id, songID: song.id)
        let chosen = versions.first { $0.id == chosenID } ?? versions.last
        var names: [String: String] = [:]
        func name(_ accountID: String) async throws -> String {
            if let known = names[accountID] { return known }
            let found = try await services.studio.account(id: accountID)?.name ?? "someone"
            names[accountID] = found
            return found
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: snapshot.settings.timeZone) ?? TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm zzz"
        let base = "/projects/\(project.id)"
        var versionRows: [[String: Any]] = []
        for version in versions.reversed() {
            let approvals = try await services.studio.approvals(projectID: project.id, versionID: version.id)
            var approvedBy: [String] = []
            for approval in approvals {
                let who = try await name(approval.accountID)
                approvedBy.append("\(who) (\(approval.role.rawValue))")
            }
            let uploader = try await name(version.uploadedBy)
            var row: [String: Any] = [
                "id": version.id, "kind": version.kind.rawValue, "number": version.number,
                "who": uploader, "when": formatter.string(from: version.uploadedAt),
                "size": Self.byteSize(version.byteCount), "checksum": version.sha256, "fileName": version.fileName,
                "stage": version.stage.rawValue, "analysisState": version.analysisState.rawValue,
                "link": "\(base)/songs/\(song.id)?version=\(version.id)", "chosen": version.id == chosen?.id,
                "approvals": approvedBy.joined(separator: ", "), "approved": !approvedBy.isEmpty,
                "approveAction": "\(base)/versions/\(version.id)/approvals",
                "masteringAction": "\(base)/versions/\(version.id)/mastering",
                "deliveryAction": "\(base)/versions/\(version.id)/delivery",
                "mayApprove": (version.kind == .mix && access.may(.approveMix))
                    || (version.kind == .master && access.may(.approveMaster)),
                "mayMaster": version.kind == .mix && version.stage == .uploaded && access.may(.upload),
                "mayDeliver": version.kind == .master && version.stage != .delivered && access.may(.book),
                "length": SongPlace.clock(Self.versionLength(version)),
            ]
            if let analysis = version.analysis {
                if let lufs = analysis.integratedLUFS, lufs.isFinite { row["lufs"] = String(format: "%.1f", lufs) }
                if let peak = analysis.truePeakDBTP, peak.isFinite { row["dbtp"] = String(format: "%.1f", peak) }
                if let tempo = analysis.tempo, tempo.isFinite { row["tempo"] = String(format: "%.1f", tempo) }
            }
            if let error = version.analysisError { row["analysisError"] = error }
            versionRows.append(row)
        }
        var data: [String: Any] = [
            "song": ["id": song.id, "title": song.title],
            "versions": versionRows, "hasVersions": !versions.isEmpty,
            "uploadAction": "\(base)/songs/\(song.id)/versions?_csrf=\(context.csrfToken)",
            "commentAction": "\(base)/songs/\(song.id)/comments",
            "mayUpload": access.may(.upload), "mayComment": access.may(.comment), "mayBook": access.may(.book),
            "people": snapshot.people.map { ["id": $0.id, "name": $0.name] },
        ]
        guard let chosen else { return data }
        let length = Self.versionLength(chosen)
        let grid = SongPlace.Grid(chosen.analysis)
        let index = versions.firstIndex { $0.id == chosen.id } ?? 0
        let earlier = Set(versions[..<index].map(\.id))
        let byID = Dictionary(uniqueKeysWithValues: versions.map { ($0.id, $0) })
        // The threads on this version: its own, and the unresolved ones of earlier versions.
        let roots = comments.filter {
            $0.parentID == nil && ($0.versionID == chosen.id || (earlier.contains($0.versionID) && !$0.resolved))
        }
        var placed: [(comment: SongComment, start: Double?, row: [String: Any])] = []
        for comment in roots {
            let (start, row) = try await commentRow(
                comment, on: chosen, grid: grid, origin: byID[comment.versionID], name: name, formatter: formatter,
                access: access)
            placed.append((comment, start, row))
        }
        placed.sort { a, b in
            switch (a.start, b.start) {
            case (nil, nil): return a.comment.createdAt < b.comment.createdAt
            case (nil, _): return true
            case (_, nil): return false
            case (let x?, let y?): return x == y ? a.comment.createdAt < b.comment.createdAt : x < y
            }
        }
        var rows: [[String: Any]] = []
        var ranges: [(Double, Double)] = []
        for (comment, start, row) in placed {
            rows.append(row)
            if let start {
                let end = (row["endSeconds"] as? Double) ?? start
                ranges.append((start, end))
            }
            for reply in Self.replies(to: comment.id, in: comments, depth: 1) {
                var (_, replyRow) = try await commentRow(
                    reply.comment, on: chosen, grid: grid, origin: byID[reply.comment.versionID], name: name,
                    formatter: formatter, access: access)
                replyRow["indent"] = min(reply.depth, 6) * 2
                rows.append(replyRow)
            }
        }
        data["chosen"] = [
            "id": chosen.id, "kind": chosen.kind.rawValue, "number": chosen.number,
            "audio": "\(base)/versions/\(chosen.id)/audio",
            "type": chosen.storedPath.hasSuffix(".aiff") ? "audio/aiff" : "audio/wav",
            "waveform": Self.waveform(chosen.analysis?.peaks ?? [], seconds: length, ranges: ranges),
            "length": SongPlace.clock(length), "hasGrid": grid != nil,
        ]
        data["comments"] = rows
        data["chosenID"] = chosen.id
        return data
    }

    /// One comment as the page shows it on `version`, and where it starts there (seconds).
    func commentRow(
        _ comment: SongComment, on version: SongVersion, grid: SongPlace.Grid?, origin: SongVersion?,
        name: (String) async throws -> String, formatter: DateFormatter, access: Access
    ) async throws -> (Double?, [String: Any]) {
        let base = "/projects/\(comment.projectID)"
        let author = try await name(comment.authorID)
        var row: [String: Any] = [
            "id": comment.id, "author": author, "body": comment.body,
            "when": formatter.string(from: comment.createdAt), "resolved": comment.resolved, "indent": 0,
            "resolveAction": "\(base)/comments/\(comment.id)/resolve",
            "taskAction": "\(base)/comments/\(comment.id)/task", "hasTask": comment.taskID != nil,
            "isRoot": comment.parentID == nil,
        ]
        var start: Double?
        if let startFrame = comment.startFrame, let origin {
            let rate = max(1, origin.sampleRate)
            var movedByTime = false
            let carried = origin.id != version.id
            func place(_ frame: Int64, _ beat: Double?) -> Double {
                if carried, let beat, let grid { return grid.seconds(at: beat) }
                if carried { movedByTime = true }
                return Double(frame) / rate
            }
            let begin = place(startFrame, comment.startBeat)
            start = begin
            var text = SongPlace.clock(begin)
            var barBeat = grid.map { $0.barBeat($0.beats(at: begin)) }
            if let endFrame = comment.endFrame {
                let end = place(endFrame, comment.endBeat)
                row["endSeconds"] = end
                text += "–" + SongPlace.clock(end)
                if let grid, let first = barBeat { barBeat = first + "–" + grid.barBeat(grid.beats(at: end)) }
            }
            row["range"] = text
            row["seek"] = String(format: "%.3f", begin)
            if let barBeat { row["barBeat"] = barBeat }
            if movedByTime { row["movedByTime"] = true }
        } else if comment.parentID == nil {
            row["range"] = "whole version"
        }
        if let origin, origin.id != version.id {
            row["from"] = "from \(origin.kind.rawValue) \(origin.number)"
        }
        return (start, row)
    }

    /// The replies under `id`, depth first, each in the order written.
    static func replies(to id: String, in comments: [SongComment], depth: Int) -> [(comment: SongComment, depth: Int)] {
        guard depth <= 32 else { return [] }
        var result: [(comment: SongComment, depth: Int)] = []
        for reply in comments.filter({ $0.parentID == id }).sorted(by: { $0.createdAt < $1.createdAt }) {
            result.append((reply, depth))
            result += replies(to: reply.id, in: comments, depth: depth + 1)
        }
        return result
    }

    /// The version's length in seconds.
    static func versionLength(_ version: SongVersion) -> Double {
        version.analysis?.seconds ?? Double(version.frameCount) / max(1, version.sampleRate)
    }

    /// "4.2 MB", "812 KB", "96 bytes".
    static func byteSize(_ count: Int64) -> String {
        if count >= 1_000_000 { return String(format: "%.1f MB", Double(count) / 1_000_000) }
        if count >= 1000 { return String(format: "%.0f KB", Double(count) / 1000) }
        return "\(count) bytes"
    }

    /// The waveform as SVG drawn on the server: a bar per column of `peaks`, the comments'
    /// ranges over it, and the cursor the player's script moves. Only numbers go into it.
    static func waveform(_ peaks: [Float], seconds: Double, ranges: [(Double, Double)]) -> String {
        let columns = max(1, peaks.count)
        var path = ""
        for (x, peak) in peaks.enumerated() {
            let h = max(0.5, Double(min(1, max(0, peak))) * 48)
            path += "M\(x) " + String(format: "%.1fV%.1f", 50 - h, 50 + h)
        }
        var svg =
            "<svg id=\"waveform\" class=\"waveform\" viewBox=\"0 0 \(columns) 100\" preserveAspectRatio=\"none\" "
            + "data-columns=\"\(columns)\" data-seconds=\(String(format: "\"%.3f\"", seconds)) role=\"img\" "
            + "aria-label=\"waveform\">"
        for (start, end) in ranges where seconds > 0 {
            let x = start / seconds * Double(columns)
            let width = max(1, (end - start) / seconds * Double(columns))
            svg += String(format: "<rect class=\"range\" x=\"%.2f\" y=\"0\" width=\"%.2f\" height=\"100\"/>", x, width)
        }
        svg += "<path class=\"wave\" d=\"\(path)\" stroke=\"#8e8e93\" stroke-width=\"1\"/>"
        svg += "<line id=\"cursor\" class=\"cursor\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"100\"/></svg>"
        return svg
    }
}
