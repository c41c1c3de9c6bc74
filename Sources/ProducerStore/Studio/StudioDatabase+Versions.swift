import Foundation
import ProducerOffice
import SQLKit

extension StudioDatabase {
    // MARK: Versions

    static let versionColumns = """
        id, project_id, song_id, kind, number, file_name, stored_path, byte_count, sha256, sample_rate, \
        channel_count, frame_count, uploaded_by, uploaded_at, stage, analysis_json, analysis_state, analysis_error
        """

    /// The analysis as stored: the whole ``VersionAnalysis`` as JSON text, infinities written out.
    static let analysisEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }()

    static let analysisDecoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }()

    /// Analyses recently read, by their text: a song page reads its versions at every request,
    /// and decoding a waveform's 800 peaks each time was a tenth of the server's time under load.
    static let analysisRead = KeptValues<String, VersionAnalysis>(capacity: 256)

    static func analysisText(_ analysis: VersionAnalysis?) throws -> String? {
        try analysis.map { String(decoding: try analysisEncoder.encode($0), as: UTF8.self) }
    }

    static func version(_ row: any SQLRow) throws -> SongVersion {
        let row = StoredRow(row: row, table: "song_versions")
        var analysis: VersionAnalysis?
        if let text = try row.optionalText("analysis_json") {
            guard
                let decoded = analysisRead.value(
                    for: text,
                    orMake: { text in
                        try? analysisDecoder.decode(VersionAnalysis.self, from: Data(text.utf8))
                    })
            else {
                throw StoredValueError(
                    column: "song_versions.analysis_json", value: text, expected: "a version's analysis as JSON")
            }
            analysis = decoded
        }
        return SongVersion(
            id: try row.text("id"), projectID: try row.text("project_id"), songID: try row.text("song_id"),
            kind: try row.value("kind", as: SongVersion.Kind.self), number: try row.int("number"),
            fileName: try row.text("file_name"), storedPath: try row.text("stored_path"),
            byteCount: try row.int64("byte_count"), sha256: try row.text("sha256"),
            sampleRate: try row.double("sample_rate"), channelCount: try row.int("channel_count"),
            frameCount: try row.int64("frame_count"), uploadedBy: try row.text("uploaded_by"),
            uploadedAt: try row.date("uploaded_at"), stage: try row.value("stage", as: SongVersion.Stage.self),
            analysis: analysis, analysisState: try row.value("analysis_state", as: SongVersion.AnalysisState.self),
            analysisError: try row.optionalText("analysis_error"))
    }

    public func addVersion(_ version: SongVersion) async throws -> SongVersion {
        let analysis = try Self.analysisText(version.analysis)
        // Two uploads of one song and kind at once may pick the same number: the unique key
        // refuses the second, which then counts again.
        for attempt in 1...5 {
            do {
                return try await write("adding a version", duplicate: "a version with that number already exists") {
                    connection in
                    let last = try await connection.sql.raw(
                        """
                        SELECT max(number) AS number FROM song_versions WHERE project_id = \(bind: version.projectID) \
                        AND song_id = \(bind: version.songID) AND kind = \(bind: version.kind.rawValue)
                        """
                    ).first()
                    var numbered = version
                    numbered.number = (try last?.decode(column: "number", as: Int?.self) ?? 0) + 1
                    try await connection.sql.raw(
                        """
                        INSERT INTO song_versions (\(unsafeRaw: Self.versionColumns)) VALUES (\(bind: numbered.id), \
                        \(bind: numbered.projectID), \(bind: numbered.songID), \(bind: numbered.kind.rawValue), \
                        \(bind: numbered.number), \(bind: numbered.fileName), \(bind: numbered.storedPath), \
                        \(bind: numbered.byteCount), \(bind: numbered.sha256), \(bind: numbered.sampleRate), \
                        \(bind: numbered.channelCount), \(bind: numbered.frameCount), \(bind: numbered.uploadedBy), \
                        \(bind: ColumnCoding.text(numbered.uploadedAt)), \(bind: numbered.stage.rawValue), \
                        \(bind: analysis), \(bind: numbered.analysisState.rawValue), \(bind: numbered.analysisError))
                        """
                    ).run()
                    return numbered
                }
            } catch let error as StudioStoreError where error.code == .duplicate && attempt < 5 {
                continue
            }
        }
        throw StudioStoreError(.unavailable, "too many versions of this song were uploaded at once; try again")
    }

    public func version(id: String, projectID: String) async throws -> SongVersion? {
        try await read("reading a version") { connection in
            try await connection.sql.raw(
                """
                SELECT \(unsafeRaw: Self.versionColumns) FROM song_versions \
                WHERE id = \(bind: id) AND project_id = \(bind: projectID)
                """
            ).first().map(Self.version)
        }
    }

    public func versions(projectID: String, songID: String) async throws -> [SongVersion] {
        try await read("listing a song's versions") { connection in
            try await connection.sql.raw(
                """
                SELECT \(unsafeRaw: Self.versionColumns) FROM song_versions \
                WHERE project_id = \(bind: projectID) AND song_id = \(bind: songID) ORDER BY uploaded_at, kind, number
                """
            ).all().map(Self.version)
        }
    }

    /// Changes what may change of a version (its file, stage and analysis); its project, song,
    /// kind and number stay.
    public func updateVersion(_ version: SongVersion) async throws {
        let analysis = try Self.analysisText(version.analysis)
        try await write("changing a version") { connection in
            let changed = try await connection.sql.raw(
                """
                UPDATE song_versions SET file_name = \(bind: version.fileName), \
                stored_path = \(bind: version.storedPath), byte_count = \(bind: version.byteCount), \
                sha256 = \(bind: version.sha256), sample_rate = \(bind: version.sampleRate), \
                channel_count = \(bind: version.channelCount), frame_count = \(bind: version.frameCount), \
                uploaded_by = \(bind: version.uploadedBy), uploaded_at = \(bind: ColumnCoding.text(version.uploadedAt)), \
                stage = \(bind: version.stage.rawValue), analysis_json = \(bind: analysis), \
                analysis_state = \(bind: version.analysisState.rawValue), analysis_error = \(bind: version.analysisError) \
                WHERE id = \(bind: version.id) AND project_id = \(bind: version.projectID) RETURNING id
                """
            ).first()
            guard changed != nil else { throw StudioStoreError(.notFound, "no such version") }
        }
    }

    // MARK: Comments

    static let commentColumns = """
        id, project_id, song_id, version_id, parent_id, author_id, body, start_frame, end_frame, start_beat, \
        end_beat, resolved, created_at, task_id
        """

    static func comment(_ row: any SQLRow) throws -> SongComment {
        try comment(StoredRow(row: row, table: "song_comments"))
    }

    static func comment(_ row: StoredRow) throws -> SongComment {
        SongComment(
            id: try row.text("id"), projectID: try row.text("project_id"), songID: try row.text("song_id"),
            versionID: try row.text("version_id"), parentID: try row.optionalText("parent_id"),
            authorID: try row.text("author_id"), body: try row.text("body"),
            startFrame: try row.optionalInt64("start_frame"), endFrame: try row.optionalInt64("end_frame"),
            startBeat: try row.optionalDouble("start_beat"), endBeat: try row.optionalDouble("end_beat"),
            resolved: try row.int("resolved") != 0, createdAt: try row.date("created_at"),
            taskID: try row.optionalText("task_id"))
    }

    public func addComment(_ comment: SongComment) async throws {
        try await write("adding a comment", duplicate: "a comment with that id already exists") { connection in
            try await Self.insert(comment, on: connection)
        }
    }

    public func addComment(_ comment: SongComment, recording entry: ActivityEntry) async throws {
        let duplicate = "a comment with that id already exists"
        if case .postgres = location {
            // One statement, so one round trip: the comment is added by the WITH clause, which
            // PostgreSQL runs to the end whether or not the rest reads it.
            try await writeOne("adding a comment", duplicate: duplicate) { connection in
                try await connection.sql.raw("WITH added AS (" + Self.inserting(comment) + ") " + Self.inserting(entry))
                    .run()
            }
            return
        }
        try await commentBatches.make(CommentToAdd(comment: comment, entry: entry))
    }

    /// A comment and its activity entry, waiting to be added on SQLite.
    struct CommentToAdd: Sendable {
        let comment: SongComment
        let entry: ActivityEntry
    }

    /// Adds the comments and their activity entries in one transaction (SQLite's writers wait
    /// for each other, so the comments written meanwhile share one commit).
    func add(_ comments: [CommentToAdd]) async throws {
        let duplicate = comments.count == 1 ? "a comment with that id already exists" : nil
        try await write("adding a comment", duplicate: duplicate) { connection in
            for added in comments {
                try await Self.insert(added.comment, on: connection)
                try await Self.insert(added.entry, on: connection)
            }
        }
    }

    static func insert(_ comment: SongComment, on connection: DatabaseConnection) async throws {
        try await connection.sql.raw(inserting(comment)).run()
    }

    /// The statement that adds `comment`.
    static func inserting(_ comment: SongComment) -> SQLQueryString {
        """
        INSERT INTO song_comments (\(unsafeRaw: Self.commentColumns)) VALUES (\(bind: comment.id), \
        \(bind: comment.projectID), \(bind: comment.songID), \(bind: comment.versionID), \
        \(bind: comment.parentID), \(bind: comment.authorID), \(bind: comment.body), \
        \(bind: comment.startFrame), \(bind: comment.endFrame), \(bind: comment.startBeat), \
        \(bind: comment.endBeat), \(bind: comment.resolved ? 1 : 0), \
        \(bind: ColumnCoding.text(comment.createdAt)), \(bind: comment.taskID))
        """
    }

    public func comment(id: String, projectID: String) async throws -> SongComment? {
        try await read("reading a comment") { connection in
            try await connection.sql.raw(
                """
                SELECT \(unsafeRaw: Self.commentColumns) FROM song_comments \
                WHERE id = \(bind: id) AND project_id = \(bind: projectID)
                """
            ).first().map(Self.comment)
        }
    }

    public func comments(projectID: String, songID: String, offset: Int, limit: Int) async throws -> [SongComment] {
        guard limit > 0 else { return [] }
        return try await read("listing a song's comments") { connection in
            try await connection.rows(
                """
                SELECT \(unsafeRaw: Self.commentColumns) FROM song_comments \
                WHERE project_id = \(bind: projectID) AND song_id = \(bind: songID) ORDER BY created_at, id \
                LIMIT \(bind: limit) OFFSET \(bind: max(0, offset))
                """, table: "song_comments"
            ).map(Self.comment)
        }
    }

    /// The order threads take on a version: whole-version comments (no start) first. The same
    /// expression is in the index of migration 6, so a page is read from the index.
    static let threadOrder = "COALESCE(start_frame, -1), created_at, id"

    public func threadStarts(
        projectID: String, versionID: String, offset: Int, limit: Int
    ) async throws -> [SongComment] {
        guard limit > 0 else { return [] }
        return try await read("listing a version's comment threads") { connection in
            try await connection.rows(
                """
                SELECT \(unsafeRaw: Self.commentColumns) FROM song_comments \
                WHERE project_id = \(bind: projectID) AND version_id = \(bind: versionID) AND parent_id IS NULL \
                ORDER BY \(unsafeRaw: Self.threadOrder) LIMIT \(bind: limit) OFFSET \(bind: max(0, offset))
                """, table: "song_comments"
            ).map(Self.comment)
        }
    }

    public func openThreadStarts(projectID: String, versionIDs: [String], limit: Int) async throws -> [SongComment] {
        guard limit > 0, !versionIDs.isEmpty else { return [] }
        return try await read("listing the open threads of earlier versions") { connection in
            try await connection.rows(
                """
                SELECT \(unsafeRaw: Self.commentColumns) FROM song_comments \
                WHERE project_id = \(bind: projectID) AND version_id IN (\(binds: versionIDs)) \
                AND parent_id IS NULL AND resolved = 0 ORDER BY created_at, id LIMIT \(bind: limit)
                """, table: "song_comments"
            ).map(Self.comment)
        }
    }

    public func replies(projectID: String, to parentIDs: [String], limit: Int) async throws -> [SongComment] {
        guard limit > 0, !parentIDs.isEmpty else { return [] }
        return try await read("listing replies") { connection in
            try await connection.rows(
                """
                SELECT \(unsafeRaw: Self.commentColumns) FROM song_comments \
                WHERE project_id = \(bind: projectID) AND parent_id IN (\(binds: parentIDs)) \
                ORDER BY created_at, id LIMIT \(bind: limit)
                """, table: "song_comments"
            ).map(Self.comment)
        }
    }

    /// Changes a comment's text, range, resolution and task; where it was made stays.
    public func updateComment(_ comment: SongComment) async throws {
        try await write("changing a comment") { connection in
            let changed = try await connection.sql.raw(
                """
                UPDATE song_comments SET parent_id = \(bind: comment.parentID), body = \(bind: comment.body), \
                start_frame = \(bind: comment.startFrame), end_frame = \(bind: comment.endFrame), \
                start_beat = \(bind: comment.startBeat), end_beat = \(bind: comment.endBeat), \
                resolved = \(bind: comment.resolved ? 1 : 0), task_id = \(bind: comment.taskID) \
                WHERE id = \(bind: comment.id) AND project_id = \(bind: comment.projectID) RETURNING id
                """
            ).first()
            guard changed != nil else { throw StudioStoreError(.notFound, "no such comment") }
        }
    }

    // MARK: Approvals

    static let approvalColumns = "id, project_id, version_id, kind, account_id, role, note, approved_at"

    public func addApproval(_ approval: Approval) async throws {
        try await write("adding an approval", duplicate: "an approval with that id already exists") { connection in
            try await connection.sql.raw(
                """
                INSERT INTO approvals (\(unsafeRaw: Self.approvalColumns)) VALUES (\(bind: approval.id), \
                \(bind: approval.projectID), \(bind: approval.versionID), \(bind: approval.kind.rawValue), \
                \(bind: approval.accountID), \(bind: approval.role.rawValue), \(bind: approval.note), \
                \(bind: ColumnCoding.text(approval.at)))
                """
            ).run()
        }
    }

    /// The most identifiers one `IN (…)` list binds.
    static let idsPerStatement = 500

    public func approvals(projectID: String, versionID: String) async throws -> [Approval] {
        try await approvals(projectID: projectID, versionIDs: [versionID])
    }

    public func approvals(projectID: String, versionIDs: [String]) async throws -> [Approval] {
        guard !versionIDs.isEmpty else { return [] }
        if versionIDs.count > Self.idsPerStatement {
            // Within the bound parameters every SQLite accepts.
            var all: [Approval] = []
            for start in stride(from: 0, to: versionIDs.count, by: Self.idsPerStatement) {
                let part = Array(versionIDs[start..<min(start + Self.idsPerStatement, versionIDs.count)])
                all += try await approvals(projectID: projectID, versionIDs: part)
            }
            return all.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
        }
        return try await read("listing approvals") { connection in
            try await connection.sql.raw(
                """
                SELECT \(unsafeRaw: Self.approvalColumns) FROM approvals \
                WHERE project_id = \(bind: projectID) AND version_id IN (\(binds: versionIDs)) ORDER BY approved_at, id
                """
            ).all().map { found in
                let row = StoredRow(row: found, table: "approvals")
                return Approval(
                    id: try row.text("id"), projectID: try row.text("project_id"),
                    versionID: try row.text("version_id"), kind: try row.value("kind", as: Approval.Kind.self),
                    accountID: try row.text("account_id"), role: try row.value("role", as: StudioRole.self),
                    note: try row.optionalText("note"), at: try row.date("approved_at"))
            }
        }
    }
}
