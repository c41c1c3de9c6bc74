import Foundation
import ProducerOffice

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
    public func apply(to project: inout ProjectSnapshot) throws(ProjectPlanError) -> ImportReport {
        var result = project
        var report = ImportReport(file: file)

        // Songs and people: match, then add or replace.
        let songIDs = try ids(songItems, kind: "songs", name: \.title, existing: result.songs.map { ($0.id, $0.title) })
        for (item, id) in zip(songItems, songIDs) {
            var song = item.value
            song.id = id
            report.songs.note(song.title, upsert(song, into: &result.songs))
        }
        let personIDs = try ids(personItems, kind: "people", name: \.name, existing: result.people.map { ($0.id, $0.name) })
        for (item, id) in zip(personItems, personIDs) {
            var person = item.value
            person.id = id
            if let old = result.people.first(where: { $0.id == id }) {
                // Busy times imported from the person's calendar stay; the plan's own replace the old plan's.
                person.availability.exceptions = old.availability.exceptions.filter { $0.source != nil } + person.availability.exceptions
            }
            report.people.note(person.name, upsert(person, into: &result.people))
        }

        // Studios: match, merge the rooms by id; a room id names one room in the whole project.
        let studioIDs = try ids(studioItems, kind: "studios", name: \.name, existing: result.studios.map { ($0.id, $0.name) })
        for (item, id) in zip(studioItems, studioIDs) {
            var studio = item.value
            studio.id = id
            for room in studio.rooms {
                if let other = result.rooms.first(where: { $0.room.id == room.id && $0.studio.id != id }) {
                    throw error(item.place, code: .duplicate, "the room id \"\(room.id)\" is already \(other.studio.name)'s \(other.room.name); give the room another id")
                }
            }
            if let old = result.studios.first(where: { $0.id == id }) {
                studio.rooms += old.rooms.filter { room in !studio.rooms.contains { $0.id == room.id } }
            }
            report.studios.note(studio.name, upsert(studio, into: &result.studios))
        }
        let planStudioRooms = studioItems.flatMap { item in item.value.rooms.map { (item, $0.id) } }
        for (i, (item, roomID)) in planStudioRooms.enumerated() where planStudioRooms[..<i].contains(where: { $0.1 == roomID }) {
            throw error(item.place, code: .duplicate, "two rooms in the plan have the id \"\(roomID)\"")
        }

        // Sessions: match, resolve the references against the project as it now is, check, upsert.
        let sessionIDs = try ids(sessionItems, kind: "sessions", name: \.session.title, existing: result.sessions.map { ($0.id, $0.title) })
        let sessionNames = result.sessions.map { ($0.id, $0.title) }
            .filter { existing in !sessionIDs.contains(existing.0) } + zip(sessionIDs, sessionItems).map { ($0, $1.value.session.title) }
        let roles = Set(result.people.flatMap(\.roles))
        var planned: [(session: StudioSession, item: Item<SessionDraft>)] = []
        for (item, id) in zip(sessionItems, sessionIDs) {
            let draft = item.value
            var session = draft.session
            session.id = id
            if let song = draft.song {
                session.songID = try resolve(song, among: result.songs.map { ($0.id, $0.title) }, kind: "song")
            }
            session.people = try draft.people.map { reference throws(ProjectPlanError) in
                try resolve(reference, among: result.people.map { ($0.id, $0.name) }, kind: "person")
            }
            session.after = try draft.after.map { reference throws(ProjectPlanError) in
                try resolve(reference, among: sessionNames, kind: "session")
            }
            for (need, place) in zip(session.needs, draft.needPlaces) where !roles.contains(need.role) {
                let known = roles.map(\.name).sorted().joined(separator: ", ")
                throw error(place, code: .unknownReference, "nobody in the plan or the project plays \"\(need.role)\"; the roles are: \(known)")
            }
            if let old = result.sessions.first(where: { $0.id == id }), !draft.doneIsGiven { session.isDone = old.isDone }
            planned.append((session, item))
            report.sessions.note(session.title, upsert(session, into: &result.sessions))
        }
        try checkOrder(result.sessions, planned: planned)
        project = result
        return report
    }

    /// The final id of each item: its own, the project's record of the same name, or its slug.
    func ids<Value>(
        _ items: [Item<Value>], kind: String, name: (Value) -> String, existing: [(id: String, name: String)]
    ) throws(ProjectPlanError) -> [String] where Value: Identifiable, Value.ID == String {
        var seen: [String: Item<Value>] = [:]
        var result: [String] = []
        for item in items {
            var id = item.value.id
            if !item.idIsGiven, let match = existing.first(where: { $0.name.caseInsensitiveCompare(name(item.value)) == .orderedSame }) {
                id = match.id
            }
            if let first = seen[id] {
                throw error(
                    item.place, code: .duplicate,
                    "two \(kind) in the plan have the id \"\(id)\" (the other is at line \(first.place.line ?? 0)); give one an id: of its own")
            }
            seen[id] = item
            result.append(id)
        }
        return result
    }

    /// The id a reference names: an id first, then a name or title (ignoring case), exactly one.
    func resolve(_ reference: Reference, among records: [(id: String, name: String)], kind: String) throws(ProjectPlanError) -> String {
        if records.contains(where: { $0.id == reference.text }) { return reference.text }
        let named = records.filter { $0.name.caseInsensitiveCompare(reference.text) == .orderedSame }
        if named.count == 1 { return named[0].id }
        if named.count > 1 {
            throw error(
                reference.place, code: .unknownReference,
                "\(named.count) \(kind == "person" ? "people" : kind + "s") are called \"\(reference.text)\"; name one by its id (\(named.map(\.id).joined(separator: ", ")))")
        }
        throw error(reference.place, code: .unknownReference, "no \(kind) \"\(reference.text)\" in the plan or the project")
    }

    /// Checks that no session waits, through `after`, for itself.
    func checkOrder(_ sessions: [StudioSession], planned: [(session: StudioSession, item: Item<SessionDraft>)]) throws(ProjectPlanError) {
        let byID = Dictionary(sessions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var state: [String: Int] = [:]  // 1 on the path, 2 done
        var trail: [String] = []
        func visit(_ id: String) -> [String]? {
            if state[id] == 2 { return nil }
            if state[id] == 1 { return Array(trail.drop { $0 != id }) + [id] }
            state[id] = 1
            trail.append(id)
            for next in byID[id]?.after ?? [] {
                if let cycle = visit(next) { return cycle }
            }
            trail.removeLast()
            state[id] = 2
            return nil
        }
        for (session, item) in planned {
            guard let cycle = visit(session.id) else { continue }
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
                "the sessions wait for each other (after:): \(names.joined(separator: " waits for ")); one of them must come first")
        }
    }

    /// Adds `record`, or replaces the record with its id; says which, or that nothing changed.
    func upsert<Value: Identifiable & Equatable>(_ record: Value, into records: inout [Value]) -> ImportReport.Change {
        guard let i = records.firstIndex(where: { $0.id == record.id }) else {
            records.append(record)
            return .added
        }
        if records[i] == record { return .unchanged }
        records[i] = record
        return .updated
    }
}
