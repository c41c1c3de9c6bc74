import Foundation

/// iCalendar (RFC 5545) for the office: bookings go out as calendar files that Google Calendar,
/// Apple Calendar and Outlook subscribe to, and people's own calendars come in as busy times.
///
/// - ``export(bookings:in:for:now:)`` writes one `VCALENDAR` with a `VEVENT` per booking: holds
///   are `STATUS:TENTATIVE`, confirmed bookings `CONFIRMED`, cancelled ones `CANCELLED`.
/// - ``busyTimes(from:file:timeZone:within:)`` reads a person's calendar (events, all-day events,
///   daily, weekly, monthly and yearly repeats, free/busy periods) into
///   ``Availability/Exception`` values whose `source` is `ics:<UID>`.
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
