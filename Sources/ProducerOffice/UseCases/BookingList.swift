import Foundation

/// `producer bookings list`: every booking, by time, with its status, cost and fee.
public struct BookingList: Codable, Sendable {
    public var bookings: [ScheduleReport.Line]
    public var cancelled: [Cancelled]

    public struct Cancelled: Codable, Sendable {
        public var bookingID: String
        public var session: String
        public var start: Date
        public var fee: Money?
    }

    public init(project: ProjectSnapshot) {
        bookings = ScheduleReport.lines(of: project)
        cancelled = project.bookings.filter { $0.status == .cancelled }.sorted { $0.start < $1.start }.map { booking in
            Cancelled(
                bookingID: booking.id,
                session: project.sessions.first { $0.id == booking.sessionID }?.title ?? booking.sessionID,
                start: booking.start, fee: booking.cancellationFee)
        }
    }

    /// `Mon 8 Mar 2027 14:00–20:00` in `timeZone`: when a booking is, as the commands say it.
    public static func when(_ start: Date, _ end: Date, timeZone: String) -> String {
        let zone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!
        return DateFormatter.fixed("EEE d MMM yyyy HH:mm", timeZone: zone).string(from: start) + "–"
            + DateFormatter.fixed("HH:mm", timeZone: zone).string(from: end)
    }

    /// `2027-03-08T14:00` in `timeZone`: a booking's start as `bookings confirm --at` reads it.
    public static func atText(_ start: Date, timeZone: String) -> String {
        DateFormatter.fixed(
            "yyyy-MM-dd'T'HH:mm", timeZone: TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!
        ).string(from: start)
    }

    public func text(timeZone: String) -> String {
        let format = DateFormatter.fixed(
            "EEE d MMM HH:mm", timeZone: TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!)
        var out: [String] = []
        if bookings.isEmpty { out.append("No bookings yet: run `producer schedule`.") }
        for line in bookings {
            out.append(
                "\(line.status == .confirmed ? "✓ confirmed" : "· hold     ") \(format.string(from: line.start))  \(line.session) — \(line.studio), \(line.room) — \(line.cost.formatted)  [\(line.bookingID)]"
            )
        }
        for line in cancelled {
            out.append(
                "✗ cancelled \(format.string(from: line.start))  \(line.session)"
                    + (line.fee.map { " — fee \($0.formatted)" } ?? "") + "  [\(line.bookingID)]")
        }
        return out.joined(separator: "\n")
    }
}
