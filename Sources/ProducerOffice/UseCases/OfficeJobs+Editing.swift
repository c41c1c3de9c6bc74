import Foundation

/// The kinds of record that `producer songs|people|studios|sessions` edit.
public enum RecordKind: String, Sendable, CaseIterable {
    case songs, people, studios, sessions

    /// `song`, `person`, `studio`, `session`.
    public var singular: String {
        switch self {
        case .songs: "song"
        case .people: "person"
        case .studios: "studio"
        case .sessions: "session"
        }
    }

    /// The key that names a record: `title` or `name`.
    var nameKey: String { self == .songs || self == .sessions ? "title" : "name" }

    /// Each record's id and name (or title) in `project`.
    func records(in project: ProjectSnapshot) -> [(id: String, name: String)] {
        switch self {
        case .songs: project.songs.map { ($0.id, $0.title) }
        case .people: project.people.map { ($0.id, $0.name) }
        case .studios: project.studios.map { ($0.id, $0.name) }
        case .sessions: project.sessions.map { ($0.id, $0.title) }
        }
    }

    /// The record's plan form.
    func planValue(id: String, in project: ProjectSnapshot) -> PlanValue? {
        switch self {
        case .songs: project.songs.first { $0.id == id }.map { PlanValue(song: $0) }
        case .people: project.people.first { $0.id == id }.map { PlanValue(person: $0) }
        case .studios: project.studios.first { $0.id == id }.map { PlanValue(studio: $0) }
        case .sessions: project.sessions.first { $0.id == id }.map { PlanValue(session: $0) }
        }
    }
}

/// What an editing command did: the record's id and name, whether it was added, updated or left
/// as it was, and the project after.
public struct EditOutcome: Sendable {
    public var id: String
    public var name: String
    /// `added`, `updated`, `unchanged` or `removed`.
    public var change: String
    public var project: ProjectSnapshot
}

extension OfficeJobs {
    /// The id of the record that `key` names: an id, or a name or title (ignoring case).
    /// - Throws: ``OfficeError`` (not found) naming the kind and the list command.
    public static func recordID(_ kind: RecordKind, _ key: String, in project: ProjectSnapshot) throws -> String {
        let records = kind.records(in: project)
        if let found = records.first(where: { $0.id == key }) { return found.id }
        let named = records.filter { $0.name.caseInsensitiveCompare(key) == .orderedSame }
        if named.count == 1 { return named[0].id }
        if named.count > 1 {
            throw OfficeError(
                "\(named.count) \(kind.rawValue) are called \"\(key)\"; name one by its id (\(named.map(\.id).joined(separator: ", ")))"
            )
        }
        throw OfficeError(
            "no \(kind.singular) \"\(key)\" in the project (see `producer \(kind.rawValue) list`)", code: .notFound)
    }

    /// Reads one record through the plan's reader and applies it to `project`, the plan's errors
    /// said in the options' words.
    static func applyRecord(
        _ kind: RecordKind, _ record: PlanValue, edit: RecordEdit, name: String, to project: inout ProjectSnapshot
    ) throws -> (id: String, name: String, change: String) {
        let value = PlanValue.map([.init(kind.rawValue, .list([record]))])
        do throws(ProjectPlanError) {
            let plan = try ProjectPlan(value: value, name: "producer \(kind.rawValue)", settings: project.settings)
            var after = project
            let report = try plan.apply(to: &after)
            let changes: ImportReport.Changes =
                switch kind {
                case .songs: report.songs
                case .people: report.people
                case .studios: report.studios
                case .sessions: report.sessions
                }
            let id: String =
                switch kind {
                case .songs: plan.songItems[0].value.id
                case .people: plan.personItems[0].value.id
                case .studios: plan.studioItems[0].value.id
                case .sessions: plan.sessionItems[0].value.id
                }
            // The id the plan's matching gave (by name when no id was given).
            let finalName = changes.added.first ?? changes.updated.first ?? changes.unchanged.first ?? name
            let finalID =
                kind.records(in: after).first { $0.id == id }?.id
                ?? kind.records(in: after).first { $0.name == finalName }?.id ?? id
            project = after
            return (
                finalID, finalName,
                !changes.added.isEmpty ? "added" : !changes.updated.isEmpty ? "updated" : "unchanged"
            )
        } catch {
            throw edit.error(error, prefix: "\(kind.rawValue)[0]", record: name)
        }
    }

    /// `producer songs|people|studios|sessions add`: adds one record, read with every check of
    /// `project import`. Refuses a record whose id or name the project already has.
    public static func addRecord(
        _ kind: RecordKind, edit: RecordEdit, store: any ProjectStore
    ) async throws
        -> EditOutcome
    {
        try await store.update { project in
            let record = edit.applied(to: .map([]))
            let given: String? = {
                if case .text(let t) = record[kind.nameKey] { return t }
                return nil
            }()
            let name = given ?? "the new \(kind.singular)"
            // Read it first alone, so that a mistake is named before anything else.
            var probe = project
            let (id, finalName, _) = try applyRecord(kind, record, edit: edit, name: name, to: &probe)
            let ownID: String? = {
                if case .text(let t) = record["id"] { return t }
                return nil
            }()
            if let clash = kind.records(in: project).first(where: {
                $0.id == (ownID ?? id) || (ownID == nil && $0.name.caseInsensitiveCompare(finalName) == .orderedSame)
            }) {
                throw OfficeError(
                    "the project already has the \(kind.singular) \"\(clash.name)\" (id \(clash.id)); change it with `producer \(kind.rawValue) edit`",
                    code: .notAllowed)
            }
            project = probe
            return EditOutcome(id: id, name: finalName, change: "added", project: project)
        }
    }

    /// `producer songs|people|studios|sessions edit KEY`: changes only what the options give, with
    /// every check of `project import`.
    public static func editRecord(
        _ kind: RecordKind, _ key: String, edit: RecordEdit, store: any ProjectStore
    )
        async throws -> EditOutcome
    {
        try await store.update { project in
            let id = try recordID(kind, key, in: project)
            guard var record = kind.planValue(id: id, in: project) else {
                throw OfficeError("no \(kind.singular) \"\(key)\" in the project", code: .notFound)
            }
            let name = kind.records(in: project).first { $0.id == id }?.name ?? key
            record = edit.applied(to: record)
            let (newID, newName, change) = try applyRecord(kind, record, edit: edit, name: name, to: &project)
            return EditOutcome(id: newID, name: newName, change: change, project: project)
        }
    }

    /// `producer project set`: the project's settings, read as the plan's `project:` section is.
    public static func setProject(
        edit: RecordEdit, store: any ProjectStore
    ) async throws -> (
        changed: [String], settings: ProjectSettings
    ) {
        try await store.update { project in
            let value = PlanValue.map([.init("project", edit.applied(to: .map([])))])
            do throws(ProjectPlanError) {
                let plan = try ProjectPlan(value: value, name: "producer project set", settings: project.settings)
                let report = try plan.apply(to: &project)
                return (report.settings, project.settings)
            } catch {
                throw edit.error(error, prefix: "project", record: "the project")
            }
        }
    }
}
