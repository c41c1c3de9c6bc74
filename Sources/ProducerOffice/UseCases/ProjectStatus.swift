import Foundation

/// `producer status`: the project at a glance — what is done, what is next this week, what is late.
public struct ProjectStatus: Codable, Sendable {
    public var project: String
    public var now: Date
    public var deadline: Date?
    public var daysToDeadline: Int?
    public var songs: [SongLine]
    public var thisWeek: [ScheduleReport.Line]
    public var late: [LateLine]
    public var unscheduled: [String]
    public var holdsToConfirm: Int
    public var bookedCost: Money
    public var cancellationFees: Money
    public var sessionsDone: Int
    public var sessionsTotal: Int

    public struct SongLine: Codable, Sendable {
        public var title: String
        public var status: Song.Status
        public var sessionsDone: Int
        public var sessionsTotal: Int
        /// The next booked session of the song, if any.
        public var next: String?
        public var nextStart: Date?
    }

    public struct LateLine: Codable, Sendable {
        public var session: String
        /// Why it counts as late, in words.
        public var reason: String
        public var daysLate: Int
    }

    /// Reads the project as of `now`.
    public init(project: ProjectSnapshot, now: Date) {
        let calendar = project.settings.calendar
        let currency = project.settings.currency
        self.project = project.settings.name
        self.now = now
        deadline = project.settings.deadline
        daysToDeadline = project.settings.deadline.map {
            calendar.dateComponents([.day], from: calendar.startOfDay(for: now), to: calendar.startOfDay(for: $0)).day
                ?? 0
        }
        let weekEnd = calendar.date(byAdding: .day, value: 7, to: calendar.startOfDay(for: now))!
        thisWeek = ScheduleReport.lines(of: project).filter { $0.end > now && $0.start < weekEnd }
        sessionsDone = project.sessions.filter(\.isDone).count
        sessionsTotal = project.sessions.count
        songs = project.songs.map { song in
            let mine = project.sessions.filter { $0.songID == song.id }
            let next = project.bookings
                .filter { booking in
                    booking.status != .cancelled && booking.end > now
                        && mine.contains { $0.id == booking.sessionID && !$0.isDone }
                }
                .min { $0.start < $1.start }
            return SongLine(
                title: song.title, status: song.status, sessionsDone: mine.filter(\.isDone).count,
                sessionsTotal: mine.count,
                next: next.flatMap { booking in mine.first { $0.id == booking.sessionID }?.title },
                nextStart: next?.start)
        }
        func days(_ from: Date, _ to: Date) -> Int {
            calendar.dateComponents([.day], from: calendar.startOfDay(for: from), to: calendar.startOfDay(for: to)).day
                ?? 0
        }
        var late: [LateLine] = []
        var unscheduled: [String] = []
        for session in project.sessions where !session.isDone {
            let booking = project.activeBooking(of: session.id)
            if let booking, booking.end <= now {
                late.append(
                    .init(
                        session: session.title,
                        reason: "was booked for \(Self.day(booking.start, calendar)) and is not marked done",
                        daysLate: max(0, days(booking.end, now))))
                continue
            }
            if let limit = session.deadline ?? session.due, limit < now {
                late.append(
                    .init(
                        session: session.title, reason: "was due \(Self.day(limit, calendar))",
                        daysLate: max(1, days(limit, now))))
                continue
            }
            if let booking, let due = session.due,
                calendar.startOfDay(for: booking.start) > calendar.startOfDay(for: due)
            {
                late.append(
                    .init(
                        session: session.title,
                        reason:
                            "is booked for \(Self.day(booking.start, calendar)), after its due date \(Self.day(due, calendar))",
                        daysLate: days(due, booking.start)))
            }
            if booking == nil { unscheduled.append(session.title) }
        }
        self.late = late
        self.unscheduled = unscheduled
        holdsToConfirm = project.bookings.filter { $0.status == .hold && $0.end > now }.count
        bookedCost = Money(
            minorUnits: project.bookings.filter { $0.status != .cancelled }.reduce(0) { $0 + $1.cost.minorUnits },
            currency: currency)
        cancellationFees = Money(
            minorUnits: project.bookings.filter { $0.status == .cancelled }.reduce(0) {
                $0 + ($1.cancellationFee?.minorUnits ?? 0)
            }, currency: currency)
    }

    static func day(_ date: Date, _ calendar: Calendar) -> String {
        let formatter = DateFormatter.fixed("EEE d MMM", timeZone: calendar.timeZone)
        return formatter.string(from: date)
    }

    /// The status as people read it.
    public func text(timeZone: String) -> String {
        let calendar = Calendar.gregorian(timeZone: timeZone)
        let time = DateFormatter.fixed("EEE d MMM HH:mm", timeZone: calendar.timeZone)
        var out: [String] = []
        var head = "\(project) — \(sessionsDone) of \(sessionsTotal) sessions done"
        if let deadline, let daysToDeadline {
            head +=
                "; deadline \(Self.day(deadline, calendar)) ("
                + (daysToDeadline >= 0 ? "in \(daysToDeadline) days)" : "\(-daysToDeadline) days ago)")
        }
        out.append(head)
        out.append("")
        out.append("Songs")
        for song in songs {
            let bar =
                String(repeating: "■", count: song.sessionsDone)
                + String(repeating: "□", count: max(0, song.sessionsTotal - song.sessionsDone))
            var line =
                "  \(song.title.padding(toLength: 18, withPad: " ", startingAt: 0)) \(bar.padding(toLength: 8, withPad: " ", startingAt: 0)) \(song.status.rawValue)"
            if let next = song.next, let start = song.nextStart {
                line += " · next: \(next), \(time.string(from: start))"
            }
            out.append(line)
        }
        out.append("")
        out.append("This week" + (thisWeek.isEmpty ? ": nothing booked" : ""))
        for line in thisWeek {
            out.append(
                "  \(line.status == .confirmed ? "✓" : "·") \(time.string(from: line.start))  \(line.session) — \(line.studio), \(line.room) — \(line.people.joined(separator: ", "))"
            )
        }
        out.append("")
        out.append("Late" + (late.isEmpty ? ": nothing" : ""))
        for line in late {
            out.append("  ! \(line.session) \(line.reason) (\(line.daysLate) day\(line.daysLate == 1 ? "" : "s"))")
        }
        if !unscheduled.isEmpty {
            out.append("")
            out.append("Not scheduled yet (run `producer schedule`): " + unscheduled.joined(separator: ", "))
        }
        out.append("")
        var money =
            "Booked: \(bookedCost.formatted); \(holdsToConfirm) hold\(holdsToConfirm == 1 ? "" : "s") to confirm"
        if cancellationFees.minorUnits > 0 { money += "; cancellation fees \(cancellationFees.formatted)" }
        out.append(money)
        return out.joined(separator: "\n")
    }
}
