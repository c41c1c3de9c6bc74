import Foundation

extension ProjectPlan {
    /// `producer project import FILE.yaml`: reads the plan and applies it in one transaction of
    /// `store`. A plan with any error writes nothing.
    /// - Throws: ``ProjectPlanError`` for a problem in the file, or the store's error.
    public static func importFile(_ path: String, into store: any ProjectStore) async throws -> ImportReport {
        try await store.update { project in
            let plan = try ProjectPlan(contentsOf: path, settings: project.settings)
            return try plan.apply(to: &project)
        }
    }
}

/// What importing a plan did: per kind of record, the names added, updated and left unchanged.
public struct ImportReport: Codable, Sendable, Hashable {
    public var file: String
    public var songs = Changes()
    public var people = Changes()
    public var studios = Changes()
    public var sessions = Changes()
    public var budget = Changes()
    /// The project settings the plan changed, as `break 45 min`.
    public var settings: [String] = []

    public init(file: String) { self.file = file }

    /// Names of records, by what happened to them.
    public struct Changes: Codable, Sendable, Hashable {
        public var added: [String] = []
        public var updated: [String] = []
        public var unchanged: [String] = []

        mutating func note(_ name: String, _ change: Change) {
            switch change {
            case .added: added.append(name)
            case .updated: updated.append(name)
            case .unchanged: unchanged.append(name)
            }
        }
    }

    enum Change { case added, updated, unchanged }

    /// `Imported album.yaml: songs 5 added; people 8 added, 1 updated…`, with the names changed.
    public func text() -> String {
        var lines = ["Imported \(file):"]
        if !settings.isEmpty { lines.append("  project: " + settings.joined(separator: ", ")) }
        let kinds = [
            ("songs", songs), ("people", people), ("studios", studios), ("sessions", sessions),
            ("budget lines", budget),
        ]
        for (kind, changes) in kinds {
            var counts: [String] = []
            if !changes.added.isEmpty { counts.append("\(changes.added.count) added") }
            if !changes.updated.isEmpty { counts.append("\(changes.updated.count) updated") }
            if !changes.unchanged.isEmpty { counts.append("\(changes.unchanged.count) unchanged") }
            guard !counts.isEmpty else { continue }
            lines.append("  \(kind): " + counts.joined(separator: ", "))
            if !changes.added.isEmpty { lines.append("    + " + changes.added.joined(separator: ", ")) }
            if !changes.updated.isEmpty { lines.append("    ~ " + changes.updated.joined(separator: ", ")) }
        }
        if lines.count == 1 {
            lines.append(
                "  nothing to import: the plan lists no project settings, songs, people, studios, sessions or budget")
        }
        return lines.joined(separator: "\n")
    }
}
