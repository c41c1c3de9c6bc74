/// Where a project lives: what ProducerOffice needs from persistence.
///
/// ProducerStore implements it for SQLite (a file in the project folder) and PostgreSQL. Every
/// `update` is one transaction: it reads the current snapshot with the project locked against
/// other writers, lets `change` edit it, writes back what changed and bumps the revision. A
/// change that throws writes nothing.
public protocol ProjectStore: Sendable {
    /// The project as it is now.
    func snapshot() async throws -> ProjectSnapshot

    /// Edits the project in one transaction and returns what `change` returned.
    func update<Result: Sendable>(_ change: @Sendable (inout ProjectSnapshot) throws -> Result) async throws -> Result

    /// Like ``update(_:)``, but returns nil at once, changing nothing, when another process
    /// holds the project's write lock: for a small change a reading command may skip rather
    /// than wait for (`bookings list` recording what it showed).
    func updateUnlessBusy<Result: Sendable>(
        _ change: @Sendable (inout ProjectSnapshot) throws -> Result
    ) async throws -> Result?

    /// Releases connections and files.
    func close() async throws
}

extension ProjectStore {
    /// A store without other processes is never busy: the change is made.
    public func updateUnlessBusy<Result: Sendable>(
        _ change: @Sendable (inout ProjectSnapshot) throws -> Result
    ) async throws -> Result? {
        try await update(change)
    }
}
