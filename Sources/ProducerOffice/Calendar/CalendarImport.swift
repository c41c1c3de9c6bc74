import Foundation

/// What reading a person's calendar file gave: the busy times, and the repeating events that go
/// on past the horizon (see ``ICalendar/importBusyTimes(from:file:timeZone:within:)``).
public struct CalendarImport: Sendable, Hashable {
    /// Busy exceptions in order of start time; each `source` is `ics:<UID>`.
    public var busyTimes: [Availability.Exception]
    /// How far repeating events were expanded: the end of the horizon they were read in.
    public var repeatsUntil: Date
    /// The repeating events (by `SUMMARY`, or `UID` when there is none) that go on after
    /// ``repeatsUntil``: their occurrences after it are not in ``busyTimes``.
    public var repeatingEventsCut: [String]
    /// A sentence for the person importing when ``repeatingEventsCut`` is not empty, such as
    /// `anna.ics: 2 repeating events go on after 2027-08-20 (Choir, Piano lesson); their
    /// occurrences after that day are not imported: import the calendar again before then`.
    public var warning: String?

    /// An import of `busyTimes`, with repeats expanded until `repeatsUntil` and the events in
    /// `repeatingEventsCut` going on after it; `file` and `timeZone` (for the day) word the warning.
    public init(
        busyTimes: [Availability.Exception], repeatsUntil: Date, repeatingEventsCut: [String], file: String,
        timeZone: TimeZone?
    ) {
        self.busyTimes = busyTimes
        self.repeatsUntil = repeatsUntil
        self.repeatingEventsCut = repeatingEventsCut
        guard !repeatingEventsCut.isEmpty else {
            warning = nil
            return
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone ?? TimeZone(identifier: "UTC")!
        let day = calendar.dateComponents([.year, .month, .day], from: repeatsUntil)
        let dayText = String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
        var names = Array(Set(repeatingEventsCut)).sorted()
        let more = names.count > 3 ? names.count - 3 : 0
        names = Array(names.prefix(3))
        let count = repeatingEventsCut.count
        let list = names.joined(separator: ", ") + (more > 0 ? " and \(more) more" : "")
        warning =
            "\(file): \(count) repeating event\(count == 1 ? " goes" : "s go") on after \(dayText) (\(list)); "
            + "\(count == 1 ? "its" : "their") occurrences after that day are not imported: import the calendar again before then"
    }
}
