import Foundation

/// A date and time of day as a wall clock shows it, in no particular zone: seconds counted from
/// 1970-01-01 00:00:00 on that clock. Recurrences are expanded on wall time, so "every Monday at
/// 10:00" stays at 10:00 across a daylight-saving change, and only then placed in a zone.
///
/// Arithmetic is on proleptic Gregorian days (no Foundation calendar), so no input can make it
/// fail.
struct WallTime: Hashable, Comparable, Sendable {
    /// Seconds since 1970-01-01 00:00:00 on the wall.
    var seconds: Int64

    static let secondsPerDay: Int64 = 86_400

    init(seconds: Int64) { self.seconds = seconds }

    init(day: Int64, secondOfDay: Int64 = 0) {
        self.seconds = day * Self.secondsPerDay + secondOfDay
    }

    init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.init(
            day: Self.dayNumber(year: year, month: month, day: day),
            secondOfDay: Int64(hour * 3600 + minute * 60 + second))
    }

    /// The wall clock of `date` in `zone`.
    init(_ date: Date, in zone: TimeZone) {
        // Clamped to ±10^14 s (about three million years), so no Date can overflow an Int64.
        let local = date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))
        self.seconds = local.isNaN ? 0 : Int64(min(max(local.rounded(.down), -1e14), 1e14))
    }

    static func < (a: WallTime, b: WallTime) -> Bool { a.seconds < b.seconds }

    /// Days since 1970-01-01 (negative before).
    var day: Int64 {
        seconds >= 0 ? seconds / Self.secondsPerDay : (seconds - Self.secondsPerDay + 1) / Self.secondsPerDay
    }
    /// Seconds since midnight.
    var secondOfDay: Int64 { seconds - day * Self.secondsPerDay }
    /// The calendar date.
    var date: (year: Int, month: Int, day: Int) { Self.civil(day) }
    /// ISO weekday: Monday 1 … Sunday 7.
    var weekday: Int { Self.weekday(ofDay: day) }

    func adding(seconds delta: Int64) -> WallTime { WallTime(seconds: seconds + delta) }
    func adding(days delta: Int64) -> WallTime { WallTime(seconds: seconds + delta * Self.secondsPerDay) }

    /// This wall time as a `Date` read in UTC (for floating or UTC values).
    var utcDate: Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

    /// ISO weekday of a day number: 1970-01-01 was a Thursday (4).
    static func weekday(ofDay day: Int64) -> Int {
        Int(((day + 3) % 7 + 7) % 7) + 1
    }

    /// Days from 1970-01-01 to `year`-`month`-`day` (Howard Hinnant's `days_from_civil`).
    static func dayNumber(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The calendar date of a day number (Hinnant's `civil_from_days`).
    static func civil(_ dayNumber: Int64) -> (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (Int(yoe + era * 400 + (month <= 2 ? 1 : 0)), Int(month), Int(day))
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
