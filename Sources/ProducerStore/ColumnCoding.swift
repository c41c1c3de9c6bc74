import Foundation
import ProducerOffice

/// How values that have no column type of their own are written: timestamps as ISO 8601 UTC text
/// to the millisecond, small lists as JSON text in a fixed shape of our own (so renaming a Swift
/// property never changes what is on disk).
enum ColumnCoding {
    static func text(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    static func text(_ date: Date?) -> String? { date.map { text($0) } }

    static func date(_ text: String, column: String) throws -> Date {
        if let date = storedDate(text) { return date }
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        throw StoredValueError(column: column, value: text, expected: "an ISO 8601 UTC time")
    }

    /// `2027-03-01T09:30:00.250Z`, the shape ``text(_:)`` writes, read by hand: a page reads
    /// dozens of these, and the format style's parser was a tenth of the server's time. Another
    /// shape gives nil (and goes to the format style).
    static func storedDate(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count == 24, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x2E,
            b[23] == 0x5A
        else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for i in from..<(from + count) {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                value = value * 10 + Int(b[i] - 0x30)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
            let minute = number(14, 2), let second = number(17, 2), let milli = number(20, 3),
            year >= 1, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        guard day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] else { return nil }
        // Days from 1970-01-01 (Howard Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second
        // From the reference date, as the format style counts (the same Date, nearly always to the bit).
        return Date(timeIntervalSinceReferenceDate: Double(seconds - 978_307_200) + Double(milli) / 1000)
    }

    static func date(_ text: String?, column: String) throws -> Date? {
        try text.map { try date($0, column: column) }
    }

    /// A weekly window as stored: `{"weekday":1,"start_minute":600,"end_minute":1080}`.
    private struct StoredWindow: Codable {
        var weekday: Int
        var start_minute: Int
        var end_minute: Int
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func json(_ windows: [Availability.WeeklyWindow]) throws -> String {
        let stored = windows.map {
            StoredWindow(weekday: $0.weekday.rawValue, start_minute: $0.startMinute, end_minute: $0.endMinute)
        }
        return String(decoding: try encoder.encode(stored), as: UTF8.self)
    }

    static func json(_ words: [String]) throws -> String {
        String(decoding: try encoder.encode(words), as: UTF8.self)
    }

    static func windows(_ text: String, column: String) throws -> [Availability.WeeklyWindow] {
        guard let stored = try? JSONDecoder().decode([StoredWindow].self, from: Data(text.utf8)) else {
            throw StoredValueError(column: column, value: text, expected: "a JSON list of weekly windows")
        }
        return try stored.map {
            guard let weekday = Availability.Weekday(rawValue: $0.weekday) else {
                throw StoredValueError(column: column, value: text, expected: "weekdays numbered 1 (Monday) to 7")
            }
            return Availability.WeeklyWindow(weekday: weekday, startMinute: $0.start_minute, endMinute: $0.end_minute)
        }
    }

    static func words(_ text: String, column: String) throws -> [String] {
        guard let words = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else {
            throw StoredValueError(column: column, value: text, expected: "a JSON list of strings")
        }
        return words
    }

    /// A settings document (the union scale, the delivery rules) as JSON with sorted keys; its
    /// property names are its stored names.
    static func document<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func document<T: Decodable>(_ text: String, as: T.Type, column: String) throws -> T {
        guard let value = try? JSONDecoder().decode(T.self, from: Data(text.utf8)) else {
            throw StoredValueError(column: column, value: text, expected: "a JSON \(T.self) document")
        }
        return value
    }

    static func value<T: RawRepresentable<String>>(_ text: String, as: T.Type, column: String) throws -> T {
        guard let value = T(rawValue: text) else {
            throw StoredValueError(column: column, value: text, expected: "one of the known \(T.self) values")
        }
        return value
    }
}

/// A stored value that cannot be read back; turned into a ``ProjectStoreError`` naming the database.
struct StoredValueError: Error, CustomStringConvertible {
    var column: String
    var value: String
    var expected: String
    var description: String {
        "the column \(column) holds \"\(value.prefix(80))\" where \(expected) belongs"
    }
}
