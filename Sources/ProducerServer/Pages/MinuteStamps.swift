import Foundation
import ProducerStore

/// Dates written "2027-03-01 10:00 CET" in one time zone. Each minute of each zone is
/// formatted once and kept (a page of comments written in a few minutes formats a few dates,
/// and the next request formats none); the formatters are made once per zone and shared.
struct MinuteStamps: Sendable {
    let zone: String

    init(timeZone identifier: String) { zone = identifier }

    func string(from date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, abs(seconds) < 1e14 else { return Self.format(date, zone: zone) }
        let key = Key(zone: zone, minute: Int64((seconds / 60).rounded(.down)))
        return Self.written.value(for: key) { _ in Self.format(date, zone: zone) } ?? ""
    }

    private struct Key: Hashable, Sendable {
        var zone: String
        var minute: Int64
    }

    private static let written = KeptValues<Key, String>(capacity: 8192)
    private static let lock = NSLock()
    nonisolated(unsafe) private static var formatters: [String: DateFormatter] = [:]

    private static func format(_ date: Date, zone: String) -> String {
        lock.withLock {
            if let formatter = formatters[zone] { return formatter.string(from: date) }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyy-MM-dd HH:mm zzz"
            if formatters.count < 64 { formatters[zone] = formatter }
            return formatter.string(from: date)
        }
    }
}
