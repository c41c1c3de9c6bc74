import Foundation

/// Counts failed sign-ins per email and per client address within a window: past the allowed
/// number, sign-in is refused until the oldest failure in the window ages out.
///
/// Kept in memory by one server process. Memory is bounded: each key keeps at most the allowed
/// number of failure times, keys whose failures have all aged out are dropped, and past
/// ``maximumKeys`` the least recently failed keys go first.
actor LoginThrottle {
    static let maximumKeys = 50_000

    let attempts: Int
    let window: TimeInterval
    private var failures: [String: [Date]] = [:]
    private var lastPrune = Date.distantPast

    init(attempts: Int, window: TimeInterval) {
        self.attempts = max(attempts, 1)
        self.window = max(window, 1)
    }

    /// When sign-in is allowed again for these keys, or nil when it is allowed now.
    func blockedUntil(_ keys: [String], now: Date) -> Date? {
        prune(now: now)
        var until: Date?
        for key in keys {
            let times = recent(key, now: now)
            guard times.count >= attempts, let oldest = times.first else { continue }
            let free = oldest.addingTimeInterval(window)
            until = max(until ?? free, free)
        }
        return until
    }

    /// Records a failed sign-in under each key.
    func fail(_ keys: [String], now: Date) {
        for key in keys {
            var times = recent(key, now: now)
            times.append(now)
            failures[key] = Array(times.suffix(attempts))
        }
        if failures.count > Self.maximumKeys {
            let newestFirst = failures.sorted { ($0.value.last ?? .distantPast) > ($1.value.last ?? .distantPast) }
            failures = Dictionary(
                uniqueKeysWithValues: newestFirst.prefix(Self.maximumKeys / 2).map { ($0.key, $0.value) })
        }
    }

    /// How many keys are remembered now.
    var keyCount: Int { failures.count }

    /// Forgets the failures under `key` (after the right password).
    func clear(_ key: String) { failures[key] = nil }

    private func recent(_ key: String, now: Date) -> [Date] {
        (failures[key] ?? []).filter { now.timeIntervalSince($0) < window && $0 <= now }
    }

    /// Drops every key whose failures have aged out, at most once a minute.
    private func prune(now: Date) {
        guard now.timeIntervalSince(lastPrune) >= 60 || now < lastPrune else { return }
        lastPrune = now
        failures = failures.filter { _, times in times.contains { now.timeIntervalSince($0) < window } }
    }
}
