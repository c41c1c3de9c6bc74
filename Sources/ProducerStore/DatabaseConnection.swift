import Foundation
import PostgresKit
import SQLKit
import SQLiteKit

/// One connection to a project's database, SQLite or PostgreSQL, and the few statements whose
/// text differs between them (how a write transaction locks the project, how errors read).
/// Everything else goes through `sql`, the one SQLKit layer both share.
struct DatabaseConnection: Sendable {
    enum Dialect: Sendable { case sqlite, postgres }

    let dialect: Dialect
    let sql: any SQLDatabase
    /// The database as people should see it (a path, or a URL without its password).
    let name: String
    private let closeConnection: @Sendable () async throws -> Void
    /// Starts closing without waiting, for a store dropped without `close()`.
    let closeInBackground: @Sendable () -> Void
    /// The SQLite connection under `sql`, for ``rows(_:table:)``.
    var sqlite: SQLiteConnection? = nil

    /// How long a SQLite writer waits for another process's transaction before giving up.
    static let sqliteBusyTimeoutMilliseconds = 60_000

    func close() async throws { try await closeConnection() }

    // MARK: Opening

    /// Opens the SQLite file at `path` (creating it when `create` is true), in WAL mode with a
    /// busy timeout and foreign keys on.
    static func sqlite(path: String, create: Bool) async throws -> DatabaseConnection {
        let exists = FileManager.default.fileExists(atPath: path)
        if !create && !exists {
            throw ProjectStoreError(.notAProject, database: path, "there is no project here (no such file)")
        }
        if create && exists {
            throw ProjectStoreError(.alreadyExists, database: path, "a file is already there; not overwriting it")
        }
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: path))
        } catch {
            throw ProjectStoreError(.notAProject, database: path, "cannot open the file (\(Self.reason(error)))")
        }
        let opened = DatabaseConnection(
            dialect: .sqlite, sql: connection.sql(), name: path,
            closeConnection: { try await connection.close() },
            closeInBackground: { _ = connection.close() as EventLoopFuture<Void> }, sqlite: connection)
        do {
            // `busy_timeout` replaces SQLiteNIO's busy handler (which retries without sleeping) by
            // one that sleeps and gives up after the timeout.
            try await opened.sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(sqliteBusyTimeoutMilliseconds))").run()
            // Reading the schema first tells a file that is not a database from one that is, and
            // another program's database is left as it was (journal mode included).
            _ = try await opened.sql.raw("SELECT count(*) AS n FROM sqlite_master").all()
            if !create, try await !opened.tableExists("schema_migrations") {
                throw ProjectStoreError(
                    .notAProject, database: path, "the database holds no Producer project (no schema_migrations table)")
            }
            let modes = try await opened.sql.raw("PRAGMA journal_mode = WAL").all()
            if let mode = try modes.first?.decode(column: "journal_mode", as: String.self), mode.lowercased() != "wal" {
                throw ProjectStoreError(
                    .databaseFailed, database: path, "cannot switch the file to WAL mode (it stays in \(mode) mode)")
            }
            // FULL: a committed change survives a power cut, not only a killed process.
            try await opened.sql.raw("PRAGMA synchronous = FULL").run()
            try await opened.sql.raw("PRAGMA foreign_keys = ON").run()
        } catch {
            try? await connection.close()
            throw opened.translate(error, doing: "opening the file")
        }
        return opened
    }

    /// Connects to the PostgreSQL database at `url`, in the schema its `schema=` query names (made
    /// first when `create` is true).
    static func postgres(url: String, create: Bool) async throws -> DatabaseConnection {
        let shown = DatabaseLocation.postgres(url: url).description
        guard var parts = URLComponents(string: url), parts.host?.isEmpty == false, parts.user?.isEmpty == false else {
            throw ProjectStoreError(
                .badLocation, database: shown,
                "not a PostgreSQL URL; write it as postgres://user:password@host:port/database")
        }
        if parts.path.count <= 1 {
            throw ProjectStoreError(.badLocation, database: shown, "the URL names no database (…/database at its end)")
        }
        var schema: String?
        if let items = parts.queryItems {
            schema = items.last { $0.name == "schema" }?.value
            let rest = items.filter { $0.name != "schema" }
            parts.queryItems = rest.isEmpty ? nil : rest
        }
        if let schema, schema.isEmpty || schema.count > 63 || schema.contains("\"") || schema.contains("\0") {
            throw ProjectStoreError(.badLocation, database: shown, "the schema name \"\(schema)\" cannot be used")
        }
        let configuration: SQLPostgresConfiguration
        do {
            configuration = try SQLPostgresConfiguration(url: parts.string ?? url)
        } catch {
            throw ProjectStoreError(
                .badLocation, database: shown,
                "not a PostgreSQL URL PostgresKit accepts (write postgres://user:password@host:port/database, with sslmode=disable|prefer|require if needed)"
            )
        }
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                configuration: configuration.coreConfiguration, id: 1, logger: Logger(label: "producer.store"))
        } catch {
            throw ProjectStoreError(.cannotConnect, database: shown, "cannot connect (\(Self.reason(error)))")
        }
        let opened = DatabaseConnection(
            dialect: .postgres, sql: connection.sql(queryLogLevel: nil), name: shown,
            closeConnection: { try await connection.close() },
            closeInBackground: { _ = connection.close() as EventLoopFuture<Void> })
        if let schema {
            do {
                if create { try await opened.sql.raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run() }
                try await opened.sql.raw("SET search_path TO \(ident: schema)").run()
            } catch {
                try? await connection.close()
                throw opened.translate(error, doing: "choosing the schema \(schema)")
            }
        }
        return opened
    }

    // MARK: Reading rows

    /// The rows `query` reads. On SQLite they come straight from SQLiteNIO, read by
    /// ``StoredRow`` without SQLKit's decoder; on PostgreSQL through SQLKit.
    func rows(_ query: SQLQueryString, table: String) async throws -> [StoredRow] {
        guard let sqlite else { return try await sql.raw(query).all().map { StoredRow(row: $0, table: table) } }
        var serializer = SQLSerializer(database: sql)
        query.serialize(to: &serializer)
        let encoder = SQLiteDataEncoder()
        let binds = try serializer.binds.map { try encoder.encode($0) }
        let found = FoundRows()
        try await sqlite.query(serializer.sql, binds) { found.append($0) }
        return found.rows.map { StoredRow(sqlite: $0, table: table) }
    }

    /// The rows of one query as SQLite hands them over, one at a time on its thread.
    private final class FoundRows: @unchecked Sendable {
        private let lock = NSLock()
        private var found: [SQLiteRow] = []
        func append(_ row: SQLiteRow) { lock.withLock { found.append(row) } }
        var rows: [SQLiteRow] { lock.withLock { found } }
    }

    // MARK: Transactions

    /// Starts the transaction of one change, holding the project against other writers until it
    /// ends: SQLite takes the write lock at once (`BEGIN IMMEDIATE`, waiting up to the busy
    /// timeout); PostgreSQL locks the project row. Call `lockProjectRow()` after this on PostgreSQL.
    func beginWrite() async throws {
        switch dialect {
        case .sqlite: try await sql.raw("BEGIN IMMEDIATE").run()
        case .postgres: try await sql.raw("BEGIN ISOLATION LEVEL READ COMMITTED").run()
        }
    }

    /// Starts a read-only transaction that sees one consistent state of the project.
    func beginRead() async throws {
        switch dialect {
        case .sqlite: try await sql.raw("BEGIN DEFERRED").run()
        case .postgres: try await sql.raw("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").run()
        }
    }

    func commit() async throws { try await sql.raw("COMMIT").run() }

    /// Rolls back, ignoring a failure (the connection may be gone; the server rolls back then).
    func rollback() async { try? await sql.raw("ROLLBACK").run() }

    /// Runs `body` in a write transaction: commits what it did, or rolls back and rethrows.
    ///
    /// With `lockingProject`, the project is locked (``lockProject()``) before `body` runs. While
    /// the transaction waits for another process's lock (SQLite's write lock, or PostgreSQL's
    /// project row), `notice` tells so after its delay. Without `waiting`, it does not wait: it
    /// throws ``ProjectBusy`` at once when another process holds the lock.
    func writeTransaction<R: Sendable>(
        notice: LockWaitNotice? = nil, lockingProject: Bool = false, waiting: Bool = true, _ body: () async throws -> R
    ) async throws -> R {
        let begin = {
            if !waiting && dialect == .sqlite {
                // No busy handler for this BEGIN: SQLITE_BUSY at once. Then the usual timeout again.
                try await sql.raw("PRAGMA busy_timeout = 0").run()
                let began: Result<Void, any Error>
                do { began = .success(try await beginWrite()) } catch { began = .failure(error) }
                try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(Self.sqliteBusyTimeoutMilliseconds))")
                    .run()
                if case .failure(let error) = began {
                    if let error = error as? SQLiteError, error.reason == .busy || error.reason == .locked {
                        throw ProjectBusy()
                    }
                    throw error
                }
            } else {
                try await beginWrite()
            }
            guard lockingProject else { return }
            do {
                try await lockProject(waiting: waiting)
            } catch {
                await rollback()
                throw error
            }
        }
        if let notice, waiting { try await notice.whileWaiting(database: name, begin) } else { try await begin() }
        do {
            let result = try await body()
            try await commit()
            return result
        } catch {
            await rollback()
            throw error
        }
    }

    /// Runs `body` in a read transaction.
    func readTransaction<R: Sendable>(_ body: () async throws -> R) async throws -> R {
        try await beginRead()
        do {
            let result = try await body()
            try await commit()
            return result
        } catch {
            await rollback()
            throw error
        }
    }

    // MARK: Errors

    /// `error` as a ``ProjectStoreError`` naming this database; store errors pass through.
    func translate(_ error: any Error, doing what: String) -> ProjectStoreError {
        if let error = error as? ProjectStoreError { return error }
        if let error = error as? SQLiteError {
            switch error.reason {
            case .notADatabase, .corrupt:
                return ProjectStoreError(
                    .corrupt, database: name, "the file is not a SQLite database, or it is damaged (\(error.message))")
            case .busy, .locked:
                return ProjectStoreError(
                    .databaseFailed, database: name,
                    "another process held the project for more than \(Self.sqliteBusyTimeoutMilliseconds / 1000) s while \(what) (\(error.message))"
                )
            default:
                return ProjectStoreError(.databaseFailed, database: name, "\(what) failed: \(error.message)")
            }
        }
        return ProjectStoreError(.databaseFailed, database: name, "\(what) failed: \(Self.reason(error))")
    }

    /// A short reason for a driver error. PostgresNIO's `description` hides the server's message on
    /// purpose; its reflection and server fields carry it.
    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let code = error.serverInfo?[.sqlState].map { " [\($0)]" } ?? ""
                return message + code
            }
            if let underlying = error.underlying { return String(describing: underlying) }
            return String(reflecting: error)
        }
        if let error = error as? SQLiteError { return error.message }
        return String(describing: error)
    }
}

extension DatabaseConnection {
    /// True when `table` exists (in the current schema, on PostgreSQL).
    func tableExists(_ table: String) async throws -> Bool {
        switch dialect {
        case .sqlite:
            return try await sql.select().column("name").from("sqlite_master")
                .where("type", .equal, "table").where("name", .equal, table).first() != nil
        case .postgres:
            return try await sql.raw(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = \(bind: table)"
            ).first() != nil
        }
    }

    /// The highest version in `schema_migrations`, 0 when none.
    func schemaVersion() async throws -> Int {
        let row = try await sql.raw("SELECT max(version) AS version FROM schema_migrations").first()
        return try row?.decode(column: "version", as: Int?.self) ?? 0
    }

    /// Inside a write transaction, keeps other processes from migrating or creating at the same
    /// time. SQLite's `BEGIN IMMEDIATE` already does; PostgreSQL takes a transaction-scoped
    /// advisory lock.
    func lockMigrations() async throws {
        if dialect == .postgres {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(unsafeRaw: String(Self.migrationLockKey)))").run()
        }
    }

    /// Inside a write transaction, locks the project against other writers until it ends. SQLite's
    /// `BEGIN IMMEDIATE` already holds the write lock; PostgreSQL locks the project row, so
    /// writers queue there and each reads what the one before it committed.
    ///
    /// Without `waiting`, PostgreSQL does not wait for the row (`NOWAIT`): ``ProjectBusy`` at once.
    func lockProject(waiting: Bool = true) async throws {
        if dialect == .postgres {
            let row: (any SQLRow)?
            do {
                row = try await sql.raw(
                    waiting
                        ? "SELECT revision FROM project WHERE id = 1 FOR UPDATE"
                        : "SELECT revision FROM project WHERE id = 1 FOR UPDATE NOWAIT"
                ).first()
            } catch let error as PSQLError where !waiting && error.serverInfo?[.sqlState] == "55P03" {
                throw ProjectBusy()  // lock_not_available
            }
            guard row != nil else { throw MissingProjectRow() }
        }
    }

    /// "PROD" as a number: the advisory lock that migrations take on PostgreSQL.
    static let migrationLockKey = 0x5052_4F44
}

/// Another process holds the project's write lock, and the caller chose not to wait.
struct ProjectBusy: Error {}
