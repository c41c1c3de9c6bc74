/// A DATE or DATE-TIME value as written in a calendar file, before it is placed in a zone.
struct CalendarTime: Hashable, Sendable {
    /// Where a written time is read.
    enum Zone: Hashable, Sendable {
        /// Ends in `Z`.
        case utc
        /// No `Z` and no `TZID`: the reader's zone (the person's, or the calendar's).
        case floating
        /// `TZID=…`.
        case named(String)
    }

    var wall: WallTime
    /// True for a DATE (an all-day value).
    var isDate: Bool
    var zone: Zone

    /// Reads `YYYYMMDD` or `YYYYMMDDTHHMMSS[Z]`; `tzid` applies to date-times without `Z`.
    /// Returns nil when the text is not one, or names a day or time that does not exist.
    init?(_ text: String, tzid: String?) {
        let digits = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= digits.count else { return nil }
            var value = 0
            for byte in digits[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard digits.count == 8 || digits.count == 15 || digits.count == 16,
            let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
            (1...12).contains(month), (1...WallTime.daysIn(year: year, month: month)).contains(day)
        else { return nil }
        if digits.count == 8 {
            self.init(wall: WallTime(year: year, month: month, day: day), isDate: true, zone: .floating)
            return
        }
        guard digits[8] == UInt8(ascii: "T"), let hour = number(9..<11), let minute = number(11..<13),
            let second = number(13..<15), hour < 24, minute < 60, second <= 60
        else { return nil }
        let zone: Zone
        if digits.count == 16 {
            guard digits[15] == UInt8(ascii: "Z") || digits[15] == UInt8(ascii: "z") else { return nil }
            zone = .utc
        } else if let tzid, !tzid.isEmpty {
            zone = .named(tzid)
        } else {
            zone = .floating
        }
        self.init(
            wall: WallTime(year: year, month: month, day: day, hour: hour, minute: minute, second: min(second, 59)),
            isDate: false, zone: zone)
    }

    init(wall: WallTime, isDate: Bool, zone: Zone) {
        self.wall = wall
        self.isDate = isDate
        self.zone = zone
    }
}

/// A `DURATION` (RFC 5545 §3.3.6): weeks and days are counted on the wall (a day is a calendar
/// day, even across a daylight-saving change), hours, minutes and seconds exactly.
struct CalendarDuration: Hashable, Sendable {
    var days: Int64
    var seconds: Int64

    /// Reads `P1W`, `P2D`, `PT1H30M`, `-P1DT2H`…; nil when it is not a duration.
    init?(_ text: String) {
        var scalars = Substring(text.uppercased())
        var sign: Int64 = 1
        if scalars.first == "+" || scalars.first == "-" {
            sign = scalars.first == "-" ? -1 : 1
            scalars = scalars.dropFirst()
        }
        guard scalars.first == "P" else { return nil }
        scalars = scalars.dropFirst()
        var days: Int64 = 0
        var seconds: Int64 = 0
        var inTime = false
        var digits = ""
        var sawPart = false
        for character in scalars {
            if character.isASCII, character.isNumber {
                digits.append(character)
                guard digits.count <= 9 else { return nil }
                continue
            }
            if character == "T" {
                guard !inTime, digits.isEmpty else { return nil }
                inTime = true
                continue
            }
            guard let value = Int64(digits) else { return nil }
            digits = ""
            sawPart = true
            switch (character, inTime) {
            case ("W", false): days += 7 * value
            case ("D", false): days += value
            case ("H", true): seconds += 3600 * value
            case ("M", true): seconds += 60 * value
            case ("S", true): seconds += value
            default: return nil
            }
        }
        guard digits.isEmpty, sawPart else { return nil }
        self.days = sign * days
        self.seconds = sign * seconds
    }
}
