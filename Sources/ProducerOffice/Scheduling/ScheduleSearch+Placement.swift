import Foundation

/// Finding a place for one session: the window its chain leaves, and the cheapest (or earliest)
/// free room, start and people in it.
extension ScheduleSearch {
    /// The window a session may occupy now: after its placed predecessors, before its placed successors.
    func window(of s: Int) -> (earliest: Int, latestEnd: Int) {
        let session = model.sessions[s]
        var earliest = session.releaseSlot
        for p in session.predecessors {
            if let placed = placements[p] { earliest = max(earliest, placed.start + model.sessions[p].durationSlots) }
        }
        var latest = latestEnd[s]
        for t in successors[s] {
            if let placed = placements[t] { latest = min(latest, placed.start) }
        }
        return (earliest, latest)
    }

    /// The cheapest place for session `s` (ties go to the earliest start), or nil when none is free.
    /// `noise` adds a random amount up to it to each candidate's cost, to vary the search.
    mutating func bestPlacement(
        for s: Int, noise: Int64 = 0, earliest preferEarliest: Bool = false
    ) -> (placement: ScheduleModel.Placement, delta: Int64)? {
        let session = model.sessions[s]
        steps += 1
        if let fixed = session.fixed { return fits(s, fixed) ? (fixed, 0) : nil }
        let length = session.durationSlots
        let (earliest, latestEnd) = window(of: s)
        guard latestEnd - earliest >= length else { return nil }
        let firstDay = earliest / slotsPerDay
        let lastDay = min(days - 1, (latestEnd - length) / slotsPerDay)
        guard firstDay <= lastDay else { return nil }
        steps += lastDay - firstDay + 1
        let lengthMask = ScheduleModel.mask(start: 0, length: length)
        var best: (placement: ScheduleModel.Placement, delta: Int64)?
        var bestKey = (Int64.max, Int.max)
        var chosen: [Int] = []
        chosen.reserveCapacity(8)
        for day in firstDay...lastDay {
            // Slots where every required person is free.
            var common: UInt64 = ~0
            for p in session.required {
                common &= freeMask(person: p, day: day, length: length)
                if common == 0 { break }
            }
            if common == 0 { continue }
            // Starts allowed by the window.
            let lo = day == firstDay ? earliest - day * slotsPerDay : 0
            let hiEnd = min(slotsPerDay, latestEnd - day * slotsPerDay)
            if hiEnd - lo < length { continue }
            var requiredDelta: Int64 = 0
            var requiredHeads = 0
            for p in session.required {
                requiredDelta += personDelta(p, day: day, adding: length)
                requiredHeads += model.people[p].headcount
            }
            var lateness: Int64 = 0
            if let due = session.dueDay, day > due { lateness = Int64(day - due) * model.latenessPenaltyPerDay }
            for r in session.rooms {
                let room = model.rooms[r]
                if room.capacity < requiredHeads { continue }
                let index = r * days + day
                let free = room.open[day] & ~roomBusy[index] & common
                if free == 0 { continue }
                steps += 1
                let roomDelta =
                    model.roomDayCost(room, slots: roomSlots[index] + length)
                    - model.roomDayCost(room, slots: roomSlots[index])
                let base = roomDelta + requiredDelta + lateness
                if !preferEarliest && base > bestKey.0 { continue }
                var start = lo
                while start + length <= hiEnd {
                    let mask = lengthMask << UInt64(start)
                    if free & mask != mask {
                        start += 1
                        continue
                    }
                    // Fill each need with its cheapest free candidates.
                    steps += 1
                    chosen.removeAll(keepingCapacity: true)
                    var delta = base
                    var heads = requiredHeads
                    var filled = true
                    for need in session.needs {
                        for _ in 0..<need.count {
                            var pick = -1
                            var pickCost = Int64.max
                            for c in need.candidates where !chosen.contains(c) {
                                if freeMask(person: c, day: day, length: length) & mask != mask { continue }
                                let cost = personDelta(c, day: day, adding: length)
                                if cost < pickCost
                                    || (cost == pickCost && model.people[c].headcount < model.people[pick].headcount)
                                {
                                    pick = c
                                    pickCost = cost
                                }
                            }
                            if pick < 0 {
                                filled = false
                                break
                            }
                            chosen.append(pick)
                            delta += pickCost
                            heads += model.people[pick].headcount
                        }
                        if !filled { break }
                    }
                    let absolute = day * slotsPerDay + start
                    if !session.avoid.isEmpty
                        && session.avoid.contains(where: {
                            $0.lowerBound < absolute + length && $0.upperBound >= absolute
                        })
                    {
                        start += 1
                        continue
                    }
                    if filled && heads <= room.capacity {
                        var key = delta
                        if minimizesMoves, let previous = session.previous,
                            previous.room != r || previous.start != absolute
                                || Array(previous.people.dropFirst(session.required.count)) != chosen
                        {
                            key += movedWeight
                        }
                        if noise > 0 { key += Int64(random.next() % UInt64(noise)) }
                        let candidate = preferEarliest ? (Int64(absolute), Int(clamping: key)) : (key, absolute)
                        if candidate < bestKey {
                            bestKey = candidate
                            best = (
                                ScheduleModel.Placement(room: r, start: absolute, people: session.required + chosen),
                                delta
                            )
                        }
                    }
                    start += 1
                }
            }
        }
        return best
    }

    /// True when `placement` is free for session `s` now.
    func fits(_ s: Int, _ placement: ScheduleModel.Placement) -> Bool {
        let session = model.sessions[s]
        let day = placement.start / slotsPerDay, slot = placement.start % slotsPerDay
        guard day >= 0, day < days, slot + session.durationSlots <= slotsPerDay,
            model.rooms.indices.contains(placement.room)
        else { return false }
        let mask = ScheduleModel.mask(start: slot, length: session.durationSlots)
        let index = placement.room * days + day
        guard model.rooms[placement.room].open[day] & ~roomBusy[index] & mask == mask else { return false }
        for p in placement.people
        where !model.people.indices.contains(p)
            || freeMask(person: p, day: day, length: session.durationSlots) & mask != mask
        {
            return false
        }
        if session.fixed == nil {
            let (earliest, latest) = window(of: s)
            if placement.start < earliest || placement.start + session.durationSlots > latest { return false }
        }
        return true
    }

    /// True when a previous placement still gives the session its required people first and fills
    /// each need, in a room that holds them all.
    func previousFillsNeeds(_ s: Int, _ placement: ScheduleModel.Placement) -> Bool {
        let session = model.sessions[s]
        guard Array(placement.people.prefix(session.required.count)) == session.required else { return false }
        var pool = Array(placement.people.dropFirst(session.required.count))
        var heads = 0
        for p in placement.people { heads += model.people[p].headcount }
        guard heads <= model.rooms[placement.room].capacity else { return false }
        for need in session.needs {
            for _ in 0..<need.count {
                guard let i = pool.firstIndex(where: { need.candidates.contains($0) }) else { return false }
                pool.remove(at: i)
            }
        }
        return pool.isEmpty
    }

    /// The earliest free place for a session, whatever it costs.
    mutating func earliestPlacement(for s: Int) -> ScheduleModel.Placement? {
        bestPlacement(for: s, earliest: true)?.placement
    }
}
