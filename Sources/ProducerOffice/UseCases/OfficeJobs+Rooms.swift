import Foundation

extension OfficeJobs {
    /// The studio `key` names and the position of its room `room` (by id or name).
    static func roomPlace(
        studio key: String, room: String, in project: ProjectSnapshot
    ) throws -> (
        studio: Int, room: Int
    ) {
        let id = try recordID(.studios, key, in: project)
        let s = project.studios.firstIndex { $0.id == id }!
        let rooms = project.studios[s].rooms
        guard
            let r = rooms.firstIndex(where: { $0.id == room })
                ?? rooms.firstIndex(where: { $0.name.caseInsensitiveCompare(room) == .orderedSame })
        else {
            throw OfficeError(
                "\(project.studios[s].name) has no room \"\(room)\"; its rooms are: \(rooms.map(\.name).joined(separator: ", "))",
                code: .notFound)
        }
        return (s, r)
    }

    /// `producer studios add-room STUDIO NAME …`: adds a room, read as the plan reads one.
    /// - Parameter edit: the room's keys (`name`, `hourlyRate`, `capacity`…).
    public static func addRoom(
        studio key: String, edit: RecordEdit, store: any ProjectStore
    ) async throws
        -> EditOutcome
    {
        try await store.update { project in
            let id = try recordID(.studios, key, in: project)
            let studio = project.studios.first { $0.id == id }!
            let room = edit.applied(to: .map([]))
            if case .text(let name) = room["name"],
                let same = studio.rooms.first(where: {
                    $0.name.caseInsensitiveCompare(name) == .orderedSame || $0.id == OfficeJobs.slug(name)
                })
            {
                throw OfficeError(
                    "\(studio.name) already has the room \"\(same.name)\" (id \(same.id)); change it with `producer studios edit-room`",
                    code: .notAllowed)
            }
            return try applyRoom(room, of: studio, edit: edit, to: &project, change: "added")
        }
    }

    /// `producer studios edit-room STUDIO ROOM …`: changes only what the options give.
    public static func editRoom(
        studio key: String, room: String, edit: RecordEdit, store: any ProjectStore
    )
        async throws -> EditOutcome
    {
        try await store.update { project in
            let (s, r) = try roomPlace(studio: key, room: room, in: project)
            let studio = project.studios[s]
            let value = edit.applied(to: PlanValue(room: studio.rooms[r]))
            return try applyRoom(value, of: studio, edit: edit, to: &project, change: "updated")
        }
    }

    /// The studio with this one room in the plan (the plan keeps its other rooms).
    static func applyRoom(
        _ room: PlanValue, of studio: Studio, edit: RecordEdit, to project: inout ProjectSnapshot, change: String
    ) throws -> EditOutcome {
        let value = PlanValue.map([
            .init("studios", .list([PlanValue(studio: studio, rooms: []).replacingRooms(with: room)]))
        ])
        do throws(ProjectPlanError) {
            let plan = try ProjectPlan(value: value, name: "producer studios", settings: project.settings)
            let report = try plan.apply(to: &project)
            let roomID = plan.studios[0].rooms[0].id
            let name = plan.studios[0].rooms[0].name
            return EditOutcome(
                id: roomID, name: "\(studio.name) — \(name)",
                change: report.studios.unchanged.isEmpty ? change : "unchanged", project: project)
        } catch {
            throw edit.error(error, prefix: "studios[0].rooms[0]", record: studio.name)
        }
    }

    /// `producer studios remove-room STUDIO ROOM`: refuses a room with bookings, and a studio's
    /// last room.
    public static func removeRoom(
        studio key: String, room: String, force: Bool, store: any ProjectStore
    )
        async throws -> EditOutcome
    {
        try await store.update { project in
            let (s, r) = try roomPlace(studio: key, room: room, in: project)
            let studio = project.studios[s]
            let target = studio.rooms[r]
            guard studio.rooms.count > 1 else {
                throw OfficeError(
                    "\(target.name) is \(studio.name)'s only room; a studio needs one (remove the studio instead: `producer studios remove`)",
                    code: .notAllowed)
            }
            try clearBookings(inRooms: [target.id], of: "\(studio.name) — \(target.name)", force: force, in: &project)
            project.studios[s].rooms.remove(at: r)
            return EditOutcome(
                id: target.id, name: "\(studio.name) — \(target.name)", change: "removed", project: project)
        }
    }

    /// Refuses rooms with bookings (naming the sessions), or with `force` removes their holds;
    /// confirmed bookings are refused even then (cancel them first).
    static func clearBookings(
        inRooms ids: Set<String>, of what: String, force: Bool, in project: inout ProjectSnapshot
    ) throws {
        let active = project.bookings.filter { ids.contains($0.roomID) && $0.status != .cancelled }
        let confirmed = active.filter { $0.status == .confirmed }
        func titles(_ bookings: [Booking]) -> String {
            bookings.map { b in project.sessions.first { $0.id == b.sessionID }?.title ?? b.sessionID }
                .joined(separator: ", ")
        }
        if !confirmed.isEmpty {
            throw OfficeError(
                "\(what) has confirmed bookings (\(titles(confirmed))); cancel them first (`producer bookings cancel`)",
                code: .notAllowed)
        }
        if !active.isEmpty && !force {
            throw OfficeError(
                "\(what) has holds (\(titles(active))); give --force to remove them too, then `producer schedule --repair`",
                code: .notAllowed)
        }
        project.bookings.removeAll { ids.contains($0.roomID) && $0.status == .hold }
    }
}

extension PlanValue {
    /// A studio's plan form with its rooms replaced by `room` alone.
    func replacingRooms(with room: PlanValue) -> PlanValue {
        var copy = self
        copy.set(["rooms"], to: .list([room]))
        return copy
    }
}
