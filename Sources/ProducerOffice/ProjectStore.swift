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

    /// Releases connections and files.
    func close() async throws
}
