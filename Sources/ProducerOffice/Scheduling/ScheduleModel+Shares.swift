extension ScheduleModel {
    /// Each placed session's share of the schedule's cost, in minor units: its slots' share of
    /// each room-day and person-day it uses, its session fees, an even part of flat fees, and its
    /// own lateness. The shares add up to the total within rounding.
    public func costShares(of placements: [Placement?]) -> [Int64] {
        var roomSlots = [Int](repeating: 0, count: rooms.count * dayCount)
        var personSlots = [Int](repeating: 0, count: people.count * dayCount)
        var personSessions = [Int](repeating: 0, count: people.count)
        for (s, placement) in placements.enumerated() {
            guard let placement else { continue }
            let day = self.day(ofSlot: placement.start)
            roomSlots[placement.room * dayCount + day] += sessions[s].durationSlots
            for p in placement.people {
                personSlots[p * dayCount + day] += sessions[s].durationSlots
                personSessions[p] += 1
            }
        }
        var shares = [Int64](repeating: 0, count: placements.count)
        for (s, placement) in placements.enumerated() {
            guard let placement else { continue }
            let session = sessions[s]
            let day = self.day(ofSlot: placement.start)
            let length = Int64(session.durationSlots)
            let roomTotal = roomSlots[placement.room * dayCount + day]
            shares[s] += roomDayCost(rooms[placement.room], slots: roomTotal) * length / Int64(max(1, roomTotal))
            for p in placement.people {
                let person = people[p]
                switch person.rateUnit {
                case .hour, .day:
                    let worked = personSlots[p * dayCount + day]
                    shares[s] += personDayCost(person, slots: worked) * length / Int64(max(1, worked))
                case .session: shares[s] += person.rate
                case .flat: shares[s] += person.rate / Int64(max(1, personSessions[p]))
                }
            }
            if let due = session.dueDay, day > due { shares[s] += Int64(day - due) * latenessPenaltyPerDay }
        }
        return shares
    }
}
