import Foundation

extension Calendar {
    /// A Gregorian calendar in the IANA time zone `identifier` (UTC when the name is unknown).
    public static func gregorian(timeZone identifier: String) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "UTC")!
        return calendar
    }
}

extension DateFormatter {
    /// A formatter for a fixed pattern such as `"EEE d MMM HH:mm"` in `timeZone`, with English
    /// names whatever the machine's locale, so reports read the same everywhere.
    public static func fixed(_ pattern: String, timeZone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = pattern
        return formatter
    }
}
