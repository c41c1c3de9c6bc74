/// Changes of one kind that wait while a transaction is under way, and are then made together in
/// the next one: many writers share one commit (and SQLite's one sync to disk) instead of queueing
/// for one each. Every caller returns once its own change is committed.
///
/// When a batch fails, each of its changes is tried again alone, so a change that cannot be made
/// (a duplicate, say) fails by itself and the others are still made.
actor WriteBatches<Item: Sendable> {
    /// The most changes one transaction makes.
    let limit: Int
    private let write: @Sendable ([Item]) async throws -> Void
    private var pending: [(item: Item, done: CheckedContinuation<Void, any Error>)] = []
    private var writing = false

    /// Makes batches of at most `limit` changes with `write`, which makes all it is given in one
    /// transaction or none.
    init(limit: Int, write: @escaping @Sendable ([Item]) async throws -> Void) {
        self.limit = max(1, limit)
        self.write = write
    }

    /// Makes `item` in the next batch; returns once it is committed, or throws what failed it.
    func make(_ item: Item) async throws {
        try await withCheckedThrowingContinuation { done in
            pending.append((item, done))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(limit))
            pending.removeFirst(batch.count)
            do {
                try await write(batch.map(\.item))
                for entry in batch { entry.done.resume() }
            } catch {
                if batch.count == 1 {
                    batch[0].done.resume(throwing: error)
                    continue
                }
                for entry in batch {
                    do {
                        try await write([entry.item])
                        entry.done.resume()
                    } catch {
                        entry.done.resume(throwing: error)
                    }
                }
            }
        }
        writing = false
    }
}
