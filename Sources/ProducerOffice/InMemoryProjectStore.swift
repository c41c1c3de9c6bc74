/// A project kept in memory: the test double for `ProjectStore` (as `NIOEmbedded` is for NIO).
public actor InMemoryProjectStore: ProjectStore {
    private var current: ProjectSnapshot

    public init(_ snapshot: ProjectSnapshot) { current = snapshot }

    public func snapshot() async throws -> ProjectSnapshot { current }

    public func update<Result: Sendable>(
        _ change: @Sendable (inout ProjectSnapshot) throws -> Result
    ) async throws -> Result {
        var copy = current
        let result = try change(&copy)
        copy.revision = current.revision + 1
        current = copy
        return result
    }

    public func close() async throws {}
}
