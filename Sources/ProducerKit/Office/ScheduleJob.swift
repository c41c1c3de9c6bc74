import Foundation
import ProducerOffice

/// `producer schedule`: plans every open session of a project and books holds for them.
///
/// The whole job runs in one transaction of the project's store: it reads the project, solves,
/// and writes the holds, so a concurrent edit is never lost or overwritten. Confirmed bookings
/// are never moved. With `repair`, sessions keep their holds where they still fit and as few as
/// possible move.
public struct ScheduleJob: Sendable {
    public var from: Date?
    public var until: Date?
    public var repair: Bool
    public var timeLimit: Double
    public var seed: UInt64

    public init(from: Date? = nil, until: Date? = nil, repair: Bool = false, timeLimit: Double = 1.5, seed: UInt64 = 1) {
        self.from = from
        self.until = until
        self.repair = repair
        self.timeLimit = timeLimit
        self.seed = seed
    }

    /// Plans, writes the holds (unless no complete schedule exists) and reports.
    public func run(store: any ProjectStore, now: Date = Date()) async throws -> ScheduleReport {
        let job = self
        return try await store.update { project in try job.plan(&project, now: now) }
    }

    /// Plans `project` in place: what `run` does inside its transaction.
    public func plan(_ project: inout ProjectSnapshot, now: Date) throws -> ScheduleReport {
        let calendar = project.settings.calendar
        let start = from ?? calendar.startOfDay(for: now)
        let end =
            until ?? project.settings.deadline
            ?? calendar.date(byAdding: .day, value: 55, to: start)!
        let model = try ScheduleModel(project: project, from: start, until: end)
        let clock = ContinuousClock()
        let began = clock.now
        var report = ScheduleReport(project: project.settings.name, from: model.firstDay, until: end, currency: model.currency)
        let before = model.cost(of: model.sessions.map { $0.fixed ?? $0.previous })
        report.limits = model.tightestLimits()
        if let conflict = model.provenConflict() {
            report.status = .infeasible
            report.conflict = conflict
            report.seconds = (clock.now - began).seconds
            return report
        }
        let result = Scheduler(timeLimit: timeLimit, seed: seed, minimizesMoves: repair).solve(model)
        report.seconds = (clock.now - began).seconds
        report.firstScheduleSeconds = result.firstCompleteSeconds
        guard result.isComplete else {
            report.status = .incomplete
            report.conflict = model.explain(unplaced: result.unplaced)
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
                    && (booking.start != startDate || booking.end != endDate || booking.roomID != roomID || booking.people != people)
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
