import Foundation
import Hummingbird
import ProducerOffice

extension Routes {
    /// Comments on a time range of a version, replies, resolving, and a comment made a task.
    func addCommentRoutes() {
        let desk = SongDesk(services: services, configuration: configuration)
        add(.post, "/projects/:project/songs/:song/comments", .project(.comment)) { request, context, access in
            var request = request
            let form = try await request.form(context: context)
            let draft = SongDesk.CommentDraft(
                version: form["version"] ?? "", start: form["start"], end: form["end"], body: form["body"] ?? "",
                parent: form["parent"])
            let comment = try await desk.addComment(draft, songID: context.parameters.get("song") ?? "", access: access)
            return .redirect(
                to:
                    "/projects/\(comment.projectID)/songs/\(comment.songID)?version=\(draft.version)#comment-\(comment.id)"
            )
        }
        add(.post, "/projects/:project/comments/:comment/resolve", .project(.comment)) { _, context, access in
            let comment = try await desk.resolve(context.parameters.get("comment"), access: access)
            return .redirect(to: "/projects/\(comment.projectID)/songs/\(comment.songID)?version=\(comment.versionID)")
        }
        add(.post, "/projects/:project/comments/:comment/task", .project(.book)) { request, context, access in
            var request = request
            let form = try await request.form(context: context)
            let (comment, _) = try await desk.makeTask(
                context.parameters.get("comment"), person: form["person"] ?? "", due: form["due"] ?? "",
                access: access)
            return .redirect(to: "/projects/\(comment.projectID)/songs/\(comment.songID)?version=\(comment.versionID)")
        }

        add(.get, "/api/projects/:project/songs/:song/comments", .project(.read)) { request, context, access in
            let (song, _) = try await desk.projectSong(context.parameters.get("song") ?? "", access: access)
            let (project, _) = try access.member
            let query = request.uri.queryParameters
            func number(_ name: String, _ range: ClosedRange<Int>, otherwise: Int) throws -> Int {
                guard let text = query[name[...]] else { return otherwise }
                guard let value = Int(text), range.contains(value) else {
                    throw ServerFailure.invalid(
                        "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound) (it is \"\(text)\")."
                    )
                }
                return value
            }
            let limit = try number("limit", 1...SongDesk.commentsPerCall, otherwise: SongDesk.commentsPerCall)
            let offset = try number("offset", 0...1_000_000_000, otherwise: 0)
            return try .json(
                try await desk.services.studio.comments(
                    projectID: project.id, songID: song.id, offset: offset, limit: limit))
        }
        add(.post, "/api/projects/:project/songs/:song/comments", .project(.comment)) { request, context, access in
            var request = request
            let draft = try await request.json(SongDesk.CommentDraft.self, context: context)
            let comment = try await desk.addComment(draft, songID: context.parameters.get("song") ?? "", access: access)
            return try .json(comment, status: .created)
        }
        add(.post, "/api/projects/:project/comments/:comment/resolve", .project(.comment)) { _, context, access in
            try .json(try await desk.resolve(context.parameters.get("comment"), access: access))
        }
        add(.post, "/api/projects/:project/comments/:comment/task", .project(.book)) { request, context, access in
            var request = request
            let body = try await request.json(SongDesk.CommentTaskDraft.self, context: context)
            let (_, task) = try await desk.makeTask(
                context.parameters.get("comment"), person: body.person, due: body.due, access: access)
            return try .json(task, status: .created)
        }
    }
}

extension SongDesk {
    /// The most comments one call of the API lists (page on with `offset`).
    static let commentsPerCall = 1000

    /// A new comment as a form or the API sends it. `start` and `end` are text (`1:23`,
    /// `1:23.500`, `83.5`, `12:3`); the API may send seconds as numbers.
    struct CommentDraft: Codable {
        var version: String
        var start: String?
        var end: String?
        var body: String
        var parent: String?

        init(version: String, start: String?, end: String?, body: String, parent: String?) {
            self.version = version
            self.start = start
            self.end = end
            self.body = body
            self.parent = parent
        }

        enum CodingKeys: String, CodingKey {
            case version, start, end, body, parent
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            version = try container.decode(String.self, forKey: .version)
            body = try container.decode(String.self, forKey: .body)
            parent = try container.decodeIfPresent(String.self, forKey: .parent)
            func time(_ key: CodingKeys) throws -> String? {
                if let seconds = try? container.decodeIfPresent(Double.self, forKey: key) { return String(seconds) }
                return try container.decodeIfPresent(String.self, forKey: key)
            }
            start = try time(.start)
            end = try time(.end)
        }
    }

    struct CommentTaskDraft: Codable {
        /// The project person's id.
        var person: String
        /// The due day, `2027-03-08`.
        var due: String
    }

    /// Checks and adds a comment on `songID`.
    func addComment(_ draft: CommentDraft, songID: String, access: Access) async throws -> SongComment {
        let (project, _) = try access.member
        let account = try access.signedIn
        let (song, _) = try await self.projectSong(songID, access: access)
        func refuse(_ message: String) -> ServerFailure { ServerFailure(.unprocessableContent, "invalid", message) }
        guard draft.version.utf8.count <= 64,
            let version = try await services.studio.version(id: draft.version, projectID: project.id),
            version.songID == song.id
        else { throw refuse("version: there is no such version of \(song.title).") }
        let body = draft.body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw refuse("body: write the comment (it is empty).") }
        guard body.count <= 5000 else {
            throw refuse("body: keep a comment to 5000 characters (this is \(body.count)).")
        }
        var parentID: String?
        if let parent = draft.parent?.trimmingCharacters(in: .whitespaces), !parent.isEmpty {
            guard parent.utf8.count <= 64,
                let found = try await services.studio.comment(id: parent, projectID: project.id),
                found.songID == song.id
            else { throw refuse("parent: there is no such comment on \(song.title) to reply to.") }
            parentID = found.id
        }
        let length = version.analysis?.seconds ?? Double(version.frameCount) / max(1, version.sampleRate)
        let grid = SongPlace.Grid(version.analysis)
        let startText = draft.start?.trimmingCharacters(in: .whitespaces) ?? ""
        let endText = draft.end?.trimmingCharacters(in: .whitespaces) ?? ""
        var start: Double?
        var end: Double?
        if !startText.isEmpty { start = try SongPlace.seconds(startText, field: "start", length: length, grid: grid) }
        if !endText.isEmpty {
            guard let start else { throw refuse("end: give a start too, or neither for the whole version.") }
            let value = try SongPlace.seconds(endText, field: "end", length: length, grid: grid)
            guard value >= start else { throw refuse("end: \(endText) is before the start (\(startText)).") }
            end = value
        }
        let rate = version.sampleRate
        let comment = SongComment(
            projectID: project.id, songID: song.id, versionID: version.id, parentID: parentID, authorID: account.id,
            body: body, startFrame: start.map { Int64(($0 * rate).rounded()) },
            endFrame: end.map { Int64(($0 * rate).rounded()) }, startBeat: start.flatMap { grid?.beats(at: $0) },
            endBeat: end.flatMap { grid?.beats(at: $0) }, createdAt: services.now())
        let place = start.map { " at \(SongPlace.clock($0))" } ?? ""
        let entry = ActivityEntry(
            projectID: project.id, at: comment.createdAt, accountID: account.id,
            verb: parentID == nil ? .commented : .replied,
            subject: "\(version.kind.rawValue) \(version.number) of \(song.title)\(place)",
            link: "/projects/\(project.id)/songs/\(song.id)?version=\(version.id)#comment-\(comment.id)")
        try await services.studio.addComment(comment, recording: entry)
        return comment
    }

    /// The comment `id` of the route's project, or 404.
    func projectComment(_ id: String?, access: Access) async throws -> SongComment {
        let (project, _) = try access.member
        guard let id, id.utf8.count <= 64,
            let comment = try await services.studio.comment(id: id, projectID: project.id)
        else { throw ServerFailure.notFound("There is no such comment on this project.") }
        return comment
    }

    func resolve(_ id: String?, access: Access) async throws -> SongComment {
        var comment = try await projectComment(id, access: access)
        guard !comment.resolved else { return comment }
        comment.resolved = true
        try await services.studio.updateComment(comment)
        try await services.record(
            .resolved, "a comment: \(comment.body.prefix(60))", projectID: comment.projectID, by: access.account,
            link: "/projects/\(comment.projectID)/songs/\(comment.songID)?version=\(comment.versionID)")
        return comment
    }

    /// Makes a project task of a comment: for `person` (a project person's id), due at the end
    /// of `due` (`2027-03-08`) in the project's time zone.
    func makeTask(_ id: String?, person: String, due: String, access: Access) async throws -> (SongComment, ProjectTask)
    {
        var comment = try await projectComment(id, access: access)
        let (project, _) = try access.member
        func refuse(_ message: String) -> ServerFailure { ServerFailure(.unprocessableContent, "invalid", message) }
        guard comment.taskID == nil else { throw ServerFailure.conflict("This comment is already a task.") }
        let store = try await services.projects.store(for: project)
        let snapshot = try await store.snapshot()
        guard let owner = snapshot.people.first(where: { $0.id == person }) else {
            throw refuse("person: choose someone of the project to do it.")
        }
        let calendar = snapshot.settings.calendar
        let parts = due.trimmingCharacters(in: .whitespaces).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, due.utf8.count == 10,
            let day = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
            calendar.component(.day, from: day) == parts[2], calendar.component(.month, from: day) == parts[1],
            let end = calendar.date(bySettingHour: 23, minute: 59, second: 59, of: day)
        else { throw refuse("due: \"\(due.prefix(40))\" is not a date like 2027-03-08.") }
        let version = try await services.studio.version(id: comment.versionID, projectID: project.id)
        let song = snapshot.songs.first { $0.id == comment.songID }
        var place = ""
        if let version, let frame = comment.startFrame {
            place = " at \(SongPlace.clock(Double(frame) / max(1, version.sampleRate)))"
        }
        let on = version.map { "\($0.kind.rawValue) \($0.number) of " } ?? ""
        let title = "\(on)\(song?.title ?? "the song")\(place): \(comment.body.prefix(120))"
        let task = ProjectTask(personID: owner.id, title: title, songID: comment.songID, due: end)
        try await store.update { $0.tasks.append(task) }
        comment.taskID = task.id
        try await services.studio.updateComment(comment)
        try await services.record(
            .taskAdded, "\(owner.name): \(title)", projectID: project.id, by: access.account,
            link: "/projects/\(project.id)/songs/\(comment.songID)?version=\(comment.versionID)")
        return (comment, task)
    }
}
