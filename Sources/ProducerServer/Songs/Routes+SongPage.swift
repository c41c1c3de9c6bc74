import Foundation
import ProducerOffice
import ProducerStore

extension SongDesk {
    /// What the song page shows: the versions, the chosen one's player and waveform, and the
    /// comment threads placed on it, those of earlier versions carried over to the same bar and
    /// beat. Threads are in time order: whole-version comments first, then by where they start;
    /// replies in the order they were written. The threads come ``threadsPerPage`` to a `page`
    /// (from 1), so the page stays the same size however much was said.
    func songPageData(
        song: Song, snapshot: ProjectSnapshot, chosen chosenID: String?, page: Int = 1, access: Access,
        context: StudioContext
    ) async throws -> [String: Any] {
        let (project, _) = try access.member
        let versions = try await services.studio.versions(projectID: project.id, songID: song.id)
        let chosen = versions.first { $0.id == chosenID } ?? versions.last
        var names: [String: String] = [:]
        func name(_ accountID: String) async throws -> String {
            if let known = names[accountID] { return known }
            let found = try await services.studio.account(id: accountID)?.name ?? "someone"
            names[accountID] = found
            return found
        }
        let formatter = MinuteStamps(timeZone: snapshot.settings.timeZone)
        let base = "/projects/\(project.id)"
        var versionRows: [[String: Any]] = []
        let allApprovals = Dictionary(
            grouping: try await services.studio.approvals(projectID: project.id, versionIDs: versions.map(\.id)),
            by: \.versionID)
        for version in versions.reversed() {
            var approvedBy: [String] = []
            for approval in allApprovals[version.id] ?? [] {
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
        ]
        guard let chosen else { return data }
        let length = Self.versionLength(chosen)
        let grid = SongPlace.Grid(chosen.analysis)
        let index = versions.firstIndex { $0.id == chosen.id } ?? 0
        let byID = Dictionary(uniqueKeysWithValues: versions.map { ($0.id, $0) })
        func place(_ comment: SongComment) async throws -> (start: Double?, item: CommentItem) {
            try await commentItem(
                comment, on: chosen, grid: grid, origin: byID[comment.versionID], name: name, formatter: formatter,
                access: access)
        }
        // A page of this version's own threads, read in order from the database, and the
        // unresolved threads of earlier versions that fall between this page's first thread and
        // the next page's.
        let size = Self.threadsPerPage
        let own = try await services.studio.threadStarts(
            projectID: project.id, versionID: chosen.id, offset: (page - 1) * size, limit: size + 1)
        var placed: [(comment: SongComment, start: Double?, item: CommentItem)] = []
        for comment in own.prefix(size) {
            let (start, item) = try await place(comment)
            placed.append((comment, start, item))
        }
        var next: (SongComment, Double?)?
        if let first = own.dropFirst(size).first { next = (first, try await place(first).start) }
        if page == 1 || !placed.isEmpty {
            let carried = try await services.studio.openThreadStarts(
                projectID: project.id, versionIDs: versions[..<index].map(\.id), limit: Self.carriedThreads)
            let lower = page == 1 ? nil : placed.first.map { ($0.comment, $0.start) }
            for comment in carried {
                let (start, item) = try await place(comment)
                if let lower, Self.threadOrder((comment, start), lower) { continue }
                if let next, !Self.threadOrder((comment, start), next) { continue }
                placed.append((comment, start, item))
            }
            if carried.count == Self.carriedThreads { data["carriedCut"] = Self.carriedThreads }
        }
        placed.sort { Self.threadOrder(($0.comment, $0.start), ($1.comment, $1.start)) }
        let replies = try await replyTree(under: placed.map(\.comment.id), projectID: project.id)
        var items: [CommentItem] = []
        var ranges: [(Double, Double)] = []
        for (comment, start, item) in placed {
            items.append(item)
            if let start { ranges.append((start, item.endSeconds ?? start)) }
            for reply in Self.replies(to: comment.id, in: replies.children, depth: 1) {
                var (_, replyItem) = try await place(reply.comment)
                replyItem.indent = min(reply.depth, 6) * 2
                items.append(replyItem)
            }
        }
        let list = CommentList(
            mayComment: access.may(.comment), mayBook: access.may(.book), csrf: context.csrfToken,
            commentAction: "\(base)/songs/\(song.id)/comments", versionID: chosen.id,
            people: snapshot.people.map { ($0.id, $0.name) })
        data["comments"] = list.html(items)
        data["hasComments"] = !items.isEmpty
        if replies.cut { data["repliesCut"] = Self.repliesPerPage }
        let link = "\(base)/songs/\(song.id)?version=\(chosen.id)&page="
        if page > 1 { data["earlierThreads"] = link + String(page - 1) }
        if next != nil { data["laterThreads"] = link + String(page + 1) }
        if page > 1 || next != nil {
            let first = (page - 1) * size + 1
            data["threadsShown"] =
                own.isEmpty ? "Page \(page) has no threads." : "Threads \(first)–\(first + min(own.count, size) - 1)"
        }
        data["chosen"] = [
            "id": chosen.id, "kind": chosen.kind.rawValue, "number": chosen.number,
            "audio": "\(base)/versions/\(chosen.id)/audio",
            "type": chosen.storedPath.hasSuffix(".aiff") ? "audio/aiff" : "audio/wav",
            "waveform": Self.waveform(chosen.analysis?.peaks ?? [], seconds: length, ranges: ranges),
            "length": SongPlace.clock(length), "hasGrid": grid != nil,
        ]
        data["chosenID"] = chosen.id
        return data
    }

    /// One comment as the page shows it on `version`, and where it starts there (seconds).
    func commentItem(
        _ comment: SongComment, on version: SongVersion, grid: SongPlace.Grid?, origin: SongVersion?,
        name: (String) async throws -> String, formatter: MinuteStamps, access: Access
    ) async throws -> (Double?, CommentItem) {
        var item = CommentItem(
            id: comment.id, projectID: comment.projectID, author: try await name(comment.authorID), body: comment.body,
            when: formatter.string(from: comment.createdAt), resolved: comment.resolved,
            hasTask: comment.taskID != nil, isRoot: comment.parentID == nil)
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
                item.endSeconds = end
                text += "–" + SongPlace.clock(end)
                if let grid, let first = barBeat { barBeat = first + "–" + grid.barBeat(grid.beats(at: end)) }
            }
            item.range = text
            item.seek = SongPlace.fixed(begin, places: 3)
            item.barBeat = barBeat
            item.movedByTime = movedByTime
        } else if comment.parentID == nil {
            item.range = "whole version"
        }
        if let origin, origin.id != version.id {
            item.from = "from \(origin.kind.rawValue) \(origin.number)"
        }
        return (start, item)
    }

    /// How many threads of a version one page shows.
    static let threadsPerPage = 50
    /// The most unresolved threads of earlier versions a page carries over.
    static let carriedThreads = 200
    /// The most replies one page shows.
    static let repliesPerPage = 500

    /// Whether thread `a` comes before `b` on a version: whole-version threads first, then by
    /// where they start, then oldest first.
    static func threadOrder(_ a: (SongComment, Double?), _ b: (SongComment, Double?)) -> Bool {
        switch (a.1, b.1) {
        case (nil, _?): return true
        case (_?, nil): return false
        case (let x?, let y?) where x != y: return x < y
        default: return a.0.createdAt == b.0.createdAt ? a.0.id < b.0.id : a.0.createdAt < b.0.createdAt
        }
    }

    /// The replies under the threads `roots`, a level at a time (at most 32 deep and
    /// ``repliesPerPage`` in all), by the comment they answer; `cut` when some were left out.
    func replyTree(
        under roots: [String], projectID: String
    ) async throws -> (children: [String: [SongComment]], cut: Bool) {
        var children: [String: [SongComment]] = [:]
        var parents = roots
        var left = Self.repliesPerPage
        var depth = 0
        while !parents.isEmpty, left > 0, depth < 32 {
            let found = try await services.studio.replies(projectID: projectID, to: parents, limit: left + 1)
            let kept = found.prefix(left)
            for reply in kept { children[reply.parentID ?? "", default: []].append(reply) }
            if found.count > left { return (children, true) }
            left -= kept.count
            parents = kept.map(\.id)
            depth += 1
        }
        return (children, !parents.isEmpty)
    }

    /// The replies under `id`, depth first, each in the order written.
    static func replies(
        to id: String, in children: [String: [SongComment]], depth: Int
    ) -> [(comment: SongComment, depth: Int)] {
        guard depth <= 32 else { return [] }
        var result: [(comment: SongComment, depth: Int)] = []
        for reply in children[id] ?? [] {
            result.append((reply, depth))
            result += replies(to: reply.id, in: children, depth: depth + 1)
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

    /// Waveform paths drawn, by their peaks: a song page under load draws the same one again
    /// and again.
    static let wavePaths = KeptValues<[Float], String>(capacity: 64)

    /// The waveform's path: a vertical bar per column of `peaks`, in tenths of a unit.
    static func wavePath(_ peaks: [Float]) -> String {
        // Written by hand: `String(format:)` 1600 times was most of a page's time.
        func tenths(_ value: Double) -> String {
            let t = Int((value * 10).rounded())
            return "\(t / 10).\(t % 10)"
        }
        var path = ""
        path.reserveCapacity(peaks.count * 16)
        for (x, peak) in peaks.enumerated() {
            let h = max(0.5, Double(min(1, max(0, peak))) * 48)
            path += "M\(x) \(tenths(50 - h))V\(tenths(50 + h))"
        }
        return path
    }

    /// The waveform as SVG drawn on the server: a bar per column of `peaks`, the comments'
    /// ranges over it, and the cursor the player's script moves. Only numbers go into it.
    static func waveform(_ peaks: [Float], seconds: Double, ranges: [(Double, Double)]) -> String {
        let columns = max(1, peaks.count)
        let path = wavePaths.value(for: peaks) { peaks in wavePath(peaks) } ?? ""
        var svg =
            "<svg id=\"waveform\" class=\"waveform\" viewBox=\"0 0 \(columns) 100\" preserveAspectRatio=\"none\" "
            + "data-columns=\"\(columns)\" data-seconds=\"\(SongPlace.fixed(seconds, places: 3))\" role=\"img\" "
            + "aria-label=\"waveform\">"
        for (start, end) in ranges where seconds > 0 {
            let x = start / seconds * Double(columns)
            let width = max(1, (end - start) / seconds * Double(columns))
            svg += "<rect class=\"range\" x=\"\(SongPlace.fixed(x, places: 2))\" y=\"0\" "
            svg += "width=\"\(SongPlace.fixed(width, places: 2))\" height=\"100\"/>"
        }
        svg += "<path class=\"wave\" d=\"\(path)\" stroke=\"#8e8e93\" stroke-width=\"1\"/>"
        svg += "<line id=\"cursor\" class=\"cursor\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"100\"/></svg>"
        return svg
    }
}
