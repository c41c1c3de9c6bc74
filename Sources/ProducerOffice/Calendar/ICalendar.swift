import Foundation

/// iCalendar (RFC 5545) for the office: bookings go out as calendar files that Google Calendar,
/// Apple Calendar and Outlook subscribe to, and people's own calendars come in as busy times.
///
/// - ``export(bookings:in:for:now:)`` writes one `VCALENDAR` with a `VEVENT` per booking: holds
///   are `STATUS:TENTATIVE`, confirmed bookings `CONFIRMED`, cancelled ones `CANCELLED`.
/// - ``importBusyTimes(from:file:timeZone:within:)`` reads a person's calendar (events, all-day
///   events, daily, weekly, monthly and yearly repeats, free/busy periods) into
///   ``Availability/Exception`` values whose `source` is `ics:<UID>`, and says which repeating
///   events go on past the horizon they were expanded in.
/// - ``Availability/replacingImportedBusyTimes(with:)`` puts them into a person's availability so
///   that importing the same calendar again changes nothing.
///
/// Times are written in UTC (`…Z`), which every client reads the same way.
public enum ICalendar {
    /// Which bookings an export holds.
    public enum Filter: Hashable, Sendable {
        /// Every booking.
        case all
        /// The bookings that include the person with this id: their own calendar of sessions.
        case person(String)
        /// The bookings in the rooms of the studio with this id: the studio's calendar.
        case studio(String)
    }

    /// The `PRODID` every export carries.
    public static let productIdentifier = "-//Producer//Producer Office//EN"

    /// The prefix of ``Availability/Exception/source`` for everything imported from a calendar.
    public static let sourcePrefix = "ics:"

    /// The largest calendar read, in bytes of UTF-8 (32 MB): far above a calendar of many years
    /// of busy days, far below memory trouble. Longer text is an ``ICalendarError/Code/tooLarge``
    /// error.
    public static let maximumTextBytes = 32 << 20

    /// How deep components may nest (`BEGIN:` inside `BEGIN:`): real calendars nest 3 deep (a
    /// `VALARM` in a `VEVENT` in a `VCALENDAR`). Deeper is an ``ICalendarError/Code/tooDeep``
    /// error.
    public static let maximumNesting = 16

    /// `33,554,432 bytes`, for messages about sizes.
    static func byteCount(_ bytes: Int) -> String {
        var digits = Array(String(bytes))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return String(digits) + " bytes"
    }
}

extension ICalendar.Filter {
    /// True when `booking` belongs in an export with this filter.
    public func includes(_ booking: Booking, in snapshot: ProjectSnapshot) -> Bool {
        switch self {
        case .all:
            return true
        case .person(let personID):
            return booking.people.contains(personID)
        case .studio(let studioID):
            return snapshot.room(id: booking.roomID)?.studio.id == studioID
        }
    }
}
