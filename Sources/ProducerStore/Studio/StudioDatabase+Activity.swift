import Foundation
import ProducerOffice
import SQLKit

extension StudioDatabase {
    // MARK: Activity

    /// The most entries one call reads, whatever it asks for.
    static let activityLimit = 1_000

    public func addActivity(_ entry: ActivityEntry) async throws {
        try await write("recording activity", duplicate: "an activity entry with that id already exists") {
            connection in try await Self.insert(entry, on: connection)
        }
    }

    static func insert(_ entry: ActivityEntry, on connection: DatabaseConnection) async throws {
        try await connection.sql.raw(inserting(entry)).run()
    }

    /// The statement that adds `entry`.
    static func inserting(_ entry: ActivityEntry) -> SQLQueryString {
        // `sequence` orders entries made in the same millisecond as they came (its maximum is
        // read from the index of migration 6).
        """
        INSERT INTO activity (id, project_id, sequence, happened_at, account_id, verb, subject, link) \
        SELECT \(bind: entry.id), \(bind: entry.projectID), COALESCE(max(sequence), 0) + 1, \
        \(bind: ColumnCoding.text(entry.at)), \(bind: entry.accountID), \(bind: entry.verb.rawValue), \
        \(bind: entry.subject), \(bind: entry.link) FROM activity WHERE project_id = \(bind: entry.projectID)
        """
    }

    public func activity(projectID: String, limit: Int) async throws -> [ActivityEntry] {
        let limit = min(max(limit, 0), Self.activityLimit)
        return try await read("reading the activity") { connection in
            try await connection.sql.raw(
                """
                SELECT id, project_id, happened_at, account_id, verb, subject, link FROM activity \
                WHERE project_id = \(bind: projectID) ORDER BY happened_at DESC, sequence DESC \
                LIMIT \(unsafeRaw: String(limit))
                """
            ).all().map { found in
                let row = StoredRow(row: found, table: "activity")
                return ActivityEntry(
                    id: try row.text("id"), projectID: try row.text("project_id"), at: try row.date("happened_at"),
                    accountID: try row.optionalText("account_id"),
                    verb: try row.value("verb", as: ActivityEntry.Verb.self), subject: try row.text("subject"),
                    link: try row.optionalText("link"))
            }
        }
    }

    // MARK: Polls

    static let pollColumns =
        "id, project_id, title, session_id, options_json, answer_by, created_by, created_at, closed_at"

    /// A poll's option as stored: `{"end":"…","start":"…"}`, ISO 8601 UTC.
    private struct StoredOption: Codable {
        var start: String
        var end: String
    }

    static func optionsText(_ options: [DateInterval]) throws -> String {
        try ColumnCoding.document(
            options.map { StoredOption(start: ColumnCoding.text($0.start), end: ColumnCoding.text($0.end)) })
    }

    static func poll(_ found: any SQLRow) throws -> AvailabilityPoll {
        let row = StoredRow(row: found, table: "polls")
        let stored = try ColumnCoding.document(
            row.text("options_json"), as: [StoredOption].self, column: "polls.options_json")
        let options = try stored.map { option in
            let start = try ColumnCoding.date(option.start, column: "polls.options_json")
            let end = try ColumnCoding.date(option.end, column: "polls.options_json")
            guard end >= start else {
                throw StoredValueError(
                    column: "polls.options_json", value: option.end, expected: "an end after the start")
            }
            return DateInterval(start: start, end: end)
        }
        return AvailabilityPoll(
            id: try row.text("id"), projectID: try row.text("project_id"), title: try row.text("title"),
            sessionID: try row.optionalText("session_id"), options: options, answerBy: try row.date("answer_by"),
            createdBy: try row.text("created_by"), createdAt: try row.date("created_at"),
            closedAt: try row.optionalDate("closed_at"))
    }

    public func addPoll(_ poll: AvailabilityPoll) async throws {
        let options = try Self.optionsText(poll.options)
        try await write("adding a poll", duplicate: "a poll with that id already exists") { connection in
            try await connection.sql.raw(
                """
                INSERT INTO polls (\(unsafeRaw: Self.pollColumns)) VALUES (\(bind: poll.id), \(bind: poll.projectID), \
                \(bind: poll.title), \(bind: poll.sessionID), \(bind: options), \
                \(bind: ColumnCoding.text(poll.answerBy)), \(bind: poll.createdBy), \
                \(bind: ColumnCoding.text(poll.createdAt)), \(bind: ColumnCoding.text(poll.closedAt)))
                """
            ).run()
        }
    }

    public func poll(id: String, projectID: String) async throws -> AvailabilityPoll? {
        try await read("reading a poll") { connection in
            try await connection.sql.raw(
                """
                SELECT \(unsafeRaw: Self.pollColumns) FROM polls WHERE id = \(bind: id) AND project_id = \(bind: projectID)
                """
            ).first().map(Self.poll)
        }
    }

    public func polls(projectID: String) async throws -> [AvailabilityPoll] {
        try await read("listing the polls") { connection in
            try await connection.sql.raw(
                """
                SELECT \(unsafeRaw: Self.pollColumns) FROM polls WHERE project_id = \(bind: projectID) \
                ORDER BY created_at, id
                """
            ).all().map(Self.poll)
        }
    }

    public func updatePoll(_ poll: AvailabilityPoll) async throws {
        let options = try Self.optionsText(poll.options)
        try await write("changing a poll") { connection in
            let changed = try await connection.sql.raw(
                """
                UPDATE polls SET title = \(bind: poll.title), session_id = \(bind: poll.sessionID), \
                options_json = \(bind: options), answer_by = \(bind: ColumnCoding.text(poll.answerBy)), \
                closed_at = \(bind: ColumnCoding.text(poll.closedAt)) \
                WHERE id = \(bind: poll.id) AND project_id = \(bind: poll.projectID) RETURNING id
                """
            ).first()
            guard changed != nil else { throw StudioStoreError(.notFound, "no such poll") }
        }
    }

    public func addPollAnswer(_ answer: PollAnswer) async throws {
        try await write("recording an answer") { connection in
            try await connection.sql.raw(
                """
                INSERT INTO poll_answers (poll_id, account_id, option_index, answer, answered_at) VALUES \
                (\(bind: answer.pollID), \(bind: answer.accountID), \(bind: answer.option), \
                \(bind: answer.answer.rawValue), \(bind: ColumnCoding.text(answer.at))) \
                ON CONFLICT (poll_id, account_id, option_index) DO UPDATE SET answer = excluded.answer, \
                answered_at = excluded.answered_at
                """
            ).run()
        }
    }

    public func pollAnswers(pollID: String) async throws -> [PollAnswer] {
        try await read("reading a poll's answers") { connection in
            try await connection.sql.raw(
                """
                SELECT poll_id, account_id, option_index, answer, answered_at FROM poll_answers \
                WHERE poll_id = \(bind: pollID) ORDER BY answered_at, account_id, option_index
                """
            ).all().map { found in
                let row = StoredRow(row: found, table: "poll_answers")
                return PollAnswer(
                    pollID: try row.text("poll_id"), accountID: try row.text("account_id"),
                    option: try row.int("option_index"), answer: try row.value("answer", as: PollAnswer.Answer.self),
                    at: try row.date("answered_at"))
            }
        }
    }
}
