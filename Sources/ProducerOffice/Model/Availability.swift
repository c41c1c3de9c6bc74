import Foundation

/// When someone (or a room) can be booked: weekly hours, with dated exceptions.
///
/// A time is available when it falls inside one of the weekly windows (every time is, when there
/// are none) and in no busy exception, or when it falls in a free exception. Weekly windows are
/// read in `timeZone`, so "Mondays 10:00–18:00" stays 10:00–18:00 across a daylight-saving change.
public struct Availability: Hashable, Sendable, Codable {
    /// Weekly windows, read in `timeZone`. Empty means "any time" (before exceptions).
    public var weekly: [WeeklyWindow]
    /// Dated exceptions, later ones winning over earlier ones.
    public var exceptions: [Exception]
    /// An IANA time zone such as `Europe/Berlin`.
    public var timeZone: String

    public init(weekly: [WeeklyWindow] = [], exceptions: [Exception] = [], timeZone: String) {
        self.weekly = weekly
        self.exceptions = exceptions
        self.timeZone = timeZone
    }

    /// Every day from `startMinute` to `endMinute` (minutes after midnight), in `timeZone`.
    public static func daily(
        from startMinute: Int, to endMinute: Int, timeZone: String, except weekdays: Set<Weekday> = []
    ) -> Availability {
        Availability(
            weekly: Weekday.allCases.filter { !weekdays.contains($0) }.map {
                WeeklyWindow(weekday: $0, startMinute: startMinute, endMinute: endMinute)
            },
            timeZone: timeZone)
    }

    /// A day of the week, ISO numbered: Monday is 1, Sunday 7.
    public enum Weekday: Int, Hashable, Sendable, Codable, CaseIterable, Comparable {
        case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

        public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }

        /// Parses `mon`, `Monday`, `tue`… (case-insensitive, three letters or more).
        public init?(parsing text: String) {
            let word = text.lowercased()
            guard word.count >= 3,
                let day = Weekday.allCases.first(where: { "\($0)".hasPrefix(word) })
            else { return nil }
            self = day
        }

        /// The weekday of `date` in `calendar`'s time zone.
        public init(of date: Date, in calendar: Calendar) {
            let gregorian = calendar.component(.weekday, from: date)  // 1 = Sunday
            self = Weekday(rawValue: gregorian == 1 ? 7 : gregorian - 1)!
        }

        /// `Monday`, `Tuesday`…
        public var name: String { "\(self)".prefix(1).uppercased() + "\(self)".dropFirst() }
    }

    /// A window on one weekday, in minutes after local midnight (`endMinute` up to 1440).
    public struct WeeklyWindow: Hashable, Sendable, Codable {
        public var weekday: Weekday
        public var startMinute: Int
        public var endMinute: Int
        public init(weekday: Weekday, startMinute: Int, endMinute: Int) {
            self.weekday = weekday
            self.startMinute = startMinute
            self.endMinute = endMinute
        }
    }

    /// A dated exception: busy (a gig, a holiday, a closure) or free (an extra day).
    public struct Exception: Hashable, Sendable, Codable {
        public var start: Date
        public var end: Date
        public var isBusy: Bool
        /// Why, as people say it ("tour in Spain"); imported calendars put the event summary here.
        public var note: String
        /// Where it came from, such as `ics:UID` for an imported calendar event, so re-imports replace.
        public var source: String?

        public init(start: Date, end: Date, isBusy: Bool = true, note: String = "", source: String? = nil) {
            self.start = start
            self.end = end
            self.isBusy = isBusy
            self.note = note
            self.source = source
        }
    }

    /// The calendar that reads the weekly windows.
    public var calendar: Calendar {
        let calendar = Calendar.gregorian(timeZone: timeZone)
        return calendar
    }

    /// The available stretches of time within `interval`, in order, merged.
    public func freeIntervals(in interval: DateInterval) -> [DateInterval] {
        let calendar = self.calendar
        var free: [DateInterval] = []
        if weekly.isEmpty {
            free = [interval]
        } else {
            let zone = calendar.timeZone
            var day = calendar.startOfDay(for: interval.start)
            var weekday = Weekday(of: day, in: calendar)
            while day < interval.end {
                // A day that starts at 00:00 and has no change of UTC offset is 24 h long and its
                // clock times are plain offsets from midnight; only the days of a change (and one
                // that starts at 01:00 because its midnight was skipped) need the calendar, which
                // costs far more and would make years of days slow.
                let plainNext = day.addingTimeInterval(86_400)
                let offset = zone.secondsFromGMT(for: day)
                let local = Int(day.timeIntervalSince1970.rounded(.down)) + offset
                let regular = local % 86_400 == 0 && zone.secondsFromGMT(for: plainNext) == offset
                for window in weekly where window.weekday == weekday && window.endMinute > window.startMinute {
                    let start: Date, end: Date
                    if regular {
                        start = day.addingTimeInterval(Double(min(window.startMinute, 1440) * 60))
                        end = day.addingTimeInterval(Double(min(window.endMinute, 1440) * 60))
                    } else {
                        guard let s = Self.time(window.startMinute, on: day, calendar),
                            let e = Self.time(window.endMinute, on: day, calendar)
                        else { continue }
                        (start, end) = (s, e)
                    }
                    guard end > start else { continue }
                    if let piece = DateInterval(start: start, end: end).intersection(with: interval), piece.duration > 0
                    {
                        free.append(piece)
                    }
                }
                if regular {
                    day = plainNext
                    weekday = Weekday(rawValue: weekday.rawValue % 7 + 1)!
                } else {
                    guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
                    day = next
                    weekday = Weekday(of: day, in: calendar)
                }
            }
        }
        free = Self.merged(free)
        for exception in exceptions where exception.end > exception.start {
            let span = DateInterval(start: exception.start, end: exception.end)
            if exception.isBusy {
                free = free.flatMap { Self.subtract(span, from: $0) }
            } else if let piece = span.intersection(with: interval), piece.duration > 0 {
                free = Self.merged(free + [piece])
            }
        }
        return free
    }

    /// True when the whole of `interval` is available.
    public func isFree(_ interval: DateInterval) -> Bool {
        freeIntervals(in: interval).contains { $0.start <= interval.start && $0.end >= interval.end }
    }

    /// The wall-clock time `minute` minutes after midnight on `day` (1440 is the next midnight),
    /// counted on the clock, so 10:00 stays 10:00 on a daylight-saving day.
    static func time(_ minute: Int, on day: Date, _ calendar: Calendar) -> Date? {
        if minute >= 1440 { return calendar.date(byAdding: .day, value: 1, to: day) }
        return calendar.date(bySettingHour: minute / 60, minute: minute % 60, second: 0, of: day)
    }

    static func merged(_ intervals: [DateInterval]) -> [DateInterval] {
        let sorted = intervals.sorted { $0.start < $1.start }
        var result: [DateInterval] = []
        for piece in sorted {
            if let last = result.last, piece.start <= last.end {
                result[result.count - 1] = DateInterval(start: last.start, end: max(last.end, piece.end))
            } else {
                result.append(piece)
            }
        }
        return result
    }

    static func subtract(_ busy: DateInterval, from piece: DateInterval) -> [DateInterval] {
        guard busy.end > piece.start, busy.start < piece.end else { return [piece] }
        var result: [DateInterval] = []
        if busy.start > piece.start { result.append(DateInterval(start: piece.start, end: busy.start)) }
        if busy.end < piece.end { result.append(DateInterval(start: busy.end, end: piece.end)) }
        return result
    }
}
