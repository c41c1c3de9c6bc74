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
    /// The budget's health: plan, committed, actual and forecast in total, and the warnings.
    public var budget: BudgetHealth
    /// Offers sent and not yet answered, soonest answer-by first.
    public var openOffers: [OfferLine]
    /// Offers whose answer-by time passed without an answer.
    public var expiredOffers: Int
    /// Tasks past their due time and not delivered or done, most overdue first.
    public var lateTasks: [TaskLine]

    /// The budget in total, and what will overrun.
    public struct BudgetHealth: Codable, Sendable {
        public var plan: Money
        public var committed: Money
        public var actual: Money
        public var forecast: Money
        /// Plan minus forecast: negative when the record will cost more than planned.
        public var variance: Money
        public var warnings: [String]
    }

    /// An offer waiting for its answer.
    public struct OfferLine: Codable, Sendable {
        public var id: String
        public var person: String
        public var role: String
        public var sessions: [String]
        public var fee: Money
        public var answerBy: Date
    }

    /// A task that is late.
    public struct TaskLine: Codable, Sendable {
        public var id: String
        public var person: String
        public var title: String
        public var song: String?
        public var due: Date
        public var daysLate: Int
        /// True when a file arrived and was rejected.
        public var rejected: Bool
    }

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

    /// Reads a status saved as JSON; one saved before the budget, offers and late tasks were part
    /// of it (a produce report written by an earlier Producer) reads with none of them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        project = try c.decode(String.self, forKey: .project)
        now = try c.decode(Date.self, forKey: .now)
        deadline = try c.decodeIfPresent(Date.self, forKey: .deadline)
        daysToDeadline = try c.decodeIfPresent(Int.self, forKey: .daysToDeadline)
        songs = try c.decode([SongLine].self, forKey: .songs)
        thisWeek = try c.decode([ScheduleReport.Line].self, forKey: .thisWeek)
        late = try c.decode([LateLine].self, forKey: .late)
        unscheduled = try c.decode([String].self, forKey: .unscheduled)
        holdsToConfirm = try c.decode(Int.self, forKey: .holdsToConfirm)
        bookedCost = try c.decode(Money.self, forKey: .bookedCost)
        cancellationFees = try c.decode(Money.self, forKey: .cancellationFees)
        sessionsDone = try c.decode(Int.self, forKey: .sessionsDone)
        sessionsTotal = try c.decode(Int.self, forKey: .sessionsTotal)
        let zero = Money.zero(bookedCost.currency)
        budget =
            try c.decodeIfPresent(BudgetHealth.self, forKey: .budget)
            ?? BudgetHealth(plan: zero, committed: zero, actual: zero, forecast: zero, variance: zero, warnings: [])
        openOffers = try c.decodeIfPresent([OfferLine].self, forKey: .openOffers) ?? []
        expiredOffers = try c.decodeIfPresent(Int.self, forKey: .expiredOffers) ?? 0
        lateTasks = try c.decodeIfPresent([TaskLine].self, forKey: .lateTasks) ?? []
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
        let report = BudgetReport(project: project, now: now)
        budget = BudgetHealth(
            plan: report.total.plan, committed: report.total.committed, actual: report.total.actual,
            forecast: report.total.forecast, variance: report.total.variance, warnings: report.warnings)
        let name = { (id: String) in project.people.first { $0.id == id }?.name ?? id }
        let sessionTitle = { (id: String) in project.sessions.first { $0.id == id }?.title ?? id }
        openOffers = project.offers.filter { $0.status(at: now) == .sent }.sorted { $0.answerBy < $1.answerBy }.map {
            OfferLine(
                id: $0.id, person: name($0.personID), role: $0.role.name, sessions: $0.sessionIDs.map(sessionTitle),
                fee: $0.fee, answerBy: $0.answerBy)
        }
        expiredOffers = project.offers.filter { $0.status(at: now) == .expired }.count
        lateTasks = project.tasks.filter { $0.isLate(at: now) }.sorted { ($0.due, $0.id) < ($1.due, $1.id) }.map {
            task in
            TaskLine(
                id: task.id, person: name(task.personID), title: task.title,
                song: task.songID.flatMap { id in project.songs.first { $0.id == id }?.title }, due: task.due,
                daysLate: max(1, days(task.due, now)), rejected: task.state == .rejected)
        }
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
        out.append(contentsOf: budgetText())
        out.append("")
        out.append("Offers" + (openOffers.isEmpty ? ": none waiting for an answer" : " waiting for an answer"))
        for offer in openOffers {
            out.append(
                "  ? \(offer.person), \(offer.role), \(offer.fee.formatted) for \(offer.sessions.joined(separator: ", ")) — answer by \(time.string(from: offer.answerBy))"
            )
        }
        if expiredOffers > 0 {
            out.append(
                "  \(expiredOffers) offer\(expiredOffers == 1 ? "" : "s") expired unanswered (`producer offers list --all`)"
            )
        }
        out.append("")
        out.append("Late deliverables and tasks" + (lateTasks.isEmpty ? ": none" : ""))
        for task in lateTasks {
            let what = [task.title, task.song].compactMap { $0 }.joined(separator: ", ")
            out.append(
                "  ! \(task.person): \(what), due \(Self.day(task.due, calendar)) — \(task.daysLate) day\(task.daysLate == 1 ? "" : "s") late"
                    + (task.rejected ? " (a file arrived and was rejected)" : ""))
        }
        return out.joined(separator: "\n")
    }

    /// "Budget: €12,400.00 planned; forecast €13,020.00 — €620.00 over", then the warnings.
    func budgetText() -> [String] {
        guard budget.plan.minorUnits > 0 || budget.forecast.minorUnits > 0 else {
            return ["Budget: none planned (`producer budget add`)"]
        }
        let over = -budget.variance.minorUnits
        var line =
            "Budget: \(budget.plan.formatted) planned, \(budget.committed.formatted) committed, \(budget.actual.formatted) spent; forecast \(budget.forecast.formatted)"
        if over > 0 {
            line += " — \(Money(minorUnits: over, currency: budget.plan.currency).formatted) over"
        } else {
            line += " — within the plan"
        }
        return [line] + budget.warnings.map { "  ! " + $0 }
    }
}
