/// An `RRULE` (RFC 5545 §3.3.10): how an event repeats.
///
/// Supports `FREQ=DAILY`, `WEEKLY`, `MONTHLY` and `YEARLY` with `INTERVAL`, `COUNT`, `UNTIL`,
/// `BYDAY` (with ordinals such as `2TU` or `-1SU` in monthly and yearly rules), `BYMONTH`,
/// `BYMONTHDAY`, `BYSETPOS` and `WKST`: what calendar apps write for repeating events and what
/// `VTIMEZONE` definitions use. Occurrences are computed on wall time.
struct RecurrenceRule: Hashable, Sendable {
    enum Frequency: String, Hashable, Sendable {
        case daily = "DAILY", weekly = "WEEKLY", monthly = "MONTHLY", yearly = "YEARLY"
    }

    /// A `BYDAY` entry: an ISO weekday (Monday 1 … Sunday 7), with an ordinal (`2` in `2TU`,
    /// `-1` in `-1SU`) or 0 for every such weekday.
    struct WeekdayEntry: Hashable, Sendable {
        var ordinal: Int
        var weekday: Int
    }

    var frequency: Frequency
    var interval = 1
    var count: Int?
    var until: CalendarTime?
    var byDay: [WeekdayEntry] = []
    var byMonth: [Int] = []
    var byMonthDay: [Int] = []
    var bySetPosition: [Int] = []
    /// ISO weekday the week starts on (Monday unless `WKST` says otherwise).
    var weekStart = 1

    static let weekdayCodes = ["MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6, "SU": 7]

    /// Reads `FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20250630T000000Z`.
    ///
    /// - Throws: ``ICalendarError`` (in `file` at `line`) for a part it cannot read or does not
    ///   support, such as `FREQ=HOURLY` or `BYWEEKNO`.
    init(_ text: String, line: Int, file: String) throws(ICalendarError) {
        func fail(_ reason: String) -> ICalendarError {
            ICalendarError(file: file, line: line, code: .badRecurrence, reason: "RRULE \(reason)")
        }
        var frequency: Frequency?
        for part in text.split(separator: ";", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2 else { throw fail("part \"\(part)\" is not NAME=VALUE") }
            let name = pieces[0].uppercased()
            let value = pieces[1].uppercased()
            func integers(_ range: ClosedRange<Int>, allowNegative: Bool) throws(ICalendarError) -> [Int] {
                var result: [Int] = []
                for item in value.split(separator: ",") {
                    guard let number = Int(item), range.contains(abs(number)), allowNegative || number > 0 else {
                        throw fail("\(name) value \"\(item)\" is out of range")
                    }
                    result.append(number)
                }
                return result
            }
            switch name {
            case "FREQ":
                guard let known = Frequency(rawValue: value) else {
                    throw fail("FREQ=\(value) is not supported (only DAILY, WEEKLY, MONTHLY and YEARLY)")
                }
                frequency = known
            case "INTERVAL":
                guard let number = Int(value), (1...10_000).contains(number) else {
                    throw fail("INTERVAL=\(value) is not a positive number")
                }
                interval = number
            case "COUNT":
                guard let number = Int(value), (1...1_000_000).contains(number) else {
                    throw fail("COUNT=\(value) is not a positive number")
                }
                count = number
            case "UNTIL":
                guard let time = CalendarTime(value, tzid: nil) else {
                    throw fail("UNTIL=\(value) is not a date or date-time")
                }
                until = time
            case "BYDAY":
                for item in value.split(separator: ",") {
                    let code = String(item.suffix(2))
                    let ordinalText = item.dropLast(2)
                    guard let weekday = Self.weekdayCodes[code] else {
                        throw fail("BYDAY value \"\(item)\" names no weekday")
                    }
                    var ordinal = 0
                    if !ordinalText.isEmpty {
                        guard let number = Int(ordinalText.hasPrefix("+") ? ordinalText.dropFirst() : ordinalText),
                            number != 0, abs(number) <= 53
                        else { throw fail("BYDAY value \"\(item)\" has a bad ordinal") }
                        ordinal = number
                    }
                    byDay.append(WeekdayEntry(ordinal: ordinal, weekday: weekday))
                }
            case "BYMONTH": byMonth = try integers(1...12, allowNegative: false)
            case "BYMONTHDAY": byMonthDay = try integers(1...31, allowNegative: true)
            case "BYSETPOS": bySetPosition = try integers(1...366, allowNegative: true)
            case "WKST":
                guard let weekday = Self.weekdayCodes[value] else { throw fail("WKST=\(value) names no weekday") }
                weekStart = weekday
            case "BYSECOND", "BYMINUTE", "BYHOUR", "BYYEARDAY", "BYWEEKNO":
                throw fail("part \(name) is not supported")
            default:
                if name.hasPrefix("X-") { continue }
                throw fail("part \"\(name)\" is unknown")
            }
        }
        guard let frequency else { throw fail("has no FREQ") }
        self.frequency = frequency
    }

    /// At most this many periods (days, weeks, months or years) are visited for one rule.
    static let maximumPeriods = 200_000

    /// The occurrences of a rule up to a limit: ``occurrences(of:from:through:isWithinUntil:)``.
    struct Expansion: Hashable, Sendable {
        /// The start times, in order.
        var starts: [WallTime]
        /// True when the rule goes on after the limit (neither `COUNT` nor `UNTIL` ends it
        /// before), so that occurrences after the limit are not in `starts`.
        var goesOn: Bool
    }

    /// The start times of the occurrences of an event first starting at `start`, in order: `start`
    /// itself (which always counts as the first), then every one the rule makes, until `COUNT`
    /// runs out, `isWithinUntil` returns false, or they pass `limit`. Occurrences before `lower`
    /// are counted but not returned.
    ///
    /// - Complexity: O(*p*) in the number of periods (days, weeks, months or years) from `lower`
    ///   (or, for a rule with `COUNT` and `BY…` parts, from `start`) to `limit`, at most
    ///   ``maximumPeriods``.
    func occurrences(
        of start: WallTime, from lower: WallTime, through limit: WallTime, isWithinUntil: (WallTime) -> Bool
    ) -> Expansion {
        var result: [WallTime] = []
        guard isWithinUntil(start) else { return Expansion(starts: result, goesOn: false) }
        if start >= lower && start <= limit { result.append(start) }
        var produced = 1
        if let count, produced >= count { return Expansion(starts: result, goesOn: false) }

        let timeOfDay = start.secondOfDay
        let startDay = start.day
        let (startYear, startMonth, startDate) = start.date
        // Periods wholly before `lower` need not be visited: without COUNT at all, and with COUNT
        // when every period makes exactly one occurrence (no BY… parts, a day every month has).
        var period: Int64 = 0
        let onePerPeriod =
            byDay.isEmpty && byMonth.isEmpty && byMonthDay.isEmpty && bySetPosition.isEmpty
            && (frequency == .daily || frequency == .weekly || (frequency == .monthly && startDate <= 28)
                || (frequency == .yearly && !(startMonth == 2 && startDate == 29)))
        if count == nil || onePerPeriod, lower > start {
            let gapDays = lower.day - startDay
            switch frequency {
            case .daily: period = gapDays / Int64(interval) - 1
            case .weekly: period = gapDays / Int64(7 * interval) - 1
            case .monthly: period = gapDays / Int64(31 * interval) - 1
            case .yearly: period = gapDays / Int64(366 * interval) - 1
            }
            period = max(0, period)
            if let count, period > 1 {
                // Periods 1 ..< period each made one occurrence, all before `lower`.
                produced += Int(min(period - 1, Int64(count)))
                if produced >= count { return Expansion(starts: result, goesOn: false) }
            }
        }
        let weekOffset = Int64((start.weekday - weekStart + 7) % 7)
        var visited = 0
        while visited < Self.maximumPeriods {
            visited += 1
            var days: [Int64]
            let periodStart: Int64
            switch frequency {
            case .daily:
                periodStart = startDay + period * Int64(interval)
                days = [periodStart].filter { day in
                    let date = WallTime.civil(day)
                    return (byDay.isEmpty || byDay.contains { $0.weekday == WallTime.weekday(ofDay: day) })
                        && monthMatches(date.month) && monthDayMatches(date)
                }
            case .weekly:
                periodStart = startDay - weekOffset + period * Int64(7 * interval)
                let weekdays = byDay.isEmpty ? [start.weekday] : byDay.map(\.weekday)
                days = (0..<7).map { periodStart + $0 }.filter { day in
                    weekdays.contains(WallTime.weekday(ofDay: day)) && monthMatches(WallTime.civil(day).month)
                }
            case .monthly:
                let monthIndex = (startYear * 12 + startMonth - 1) + Int(period) * interval
                let year = monthIndex / 12
                let month = monthIndex % 12 + 1
                periodStart = WallTime.dayNumber(year: year, month: month, day: 1)
                days = monthMatches(month) ? daysInMonth(year: year, month: month, defaultDay: startDate) : []
            case .yearly:
                let year = startYear + Int(period) * interval
                periodStart = WallTime.dayNumber(year: year, month: 1, day: 1)
                if !byMonth.isEmpty || byDay.isEmpty || !byMonthDay.isEmpty {
                    let months = byMonth.isEmpty ? [startMonth] : byMonth.sorted()
                    days = months.flatMap { daysInMonth(year: year, month: $0, defaultDay: startDate) }
                } else {
                    // BYDAY alone: ordinals count within the year.
                    let first = periodStart
                    let last = WallTime.dayNumber(year: year + 1, month: 1, day: 1) - 1
                    days = matchingWeekdays(from: first, through: last)
                }
            }
            if WallTime(day: periodStart) > limit {
                // Past the limit: the rule goes on unless UNTIL has ended it.
                return Expansion(starts: result, goesOn: isWithinUntil(WallTime(day: periodStart)))
            }
            days.sort()
            if !bySetPosition.isEmpty {
                let picked = bySetPosition.compactMap { position -> Int64? in
                    let index = position > 0 ? position - 1 : days.count + position
                    return days.indices.contains(index) ? days[index] : nil
                }
                days = Array(Set(picked)).sorted()
            }
            for day in days {
                let occurrence = WallTime(day: day, secondOfDay: timeOfDay)
                guard occurrence > start else { continue }
                guard isWithinUntil(occurrence) else { return Expansion(starts: result, goesOn: false) }
                guard occurrence <= limit else { return Expansion(starts: result, goesOn: true) }
                if occurrence >= lower { result.append(occurrence) }
                produced += 1
                if let count, produced >= count { return Expansion(starts: result, goesOn: false) }
            }
            period += 1
        }
        // Stopped after visiting the most periods it may: what would come later is not there.
        return Expansion(starts: result, goesOn: true)
    }

    private func monthMatches(_ month: Int) -> Bool {
        byMonth.isEmpty || byMonth.contains(month)
    }

    private func monthDayMatches(_ date: (year: Int, month: Int, day: Int)) -> Bool {
        guard !byMonthDay.isEmpty else { return true }
        let length = WallTime.daysIn(year: date.year, month: date.month)
        return byMonthDay.contains { $0 > 0 ? $0 == date.day : length + 1 + $0 == date.day }
    }

    /// The days of one month a monthly (or yearly, per month) rule picks.
    private func daysInMonth(year: Int, month: Int, defaultDay: Int) -> [Int64] {
        let first = WallTime.dayNumber(year: year, month: month, day: 1)
        let length = WallTime.daysIn(year: year, month: month)
        if !byDay.isEmpty {
            let picked = matchingWeekdays(from: first, through: first + Int64(length) - 1)
            return picked.filter { monthDayMatches(WallTime.civil($0)) }
        }
        if !byMonthDay.isEmpty {
            return (0..<Int64(length)).map { first + $0 }.filter { monthDayMatches(WallTime.civil($0)) }
        }
        return defaultDay <= length ? [first + Int64(defaultDay - 1)] : []
    }

    /// Days from `first` through `last` matching `byDay`, ordinals counted within that span.
    private func matchingWeekdays(from first: Int64, through last: Int64) -> [Int64] {
        var picked: Set<Int64> = []
        for entry in byDay {
            let offset = Int64((entry.weekday - WallTime.weekday(ofDay: first) + 7) % 7)
            let all = Array(stride(from: first + offset, through: last, by: 7))
            if entry.ordinal == 0 {
                picked.formUnion(all)
            } else {
                let index = entry.ordinal > 0 ? entry.ordinal - 1 : all.count + entry.ordinal
                if all.indices.contains(index) { picked.insert(all[index]) }
            }
        }
        return picked.sorted()
    }
}
