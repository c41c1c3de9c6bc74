import Foundation
import ProducerOffice
import SQLKit

/// Writes what changed between two snapshots: inserts new records, updates changed ones (their
/// row, then their child rows anew), deletes removed ones, by id. Call it inside the write
/// transaction that read `old`.
///
/// - Complexity: O(n) statements in the number of records that changed; unchanged records cost
///   one comparison each.
struct SnapshotWriter {
    typealias Columns = [(String, any Encodable & Sendable)]

    let sql: any SQLDatabase

    /// Creates the project row of a new project.
    func insertProject(_ settings: ProjectSettings) async throws {
        try await insert("project", [("id", 1)] + settingsColumns(settings) + [("revision", 0)])
    }

    func write(from old: ProjectSnapshot, to new: ProjectSnapshot) async throws {
        try Self.validate(new)
        if old.settings != new.settings || old.revision != new.revision {
            try await update("project", key: ("id", 1), settingsColumns(new.settings) + [("revision", new.revision)])
        }

        // Parents before children, so a room can move into a new studio; removals last, children
        // before parents.
        let songs = Diff(old.songs, new.songs, id: \.id)
        let people = Diff(old.people, new.people, id: \.id)
        let studios = Diff(old.studios.map(StudioRow.init), new.studios.map(StudioRow.init), id: \.id)
        let rooms = Diff(PlacedRoom.all(in: old.studios), PlacedRoom.all(in: new.studios), id: \.room.id)
        let sessions = Diff(old.sessions, new.sessions, id: \.id)
        let bookings = Diff(old.bookings, new.bookings, id: \.id)
        let budget = Diff(old.budget, new.budget, id: \.id)
        let expenses = Diff(old.expenses, new.expenses, id: \.id)
        let offers = Diff(old.offers, new.offers, id: \.id)
        let tasks = Diff(old.tasks, new.tasks, id: \.id)

        for change in songs.changed { try await save(change) }
        for change in people.changed { try await save(change) }
        for change in studios.changed { try await save(change) }
        for change in rooms.changed { try await save(change) }
        for change in sessions.changed { try await save(change) }
        for change in bookings.changed { try await save(change) }
        for change in budget.changed { try await save(change) }
        for change in expenses.changed { try await save(change) }
        for change in offers.changed { try await save(change) }
        for change in tasks.changed { try await save(change) }
        for id in budget.removed { try await delete("budget_lines", where: "id", id) }
        for id in expenses.removed { try await delete("expenses", where: "id", id) }
        for id in offers.removed { try await delete("offers", where: "id", id) }
        for id in tasks.removed { try await delete("tasks", where: "id", id) }
        if old.tracklist != new.tracklist { try await saveTracklist(new.tracklist) }
        if old.scaleRates != new.scaleRates { try await saveDocument("union scale", new.scaleRates) }
        if old.deliveryRules != new.deliveryRules { try await saveDocument("delivery rules", new.deliveryRules) }

        for id in bookings.removed {
            try await delete("booking_people", where: "booking_id", id)
            try await delete("bookings", where: "id", id)
        }
        for id in sessions.removed {
            for table in ["session_needs", "session_people", "session_dependencies"] {
                try await delete(table, where: "session_id", id)
            }
            try await delete("sessions", where: "id", id)
        }
        for id in rooms.removed {
            try await deleteExceptions(ownerKind: "room", id)
            try await delete("rooms", where: "id", id)
        }
        for id in studios.removed { try await delete("studios", where: "id", id) }
        for id in people.removed {
            try await deleteExceptions(ownerKind: "person", id)
            try await delete("person_roles", where: "person_id", id)
            try await delete("people", where: "id", id)
        }
        for id in songs.removed {
            try await delete("song_writers", where: "song_id", id)
            try await delete("songs", where: "id", id)
        }
    }

    /// Throws ``ProjectStoreError/Code/invalidChange`` (without a database name; the caller adds
    /// it) when two records of one kind share an id.
    static func validate(_ snapshot: ProjectSnapshot) throws {
        func unique(_ ids: [String], _ kind: String) throws {
            var seen = Set<String>()
            for id in ids where !seen.insert(id).inserted {
                throw ProjectStoreError(
                    .invalidChange, database: "", "two \(kind) share the id \"\(id)\"; nothing was saved")
            }
        }
        try unique(snapshot.songs.map(\.id), "songs")
        try unique(snapshot.people.map(\.id), "people")
        try unique(snapshot.studios.map(\.id), "studios")
        try unique(snapshot.studios.flatMap { $0.rooms.map(\.id) }, "rooms")
        try unique(snapshot.sessions.map(\.id), "sessions")
        try unique(snapshot.bookings.map(\.id), "bookings")
        try unique(snapshot.budget.map(\.id), "budget lines")
        try unique(snapshot.expenses.map(\.id), "expenses")
        try unique(snapshot.offers.map(\.id), "offers")
        try unique(snapshot.tasks.map(\.id), "tasks")
    }

    // MARK: Records

    private func save(_ change: Diff<Song>.Change) async throws {
        let song = change.record
        try await saveRow(
            "songs", id: song.id, exists: change.exists,
            [
                ("position", change.position), ("title", song.title), ("musical_key", song.key),
                ("tempo_bpm", song.tempo),
                ("length_seconds", song.lengthSeconds), ("status", song.status.rawValue),
                ("parts_json", try ColumnCoding.json(song.parts)),
                ("rating_artist", song.ratings.artist), ("rating_producer", song.ratings.producer),
                ("rating_market", song.ratings.market), ("energy", song.energy), ("isrc", song.isrc),
                ("iswc", song.iswc),
            ])
        if change.previous?.writers != song.writers {
            if change.exists { try await delete("song_writers", where: "song_id", song.id) }
            try await insert(
                "song_writers",
                song.writers.enumerated().map { position, writer in
                    [
                        ("song_id", song.id), ("position", position), ("name", writer.name),
                        ("share_basis_points", writer.shareBasisPoints),
                    ]
                })
        }
    }

    private func save(_ change: Diff<Person>.Change) async throws {
        let person = change.record
        try await saveRow(
            "people", id: person.id, exists: change.exists,
            [
                ("position", change.position), ("name", person.name), ("email", person.contact.email),
                ("phone", person.contact.phone),
                ("rate_minor_units", person.rate.amount.minorUnits), ("rate_currency", person.rate.amount.currency),
                ("rate_unit", person.rate.unit.rawValue), ("rate_minimum_hours", person.rate.minimumHours),
                ("headcount", person.headcount), ("union_scale", person.unionScale),
                ("availability_time_zone", person.availability.timeZone),
                ("availability_weekly_json", try ColumnCoding.json(person.availability.weekly)),
                ("styles_json", try ColumnCoding.json(person.styles)),
            ])
        if change.previous?.roles != person.roles {
            if change.exists { try await delete("person_roles", where: "person_id", person.id) }
            try await insert(
                "person_roles",
                person.roles.enumerated().map { position, role in
                    [("person_id", person.id), ("position", position), ("role", role.name)]
                })
        }
        if change.previous?.availability.exceptions != person.availability.exceptions {
            try await saveExceptions(
                ownerKind: "person", person.id, person.availability.exceptions, replacing: change.exists)
        }
    }

    private func save(_ change: Diff<StudioRow>.Change) async throws {
        let studio = change.record
        try await saveRow(
            "studios", id: studio.id, exists: change.exists,
            [
                ("position", change.position), ("name", studio.name), ("location", studio.location),
                ("time_zone", studio.timeZone),
            ])
    }

    private func save(_ change: Diff<PlacedRoom>.Change) async throws {
        let room = change.record.room
        try await saveRow(
            "rooms", id: room.id, exists: change.exists,
            [
                ("studio_id", change.record.studioID), ("position", change.record.position), ("name", room.name),
                ("hourly_rate_minor_units", room.hourlyRate.minorUnits),
                ("hourly_rate_currency", room.hourlyRate.currency),
                ("daily_rate_minor_units", room.dailyRate?.minorUnits),
                ("daily_rate_currency", room.dailyRate?.currency),
                ("capacity", room.capacity), ("gear_json", try ColumnCoding.json(room.gear)),
                ("opening_time_zone", room.openingHours.timeZone),
                ("opening_weekly_json", try ColumnCoding.json(room.openingHours.weekly)),
            ])
        if change.previous?.room.openingHours.exceptions != room.openingHours.exceptions {
            try await saveExceptions(ownerKind: "room", room.id, room.openingHours.exceptions, replacing: change.exists)
        }
    }

    private func save(_ change: Diff<StudioSession>.Change) async throws {
        let session = change.record
        try await saveRow(
            "sessions", id: session.id, exists: change.exists,
            [
                ("position", change.position), ("song_id", session.songID), ("kind", session.kind.rawValue),
                ("title", session.title),
                ("gear_json", try ColumnCoding.json(session.gear)), ("duration_minutes", session.durationMinutes),
                ("deadline", ColumnCoding.text(session.deadline)), ("due", ColumnCoding.text(session.due)),
                ("is_done", session.isDone ? 1 : 0),
            ])
        let previous = change.previous
        if previous?.needs != session.needs {
            if change.exists { try await delete("session_needs", where: "session_id", session.id) }
            try await insert(
                "session_needs",
                session.needs.enumerated().map { position, need in
                    [
                        ("session_id", session.id), ("position", position), ("role", need.role.name),
                        ("count", need.count),
                    ]
                })
        }
        if previous?.people != session.people {
            if change.exists { try await delete("session_people", where: "session_id", session.id) }
            try await insert(
                "session_people",
                session.people.enumerated().map { position, person in
                    [("session_id", session.id), ("position", position), ("person_id", person)]
                })
        }
        if previous?.after != session.after {
            if change.exists { try await delete("session_dependencies", where: "session_id", session.id) }
            try await insert(
                "session_dependencies",
                session.after.enumerated().map { position, before in
                    [("session_id", session.id), ("position", position), ("after_session_id", before)]
                })
        }
    }

    private func save(_ change: Diff<Booking>.Change) async throws {
        let booking = change.record
        try await saveRow(
            "bookings", id: booking.id, exists: change.exists,
            [
                ("position", change.position), ("session_id", booking.sessionID), ("room_id", booking.roomID),
                ("starts_at", ColumnCoding.text(booking.start)), ("ends_at", ColumnCoding.text(booking.end)),
                ("status", booking.status.rawValue), ("cost_minor_units", booking.cost.minorUnits),
                ("cost_currency", booking.cost.currency),
                ("cancellation_fee_minor_units", booking.cancellationFee?.minorUnits),
                ("cancellation_fee_currency", booking.cancellationFee?.currency),
                ("sequence", booking.sequence), ("listed_sequence", booking.listedSequence), ("note", booking.note),
            ])
        if change.previous?.people != booking.people {
            if change.exists { try await delete("booking_people", where: "booking_id", booking.id) }
            try await insert(
                "booking_people",
                booking.people.enumerated().map { position, person in
                    [("booking_id", booking.id), ("position", position), ("person_id", person)]
                })
        }
    }

    private func saveExceptions(
        ownerKind: String, _ id: String, _ exceptions: [Availability.Exception], replacing: Bool
    ) async throws {
        if replacing { try await deleteExceptions(ownerKind: ownerKind, id) }
        try await insert(
            "availability_exceptions",
            exceptions.enumerated().map { position, exception in
                [
                    ("owner_kind", ownerKind), ("owner_id", id), ("position", position),
                    ("starts_at", ColumnCoding.text(exception.start)), ("ends_at", ColumnCoding.text(exception.end)),
                    ("is_busy", exception.isBusy ? 1 : 0), ("note", exception.note), ("source", exception.source),
                ]
            })
    }

    func settingsColumns(_ settings: ProjectSettings) -> Columns {
        [
            ("name", settings.name), ("currency", settings.currency),
            ("deadline", ColumnCoding.text(settings.deadline)),
            ("time_zone", settings.timeZone), ("max_work_minutes_per_day", settings.maxWorkMinutesPerDay),
            ("break_minutes", settings.breakMinutes),
            ("lateness_penalty_minor_units", settings.latenessPenaltyPerDay.minorUnits),
            ("lateness_penalty_currency", settings.latenessPenaltyPerDay.currency),
            ("plan_start", ColumnCoding.text(settings.planStart)),
        ]
    }

    // MARK: Statements

    func saveRow(_ table: String, id: String, exists: Bool, _ columns: Columns) async throws {
        if exists {
            try await update(table, key: ("id", id), columns)
        } else {
            try await insert(table, [("id", id)] + columns)
        }
    }

    func insert(_ table: String, _ columns: Columns) async throws {
        try await sql.insert(into: table).columns(columns.map(\.0)).values(columns.map(\.1)).run()
    }

    /// Inserts `rows` (each with the same columns) in as few statements as the bind limits allow.
    func insert(_ table: String, _ rows: [Columns]) async throws {
        guard let first = rows.first else { return }
        let rowsPerStatement = max(1, 10_000 / first.count)  // well under SQLite's and PostgreSQL's limits
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + rowsPerStatement)
            var query = sql.insert(into: table).columns(first.map(\.0))
            for row in rows[start..<end] { query = query.values(row.map(\.1)) }
            try await query.run()
            start = end
        }
    }

    func update(_ table: String, key: (String, any Encodable & Sendable), _ columns: Columns) async throws {
        var query = sql.update(table)
        for (column, value) in columns { query = query.set(column, to: value) }
        try await query.where(SQLIdentifier(key.0), .equal, SQLBind(key.1)).run()
    }

    func delete(_ table: String, where column: String, _ id: String) async throws {
        try await sql.delete(from: table).where(column, .equal, id).run()
    }

    func deleteExceptions(ownerKind: String, _ id: String) async throws {
        try await sql.delete(from: "availability_exceptions").where("owner_kind", .equal, ownerKind).where(
            "owner_id", .equal, id
        ).run()
    }
}

/// A studio's own columns, without its rooms (rooms are diffed on their own).
struct StudioRow: Equatable {
    var id: String
    var name: String
    var location: String
    var timeZone: String
    init(_ studio: Studio) {
        (id, name, location, timeZone) = (studio.id, studio.name, studio.location, studio.timeZone)
    }
}

/// A room with the studio it is in and its place in that studio's list.
struct PlacedRoom: Equatable {
    var room: Room
    var studioID: String
    var position: Int
    static func all(in studios: [Studio]) -> [PlacedRoom] {
        studios.flatMap { studio in
            studio.rooms.enumerated().map { PlacedRoom(room: $1, studioID: studio.id, position: $0) }
        }
    }
}

/// What changed between two lists of records with ids: the records to insert or update (with
/// their new position, and whether a row exists), and the ids to delete.
struct Diff<Record: Equatable> {
    struct Change {
        var record: Record
        var position: Int
        /// The record as it was, when it has a row already.
        var previous: Record?
        var exists: Bool { previous != nil }
    }
    var changed: [Change] = []
    var removed: [String] = []

    init(_ old: [Record], _ new: [Record], id: (Record) -> String) {
        var before: [String: (record: Record, position: Int)] = [:]
        for (position, record) in old.enumerated() { before[id(record)] = (record, position) }
        var kept = Set<String>()
        for (position, record) in new.enumerated() {
            let key = id(record)
            kept.insert(key)
            if let previous = before[key] {
                if previous.record != record || previous.position != position {
                    changed.append(Change(record: record, position: position, previous: previous.record))
                }
            } else {
                changed.append(Change(record: record, position: position, previous: nil))
            }
        }
        removed = old.map(id).filter { !kept.contains($0) }
    }
}
