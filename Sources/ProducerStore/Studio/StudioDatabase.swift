import Foundation
import ProducerOffice
import SQLKit

/// The studio server's records (accounts, sign-ins, projects and members, invitations, song
/// versions, comments, approvals, activity, polls) kept in the home project's database, SQLite or
/// PostgreSQL: ProducerOffice's ``StudioStore``.
///
/// ```swift
/// let studio = try await StudioDatabase.open(DatabaseLocation("Album"))
/// try await studio.addAccount(Account(email: "ada@example.org", name: "Ada", passwordHash: hash, createdAt: Date()))
/// ```
///
/// Opening brings the schema up to date as ``ProjectDatabase/open(_:lockWaitNotice:)`` does, and
/// refuses a place that holds no project. Every method is one transaction on one of a few
/// connections, so a web server's requests run side by side. A call that finds its connection
/// lost (a PostgreSQL restart) fails with ``StudioStoreError/Code/unavailable``; the next call
/// connects again.
public final class StudioDatabase: StudioStore {
    /// Where the database is (a project folder resolved to its SQLite file).
    public let location: DatabaseLocation
    let pool: ConnectionPool
    /// Sign-ins, accounts and memberships read in the last second.
    let recent = RecentReads()
    /// Comments waiting to be added on SQLite, many to a transaction.
    let commentBatches: WriteBatches<CommentToAdd>

    private init(location: DatabaseLocation, pool: ConnectionPool) {
        self.location = location
        self.pool = pool
        let database = WeakStudio()
        commentBatches = WriteBatches(limit: 64) { comments in
            guard let studio = database.studio else {
                throw StudioStoreError(.unavailable, "the studio's database was closed")
            }
            try await studio.add(comments)
        }
        database.studio = self
    }

    /// The database as its batches see it, without keeping it open.
    private final class WeakStudio: @unchecked Sendable {
        weak var studio: StudioDatabase?
    }

    /// Opens the studio kept in the project database at `location`, with at most `connections`
    /// open at once: by default 4 on SQLite (its reads run on as many threads, and more of them
    /// only take turns for the two cores of a small server) and 8 on PostgreSQL (whose round
    /// trips wait on the network and another process, so more of them overlap).
    /// - Throws: ``ProjectStoreError`` as ``ProjectDatabase/open(_:lockWaitNotice:)`` does (no
    ///   project there, a server that cannot be reached, a schema newer than this code).
    public static func open(_ location: DatabaseLocation, connections: Int? = nil) async throws -> StudioDatabase {
        let count: Int
        if let connections {
            count = connections
        } else if case .postgres = location {
            count = 8
        } else {
            count = 4
        }
        let (resolved, pool) = try await ConnectionPool.project(location, connections: count)
        return StudioDatabase(location: resolved, pool: pool)
    }

    /// Closes the connections; later calls fail with ``StudioStoreError/Code/unavailable``.
    public func close() async { await pool.close() }

    // MARK: Transactions

    /// Runs `body` in a write transaction (SQLite: `BEGIN IMMEDIATE`), translating what fails into
    /// a ``StudioStoreError``; a unique key broken becomes `duplicate` with `duplicateMessage`.
    func write<R: Sendable>(
        _ doing: String, duplicate duplicateMessage: String? = nil, _ body: (DatabaseConnection) async throws -> R
    ) async throws -> R {
        try await translating(doing, duplicate: duplicateMessage) {
            try await pool.withWriteConnection { connection in
                try await connection.writeTransaction { try await body(connection) }
            }
        }
    }

    /// Runs `body`, one statement that changes the database, translating what fails as
    /// ``write(_:duplicate:_:)`` does. One statement is a transaction by itself, so none is opened
    /// (on PostgreSQL that saves two round trips); SQLite's writers still take turns.
    func writeOne<R: Sendable>(
        _ doing: String, duplicate duplicateMessage: String? = nil, _ body: (DatabaseConnection) async throws -> R
    ) async throws -> R {
        try await translating(doing, duplicate: duplicateMessage) {
            try await pool.withWriteConnection { connection in try await body(connection) }
        }
    }

    /// Runs `body`, one statement that reads, translating what fails into a ``StudioStoreError``.
    /// A single statement sees one state of the database by itself, so no transaction is opened
    /// (that would cost two more round trips).
    func read<R: Sendable>(_ doing: String, _ body: (DatabaseConnection) async throws -> R) async throws -> R {
        try await translating(doing, duplicate: nil) {
            try await pool.withConnection { connection in try await body(connection) }
        }
    }

    private func translating<R: Sendable>(
        _ doing: String, duplicate duplicateMessage: String?, _ body: () async throws -> R
    ) async throws -> R {
        do {
            return try await body()
        } catch let error as StudioStoreError {
            throw error
        } catch let error as StoredValueError {
            throw StudioStoreError(.invalid, "the studio's database holds a value that does not read: \(error)")
        } catch is DecodingError {
            throw StudioStoreError(.invalid, "the studio's database holds a record that does not read while \(doing)")
        } catch is PoolClosed {
            throw StudioStoreError(.unavailable, "the studio's database was closed")
        } catch let error as ProjectStoreError {
            throw StudioStoreError(.unavailable, "the studio's database cannot be reached: \(error.message)")
        } catch {
            if let duplicateMessage, ConnectionPool.isDuplicate(error) {
                throw StudioStoreError(.duplicate, duplicateMessage)
            }
            if ConnectionPool.isConnectionLoss(error) {
                throw StudioStoreError(
                    .unavailable,
                    "the connection to the studio's database was lost while \(doing); the next request connects again")
            }
            throw StudioStoreError(
                .unavailable, "the studio's database failed while \(doing) (\(DatabaseConnection.reason(error)))")
        }
    }

    /// ` FOR UPDATE` on PostgreSQL (SQLite's `BEGIN IMMEDIATE` already holds the write lock).
    static func forUpdate(_ connection: DatabaseConnection) -> String {
        connection.dialect == .postgres ? " FOR UPDATE" : ""
    }

    // MARK: Accounts and sign-ins

    static let accountColumns = "id, email, name, password_hash, created_at, notifications_seen_at"

    static func account(_ row: any SQLRow) throws -> Account {
        let row = StoredRow(row: row, table: "accounts")
        return Account(
            id: try row.text("id"), email: try row.text("email"), name: try row.text("name"),
            passwordHash: try row.text("password_hash"), createdAt: try row.date("created_at"),
            notificationsSeenAt: try row.optionalDate("notifications_seen_at"))
    }

    public func addAccount(_ account: Account) async throws {
        let email = account.email.lowercased()
        let taken = "an account with the email \(email) already exists"
        try await write("adding an account", duplicate: taken) { connection in
            if try await connection.sql.raw("SELECT id FROM accounts WHERE email = \(bind: email)").first() != nil {
                throw StudioStoreError(.duplicate, taken)
            }
            try await connection.sql.raw(
                """
                INSERT INTO accounts (\(unsafeRaw: Self.accountColumns)) VALUES (\(bind: account.id), \(bind: email), \
                \(bind: account.name), \(bind: account.passwordHash), \(bind: ColumnCoding.text(account.createdAt)), \
                \(bind: ColumnCoding.text(account.notificationsSeenAt)))
                """
            ).run()
        }
    }

    public func account(id: String) async throws -> Account? {
        if let kept = recent.account(id: id) { return kept }
        let mark = recent.mark
        let found = try await read("reading an account") { connection in
            try await connection.sql.raw(
                "SELECT \(unsafeRaw: Self.accountColumns) FROM accounts WHERE id = \(bind: id)"
            )
            .first().map(Self.account)
        }
        if let found { recent.keep(found, mark: mark) }
        return found
    }

    public func account(email: String) async throws -> Account? {
        let email = email.lowercased()
        return try await read("reading an account") { connection in
            try await connection.sql.raw(
                "SELECT \(unsafeRaw: Self.accountColumns) FROM accounts WHERE email = \(bind: email)"
            ).first().map(Self.account)
        }
    }

    public func updateAccount(_ account: Account) async throws {
        defer { recent.drop() }
        let email = account.email.lowercased()
        try await write("changing an account", duplicate: "an account with the email \(email) already exists") {
            connection in
            let changed = try await connection.sql.raw(
                """
                UPDATE accounts SET email = \(bind: email), name = \(bind: account.name), \
                password_hash = \(bind: account.passwordHash), created_at = \(bind: ColumnCoding.text(account.createdAt)), \
                notifications_seen_at = \(bind: ColumnCoding.text(account.notificationsSeenAt)) \
                WHERE id = \(bind: account.id) RETURNING id
                """
            ).first()
            guard changed != nil else { throw StudioStoreError(.notFound, "no such account") }
        }
    }

    public func addSignIn(_ session: SignInSession) async throws {
        try await write("signing in", duplicate: "that sign-in already exists") { connection in
            try await connection.sql.raw(
                """
                INSERT INTO sign_ins (token_hash, account_id, created_at, expires_at) VALUES \
                (\(bind: session.tokenHash), \(bind: session.accountID), \(bind: ColumnCoding.text(session.createdAt)), \
                \(bind: ColumnCoding.text(session.expiresAt)))
                """
            ).run()
        }
    }

    public func signIn(tokenHash: String, now: Date) async throws -> SignInSession? {
        try await read("reading a sign-in") { connection in
            guard
                let found = try await connection.sql.raw(
                    """
                    SELECT token_hash, account_id, created_at, expires_at FROM sign_ins \
                    WHERE token_hash = \(bind: tokenHash) AND expires_at > \(bind: ColumnCoding.text(now))
                    """
                ).first()
            else { return nil }
            let row = StoredRow(row: found, table: "sign_ins")
            return SignInSession(
                tokenHash: try row.text("token_hash"), accountID: try row.text("account_id"),
                createdAt: try row.date("created_at"), expiresAt: try row.date("expires_at"))
        }
    }

    public func signedInAccount(
        tokenHash: String, now: Date
    ) async throws -> (session: SignInSession, account: Account)? {
        if let kept = recent.signIn(tokenHash: tokenHash, now: now) { return kept }
        let mark = recent.mark
        let found: (SignInSession, Account)? = try await read("reading a sign-in") { connection in
            guard
                let found = try await connection.sql.raw(
                    """
                    SELECT s.token_hash, s.account_id, s.created_at AS signed_in_at, s.expires_at, a.id, a.email, \
                    a.name, a.password_hash, a.created_at, a.notifications_seen_at FROM sign_ins s \
                    JOIN accounts a ON a.id = s.account_id \
                    WHERE s.token_hash = \(bind: tokenHash) AND s.expires_at > \(bind: ColumnCoding.text(now))
                    """
                ).first()
            else { return nil }
            let row = StoredRow(row: found, table: "sign_ins")
            let session = SignInSession(
                tokenHash: try row.text("token_hash"), accountID: try row.text("account_id"),
                createdAt: try row.date("signed_in_at"), expiresAt: try row.date("expires_at"))
            return (session, try Self.account(found))
        }
        if let found { recent.keep(found, tokenHash: tokenHash, mark: mark) }
        return found
    }

    public func removeSignIn(tokenHash: String) async throws {
        defer { recent.drop() }
        try await write("signing out") { connection in
            try await connection.sql.raw("DELETE FROM sign_ins WHERE token_hash = \(bind: tokenHash)").run()
        }
    }
}
