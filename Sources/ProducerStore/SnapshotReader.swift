import Foundation
import ProducerOffice
import SQLKit

/// Reads a whole ``ProjectSnapshot`` from the tables, in the order the lists were written
/// (`position`). Call it inside a transaction so it sees one state.
struct SnapshotReader {
    let sql: any SQLDatabase

    func read() async throws -> ProjectSnapshot {
        guard let projectRow = try await sql.select().column("*").from("project").where("id", .equal, 1).first() else {
            throw MissingProjectRow()
        }
        var snapshot = ProjectSnapshot(settings: try settings(projectRow))
        snapshot.revision = try projectRow.decode(column: "revision", as: Int.self)

        let writers = try await grouped("song_writers", by: "song_id") {
            Song.Writer(
                name: try $0.decode(column: "name", as: String.self),
                shareBasisPoints: try $0.decode(column: "share_basis_points", as: Int.self))
        }
        snapshot.songs = try await rows("songs").map { row in
            let id = try row.decode(column: "id", as: String.self)
            return Song(
                id: id,
                title: try row.decode(column: "title", as: String.self),
                writers: writers[id] ?? [],
                key: try row.decode(column: "musical_key", as: String?.self),
                tempo: try row.decode(column: "tempo_bpm", as: Double?.self),
                lengthSeconds: try row.decode(column: "length_seconds", as: Double?.self),
                status: try ColumnCoding.value(
                    try row.decode(column: "status", as: String.self), as: Song.Status.self, column: "songs.status"),
                parts: try ColumnCoding.words(
                    try row.decode(column: "parts_json", as: String.self), column: "songs.parts_json"),
                ratings: Song.Ratings(
                    artist: try row.decode(column: "rating_artist", as: Int?.self),
                    producer: try row.decode(column: "rating_producer", as: Int?.self),
                    market: try row.decode(column: "rating_market", as: Int?.self)),
                energy: try row.decode(column: "energy", as: Int?.self),
                isrc: try row.decode(column: "isrc", as: String?.self),
                iswc: try row.decode(column: "iswc", as: String?.self))
        }

        let exceptions = try await availabilityExceptions()
        let roles = try await grouped("person_roles", by: "person_id") {
            Role(try $0.decode(column: "role", as: String.self))
        }
        snapshot.people = try await rows("people").map { row in
            let id = try row.decode(column: "id", as: String.self)
            return Person(
                id: id,
                name: try row.decode(column: "name", as: String.self),
                roles: roles[id] ?? [],
                contact: Person.Contact(
                    email: try row.decode(column: "email", as: String?.self),
                    phone: try row.decode(column: "phone", as: String?.self)),
                rate: Rate(
                    try money(row, "rate_minor_units", "rate_currency"),
                    per: try ColumnCoding.value(
                        try row.decode(column: "rate_unit", as: String.self), as: Rate.Unit.self,
                        column: "people.rate_unit"),
                    minimumHours: try row.decode(column: "rate_minimum_hours", as: Double.self)),
                headcount: try row.decode(column: "headcount", as: Int.self),
                availability: Availability(
                    weekly: try ColumnCoding.windows(
                        try row.decode(column: "availability_weekly_json", as: String.self),
                        column: "people.availability_weekly_json"),
                    exceptions: exceptions[OwnerKey(kind: "person", id: id)] ?? [],
                    timeZone: try row.decode(column: "availability_time_zone", as: String.self)),
                unionScale: try row.decode(column: "union_scale", as: String?.self),
                styles: try ColumnCoding.words(
                    try row.decode(column: "styles_json", as: String.self), column: "people.styles_json"))
        }

        var roomsByStudio: [String: [Room]] = [:]
        for row in try await rows("rooms") {
            let id = try row.decode(column: "id", as: String.self)
            let studioID = try row.decode(column: "studio_id", as: String.self)
            let room = Room(
                id: id,
                name: try row.decode(column: "name", as: String.self),
                hourlyRate: try money(row, "hourly_rate_minor_units", "hourly_rate_currency"),
                dailyRate: try optionalMoney(row, "daily_rate_minor_units", "daily_rate_currency"),
                capacity: try row.decode(column: "capacity", as: Int.self),
                gear: try ColumnCoding.words(
                    try row.decode(column: "gear_json", as: String.self), column: "rooms.gear_json"),
                openingHours: Availability(
                    weekly: try ColumnCoding.windows(
                        try row.decode(column: "opening_weekly_json", as: String.self),
                        column: "rooms.opening_weekly_json"),
                    exceptions: exceptions[OwnerKey(kind: "room", id: id)] ?? [],
                    timeZone: try row.decode(column: "opening_time_zone", as: String.self)))
            roomsByStudio[studioID, default: []].append(room)
        }
        snapshot.studios = try await rows("studios").map { row in
            let id = try row.decode(column: "id", as: String.self)
            return Studio(
                id: id,
                name: try row.decode(column: "name", as: String.self),
                location: try row.decode(column: "location", as: String.self),
                timeZone: try row.decode(column: "time_zone", as: String.self),
                rooms: roomsByStudio[id] ?? [])
        }

        let needs = try await grouped("session_needs", by: "session_id") {
            StudioSession.RoleNeed(
                Role(try $0.decode(column: "role", as: String.self)),
                count: try $0.decode(column: "count", as: Int.self))
        }
        let sessionPeople = try await grouped("session_people", by: "session_id") {
            try $0.decode(column: "person_id", as: String.self)
        }
        let dependencies = try await grouped("session_dependencies", by: "session_id") {
            try $0.decode(column: "after_session_id", as: String.self)
        }
        snapshot.sessions = try await rows("sessions").map { row in
            let id = try row.decode(column: "id", as: String.self)
            return StudioSession(
                id: id,
                songID: try row.decode(column: "song_id", as: String?.self),
                kind: try ColumnCoding.value(
                    try row.decode(column: "kind", as: String.self), as: StudioSession.Kind.self,
                    column: "sessions.kind"),
                title: try row.decode(column: "title", as: String.self),
                needs: needs[id] ?? [],
                people: sessionPeople[id] ?? [],
                gear: try ColumnCoding.words(
                    try row.decode(column: "gear_json", as: String.self), column: "sessions.gear_json"),
                durationMinutes: try row.decode(column: "duration_minutes", as: Int.self),
                after: dependencies[id] ?? [],
                deadline: try ColumnCoding.date(
                    try row.decode(column: "deadline", as: String?.self), column: "sessions.deadline"),
                due: try ColumnCoding.date(try row.decode(column: "due", as: String?.self), column: "sessions.due"),
                isDone: try row.decode(column: "is_done", as: Int.self) != 0)
        }

        let bookingPeople = try await grouped("booking_people", by: "booking_id") {
            try $0.decode(column: "person_id", as: String.self)
        }
        snapshot.bookings = try await rows("bookings").map { row in
            let id = try row.decode(column: "id", as: String.self)
            return Booking(
                id: id,
                sessionID: try row.decode(column: "session_id", as: String.self),
                roomID: try row.decode(column: "room_id", as: String.self),
                start: try ColumnCoding.date(
                    try row.decode(column: "starts_at", as: String.self), column: "bookings.starts_at"),
                end: try ColumnCoding.date(
                    try row.decode(column: "ends_at", as: String.self), column: "bookings.ends_at"),
                people: bookingPeople[id] ?? [],
                status: try ColumnCoding.value(
                    try row.decode(column: "status", as: String.self), as: Booking.Status.self,
                    column: "bookings.status"),
                cost: try money(row, "cost_minor_units", "cost_currency"),
                cancellationFee: try optionalMoney(row, "cancellation_fee_minor_units", "cancellation_fee_currency"),
                sequence: try row.decode(column: "sequence", as: Int.self),
                listedSequence: try row.decode(column: "listed_sequence", as: Int?.self),
                note: try row.decode(column: "note", as: String.self))
        }
        try await readOffice(into: &snapshot)
        return snapshot
    }

    // MARK: Pieces

    private func settings(_ row: any SQLRow) throws -> ProjectSettings {
        ProjectSettings(
            name: try row.decode(column: "name", as: String.self),
            currency: try row.decode(column: "currency", as: String.self),
            deadline: try ColumnCoding.date(
                try row.decode(column: "deadline", as: String?.self), column: "project.deadline"),
            timeZone: try row.decode(column: "time_zone", as: String.self),
            maxWorkMinutesPerDay: try row.decode(column: "max_work_minutes_per_day", as: Int.self),
            breakMinutes: try row.decode(column: "break_minutes", as: Int.self),
            latenessPenaltyPerDay: try money(row, "lateness_penalty_minor_units", "lateness_penalty_currency"),
            planStart: try ColumnCoding.date(
                try row.decode(column: "plan_start", as: String?.self), column: "project.plan_start"))
    }

    func rows(_ table: String) async throws -> [any SQLRow] {
        try await sql.select().column("*").from(table).orderBy("position").all()
    }

    /// A child table's rows, decoded and grouped by their parent's id, in `position` order.
    private func grouped<T>(
        _ table: String, by parent: String, _ decode: (any SQLRow) throws -> T
    ) async throws -> [String: [T]] {
        let rows = try await sql.select().column("*").from(table).orderBy(parent).orderBy("position").all()
        var result: [String: [T]] = [:]
        for row in rows {
            result[try row.decode(column: parent, as: String.self), default: []].append(try decode(row))
        }
        return result
    }

    struct OwnerKey: Hashable {
        var kind: String
        var id: String
    }

    private func availabilityExceptions() async throws -> [OwnerKey: [Availability.Exception]] {
        let rows = try await sql.select().column("*").from("availability_exceptions")
            .orderBy("owner_kind").orderBy("owner_id").orderBy("position").all()
        var result: [OwnerKey: [Availability.Exception]] = [:]
        for row in rows {
            let key = OwnerKey(
                kind: try row.decode(column: "owner_kind", as: String.self),
                id: try row.decode(column: "owner_id", as: String.self))
            let exception = Availability.Exception(
                start: try ColumnCoding.date(
                    try row.decode(column: "starts_at", as: String.self), column: "availability_exceptions.starts_at"),
                end: try ColumnCoding.date(
                    try row.decode(column: "ends_at", as: String.self), column: "availability_exceptions.ends_at"),
                isBusy: try row.decode(column: "is_busy", as: Int.self) != 0,
                note: try row.decode(column: "note", as: String.self),
                source: try row.decode(column: "source", as: String?.self))
            result[key, default: []].append(exception)
        }
        return result
    }

    func money(_ row: any SQLRow, _ amount: String, _ currency: String) throws -> Money {
        Money(
            minorUnits: try row.decode(column: amount, as: Int64.self),
            currency: try row.decode(column: currency, as: String.self))
    }

    private func optionalMoney(_ row: any SQLRow, _ amount: String, _ currency: String) throws -> Money? {
        guard let minorUnits = try row.decode(column: amount, as: Int64?.self),
            let code = try row.decode(column: currency, as: String?.self)
        else { return nil }
        return Money(minorUnits: minorUnits, currency: code)
    }
}

/// The database has the tables but no project row (a `create` that never finished, or a database
/// emptied by hand).
struct MissingProjectRow: Error {}
