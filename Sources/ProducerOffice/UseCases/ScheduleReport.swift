import Foundation

/// What `producer schedule` found: the bookings, their cost, or why there is no schedule.
public struct ScheduleReport: Codable, Sendable {
    public enum Status: String, Codable, Sendable {
        /// Every session has a room, a time and people.
        case scheduled
        /// No schedule exists; `conflict` says why.
        case infeasible
        /// The search placed some sessions but not all; `conflict` names what is in the way.
        case incomplete
    }

    public var project: String
    public var from: Date
    public var until: Date
    public var currency: String
    public var status: Status = .scheduled
    public var lines: [Line] = []
    public var roomCost: Money?
    public var peopleCost: Money?
    public var latenessCost: Money?
    /// Repair: sessions moved from their holds, and what the plan cost before.
    public var moved: Int?
    public var previousCost: Money?
    public var conflict: ScheduleConflict?
    public var unplaced: [String] = []
    /// The people, roles and rooms whose hours are most taken (for `--explain`).
    public var limits: [String]?
    public var seconds: Double = 0
    public var firstScheduleSeconds: Double?
    /// Sessions confirmed before the first day planned and not marked done: kept where they are
    /// (taken as having happened), not planned again.
    public var keptBefore: [Line] = []

    init(project: String, from: Date, until: Date, currency: String) {
        self.project = project
        self.from = from
        self.until = until
        self.currency = currency
    }

    /// The total cost of the schedule.
    public var totalCost: Money? {
        guard let roomCost, let peopleCost, let latenessCost else { return nil }
        return Money(
            minorUnits: roomCost.minorUnits + peopleCost.minorUnits + latenessCost.minorUnits, currency: currency)
    }

    /// One booked session.
    public struct Line: Codable, Sendable {
        public var bookingID: String
        public var session: String
        public var kind: String
        public var song: String?
        public var start: Date
        public var end: Date
        public var studio: String
        public var room: String
        public var people: [String]
        public var status: Booking.Status
        public var cost: Money
        /// The booking's iCalendar SEQUENCE: it goes up whenever the booking changes.
        public var sequence: Int
    }

    /// The confirmed bookings before `firstDay` whose sessions are not marked done.
    static func keptBefore(of project: ProjectSnapshot, firstDay: Date) -> [Line] {
        let ids = Set(
            project.sessions.filter { !$0.isDone }.compactMap { session in
                project.activeBooking(of: session.id).flatMap {
                    $0.status == .confirmed && $0.start < firstDay ? session.id : nil
                }
            })
        return ids.isEmpty ? [] : lines(of: project, sessionIDs: ids)
    }

    static func lines(of project: ProjectSnapshot, sessionIDs: Set<String>? = nil) -> [Line] {
        project.bookings
            .filter { $0.status != .cancelled && (sessionIDs == nil || sessionIDs!.contains($0.sessionID)) }
            .sorted { ($0.start, $0.roomID) < ($1.start, $1.roomID) }
            .compactMap { booking in
                guard let session = project.sessions.first(where: { $0.id == booking.sessionID }) else { return nil }
                let place = project.room(id: booking.roomID)
                return Line(
                    bookingID: booking.id, session: session.title, kind: session.kind.rawValue,
                    song: project.songs.first { $0.id == session.songID }?.title, start: booking.start,
                    end: booking.end,
                    studio: place?.studio.name ?? "?", room: place?.room.name ?? "?",
                    people: booking.people.compactMap { id in project.people.first { $0.id == id }?.name },
                    status: booking.status,
                    cost: booking.cost, sequence: booking.sequence)
            }
    }
}

extension ScheduleReport {
    /// The schedule as people read it: day by day, with times, rooms, people and costs.
    public func text(timeZone: String) -> String {
        var out: [String] = []
        let zone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!
        let dayFormat = DateFormatter.fixed("EEE d MMM yyyy", timeZone: zone)
        let timeFormat = DateFormatter.fixed("HH:mm", timeZone: zone)
        var kept: [String] = []
        for line in keptBefore {
            kept.append(
                "Kept where it is: \(line.session), confirmed for \(dayFormat.string(from: line.start)) \(timeFormat.string(from: line.start)), before the first day planned; `producer sessions done \"\(line.session)\"` once it happened."
            )
        }
        switch status {
        case .infeasible, .incomplete:
            out.append(
                "\(project): no schedule from \(dayFormat.string(from: from)) to \(dayFormat.string(from: until)).")
            out += kept
            if let conflict {
                out.append(conflict.summary)
                for line in conflict.constraints { out.append("  - " + line) }
                if !conflict.isProven {
                    out.append("(Not proven: a longer search, more days or fewer constraints may find one.)")
                }
            }
            out.append("Nothing was booked.")
            return out.joined(separator: "\n")
        case .scheduled:
            break
        }
        out.append(
            "\(project): \(lines.count) sessions from \(dayFormat.string(from: from)) to \(dayFormat.string(from: until))"
        )
        out += kept
        var lastDay = ""
        for line in lines {
            let day = dayFormat.string(from: line.start)
            if day != lastDay {
                out.append("")
                out.append(day)
                lastDay = day
            }
            let mark = line.status == .confirmed ? "✓" : "·"
            out.append(
                "  \(mark) \(timeFormat.string(from: line.start))–\(timeFormat.string(from: line.end))  \(line.session.padding(toLength: 30, withPad: " ", startingAt: 0)) \(line.studio), \(line.room)  \(line.cost.formatted)"
            )
            out.append("      " + line.people.joined(separator: ", "))
        }
        out.append("")
        if let totalCost, let roomCost, let peopleCost, let latenessCost {
            var total = "Cost: \(totalCost.formatted) (studios \(roomCost.formatted), people \(peopleCost.formatted)"
            if latenessCost.minorUnits > 0 { total += ", lateness \(latenessCost.formatted)" }
            out.append(total + ")")
        }
        if let moved, let previousCost, let totalCost {
            let change = totalCost.minorUnits - previousCost.minorUnits
            let sign = change >= 0 ? "+" : "-"
            out.append(
                "Repair: \(moved) session\(moved == 1 ? "" : "s") moved; cost \(previousCost.formatted) → \(totalCost.formatted) (\(sign)\(Money(minorUnits: abs(change), currency: currency).formatted))."
            )
        }
        out.append("✓ confirmed (never moved)  · hold (pencilled in; `producer bookings confirm` fixes it)")
        out.append(
            String(format: "Solved in %.2f s", seconds)
                + (firstScheduleSeconds.map { String(format: " (first complete schedule after %.3f s)", $0) } ?? "")
                + ".")
        return out.joined(separator: "\n")
    }
}
