import Foundation
import ProducerFiles

/// What `producer holidays --ics FILE` did.
public struct HolidayImport: Sendable, Codable, Hashable {
    public var file: String
    /// The holidays read, as `2027-04-02 Good Friday`.
    public var days: [String]
    /// How many people (and rooms, when asked) now have them as busy days.
    public var people: Int
    public var rooms: Int
    /// Timed events in the file, left out: a holiday is a whole day.
    public var timedEventsSkipped: Int
    public var warning: String?
}

extension OfficeJobs {
    /// The `source` prefix of busy days imported as holidays from `file` (by its name), so that
    /// importing the same file again replaces them and a person's own calendar import keeps them.
    static func holidaySource(_ file: String) -> String {
        "holidays:" + (file as NSString).lastPathComponent + ":"
    }

    /// `producer holidays --ics FILE [--studios]`: the all-day events of a calendar (public
    /// holidays) become busy days for everyone on the project — and for every room with
    /// `closesStudios` — replacing those imported from a file of the same name before.
    ///
    /// All-day events are read in the project's time zone. Timed events are left out and counted.
    public static func importHolidays(
        icsPath: String, closesStudios: Bool, store: any ProjectStore, now: Date = Date()
    ) async throws -> HolidayImport {
        let text: String
        do { text = try InputFile.text(icsPath, kind: "calendar", limit: ICalendar.maximumTextBytes) } catch {
            throw OfficeError("\(error)")
        }
        return try await store.update { project in
            let settings = project.settings
            let calendar = settings.calendar
            let start = min(calendar.startOfDay(for: now), settings.planStart ?? now).addingTimeInterval(-30 * 86_400)
            let horizon = DateInterval(start: start, duration: 800 * 86_400)
            let imported = try ICalendar.importBusyTimes(
                from: text, file: icsPath, timeZone: TimeZone(identifier: settings.timeZone), within: horizon)
            let prefix = holidaySource(icsPath)
            var days: [Availability.Exception] = []
            var timed = 0
            for busy in imported.busyTimes {
                let whole =
                    calendar.startOfDay(for: busy.start) == busy.start && calendar.startOfDay(for: busy.end) == busy.end
                guard whole else {
                    timed += 1
                    continue
                }
                let uid = busy.source.map { String($0.dropFirst(ICalendar.sourcePrefix.count)) } ?? "\(days.count)"
                days.append(
                    .init(start: busy.start, end: busy.end, isBusy: true, note: busy.note, source: prefix + uid))
            }
            func replace(_ availability: inout Availability) {
                availability.exceptions.removeAll { $0.source?.hasPrefix(prefix) == true }
                availability.exceptions += days
            }
            for i in project.people.indices { replace(&project.people[i].availability) }
            var rooms = 0
            if closesStudios {
                for s in project.studios.indices {
                    for r in project.studios[s].rooms.indices {
                        replace(&project.studios[s].rooms[r].openingHours)
                        rooms += 1
                    }
                }
            }
            let day = DateFormatter.fixed("yyyy-MM-dd", timeZone: calendar.timeZone)
            return HolidayImport(
                file: icsPath,
                days: days.map { day.string(from: $0.start) + ($0.note.isEmpty ? "" : " \($0.note)") },
                people: project.people.count, rooms: rooms, timedEventsSkipped: timed, warning: imported.warning)
        }
    }
}
