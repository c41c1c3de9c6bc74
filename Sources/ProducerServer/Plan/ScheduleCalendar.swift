import Foundation
import ProducerOffice

/// One week of the schedule as a calendar: a row per person (or per room), a column per day, and
/// in each cell the bookings that person or room has that day, holds and confirmed apart.
struct ScheduleCalendar {
    enum Rows: String {
        case person, room
    }

    struct Entry: Encodable {
        var bookingID: String
        var session: String
        var song: String?
        var time: String
        var place: String
        var people: String
        var status: String
    }

    struct Row {
        var id: String
        var name: String
        var days: [[Entry]]
    }

    var weekStart: Date
    var days: [Date]
    var rows: [Row]

    /// The week starting `weekStart` (a Monday), by person or by room, optionally only `only`'s row.
    init(project: ProjectSnapshot, weekStart: Date, rows kind: Rows, only: String? = nil) {
        let format = PlanFormat(project: project)
        let calendar = format.calendar
        self.weekStart = weekStart
        days = (0..<7).compactMap { calendar.date(byAdding: .day, value: $0, to: weekStart) }
        let weekEnd = calendar.date(byAdding: .day, value: 7, to: weekStart) ?? weekStart
        let bookings = project.bookings
            .filter { $0.status != .cancelled && $0.end > weekStart && $0.start < weekEnd }
            .sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        let owners: [(id: String, name: String)] =
            switch kind {
            case .person: project.people.map { ($0.id, $0.name) }
            case .room: project.rooms.map { ($0.room.id, "\($0.studio.name) — \($0.room.name)") }
            }
        let days = days
        rows = owners.filter { only == nil || $0.id == only }.map { owner in
            let mine = bookings.filter { kind == .person ? $0.people.contains(owner.id) : $0.roomID == owner.id }
            let cells = days.map { day in
                let next = calendar.date(byAdding: .day, value: 1, to: day) ?? day
                return mine.filter { $0.start < next && $0.end > day }.map { booking in
                    let session = project.sessions.first { $0.id == booking.sessionID }
                    let place = project.room(id: booking.roomID)
                    return Entry(
                        bookingID: booking.id, session: session?.title ?? "a session",
                        song: project.songs.first { $0.id == session?.songID }?.title,
                        time: format.range(booking.start, booking.end),
                        place: place.map { "\($0.studio.name) — \($0.room.name)" } ?? "a room",
                        people: booking.people.compactMap { id in project.people.first { $0.id == id }?.name }
                            .joined(separator: ", "),
                        status: booking.status.rawValue)
                }
            }
            return Row(id: owner.id, name: owner.name, days: cells)
        }
    }

    /// The week to show first: the one holding the next booking still to come, else this week.
    static func firstWeek(of project: ProjectSnapshot, now: Date) -> Date {
        let format = PlanFormat(project: project)
        let next = project.bookings.filter { $0.status != .cancelled && $0.end > now }.map(\.start).min()
        return format.weekStart(next ?? now)
    }
}
