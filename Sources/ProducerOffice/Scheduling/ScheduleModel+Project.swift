import Foundation

/// Why a project cannot be turned into a scheduling problem.
public struct ScheduleInputError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The problem, as a sentence that names the session, person or room at fault.
    public var message: String
    /// The kind of problem.
    public var code: Code

    public init(_ message: String, code: Code = .cannotSchedule) {
        self.message = message
        self.code = code
    }

    public var description: String { message }

    /// The kind of problem.
    public enum Code: String, Sendable, Hashable, CustomStringConvertible {
        /// The project holds something the scheduler cannot place (a session longer than a day…).
        case cannotSchedule = "cannot schedule"
        /// The days asked for are not a range the scheduler takes.
        case badHorizon = "bad horizon"
        public var description: String { rawValue }
    }
}

extension ScheduleModel {
    /// Reduces a project to a scheduling problem over the days `from` … `until` (whole days in the
    /// project's time zone, both included).
    ///
    /// Sessions not done are scheduled. A session with a confirmed booking keeps it (fixed); one
    /// with a hold remembers it as its previous placement. A session confirmed outside the horizon
    /// (before `from`'s day, even when not marked done, or after `until`'s) is left out of the
    /// plan: its booking stays where it is, takes its people and room, and the sessions after it
    /// start after it ends.
    /// Confirmed bookings of other sessions outside the plan still take their people and room.
    public init(project: ProjectSnapshot, from: Date, until: Date, slotMinutes: Int = 30) throws {
        guard 1440 % slotMinutes == 0, slotMinutes >= 5, 1440 / slotMinutes <= 64 else {
            throw ScheduleInputError("a slot of \(slotMinutes) minutes does not divide a day into at most 64 slots")
        }
        let settings = project.settings
        let calendar = settings.calendar
        let firstDay = calendar.startOfDay(for: from)
        let lastDay = calendar.startOfDay(for: until)
        guard lastDay >= firstDay else {
            throw ScheduleInputError("the schedule ends (\(until)) before it starts (\(from))", code: .badHorizon)
        }
        var dayStarts: [Date] = []
        var day = firstDay
        while day <= lastDay {
            dayStarts.append(day)
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            day = next
        }
        let horizonEnd = day
        let horizon = DateInterval(start: firstDay, end: horizonEnd)
        let slotsPerDay = 1440 / slotMinutes
        let slotSeconds = Double(slotMinutes * 60)

        func slot(of date: Date) -> Int {
            // Absolute slot of a time: the day it falls on, then slots since that day's midnight.
            var index = dayStarts.lastIndex { $0 <= date } ?? 0
            if date >= horizonEnd { index = dayStarts.count }
            if date < firstDay { return Int(((date.timeIntervalSince(firstDay)) / slotSeconds).rounded(.down)) }
            let start = index < dayStarts.count ? dayStarts[index] : horizonEnd
            let within = Int((date.timeIntervalSince(start) / slotSeconds).rounded(.down))
            return index * slotsPerDay + min(within, slotsPerDay)
        }
        func masks(_ free: [DateInterval]) -> [UInt64] {
            // One sweep over the slots and the free stretches together (both in time order), so
            // the work grows with the days plus the stretches, not with their product.
            let free = Availability.merged(free)
            var result = [UInt64](repeating: 0, count: dayStarts.count)
            var k = 0
            for (d, start) in dayStarts.enumerated() {
                let end = d + 1 < dayStarts.count ? dayStarts[d + 1] : horizonEnd
                var bits: UInt64 = 0
                for t in 0..<slotsPerDay {
                    let slotStart = start.addingTimeInterval(Double(t) * slotSeconds)
                    let slotEnd = slotStart.addingTimeInterval(slotSeconds)
                    if slotEnd > end { break }
                    while k < free.count && free[k].end < slotEnd { k += 1 }
                    if k < free.count && free[k].start <= slotStart { bits |= 1 << UInt64(t) }
                }
                result[d] = bits
            }
            return result
        }
        func perSlot(_ money: Money, _ what: String) throws -> Int64 {
            guard money.currency == settings.currency else {
                throw ScheduleInputError(
                    "\(what) is in \(money.currency), but the project counts in \(settings.currency)")
            }
            return money.minorUnits * Int64(slotMinutes) / 60
        }
        func amount(_ money: Money, _ what: String) throws -> Int64 {
            guard money.currency == settings.currency else {
                throw ScheduleInputError(
                    "\(what) is in \(money.currency), but the project counts in \(settings.currency)")
            }
            return money.minorUnits
        }

        // A confirmed booking outside the days planned keeps its place and its session stays out
        // of the plan: before the first day it has happened (or is kept where it is) even when
        // nobody marked it done; after the last day it waits there. Its room and people stay
        // blocked, and the sessions after it in its chain start after it ends.
        var kept: [String: Booking] = [:]
        for session in project.sessions where !session.isDone {
            if let booking = project.activeBooking(of: session.id), booking.status == .confirmed,
                booking.start < firstDay || booking.end > horizonEnd
            {
                kept[session.id] = booking
            }
        }
        let open = project.sessions.filter { !$0.isDone && kept[$0.id] == nil }
        let sessionIndex = Dictionary(uniqueKeysWithValues: open.enumerated().map { ($1.id, $0) })
        let roomList = project.rooms
        let roomIndex = Dictionary(uniqueKeysWithValues: roomList.enumerated().map { ($1.room.id, $0) })
        let personIndex = Dictionary(uniqueKeysWithValues: project.people.enumerated().map { ($1.id, $0) })

        // Confirmed bookings of sessions outside this plan still block their room and people.
        var blockedRooms: [Int: [DateInterval]] = [:]
        var blockedPeople: [Int: [DateInterval]] = [:]
        for booking in project.bookings where booking.status == .confirmed && sessionIndex[booking.sessionID] == nil {
            let span = DateInterval(start: booking.start, end: max(booking.start, booking.end))
            if let r = roomIndex[booking.roomID] { blockedRooms[r, default: []].append(span) }
            for id in booking.people { if let p = personIndex[id] { blockedPeople[p, default: []].append(span) } }
        }

        var rooms: [RoomModel] = []
        for (r, entry) in roomList.enumerated() {
            var free = entry.room.openingHours.freeIntervals(in: horizon)
            for span in blockedRooms[r] ?? [] { free = free.flatMap { Availability.subtract(span, from: $0) } }
            rooms.append(
                RoomModel(
                    id: entry.room.id, name: "\(entry.studio.name) — \(entry.room.name)", capacity: entry.room.capacity,
                    gear: entry.room.gear, slotRate: try perSlot(entry.room.hourlyRate, "\(entry.room.name)'s rate"),
                    dayRate: try entry.room.dailyRate.map { try amount($0, "\(entry.room.name)'s day rate") },
                    open: masks(free), hours: "open " + entry.room.openingHours.summary(within: horizon)))
        }
        var people: [PersonModel] = []
        for (p, person) in project.people.enumerated() {
            var free = person.availability.freeIntervals(in: horizon)
            for span in blockedPeople[p] ?? [] { free = free.flatMap { Availability.subtract(span, from: $0) } }
            let rate: Int64 =
                person.rate.unit == .hour
                ? try perSlot(person.rate.amount, "\(person.name)'s rate")
                : try amount(person.rate.amount, "\(person.name)'s rate")
            people.append(
                PersonModel(
                    id: person.id, name: person.name, roles: person.roles.map(\.name),
                    headcount: max(1, person.headcount),
                    rateUnit: person.rate.unit, rate: rate,
                    minimumSlots: Int((person.rate.minimumHours * 60 / Double(slotMinutes)).rounded(.up)),
                    available: masks(free), hours: "free " + person.availability.summary(within: horizon)))
        }

        let projectDeadline = settings.deadline.map {
            calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: $0))!
        }
        var sessions: [SessionModel] = []
        for session in open {
            var required: [Int] = []
            for id in session.people {
                guard let p = personIndex[id] else {
                    throw ScheduleInputError("\(session.title) needs a person (\(id)) who is not in the project")
                }
                if !required.contains(p) { required.append(p) }
            }
            let needs = session.needs.map { need in
                Need(
                    role: need.role.name, count: need.count,
                    candidates: project.people.indices.filter {
                        project.people[$0].plays(need.role) && !required.contains($0)
                    })
            }
            let fitting = roomList.indices.filter { roomList[$0].room.has(session.gear) }
            let predecessors = session.after.compactMap { sessionIndex[$0] }
            var deadline: Date? = projectDeadline
            if let own = session.deadline { deadline = deadline.map { min($0, own) } ?? own }
            // A session after a kept booking starts after it ends. (One before a booking kept after
            // the last day ends within the days planned anyway.)
            var release = from
            for id in session.after { if let booking = kept[id] { release = max(release, booking.end) } }
            let deadlineSlot = deadline.map { date -> Int in
                date >= horizonEnd ? dayStarts.count * slotsPerDay : max(0, slot(of: date))
            }
            let dueDay = session.due.map { date -> Int in
                let day = calendar.startOfDay(for: date)
                return Int((day.timeIntervalSince(firstDay) / 86_400).rounded())
            }
            var placement: (fixed: Placement?, previous: Placement?) = (nil, nil)
            if let booking = project.activeBooking(of: session.id), let r = roomIndex[booking.roomID] {
                let start = slot(of: booking.start)
                let placed = Placement(room: r, start: start, people: booking.people.compactMap { personIndex[$0] })
                if booking.status == .confirmed { placement.fixed = placed } else { placement.previous = placed }
            }
            let avoid = project.bookings.filter {
                $0.sessionID == session.id && $0.status == .cancelled && $0.end > $0.start
            }
            .map { slot(of: $0.start)...max(slot(of: $0.start), slot(of: $0.end) - 1) }
            sessions.append(
                SessionModel(
                    id: session.id, title: session.title,
                    durationSlots: max(1, Int((Double(session.durationMinutes) / Double(slotMinutes)).rounded(.up))),
                    gear: session.gear, required: required, needs: needs, rooms: fitting, predecessors: predecessors,
                    releaseSlot: max(0, slot(of: release)), deadlineSlot: deadlineSlot, dueDay: dueDay,
                    fixed: placement.fixed, previous: placement.previous))
            sessions[sessions.count - 1].avoid = avoid
        }
        self.init(
            slotMinutes: slotMinutes, dayCount: dayStarts.count, firstDay: firstDay, dayStarts: dayStarts,
            timeZone: settings.timeZone, currency: settings.currency,
            maxWorkSlotsPerDay: settings.maxWorkMinutesPerDay / slotMinutes,
            breakSlots: Int((Double(settings.breakMinutes) / Double(slotMinutes)).rounded(.up)),
            latenessPenaltyPerDay: settings.latenessPenaltyPerDay.minorUnits, rooms: rooms, people: people,
            sessions: sessions)
    }
}
