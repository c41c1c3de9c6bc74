import Foundation

extension ICalendar {
    /// The busy times in a calendar file, such as a person's calendar exported from Google
    /// Calendar, Apple Calendar or Outlook, as availability exceptions.
    ///
    /// Reads every `VEVENT` and every `VFREEBUSY` in the file:
    /// - times in UTC (`…Z`), with `TZID=Area/City` (or a zone the file defines in a
    ///   `VTIMEZONE`), or floating (read in `timeZone`);
    /// - all-day events (`VALUE=DATE`), from midnight to midnight in `timeZone`;
    /// - `DTEND`, or `DURATION`, or neither (an all-day event then lasts a day; a timed one is
    ///   an instant and is left out);
    /// - repeating events (`RRULE` with `FREQ=DAILY`, `WEEKLY`, `MONTHLY` or `YEARLY`, `COUNT`,
    ///   `UNTIL`, `BYDAY`…), with `RDATE`, `EXDATE` and moved or cancelled single occurrences
    ///   (`RECURRENCE-ID`);
    /// - `FREEBUSY` periods of type `BUSY`, `BUSY-TENTATIVE` and `BUSY-UNAVAILABLE`.
    ///
    /// Events marked free (`TRANSP:TRANSPARENT`) or cancelled (`STATUS:CANCELLED`) are not busy
    /// and are left out. Each exception's `source` is `ics:<UID>` and its `note` the event's
    /// `SUMMARY`.
    ///
    /// What counts:
    /// - Busy times that are over before `horizon` starts are left out: they cannot matter to a
    ///   schedule.
    /// - Single events, `RDATE`s, moved occurrences and free/busy periods count however far
    ///   ahead they lie: a tour booked two years ahead is imported.
    /// - Repeating events are expanded up to the end of `horizon`, since many never end; the
    ///   result's ``CalendarImport/repeatingEventsCut`` and ``CalendarImport/warning`` name
    ///   those that go on after it.
    ///
    /// - Parameters:
    ///   - text: The file's text; lines may end in CRLF or LF. At most
    ///     ``maximumTextBytes`` long.
    ///   - file: The file's name or path, for error messages.
    ///   - timeZone: Where floating times and all-day events are read; nil reads them in the
    ///     calendar's `X-WR-TIMEZONE`, or else in UTC.
    ///   - horizon: Busy times ending before its start are left out; repeating events are
    ///     expanded until its end, e.g. from 30 days ago to a year ahead.
    /// - Returns: The busy exceptions in order of start time, and the repeating events cut.
    /// - Throws: ``ICalendarError`` naming the file, the line and the problem when the text is
    ///   not a calendar, too large, nested too deep, a line is malformed, a component is not
    ///   ended, or a date, duration, time zone or repeat rule cannot be read.
    public static func importBusyTimes(
        from text: String, file: String, timeZone: TimeZone? = nil, within horizon: DateInterval
    ) throws(ICalendarError) -> CalendarImport {
        let calendars = try CalendarComponent.calendars(in: text, file: file)
        var busy: [Availability.Exception] = []
        var cut: [String] = []
        for calendar in calendars {
            var reader = try BusyTimeReader(calendar: calendar, file: file, timeZone: timeZone, horizon: horizon)
            busy += try reader.busyTimes()
            cut += reader.cutRepeatingEvents
        }
        busy.sort { ($0.start, $0.end, $0.source ?? "") < ($1.start, $1.end, $1.source ?? "") }
        return CalendarImport(
            busyTimes: busy, repeatsUntil: horizon.end, repeatingEventsCut: cut, file: file, timeZone: timeZone)
    }

    /// The busy times of ``importBusyTimes(from:file:timeZone:within:)``, without word of the
    /// repeating events cut at the horizon's end.
    ///
    /// - Throws: ``ICalendarError`` as ``importBusyTimes(from:file:timeZone:within:)`` does.
    public static func busyTimes(
        from text: String, file: String, timeZone: TimeZone? = nil, within horizon: DateInterval
    ) throws(ICalendarError) -> [Availability.Exception] {
        try importBusyTimes(from: text, file: file, timeZone: timeZone, within: horizon).busyTimes
    }
}
