import Foundation

/// `producer schedule`: plans every open session of a project and books holds for them.
///
/// The whole job runs in one transaction of the project's store: it reads the project, solves,
/// and writes the holds, so a concurrent edit is never lost or overwritten. Confirmed bookings
/// are never moved. With `repair`, sessions keep their holds where they still fit and as few as
/// possible move.
///
/// **Bounded work.** `timeLimit` is at most ``maxTimeLimit`` seconds and the days planned span at
/// most ``maxSpanYears`` years; the job's whole run — building the model, the proofs that no
/// schedule exists, the search — stays within `timeLimit` plus ``overheadAllowance``.
public struct ScheduleJob: Sendable {
    public var from: Date?
    public var until: Date?
    public var repair: Bool
    public var timeLimit: Double
    /// The search's budget of work, in steps (``Scheduler/standardWork`` unless set): within the
    /// time limit the same project gives the same schedule on any machine.
    public var work: Int = Scheduler.standardWork
    public var seed: UInt64

    /// The longest `--time-limit` accepted: ten minutes.
    public static let maxTimeLimit: Double = 600
    /// The longest span of days one run plans: `--until` at most this many years after `--from`.
    public static let maxSpanYears = 3
    /// What a run may take beyond its time limit: the greedy first schedule when the proofs left
    /// less time than it takes, the last search round, the report (measured for three years with
    /// a limit of 0.2 s, debug build: 0.01 s alone, up to 0.11 s on a busy machine).
    public static let overheadAllowance: Double = 0.25
    /// The share of the time limit the proofs that no schedule exists may take before the search.
    static let proofShare = 0.5

    public init(from: Date? = nil, until: Date? = nil, repair: Bool = false, timeLimit: Double = 1.5, seed: UInt64 = 1)
    {
        self.from = from
        self.until = until
        self.repair = repair
        self.timeLimit = timeLimit
        self.seed = seed
    }

    /// Reads `--time-limit` as typed: a finite number of seconds above 0 and at most ``maxTimeLimit``.
    /// - Throws: ``OfficeError`` naming the option, the limit and the text.
    public static func timeLimit(parsing text: String) throws -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let seconds = Double(trimmed) else {
            throw OfficeError("--time-limit must be a number of seconds (such as 1.5), not \(text)")
        }
        try checkTimeLimit(seconds, text: trimmed)
        return seconds
    }

    /// Checks a time limit: finite, above 0, at most ``maxTimeLimit`` seconds.
    /// - Throws: ``OfficeError`` naming `--time-limit` and the limit.
    public static func checkTimeLimit(_ seconds: Double, text: String? = nil) throws {
        let shown =
            text
            ?? (seconds.isFinite && seconds == seconds.rounded() && abs(seconds) < 1e15
                ? String(Int64(seconds)) : "\(seconds)")
        guard seconds > 0 else {  // also refuses NaN
            throw OfficeError("--time-limit must be a positive number of seconds, not \(shown)")
        }
        guard seconds <= maxTimeLimit else {
            throw OfficeError("--time-limit must be at most \(Int(maxTimeLimit)) seconds (10 minutes), not \(shown)")
        }
    }

    /// The first and last moment planned, checked: the last day not before the first, and at most
    /// ``maxSpanYears`` years after it. Without `from` the plan starts on the project's
    /// ``ProjectSettings/planStart`` when that is still ahead, else today (nothing is planned in
    /// the past); without `until` it ends on the project's deadline, or 55 days after the start.
    /// - Throws: ``OfficeError`` naming `--from`, `--until` or the deadline, and the limit.
    public func horizon(settings: ProjectSettings, now: Date) throws -> (start: Date, end: Date) {
        let calendar = settings.calendar
        let today = calendar.startOfDay(for: now)
        let planStart = settings.planStart.map { calendar.startOfDay(for: $0) }
        let startsOnPlan = from == nil && planStart.map { $0 > today } == true
        let start = from ?? (startsOnPlan ? planStart! : today)
        let end = until ?? settings.deadline ?? calendar.date(byAdding: .day, value: 55, to: start)!
        let day = DateFormatter.fixed("yyyy-MM-dd", timeZone: calendar.timeZone)
        let first =
            from != nil
            ? "--from \(day.string(from: start))"
            : startsOnPlan
                ? "the plan's start (\(day.string(from: start)))"
                : "the first day planned (today, \(day.string(from: start)))"
        let last =
            until != nil ? "--until \(day.string(from: end))" : "the project's deadline (\(day.string(from: end)))"
        let hint = until != nil ? "" : "; give --until"
        if calendar.startOfDay(for: end) < calendar.startOfDay(for: start) {
            throw OfficeError("\(last) is before \(first)\(hint)")
        }
        let limit = calendar.date(byAdding: .year, value: Self.maxSpanYears, to: calendar.startOfDay(for: start))!
        if calendar.startOfDay(for: end) > limit {
            throw OfficeError(
                "\(last) is more than \(Self.maxSpanYears) years after \(first): a schedule spans at most \(Self.maxSpanYears) years\(hint)"
            )
        }
        return (start, end)
    }

    /// Plans, writes the holds (unless no complete schedule exists) and reports.
    public func run(store: any ProjectStore, now: Date = Date()) async throws -> ScheduleReport {
        let job = self
        return try await store.update { project in try job.plan(&project, now: now) }
    }

    /// Plans `project` in place: what `run` does inside its transaction.
    public func plan(_ project: inout ProjectSnapshot, now: Date) throws -> ScheduleReport {
        try Self.checkTimeLimit(timeLimit)
        let (start, end) = try horizon(settings: project.settings, now: now)
        // `--from` is the plan's start from now on: a later `--repair` keeps it.
        if let from { project.settings.planStart = project.settings.calendar.startOfDay(for: from) }
        let clock = ContinuousClock()
        let began = clock.now
        func remaining() -> Double { max(0, timeLimit - (clock.now - began).seconds) }
        let model = try ScheduleModel(project: project, from: start, until: end)
        var report = ScheduleReport(
            project: project.settings.name, from: model.firstDay, until: end, currency: model.currency)
        report.keptBefore = ScheduleReport.keptBefore(of: project, firstDay: model.firstDay)
        let before = model.cost(of: model.sessions.map { $0.fixed ?? $0.previous })
        report.limits = model.tightestLimits()
        if let conflict = model.provenConflict(timeLimit: min(remaining(), timeLimit * Self.proofShare)) {
            report.status = .infeasible
            report.conflict = conflict
            report.seconds = (clock.now - began).seconds
            return report
        }
        let result = Scheduler(timeLimit: remaining(), work: work, seed: seed, minimizesMoves: repair).solve(model)
        report.seconds = (clock.now - began).seconds
        report.firstScheduleSeconds = result.firstCompleteSeconds
        guard result.isComplete else {
            report.status = .incomplete
            // The proofs ran before the search and found none: name what is in the way.
            report.conflict = model.explain(unplaced: result.unplaced, proving: false)
            report.unplaced = result.unplaced.map { model.sessions[$0].title }
            return report
        }
        report.status = .scheduled
        report.roomCost = Money(minorUnits: result.cost.rooms, currency: model.currency)
        report.peopleCost = Money(minorUnits: result.cost.people, currency: model.currency)
        report.latenessCost = Money(minorUnits: result.cost.lateness, currency: model.currency)
        if repair {
            report.moved = result.cost.moved
            report.previousCost = Money(minorUnits: before.total, currency: model.currency)
        }
        let shares = model.costShares(of: result.placements)
        for (s, placement) in result.placements.enumerated() {
            guard let placement else { continue }
            let session = model.sessions[s]
            let startDate = model.date(ofSlot: placement.start)
            let endDate = model.date(ofSlot: placement.start + session.durationSlots)
            let roomID = model.rooms[placement.room].id
            let people = placement.people.map { model.people[$0].id }
            let cost = Money(minorUnits: shares[s], currency: model.currency)
            if let i = project.bookings.firstIndex(where: { $0.sessionID == session.id && $0.status != .cancelled }) {
                var booking = project.bookings[i]
                if booking.status == .hold
                    && (booking.start != startDate || booking.end != endDate || booking.roomID != roomID
                        || booking.people != people)
                {
                    booking.start = startDate
                    booking.end = endDate
                    booking.roomID = roomID
                    booking.people = people
                    booking.sequence += 1
                }
                booking.cost = cost
                project.bookings[i] = booking
            } else {
                var id = "b-" + session.id
                var suffix = 1
                while project.bookings.contains(where: { $0.id == id }) {
                    suffix += 1
                    id = "b-\(session.id)-\(suffix)"
                }
                project.bookings.append(
                    Booking(
                        id: id, sessionID: session.id, roomID: roomID, start: startDate, end: endDate,
                        people: people, status: .hold, cost: cost))
            }
        }
        report.lines = ScheduleReport.lines(of: project, sessionIDs: Set(model.sessions.map(\.id)))
        return report
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
