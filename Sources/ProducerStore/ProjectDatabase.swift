import Foundation
import ProducerOffice
import SQLKit

/// A project kept in a database: the ``ProjectStore`` that the CLI and the server use.
///
/// The default is a SQLite file, `project.sqlite`, in the project folder; the same code runs on
/// PostgreSQL for a shared project (`postgres://user:password@host:port/database`).
///
/// ```swift
/// let project = try await ProjectDatabase.create(at: "Album", settings: ProjectSettings(name: "Album", currency: "EUR"))
/// try await project.update { $0.songs.append(Song(title: "Northern Line")) }
/// try await project.close()
///
/// let again = try await ProjectDatabase.open(DatabaseLocation("Album"))
/// print(try await again.snapshot().songs.count)   // 1
/// ```
///
/// Opening applies the schema migrations this code knows that the database lacks, each in its
/// own transaction, recorded in `schema_migrations`; a database written by a newer Producer is
/// refused with ``ProjectStoreError/Code/schemaTooNew``.
///
/// Every ``update(_:)`` is one transaction: it locks the project against other writers (SQLite:
/// `BEGIN IMMEDIATE`, waiting up to a minute for another process; PostgreSQL: `SELECT … FOR
/// UPDATE` on the project row; a ``LockWaitNotice`` says so after a second), reads the snapshot, applies the change, writes back what changed
/// and bumps ``ProjectSnapshot/revision``. Two processes editing one project therefore never lose
/// an update, and a process killed in the middle leaves the last committed state.
///
/// Times are stored as ISO 8601 UTC text to the millisecond, time zones as IANA names, money as
/// integer minor units with its currency.
///
/// One `ProjectDatabase` holds one connection and runs one operation at a time; calls from
/// several tasks wait their turn. It does not reconnect: after a lost PostgreSQL connection,
/// open the project again.
public actor ProjectDatabase: ProjectStore {
    /// The name of the SQLite file in a project folder.
    public static let fileName = "project.sqlite"

    /// Where the database is, as opened (a folder is resolved to its ``fileName``).
    public nonisolated let location: DatabaseLocation

    private var connection: DatabaseConnection?
    /// What a change does while it waits for another process's write lock (nil: nothing).
    public nonisolated let lockWaitNotice: LockWaitNotice?
    private var isBusy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    private init(location: DatabaseLocation, connection: DatabaseConnection, lockWaitNotice: LockWaitNotice?) {
        self.location = location
        self.connection = connection
        self.lockWaitNotice = lockWaitNotice
    }

    // MARK: Opening and creating

    /// Opens the project at `location`, bringing its schema up to date.
    ///
    /// A SQLite location may be the project folder or its `project.sqlite`.
    ///
    /// - Throws: ``ProjectStoreError`` when there is no project there (``ProjectStoreError/Code/notAProject``),
    ///   the file is not a SQLite database (``ProjectStoreError/Code/corrupt``), the URL is malformed
    ///   (``ProjectStoreError/Code/badLocation``), the server cannot be reached
    ///   (``ProjectStoreError/Code/cannotConnect``), or the schema is newer than this code
    ///   (``ProjectStoreError/Code/schemaTooNew``).
    ///
    /// `lockWaitNotice` says so when a change (or a migration) waits for another process's write
    /// lock: ``LockWaitNotice/standardError`` for a command; nil waits silently.
    public static func open(
        _ location: DatabaseLocation, lockWaitNotice: LockWaitNotice? = nil
    ) async throws -> ProjectDatabase {
        let resolved = try resolve(location, creating: false)
        let connection = try await connect(resolved, create: false)
        do {
            guard try await connection.tableExists("schema_migrations") else {
                throw ProjectStoreError(
                    .notAProject, database: connection.name,
                    "the database holds no Producer project (no schema_migrations table)")
            }
            try await migrate(connection, notice: lockWaitNotice)
            let database = ProjectDatabase(location: resolved, connection: connection, lockWaitNotice: lockWaitNotice)
            _ = try await database.snapshot()  // a project row that decodes, or a clear error now
            return database
        } catch {
            try? await connection.close()
            throw connection.translate(error, doing: "opening the project")
        }
    }

    /// Makes a new project at `location` with `settings` and revision 0, and opens it.
    ///
    /// For SQLite, `location` names the file (its folder must exist); see ``create(at:settings:)``
    /// to make a project folder. For PostgreSQL the database must exist; the schema named by the
    /// URL's `schema=` is made if missing.
    ///
    /// - Throws: ``ProjectStoreError/Code/alreadyExists`` when a file or a project is already there,
    ///   and the errors of ``open(_:)``.
    public static func create(
        _ location: DatabaseLocation, settings: ProjectSettings, lockWaitNotice: LockWaitNotice? = nil
    ) async throws -> ProjectDatabase {
        let resolved = try resolve(location, creating: true)
        let connection = try await connect(resolved, create: true)
        do {
            try await migrate(connection, notice: lockWaitNotice)
            try await connection.writeTransaction(notice: lockWaitNotice) {
                try await connection.lockMigrations()
                if try await connection.sql.select().column("id").from("project").first() != nil {
                    throw ProjectStoreError(
                        .alreadyExists, database: connection.name, "a project is already there; not overwriting it")
                }
                try await SnapshotWriter(sql: connection.sql).insertProject(settings)
            }
            return ProjectDatabase(location: resolved, connection: connection, lockWaitNotice: lockWaitNotice)
        } catch {
            try? await connection.close()
            if case .sqlite(let path) = resolved {
                // The file did not exist before (checked on connecting): leave nothing half made.
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            throw connection.translate(error, doing: "creating the project")
        }
    }

    /// Makes a project folder `folder` (and its parents) holding a new SQLite project, and opens it.
    ///
    /// The folder may exist already, but not with a ``fileName`` in it.
    public static func create(
        at folder: String, settings: ProjectSettings, lockWaitNotice: LockWaitNotice? = nil
    ) async throws -> ProjectDatabase {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ProjectStoreError(
                .alreadyExists, database: folder, "a file is there, not a folder; a project needs a folder")
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw ProjectStoreError(
                .badLocation, database: folder,
                "cannot make the project folder (check that its parent folder exists and can be written)")
        }
        return try await create(.projectFolder(folder), settings: settings, lockWaitNotice: lockWaitNotice)
    }

    /// A folder becomes its `project.sqlite`; a file path or a URL stays as it is.
    private static func resolve(_ location: DatabaseLocation, creating: Bool) throws -> DatabaseLocation {
        guard case .sqlite(let path) = location else { return location }
        if path.isEmpty { throw ProjectStoreError(.badLocation, database: path, "the path is empty") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            let file = DatabaseLocation.projectFolder(path)
            if !creating, case .sqlite(let filePath) = file, !FileManager.default.fileExists(atPath: filePath) {
                throw ProjectStoreError(
                    .notAProject, database: path, "the folder is not a project (it has no \(fileName))")
            }
            return file
        }
        return location
    }

    private static func connect(_ location: DatabaseLocation, create: Bool) async throws -> DatabaseConnection {
        switch location {
        case .sqlite(let path): return try await DatabaseConnection.sqlite(path: path, create: create)
        case .postgres(let url): return try await DatabaseConnection.postgres(url: url, create: create)
        }
    }

    // MARK: Migrations

    /// Applies the migrations the database lacks, one transaction each, recording each in
    /// `schema_migrations`. Several processes may open one database at once: each step re-reads
    /// the version under the migration lock.
    private static func migrate(_ connection: DatabaseConnection, notice: LockWaitNotice?) async throws {
        if try await connection.tableExists("schema_migrations") {
            let current = try await connection.schemaVersion()
            try checkNotNewer(current, connection)
            if current == Migration.latestVersion { return }
        }
        while true {
            let finished = try await connection.writeTransaction(notice: notice) { () -> Bool in
                try await connection.lockMigrations()
                try await connection.sql.raw(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
                ).run()
                let current = try await connection.schemaVersion()
                try checkNotNewer(current, connection)
                guard let next = Migration.all.first(where: { $0.version > current }) else { return true }
                for statement in next.statements {
                    try await connection.sql.raw(SQLQueryString(statement)).run()
                }
                try await connection.sql.insert(into: "schema_migrations").columns("version", "name", "applied_at")
                    .values(next.version, next.name, ColumnCoding.text(Date())).run()
                return false
            }
            if finished { return }
        }
    }

    private static func checkNotNewer(_ version: Int, _ connection: DatabaseConnection) throws {
        if version > Migration.latestVersion {
            throw ProjectStoreError(
                .schemaTooNew, database: connection.name,
                "the project was saved by a newer Producer (schema version \(version); this one knows up to \(Migration.latestVersion)); update Producer to open it"
            )
        }
    }

    /// The migrations applied to this database, oldest first.
    public func appliedMigrations() async throws -> [AppliedMigration] {
        try await exclusively { connection in
            try await connection.sql.select().columns("version", "name", "applied_at").from("schema_migrations")
                .orderBy("version").all().map {
                    AppliedMigration(
                        version: try $0.decode(column: "version", as: Int.self),
                        name: try $0.decode(column: "name", as: String.self),
                        appliedAt: try ColumnCoding.date(
                            try $0.decode(column: "applied_at", as: String.self), column: "schema_migrations.applied_at"
                        ))
                }
        }
    }

    /// The newest schema version this code knows and applies on open.
    public static var latestSchemaVersion: Int { Migration.latestVersion }

    // MARK: ProjectStore

    /// The project as it is now, read in one transaction.
    public func snapshot() async throws -> ProjectSnapshot {
        try await exclusively { connection in
            try await connection.readTransaction { try await SnapshotReader(sql: connection.sql).read() }
        }
    }

    /// Edits the project in one transaction and returns what `change` returned.
    ///
    /// The snapshot `change` sees is read with the project locked against other writers; what it
    /// changed is written back by id and ``ProjectSnapshot/revision`` goes up by one (whatever
    /// `change` set it to). If `change` throws, or the result cannot be stored (two songs with one
    /// id…), nothing is written and the error is rethrown.
    public func update<Result: Sendable>(
        _ change: @Sendable (inout ProjectSnapshot) throws -> Result
    ) async throws -> Result {
        try await exclusively { connection in try await apply(change, on: connection, waiting: true) }
    }

    /// Like ``update(_:)``, but returns nil at once, writing nothing, when another process holds
    /// the project's write lock (SQLite: `BEGIN IMMEDIATE` without a busy timeout; PostgreSQL:
    /// `FOR UPDATE NOWAIT`).
    public func updateUnlessBusy<Result: Sendable>(
        _ change: @Sendable (inout ProjectSnapshot) throws -> Result
    ) async throws -> Result? {
        do {
            return try await exclusively { connection in try await apply(change, on: connection, waiting: false) }
        } catch is ProjectBusy {
            return nil
        }
    }

    /// One change in one write transaction, the project locked (waiting for it, or not).
    private func apply<Result: Sendable>(
        _ change: @Sendable (inout ProjectSnapshot) throws -> Result, on connection: DatabaseConnection, waiting: Bool
    ) async throws -> Result {
        try await connection.writeTransaction(notice: lockWaitNotice, lockingProject: true, waiting: waiting) {
            let old = try await SnapshotReader(sql: connection.sql).read()
            var new = old
            let result: Result
            do {
                result = try change(&new)
            } catch {
                throw ChangeFailed(error: error)
            }
            new.revision = old.revision + 1
            do {
                try await SnapshotWriter(sql: connection.sql).write(from: old, to: new)
            } catch var error as ProjectStoreError where error.database.isEmpty {
                error.database = connection.name
                throw error
            }
            return result
        }
    }

    /// Closes the connection. Later calls throw ``ProjectStoreError/Code/closed``; closing twice
    /// does nothing.
    public func close() async throws {
        await acquire()
        defer { release() }
        guard let connection else { return }
        self.connection = nil
        do {
            try await connection.close()
        } catch {
            throw connection.translate(error, doing: "closing")
        }
    }

    /// A store dropped without ``close()`` still closes its connection (in the background).
    deinit {
        connection?.closeInBackground()
    }

    // MARK: Checks

    /// Problems the database itself finds in its file, empty when there are none: SQLite's
    /// `PRAGMA integrity_check` and `PRAGMA foreign_key_check`. PostgreSQL keeps its own
    /// consistency; there the list is empty.
    public func integrityProblems() async throws -> [String] {
        try await exclusively { connection in
            guard connection.dialect == .sqlite else { return [] }
            var problems: [String] = []
            for row in try await connection.sql.raw("PRAGMA integrity_check").all() {
                let line = try row.decode(column: "integrity_check", as: String.self)
                if line != "ok" { problems.append(line) }
            }
            for row in try await connection.sql.raw("PRAGMA foreign_key_check").all() {
                problems.append(
                    "a row of \(try row.decode(column: "table", as: String.self)) refers to a missing \(try row.decode(column: "parent", as: String.self))"
                )
            }
            return problems
        }
    }

    // MARK: One operation at a time

    /// Runs `body` on the connection with no other operation of this store in between (an actor
    /// alone would interleave them at every `await`), translating errors to ``ProjectStoreError``.
    private func exclusively<R: Sendable>(_ body: (DatabaseConnection) async throws -> R) async throws -> R {
        await acquire()
        defer { release() }
        guard let connection else {
            throw ProjectStoreError(.closed, database: location.description, "the project was closed")
        }
        do {
            return try await body(connection)
        } catch let failed as ChangeFailed {
            throw failed.error
        } catch let busy as ProjectBusy {
            throw busy
        } catch is MissingProjectRow {
            throw ProjectStoreError(
                .notAProject, database: connection.name,
                "the database has the tables of a project but no project in them")
        } catch let error as StoredValueError {
            throw ProjectStoreError(.corrupt, database: connection.name, error.description)
        } catch let error as ProjectStoreError {
            throw error
        } catch let error as DecodingError {
            throw ProjectStoreError(.corrupt, database: connection.name, "a stored value cannot be read (\(error))")
        } catch {
            throw connection.translate(error, doing: "reading or writing the project")
        }
    }

    /// Carries an error thrown by an update's `change` past the translation of database errors,
    /// so the caller gets it back as it was thrown.
    private struct ChangeFailed: Error {
        var error: any Error
    }

    private func acquire() async {
        if !isBusy {
            isBusy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            isBusy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// A schema migration recorded in `schema_migrations`.
public struct AppliedMigration: Sendable, Hashable {
    /// Its number, counting from 1.
    public var version: Int
    /// What it does, in a few words.
    public var name: String
    /// When it was applied (UTC).
    public var appliedAt: Date
}
