import Foundation

/// What a ``ProjectDatabase`` does while a change waits for another process's write lock on the
/// project: after `after` of waiting it says so, once, through `say`.
///
/// SQLite waits in `BEGIN IMMEDIATE` (up to its busy timeout), PostgreSQL at the project row
/// (`SELECT … FOR UPDATE`); either way a command that waits for another one (a long `schedule`,
/// say) tells its user why nothing happens, instead of waiting silently.
///
/// ```swift
/// let project = try await ProjectDatabase.open(location, lockWaitNotice: .standardError)
/// ```
public struct LockWaitNotice: Sendable {
    /// How long a change waits before the notice is given.
    public var after: Duration
    /// Gives the notice: one line, without its newline.
    public var say: @Sendable (String) -> Void

    public init(after: Duration = .seconds(1), say: @escaping @Sendable (String) -> Void) {
        self.after = after
        self.say = say
    }

    /// After a second, `waiting for another producer command to finish with this project (…)…`
    /// on standard error: what the `producer` commands use.
    public static let standardError = LockWaitNotice { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// The sentence for the project at `database` (a path, or a URL without its password).
    static func message(database: String) -> String {
        "waiting for another producer command to finish with this project (\(database))…"
    }

    /// Runs `body`, which takes the lock, giving the notice if it has not returned after `after`.
    func whileWaiting<R: Sendable>(database: String, _ body: () async throws -> R) async throws -> R {
        let delay = after
        let say = say
        let timer = Task.detached {
            try await Task.sleep(for: delay)
            say(Self.message(database: database))
        }
        defer { timer.cancel() }
        return try await body()
    }
}
