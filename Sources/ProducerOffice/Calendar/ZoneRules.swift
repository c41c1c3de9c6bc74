import Foundation

/// How wall time becomes a moment in one time zone: a Foundation `TimeZone` for IANA names such
/// as `Europe/Berlin`, or the offsets a calendar file defines in its own `VTIMEZONE` (as Outlook
/// does for names like `W. Europe Standard Time`).
enum ZoneRules: Sendable {
    case foundation(TimeZone)
    /// Onsets of each offset, in order, with the offset before the first.
    case defined(onsets: [(wall: WallTime, offsetSeconds: Int)], initialOffsetSeconds: Int)

    static let utc = ZoneRules.foundation(TimeZone(identifier: "UTC")!)

    /// The moment `wall` shows in this zone. A wall time skipped by a change to summer time
    /// is read with the offset before the change (it lands an hour later).
    func moment(_ wall: WallTime) -> Date {
        Date(timeIntervalSince1970: TimeInterval(wall.seconds - Int64(offsetSeconds(at: wall))))
    }

    /// The offset from UTC, in seconds, at wall time `wall`.
    func offsetSeconds(at wall: WallTime) -> Int {
        switch self {
        case .foundation(let zone):
            // The offset at the moment the wall time would be with the offset of its UTC reading.
            let guess = wall.utcDate
            return zone.secondsFromGMT(for: guess.addingTimeInterval(TimeInterval(-zone.secondsFromGMT(for: guess))))
        case .defined(let onsets, let initial):
            var low = 0
            var high = onsets.count
            while low < high {
                let middle = (low + high) / 2
                if onsets[middle].wall <= wall { low = middle + 1 } else { high = middle }
            }
            return low == 0 ? initial : onsets[low - 1].offsetSeconds
        }
    }

    /// Rules from a `VTIMEZONE` component: each `STANDARD` and `DAYLIGHT` observance starts at its
    /// `DTSTART` and, when it has an `RRULE` or `RDATE`s, again at each of them, up to `limit`.
    /// Returns nil when the component defines no offset.
    static func defined(
        by component: CalendarComponent, until limit: WallTime, file: String
    ) throws(ICalendarError) -> ZoneRules? {
        var onsets: [(wall: WallTime, offsetSeconds: Int)] = []
        var initial: (wall: WallTime, offset: Int)?
        for observance in component.children where observance.name == "STANDARD" || observance.name == "DAYLIGHT" {
            guard let startLine = observance.property("DTSTART"), let toLine = observance.property("TZOFFSETTO") else {
                continue
            }
            guard let start = CalendarTime(startLine.value, tzid: nil) else {
                throw ICalendarError(
                    file: file, line: startLine.line, code: .badDate,
                    reason: "DTSTART \"\(startLine.value)\" is not a date-time")
            }
            guard let to = offset(toLine.value) else {
                throw ICalendarError(
                    file: file, line: toLine.line, code: .badDate,
                    reason: "TZOFFSETTO \"\(toLine.value)\" is not an offset such as +0100")
            }
            let from = observance.property("TZOFFSETFROM").flatMap { offset($0.value) } ?? to
            var walls = [start.wall]
            if let ruleLine = observance.property("RRULE") {
                let rule = try RecurrenceRule(ruleLine.value, line: ruleLine.line, file: file)
                // UNTIL in a VTIMEZONE is in UTC; an onset's wall time is read in TZOFFSETFROM.
                let until = rule.until?.wall
                walls =
                    rule.occurrences(of: start.wall, from: start.wall, through: limit) { wall in
                        until.map { wall.adding(seconds: Int64(-from)) <= $0 } ?? true
                    }.starts
            }
            for rdate in observance.properties("RDATE") {
                walls += rdate.value.split(separator: ",").compactMap { CalendarTime(String($0), tzid: nil)?.wall }
            }
            onsets += walls.map { ($0, to) }
            if initial == nil || start.wall < initial!.wall { initial = (start.wall, from) }
        }
        guard let initial else { return nil }
        return .defined(onsets: onsets.sorted { $0.wall < $1.wall }, initialOffsetSeconds: initial.offset)
    }

    /// Seconds of `+0100`, `-0500`, `+053000`.
    static func offset(_ text: String) -> Int? {
        let scalars = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        guard scalars.count == 5 || scalars.count == 7,
            scalars[0] == UInt8(ascii: "+") || scalars[0] == UInt8(ascii: "-"),
            scalars.dropFirst().allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return nil }
        let digits = scalars.dropFirst().map { Int($0 - UInt8(ascii: "0")) }
        let hours = digits[0] * 10 + digits[1]
        let minutes = digits[2] * 10 + digits[3]
        let seconds = digits.count == 6 ? digits[4] * 10 + digits[5] : 0
        guard hours < 24, minutes < 60, seconds < 60 else { return nil }
        return (scalars[0] == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60 + seconds)
    }
}
