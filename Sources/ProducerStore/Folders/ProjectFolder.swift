import Foundation
import ProducerFiles
import ProducerOffice

/// Making a project: a folder with its SQLite database, or a PostgreSQL project with a folder
/// that points at it.
public enum ProjectFolder {
    /// Makes a project folder holding a new SQLite database, or, with `database`, a new project
    /// in that PostgreSQL database and a folder that points at it. `folder` defaults to the
    /// project's name in lower case with hyphens.
    /// - Returns: the folder and the database's location as shown to people.
    /// - Throws: ``ProjectStoreError`` (`alreadyExists` when the folder is already a project).
    public static func make(
        _ settings: ProjectSettings, folder: String?, database: String?
    ) async throws -> (folder: String, location: String) {
        let folder = folder ?? OfficeJobs.slug(settings.name)
        let store: ProjectDatabase
        if let database {
            if FileManager.default.fileExists(
                atPath: (folder as NSString).appendingPathComponent(ProjectPlace.pointerFile))
            {
                throw ProjectStoreError(.alreadyExists, database: folder, "already a project folder")
            }
            store = try await ProjectDatabase.create(DatabaseLocation(database), settings: settings)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let pointer = (folder as NSString).appendingPathComponent(ProjectPlace.pointerFile)
            // The pointer may hold the database's password: its owner's only, written whole or not at all.
            try PartialFile.write(text: database + "\n", to: pointer, permissions: 0o600)
        } else {
            store = try await ProjectDatabase.create(at: folder, settings: settings)
        }
        let location = store.location.description
        try await store.close()
        return (folder, location)
    }
}
