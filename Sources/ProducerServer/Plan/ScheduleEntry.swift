import Foundation
import ProducerOffice

/// A booking as the API gives it: the session, when and where, who, hold or confirmed, and its
/// cost only for roles that see money.
struct ScheduleEntry: Encodable {
    var id: String
    var session: String
    var kind: String
    var song: String?
    var start: Date
    var end: Date
    var studio: String
    var room: String
    var people: [String]
    var status: String
    /// Minor units and currency, for roles that see money.
    var cost: Money?

    static func all(in project: ProjectSnapshot, withCost: Bool) -> [ScheduleEntry] {
        project.bookings.filter { $0.status != .cancelled }.sorted { ($0.start, $0.id) < ($1.start, $1.id) }.map {
            booking in
            let session = project.sessions.first { $0.id == booking.sessionID }
            let place = project.room(id: booking.roomID)
            return ScheduleEntry(
                id: booking.id, session: session?.title ?? "", kind: session?.kind.rawValue ?? "",
                song: project.songs.first { $0.id == session?.songID }?.title, start: booking.start, end: booking.end,
                studio: place?.studio.name ?? "", room: place?.room.name ?? "",
                people: booking.people.compactMap { id in project.people.first { $0.id == id }?.name },
                status: booking.status.rawValue, cost: withCost ? booking.cost : nil)
        }
    }
}
