import Foundation
import ProducerKit
import ProducerOffice
import ProducerStore

/// Making a project: a folder with its SQLite database, or a PostgreSQL project with a folder
/// that points at it.
public enum ProjectFolder {
    /// `producer project init`: makes the project folder (or the PostgreSQL project) and returns its settings.
    public static func make(
        name: String, currency: String, deadline: String?, timeZone: String, folder: String?, database: String?
    ) async throws -> (folder: String, location: String, settings: ProjectSettings) {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw OfficeError("the project needs a name") }
        do throws(MoneyError) {
            try Money.checkCurrency(currency)
        } catch {
            throw OfficeError("--currency: \(error.message)")
        }
        guard TimeZone(identifier: timeZone) != nil else {
            throw OfficeError("--time-zone \(timeZone): not a time zone; use an IANA name such as Europe/Berlin")
        }
        var settings = ProjectSettings(name: name, currency: currency, timeZone: timeZone)
        if let deadline { settings.deadline = try OfficeJobs.date(deadline, timeZone: timeZone, option: "--deadline") }
        let folder = folder ?? OfficeJobs.slug(name)
        let store: ProjectDatabase
        if let database {
            if FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(ProjectPlace.pointerFile)) {
                throw OfficeError("\(folder): already a project folder")
            }
            store = try await ProjectDatabase.create(DatabaseLocation(database), settings: settings)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let pointer = (folder as NSString).appendingPathComponent(ProjectPlace.pointerFile)
            _ = FileManager.default.createFile(atPath: pointer, contents: Data((database + "\n").utf8), attributes: [.posixPermissions: 0o600])
        } else {
            store = try await ProjectDatabase.create(at: folder, settings: settings)
        }
        let location = store.location.description
        try await store.close()
        return (folder, location, settings)
    }

}
