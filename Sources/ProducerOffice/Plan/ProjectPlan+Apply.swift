import Foundation

extension ProjectPlan {
    /// Adds the plan's records to `project`, or updates those it already has, and says which.
    ///
    /// Records are matched by id; a record the plan gives no id takes the id of the project's
    /// record with the same name (or title), or else its name as a slug. An update replaces what
    /// the plan says and keeps the rest: a person's busy times imported from a calendar, rooms of
    /// a studio that the plan does not list, a session's `done` when the plan leaves it out.
    /// Sessions' `song:`, `people:` and `after:` are resolved by id, then by name or title.
    ///
    /// - Throws: ``ProjectPlanError`` for a duplicate id, an unknown song, person, session or role,
    ///   or sessions that wait for each other; `project` is then left as it was.
    ///
    /// - Complexity: O(*n*) in the number of records in the plan and the project (each lookup by
    ///   id or name goes through an index), so that a large plan cannot hang the import.
    public func apply(to project: inout ProjectSnapshot) throws(ProjectPlanError) -> ImportReport {
        var result = project
        var report = ImportReport(file: file)
        if let item = settingsItem { report.settings = applySettings(item.value, to: &result.settings) }

        // Songs and people: match, then add or replace.
        let songIDs = try ids(
            songItems, kind: "songs", name: \.title, existing: NameIndex(result.songs.map { ($0.id, $0.title) }))
        var songPositions = Self.positions(of: result.songs)
        for (item, id) in zip(songItems, songIDs) {
            var song = item.value
            song.id = id
            report.songs.note(song.title, upsert(song, into: &result.songs, positions: &songPositions))
        }
        let personIDs = try ids(
            personItems, kind: "people", name: \.name, existing: NameIndex(result.people.map { ($0.id, $0.name) }))
        var personPositions = Self.positions(of: result.people)
        for (item, id) in zip(personItems, personIDs) {
            var person = item.value
            person.id = id
            if let i = personPositions[id] {
                // Busy times imported from the person's calendar stay; the plan's own replace the old plan's.
                person.availability.exceptions =
                    result.people[i].availability.exceptions.filter { $0.source != nil }
                    + person.availability.exceptions
            }
            report.people.note(person.name, upsert(person, into: &result.people, positions: &personPositions))
        }

        // Studios: match, merge the rooms by id; a room id names one room in the whole project.
        let studioIDs = try ids(
            studioItems, kind: "studios", name: \.name, existing: NameIndex(result.studios.map { ($0.id, $0.name) }))
        var studioPositions = Self.positions(of: result.studios)
        // The studios (id, name) and room names each room id is in, in the project's order.
        var roomOwners: [String: [(studioID: String, studio: String, room: String)]] = [:]
        for (studio, room) in result.rooms {
            roomOwners[room.id, default: []].append((studio.id, studio.name, room.name))
        }
        for (item, id) in zip(studioItems, studioIDs) {
            var studio = item.value
            studio.id = id
            for room in studio.rooms {
                if let other = roomOwners[room.id]?.first(where: { $0.studioID != id }) {
                    throw error(
                        item.place, code: .duplicate,
                        "the room id \"\(room.id)\" is already \(other.studio)'s \(other.room); give the room another id"
                    )
                }
            }
            if let i = studioPositions[id] {
                // Closures imported from a calendar (holidays) stay, as a person's busy times do.
                let old = Dictionary(
                    result.studios[i].rooms.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                for r in studio.rooms.indices {
                    guard let before = old[studio.rooms[r].id] else { continue }
                    studio.rooms[r].openingHours.exceptions =
                        before.openingHours.exceptions.filter { $0.source != nil }
                        + studio.rooms[r].openingHours.exceptions
                }
                let planned = Set(studio.rooms.map(\.id))
                studio.rooms += result.studios[i].rooms.filter { !planned.contains($0.id) }
            }
            report.studios.note(studio.name, upsert(studio, into: &result.studios, positions: &studioPositions))
            for room in studio.rooms {
                roomOwners[room.id, default: []].removeAll { $0.studioID == id }
                roomOwners[room.id, default: []].append((id, studio.name, room.name))
            }
        }
        var planRoomIDs: Set<String> = []
        for item in studioItems {
            for room in item.value.rooms where !planRoomIDs.insert(room.id).inserted {
                throw error(item.place, code: .duplicate, "two rooms in the plan have the id \"\(room.id)\"")
            }
        }

        // Sessions: match, resolve the references against the project as it now is, check, upsert.
        let sessionIDs = try ids(
            sessionItems, kind: "sessions", name: \.session.title,
            existing: NameIndex(result.sessions.map { ($0.id, $0.title) }))
        let planSessionIDs = Set(sessionIDs)
        let sessionNames = NameIndex(
            result.sessions.map { ($0.id, $0.title) }.filter { existing in !planSessionIDs.contains(existing.0) }
                + zip(sessionIDs, sessionItems).map { ($0, $1.value.session.title) })
        let songNames = NameIndex(result.songs.map { ($0.id, $0.title) })
        let personNames = NameIndex(result.people.map { ($0.id, $0.name) })
        let roles = Set(result.people.flatMap(\.roles))
        var sessionPositions = Self.positions(of: result.sessions)
        var planned: [(session: StudioSession, item: Item<SessionDraft>)] = []
        for (item, id) in zip(sessionItems, sessionIDs) {
            let draft = item.value
            var session = draft.session
            session.id = id
            if let song = draft.song {
                session.songID = try resolve(song, among: songNames, kind: "song")
            }
            session.people = try draft.people.map { reference throws(ProjectPlanError) in
                try resolve(reference, among: personNames, kind: "person")
            }
            session.after = try draft.after.map { reference throws(ProjectPlanError) in
                try resolve(reference, among: sessionNames, kind: "session")
            }
            for (need, place) in zip(session.needs, draft.needPlaces) where !roles.contains(need.role) {
                let known = roles.map(\.name).sorted().joined(separator: ", ")
                throw error(
                    place, code: .unknownReference,
                    "nobody in the plan or the project plays \"\(need.role)\"; the roles are: \(known)")
            }
            if let i = sessionPositions[id], !draft.doneIsGiven { session.isDone = result.sessions[i].isDone }
            planned.append((session, item))
            report.sessions.note(session.title, upsert(session, into: &result.sessions, positions: &sessionPositions))
        }
        try checkOrder(result.sessions, planned: planned)
        try applyBudget(to: &result, report: &report)
        project = result
        return report
    }

    /// Records (id and name or title) found by id, or by name ignoring case, without a search.
    struct NameIndex {
        let records: [(id: String, name: String)]
        let ids: Set<String>
        /// Positions in `records` by case-folded name.
        let byName: [String: [Int]]

        init(_ records: [(id: String, name: String)]) {
            self.records = records
            ids = Set(records.map(\.id))
            var byName: [String: [Int]] = [:]
            for (i, record) in records.enumerated() { byName[Self.key(record.name), default: []].append(i) }
            self.byName = byName
        }

        static func key(_ name: String) -> String { name.folding(options: .caseInsensitive, locale: nil) }

        /// The records called `name`, ignoring case, in order.
        func named(_ name: String) -> [(id: String, name: String)] {
            (byName[Self.key(name)] ?? []).map { records[$0] }.filter {
                $0.name.caseInsensitiveCompare(name) == .orderedSame
            }
        }
    }

    /// Each record's position in `records` by id (the first, when ids repeat).
    static func positions<Value: Identifiable>(of records: [Value]) -> [Value.ID: Int] {
        Dictionary(records.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The final id of each item: its own, the project's record of the same name, or its slug.
    func ids<Value>(
        _ items: [Item<Value>], kind: String, name: (Value) -> String, existing: NameIndex
    ) throws(ProjectPlanError) -> [String] where Value: Identifiable, Value.ID == String {
        var seen: [String: Item<Value>] = [:]
        var result: [String] = []
        for item in items {
            var id = item.value.id
            if !item.idIsGiven, let match = existing.named(name(item.value)).first {
                id = match.id
            }
            if let first = seen[id] {
                throw error(
                    item.place, code: .duplicate,
                    "two \(kind) in the plan have the id \"\(id)\" (the other is at line \(first.place.line ?? 0)); give one an id: of its own"
                )
            }
            seen[id] = item
            result.append(id)
        }
        return result
    }

    /// The id a reference names: an id first, then a name or title (ignoring case), exactly one.
    func resolve(_ reference: Reference, among records: NameIndex, kind: String) throws(ProjectPlanError) -> String {
        if records.ids.contains(reference.text) { return reference.text }
        let named = records.named(reference.text)
        if named.count == 1 { return named[0].id }
        if named.count > 1 {
            throw error(
                reference.place, code: .unknownReference,
                "\(named.count) \(kind == "person" ? "people" : kind + "s") are called \"\(reference.text)\"; name one by its id (\(named.map(\.id).joined(separator: ", ")))"
            )
        }
        throw error(
            reference.place, code: .unknownReference, "no \(kind) \"\(reference.text)\" in the plan or the project")
    }

    /// Checks that no session waits, through `after`, for itself. Walks the `after:` links with a
    /// stack of its own, so that a chain of any length cannot overflow the thread's stack.
    func checkOrder(
        _ sessions: [StudioSession], planned: [(session: StudioSession, item: Item<SessionDraft>)]
    ) throws(ProjectPlanError) {
        let byID = Dictionary(sessions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var state: [String: Int] = [:]  // 1 on the path, 2 done
        func cycle(from start: String) -> [String]? {
            if state[start] == 2 { return nil }
            var trail: [String] = [start]
            var next: [Int] = [0]  // per trail entry: the index of its next `after`
            state[start] = 1
            while let id = trail.last {
                let after = byID[id]?.after ?? []
                let k = next[next.count - 1]
                if k < after.count {
                    next[next.count - 1] = k + 1
                    let other = after[k]
                    if state[other] == 2 { continue }
                    if state[other] == 1 { return Array(trail.drop { $0 != other }) + [other] }
                    state[other] = 1
                    trail.append(other)
                    next.append(0)
                } else {
                    state[id] = 2
                    trail.removeLast()
                    next.removeLast()
                }
            }
            return nil
        }
        for (session, item) in planned {
            guard let cycle = cycle(from: session.id) else { continue }
            // Name the cycle by titles, in the order "X waits for Y", at a plan session in it.
            let names = cycle.map { byID[$0]?.title ?? $0 }
            var place = item.place
            search: for k in 0..<(cycle.count - 1) {
                guard let (waiting, written) = planned.first(where: { $0.session.id == cycle[k] }) else { continue }
                for (j, next) in waiting.after.enumerated() where next == cycle[k + 1] {
                    place = written.value.after[j].place
                    break search
                }
            }
            throw error(
                place, code: .cycle,
                "the sessions wait for each other (after:): \(names.joined(separator: " waits for ")); one of them must come first"
            )
        }
    }

    /// Adds `record`, or replaces the record with its id; says which, or that nothing changed.
    func upsert<Value: Identifiable & Equatable>(
        _ record: Value, into records: inout [Value], positions: inout [Value.ID: Int]
    ) -> ImportReport.Change {
        guard let i = positions[record.id] else {
            positions[record.id] = records.count
            records.append(record)
            return .added
        }
        if records[i] == record { return .unchanged }
        records[i] = record
        return .updated
    }
}
