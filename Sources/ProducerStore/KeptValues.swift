import Foundation

/// A bounded set of values made from keys, kept so a key read again is not made again (a
/// version's analysis decoded from its JSON, a date formatted for a page). When full it starts
/// over: the keys a server reads again and again come back at once. Safe to share.
public final class KeptValues<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let capacity: Int
    private let lock = NSLock()
    private var values: [Key: Value] = [:]

    /// Keeps at most `capacity` values.
    public init(capacity: Int) { self.capacity = max(1, capacity) }

    /// The value kept for `key`, or the one `make` makes (kept unless it is nil).
    public func value(for key: Key, orMake make: (Key) throws -> Value?) rethrows -> Value? {
        if let kept = lock.withLock({ values[key] }) { return kept }
        guard let made = try make(key) else { return nil }
        lock.withLock {
            if values.count >= capacity { values.removeAll(keepingCapacity: true) }
            values[key] = made
        }
        return made
    }
}
