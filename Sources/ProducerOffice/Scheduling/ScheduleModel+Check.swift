/// What a schedule costs, by part, in minor units.
public struct ScheduleCost: Hashable, Sendable, Codable {
    public var rooms: Int64 = 0
    public var people: Int64 = 0
    public var lateness: Int64 = 0
    /// Sessions placed elsewhere than their previous placement (repair only).
    public var moved: Int = 0
    public var total: Int64 { rooms + people + lateness }
    public init() {}
}

extension ScheduleModel {
    /// The day of absolute slot `slot`.
    @inlinable public func day(ofSlot slot: Int) -> Int { slot / slotsPerDay }

    /// The bits of slots `start ..< start + length` within a day.
    @inlinable static func mask(start: Int, length: Int) -> UInt64 {
        (length >= 64 ? ~0 : (UInt64(1) << UInt64(length)) - 1) << UInt64(start)
    }

    /// The cost of a complete or partial schedule (`nil` entries are unplaced sessions).
    public func cost(of placements: [Placement?]) -> ScheduleCost {
        var cost = ScheduleCost()
        var roomSlots = [Int](repeating: 0, count: rooms.count * dayCount)
        var personSlots = [Int](repeating: 0, count: people.count * dayCount)
        var personSessions = [Int](repeating: 0, count: people.count)
        for (index, placement) in placements.enumerated() {
            guard let placement else { continue }
            let session = sessions[index]
            let day = self.day(ofSlot: placement.start)
            guard day >= 0, day < dayCount else { continue }
            roomSlots[placement.room * dayCount + day] += session.durationSlots
            for person in placement.people {
                personSlots[person * dayCount + day] += session.durationSlots
                personSessions[person] += 1
            }
            if let due = session.dueDay, day > due {
                cost.lateness += Int64(day - due) * latenessPenaltyPerDay
            }
            if let previous = session.previous, previous != placement { cost.moved += 1 }
        }
        for (r, room) in rooms.enumerated() {
            for day in 0..<dayCount {
                let slots = roomSlots[r * dayCount + day]
                if slots > 0 { cost.rooms += roomDayCost(room, slots: slots) }
            }
        }
        for (p, person) in people.enumerated() {
            if person.rateUnit == .flat {
                if personSessions[p] > 0 { cost.people += person.rate }
                continue
            }
            if person.rateUnit == .session {
                cost.people += Int64(personSessions[p]) * person.rate
                continue
            }
            for day in 0..<dayCount {
                let slots = personSlots[p * dayCount + day]
                if slots > 0 { cost.people += personDayCost(person, slots: slots) }
            }
        }
        return cost
    }

    @inlinable func roomDayCost(_ room: RoomModel, slots: Int) -> Int64 {
        guard slots > 0 else { return 0 }
        let hourly = Int64(slots) * room.slotRate
        if let dayRate = room.dayRate { return min(dayRate, hourly) }
        return hourly
    }

    /// The cost of a person's day with `slots` worked (not for session or flat rates).
    @inlinable func personDayCost(_ person: PersonModel, slots: Int) -> Int64 {
        guard slots > 0 else { return 0 }
        switch person.rateUnit {
        case .hour: return Int64(max(slots, person.minimumSlots)) * person.rate
        case .day: return person.rate
        case .session, .flat: return 0
        }
    }

    /// Every hard rule a schedule breaks, in words; empty when it is valid and complete.
    public func violations(of placements: [Placement?]) -> [String] {
        var problems: [String] = []
        guard placements.count == sessions.count else {
            return ["\(placements.count) placements for \(sessions.count) sessions"]
        }
        var roomBusy = [UInt64](repeating: 0, count: rooms.count * dayCount)
        var personDay: [Int: [(start: Int, end: Int)]] = [:]
        for (index, placement) in placements.enumerated() {
            let session = sessions[index]
            guard let placement else {
                problems.append("\(session.title): not placed")
                continue
            }
            let day = self.day(ofSlot: placement.start), slot = placement.start % slotsPerDay
            let end = placement.start + session.durationSlots
            guard day >= 0, day < dayCount, slot + session.durationSlots <= slotsPerDay else {
                problems.append("\(session.title): outside the horizon or across midnight")
                continue
            }
            if let fixed = session.fixed, fixed != placement {
                problems.append("\(session.title): a fixed session was moved")
            }
            guard rooms.indices.contains(placement.room) else {
                problems.append("\(session.title): no room \(placement.room)")
                continue
            }
            let room = rooms[placement.room]
            let mask = Self.mask(start: slot, length: session.durationSlots)
            if room.open[day] & mask != mask { problems.append("\(session.title): \(room.name) is closed then") }
            if roomBusy[placement.room * dayCount + day] & mask != 0 {
                problems.append("\(session.title): \(room.name) is double-booked")
            }
            roomBusy[placement.room * dayCount + day] |= mask
            if !session.rooms.contains(placement.room) {
                problems.append("\(session.title): \(room.name) lacks the gear")
            }
            if placement.start < session.releaseSlot { problems.append("\(session.title): starts before its release") }
            if session.avoid.contains(where: { $0.lowerBound < end && $0.upperBound >= placement.start }) {
                problems.append("\(session.title): booked again at the time of its cancelled booking")
            }
            if let deadline = session.deadlineSlot, end > deadline {
                problems.append("\(session.title): ends after its deadline")
            }
            for predecessor in session.predecessors {
                if let before = placements[predecessor],
                    before.start + sessions[predecessor].durationSlots > placement.start
                {
                    problems.append("\(session.title): starts before \(sessions[predecessor].title) ends")
                }
            }
            // People.
            if Set(placement.people).count != placement.people.count {
                problems.append("\(session.title): someone is listed twice")
            }
            var expected = session.required.count
            for need in session.needs { expected += need.count }
            if placement.people.count != expected {
                problems.append("\(session.title): \(placement.people.count) people instead of \(expected)")
            }
            for required in session.required where !placement.people.contains(required) {
                problems.append("\(session.title): \(people[required].name) is missing")
            }
            var pool = Set(placement.people).subtracting(session.required)
            for need in session.needs {
                let filled = pool.filter { need.candidates.contains($0) }.sorted().prefix(need.count)
                if filled.count < need.count {
                    problems.append("\(session.title): the \(need.role) need is not filled")
                }
                pool.subtract(filled)
            }
            var heads = 0
            for person in placement.people where people.indices.contains(person) {
                heads += people[person].headcount
                if people[person].available[day] & mask != mask {
                    problems.append("\(session.title): \(people[person].name) is not free")
                }
                personDay[person * dayCount + day, default: []].append((placement.start, end))
            }
            if heads > room.capacity {
                problems.append("\(session.title): \(heads) players in \(room.name), which fits \(room.capacity)")
            }
        }
        for (key, spans) in personDay {
            let person = people[key / dayCount]
            let sorted = spans.sorted { $0.start < $1.start }
            var worked = 0
            for (i, span) in sorted.enumerated() {
                worked += span.end - span.start
                if i > 0, span.start < sorted[i - 1].end + breakSlots {
                    problems.append("\(person.name): two sessions without a break on day \(key % dayCount)")
                }
            }
            if worked > maxWorkSlotsPerDay {
                problems.append("\(person.name): works \(worked) slots on day \(key % dayCount)")
            }
        }
        return problems
    }
}
