extension ScheduleModel {
    /// Each placed session's share of the schedule's cost, in minor units: its slots' share of
    /// each room-day and person-day it uses, its session fees, an even part of flat fees, and its
    /// own lateness. The shares add up to the total exactly (largest remainders get the odd cents).
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
        var shares = [Double](repeating: 0, count: placements.count)
        for (s, placement) in placements.enumerated() {
            guard let placement else { continue }
            let session = sessions[s]
            let day = self.day(ofSlot: placement.start)
            let length = Double(session.durationSlots)
            let roomTotal = roomSlots[placement.room * dayCount + day]
            shares[s] +=
                Double(roomDayCost(rooms[placement.room], slots: roomTotal)) * length / Double(max(1, roomTotal))
            for p in placement.people {
                let person = people[p]
                switch person.rateUnit {
                case .hour, .day:
                    let worked = personSlots[p * dayCount + day]
                    shares[s] += Double(personDayCost(person, slots: worked)) * length / Double(max(1, worked))
                case .session: shares[s] += Double(person.rate)
                case .flat: shares[s] += Double(person.rate) / Double(max(1, personSessions[p]))
                }
            }
            if let due = session.dueDay, day > due { shares[s] += Double(Int64(day - due) * latenessPenaltyPerDay) }
        }
        var rounded = shares.map { Int64($0.rounded(.down)) }
        var missing = cost(of: placements).total - rounded.reduce(0, +)
        let order = shares.indices.filter { placements[$0] != nil }.sorted {
            (shares[$0] - shares[$0].rounded(.down), -$0) > (shares[$1] - shares[$1].rounded(.down), -$1)
        }
        var i = 0
        while missing > 0 && !order.isEmpty {
            rounded[order[i % order.count]] += 1
            missing -= 1
            i += 1
        }
        return rounded
    }
}
