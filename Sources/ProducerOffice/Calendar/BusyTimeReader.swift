import Foundation

/// Reads one `VCALENDAR` into busy times: the work of ``ICalendar/importBusyTimes(from:file:timeZone:within:)``.
struct BusyTimeReader {
    let calendar: CalendarComponent
    let file: String
    let horizon: DateInterval
    let defaultZone: ZoneRules
    /// Zones by `TZID`, filled as they are met.
    var zones: [String: ZoneRules] = [:]
    /// The file's `VTIMEZONE` definitions by `TZID` (the first of each name).
    let definedZones: [String: CalendarComponent]
    /// The latest wall time written with each `TZID`, so that a zone the file defines is worked
    /// out as far as its events reach.
    let latestUse: [String: WallTime]
    /// Wall-time bound past which repeating events are not expanded (the horizon's end plus a day
    /// of slack for any zone's offset).
    let limit: WallTime
    /// The repeating events (their `SUMMARY`, or `UID`) that go on after the horizon.
    var cutRepeatingEvents: [String] = []

    init(calendar: CalendarComponent, file: String, timeZone: TimeZone?, horizon: DateInterval) throws(ICalendarError) {
        self.calendar = calendar
        self.file = file
        self.horizon = horizon
        if let timeZone {
            defaultZone = .foundation(timeZone)
        } else if let name = calendar.property("X-WR-TIMEZONE"),
            let zone = TimeZone(identifier: name.value.trimmingCharacters(in: .whitespaces))
        {
            defaultZone = .foundation(zone)
        } else {
            defaultZone = .utc
        }
        limit = WallTime(horizon.end, in: TimeZone(identifier: "UTC")!).adding(days: 1)
        var defined: [String: CalendarComponent] = [:]
        var latest: [String: WallTime] = [:]
        for child in calendar.children {
            if child.name == "VTIMEZONE", let tzid = child.property("TZID")?.value, defined[tzid] == nil {
                defined[tzid] = child
            }
            guard child.name == "VEVENT" else { continue }
            for line in child.properties {
                guard let tzid = line[parameter: "TZID"] else { continue }
                for item in line.value.split(separator: ",") {
                    guard let time = CalendarTime(String(item), tzid: tzid) else { continue }
                    latest[tzid] = max(latest[tzid] ?? time.wall, time.wall)
                }
            }
        }
        definedZones = defined
        latestUse = latest
    }

    mutating func busyTimes() throws(ICalendarError) -> [Availability.Exception] {
        let events = calendar.children.filter { $0.name == "VEVENT" }
        // Occurrences moved or cancelled one by one, by UID: the master leaves them out.
        var replaced: [String: Set<Date>] = [:]
        for event in events {
            guard let uid = event.property("UID")?.value, let line = event.property("RECURRENCE-ID") else { continue }
            replaced[uid, default: []].insert(try moment(of: line).start)
        }
        var busy: [Availability.Exception] = []
        for event in events {
            busy += try busyTimes(of: event, replaced: replaced)
        }
        for freeBusy in calendar.children where freeBusy.name == "VFREEBUSY" {
            busy += try busyTimes(ofFreeBusy: freeBusy)
        }
        return busy
    }

    private func fail(_ line: Int?, _ code: ICalendarError.Code, _ reason: String) -> ICalendarError {
        ICalendarError(file: file, line: line, code: code, reason: reason)
    }

    /// The rules for a `TZID`: a Foundation zone by that name, or the file's `VTIMEZONE`.
    private mutating func zone(named tzid: String, line: Int) throws(ICalendarError) -> ZoneRules {
        if let known = zones[tzid] { return known }
        var rules: ZoneRules?
        if let zone = TimeZone(identifier: tzid) {
            rules = .foundation(zone)
        } else if let definition = definedZones[tzid] {
            rules = try ZoneRules.defined(
                by: definition, until: max(limit, latestUse[tzid]?.adding(days: 2) ?? limit), file: file)
        } else if let zone = bestEffortZone(tzid) {
            rules = .foundation(zone)
        }
        guard let rules else {
            throw fail(
                line, .unknownTimeZone,
                "TZID \"\(tzid)\" is not a time zone this reader knows, and the file does not define it in a VTIMEZONE")
        }
        zones[tzid] = rules
        return rules
    }

    /// `/mozilla.org/20050126_1/Europe/Berlin` and similar prefixed names: the last two parts.
    private func bestEffortZone(_ tzid: String) -> TimeZone? {
        let parts = tzid.split(separator: "/")
        guard parts.count >= 2 else { return nil }
        return TimeZone(identifier: parts.suffix(2).joined(separator: "/"))
    }

    private mutating func rules(for zone: CalendarTime.Zone, line: Int) throws(ICalendarError) -> ZoneRules {
        switch zone {
        case .utc: return .utc
        case .floating: return defaultZone
        case .named(let tzid): return try self.zone(named: tzid, line: line)
        }
    }

    /// A DATE or DATE-TIME property's value as written, and the rules that place it.
    private mutating func time(of line: ContentLine) throws(ICalendarError) -> (CalendarTime, ZoneRules) {
        let text = line.value.trimmingCharacters(in: .whitespaces)
        guard let value = CalendarTime(text, tzid: line[parameter: "TZID"]) else {
            throw fail(
                line.line, .badDate,
                "\(line.name) \"\(text)\" is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS, with Z for UTC)")
        }
        if line[parameter: "VALUE"]?.uppercased() == "DATE", !value.isDate {
            throw fail(line.line, .badDate, "\(line.name) says VALUE=DATE but \"\(text)\" is a date-time")
        }
        return (value, value.isDate ? defaultZone : try rules(for: value.zone, line: line.line))
    }

    private mutating func moment(of line: ContentLine) throws(ICalendarError) -> (start: Date, value: CalendarTime) {
        let (value, rules) = try time(of: line)
        return (rules.moment(value.wall), value)
    }

    private mutating func busyTimes(
        of event: CalendarComponent, replaced: [String: Set<Date>]
    ) throws(ICalendarError) -> [Availability.Exception] {
        if event.property("STATUS")?.value.uppercased().trimmingCharacters(in: .whitespaces) == "CANCELLED" {
            return []
        }
        if event.property("TRANSP")?.value.uppercased().trimmingCharacters(in: .whitespaces) == "TRANSPARENT" {
            return []
        }
        let uidValue = event.property("UID").map { ICalendar.unescaped($0.value) } ?? ""
        let uid = uidValue.isEmpty ? "line-\(event.line)" : uidValue
        let summary = event.property("SUMMARY").map { ICalendar.unescaped($0.value) } ?? ""
        guard let startLine = event.property("DTSTART") else {
            throw fail(event.line, .badDate, "the VEVENT starting here has no DTSTART")
        }
        let (start, zone) = try time(of: startLine)

        // How long each occurrence lasts: on the wall (days) and exactly (seconds).
        var lengthDays: Int64 = 0
        var lengthSeconds: Int64 = 0
        if let endLine = event.property("DTEND") {
            let (end, endZone) = try time(of: endLine)
            if end.isDate == start.isDate && end.zone == start.zone {
                let wallLength = end.wall.seconds - start.wall.seconds
                lengthDays = wallLength / WallTime.secondsPerDay
                lengthSeconds = wallLength % WallTime.secondsPerDay
            } else {
                lengthSeconds = Int64(endZone.moment(end.wall).timeIntervalSince(zone.moment(start.wall)))
            }
            if lengthDays < 0 || lengthSeconds < 0 {
                throw fail(endLine.line, .badDate, "DTEND \(endLine.value) is before DTSTART \(startLine.value)")
            }
        } else if let durationLine = event.property("DURATION") {
            guard let duration = CalendarDuration(durationLine.value.trimmingCharacters(in: .whitespaces)) else {
                throw fail(
                    durationLine.line, .badDuration,
                    "DURATION \"\(durationLine.value)\" is not a duration such as PT1H30M or P1D")
            }
            guard duration.days >= 0, duration.seconds >= 0 else {
                throw fail(durationLine.line, .badDuration, "DURATION \(durationLine.value) is negative")
            }
            lengthDays = duration.days
            lengthSeconds = duration.seconds
        } else if start.isDate {
            lengthDays = 1
        }
        guard lengthDays > 0 || lengthSeconds > 0 else { return [] }

        // When it happens: DTSTART, and for a repeating event every occurrence up to the horizon's
        // end (the first `repeated` of `starts`); then the RDATEs.
        var starts: [WallTime] = [start.wall]
        var repeated = 0
        var goesOn = false
        let lower = WallTime(horizon.start, in: TimeZone(identifier: "UTC")!).adding(days: -(lengthDays + 2)).adding(
            seconds: -lengthSeconds)
        if let ruleLine = event.property("RRULE") {
            let rule = try RecurrenceRule(ruleLine.value, line: ruleLine.line, file: file)
            var untilCheck: (WallTime) -> Bool = { _ in true }
            if let until = rule.until {
                if until.isDate {
                    untilCheck = { $0.day <= until.wall.day }
                } else if until.zone == .utc && start.zone != .floating && !start.isDate {
                    let untilMoment = until.wall.utcDate
                    untilCheck = { zone.moment($0) <= untilMoment }
                } else {
                    untilCheck = { $0 <= until.wall }
                }
            }
            let expansion = rule.occurrences(of: start.wall, from: lower, through: limit, isWithinUntil: untilCheck)
            starts = expansion.starts
            repeated = starts.count
            goesOn = expansion.goesOn
        }
        for line in event.properties("RDATE") where line[parameter: "VALUE"]?.uppercased() != "PERIOD" {
            for item in line.value.split(separator: ",") {
                guard let value = CalendarTime(String(item), tzid: line[parameter: "TZID"]) else {
                    throw fail(line.line, .badDate, "RDATE \"\(item)\" is not a date or date-time")
                }
                let itemZone = value.isDate ? defaultZone : try rules(for: value.zone, line: line.line)
                let sameZone = value.isDate || value.zone == start.zone
                starts.append(sameZone ? value.wall : wall(of: itemZone.moment(value.wall), in: zone, near: value.wall))
            }
        }
        var excluded: Set<Date> = replaced[uidValue] ?? []
        var excludedDays: Set<Int64> = []
        for line in event.properties("EXDATE") {
            for item in line.value.split(separator: ",") {
                guard let value = CalendarTime(String(item), tzid: line[parameter: "TZID"]) else {
                    throw fail(line.line, .badDate, "EXDATE \"\(item)\" is not a date or date-time")
                }
                if value.isDate {
                    excludedDays.insert(value.wall.day)
                } else {
                    excluded.insert(try rules(for: value.zone, line: line.line).moment(value.wall))
                }
            }
        }
        let isOverride = event.property("RECURRENCE-ID") != nil
        var busy: [Availability.Exception] = []
        var seen: Set<Date> = []
        for (index, wall) in starts.enumerated() {
            let begin = zone.moment(wall)
            if !isOverride, excluded.contains(begin) || excludedDays.contains(wall.day) { continue }
            guard seen.insert(begin).inserted else { continue }
            let end = zone.moment(wall.adding(days: lengthDays)).addingTimeInterval(TimeInterval(lengthSeconds))
            // What is over before the horizon starts cannot matter; a single event or an RDATE
            // counts however far ahead it lies, a repeat only up to the horizon's end.
            guard end > horizon.start else { continue }
            if index < repeated, begin >= horizon.end {
                goesOn = true
                continue
            }
            busy.append(
                Availability.Exception(
                    start: begin, end: end, isBusy: true, note: summary, source: ICalendar.sourcePrefix + uid))
        }
        if goesOn { cutRepeatingEvents.append(summary.isEmpty ? uid : summary) }
        return busy
    }

    /// The wall time in `zone` of `moment` (for an `RDATE` written in another zone).
    private func wall(of moment: Date, in zone: ZoneRules, near guess: WallTime) -> WallTime {
        let utc = WallTime(moment, in: TimeZone(identifier: "UTC")!)
        return utc.adding(seconds: Int64(zone.offsetSeconds(at: guess)))
    }

    private mutating func busyTimes(
        ofFreeBusy component: CalendarComponent
    ) throws(ICalendarError) -> [Availability.Exception] {
        let uidValue = component.property("UID").map { ICalendar.unescaped($0.value) } ?? ""
        let uid = uidValue.isEmpty ? "freebusy-line-\(component.line)" : uidValue
        let note = component.property("SUMMARY").map { ICalendar.unescaped($0.value) } ?? "busy"
        var busy: [Availability.Exception] = []
        for line in component.properties("FREEBUSY") {
            let kind = (line[parameter: "FBTYPE"] ?? "BUSY").uppercased()
            guard kind != "FREE" else { continue }
            for period in line.value.split(separator: ",") {
                let parts = period.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2,
                    let startValue = CalendarTime(String(parts[0]).trimmingCharacters(in: .whitespaces), tzid: nil),
                    !startValue.isDate
                else {
                    throw fail(line.line, .badDate, "FREEBUSY period \"\(period)\" is not START/END or START/DURATION")
                }
                let rules = try rules(for: startValue.zone, line: line.line)
                let start = rules.moment(startValue.wall)
                let endText = String(parts[1]).trimmingCharacters(in: .whitespaces)
                let end: Date
                if let endValue = CalendarTime(endText, tzid: nil), !endValue.isDate {
                    end = try self.rules(for: endValue.zone, line: line.line).moment(endValue.wall)
                } else if let duration = CalendarDuration(endText), duration.days >= 0, duration.seconds >= 0 {
                    end = rules.moment(startValue.wall.adding(days: duration.days)).addingTimeInterval(
                        TimeInterval(duration.seconds))
                } else {
                    throw fail(line.line, .badDate, "FREEBUSY period \"\(period)\" has a bad end \"\(endText)\"")
                }
                guard end >= start else {
                    throw fail(line.line, .badDate, "FREEBUSY period \"\(period)\" ends before it starts")
                }
                guard end > start, end > horizon.start else { continue }
                busy.append(
                    Availability.Exception(
                        start: start, end: end, isBusy: true, note: note, source: ICalendar.sourcePrefix + uid))
            }
        }
        return busy
    }
}
