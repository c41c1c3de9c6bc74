import Foundation

/// Building a schedule greedily, and improving it by large-neighbourhood search.
extension ScheduleSearch {
    /// The first schedule: fixed sessions where they are booked, (in repair) every session where
    /// it was, then each session where it adds the least cost, predecessors first.
    mutating func construct() {
        // Fixed sessions first, where they are booked.
        for s in order { if let fixed = model.sessions[s].fixed, fits(s, fixed) { place(s, fixed) } }
        if minimizesMoves {
            // Keep every session where it was, when it still fits.
            for s in order where placements[s] == nil {
                if let previous = model.sessions[s].previous, model.sessions[s].rooms.contains(previous.room),
                    fits(s, previous),
                    previousFillsNeeds(s, previous)
                {
                    place(s, previous)
                }
            }
        }
        for s in order where placements[s] == nil {
            if let found = bestPlacement(for: s) { place(s, found.placement) }
        }
        if unplacedCount > 0 {
            // Try once more placing each session as early as it can, which leaves room for chains.
            var earliestFirst = self
            for s in order
            where earliestFirst.placements[s] != nil && earliestFirst.model.sessions[s].fixed == nil
                && !(minimizesMoves && earliestFirst.placements[s] == earliestFirst.model.sessions[s].previous)
            {
                earliestFirst.remove(s)
            }
            for s in order where earliestFirst.placements[s] == nil {
                if let found = earliestFirst.earliestPlacement(for: s) { earliestFirst.place(s, found) }
            }
            let spent = earliestFirst.steps
            if earliestFirst.unplacedCount < unplacedCount
                || (earliestFirst.unplacedCount == unplacedCount && earliestFirst.objective < objective)
            {
                self = earliestFirst
            }
            steps = spent
        }
    }

    /// A greedy build in a random order that still puts predecessors first, each session placed
    /// at its earliest or its cheapest place at random.
    mutating func constructRandomly() {
        for s in order { if let fixed = model.sessions[s].fixed, fits(s, fixed) { place(s, fixed) } }
        let count = model.sessions.count
        var indegree = [Int](repeating: 0, count: count)
        for s in 0..<count { indegree[s] = model.sessions[s].predecessors.filter { $0 != s }.count }
        var ready = (0..<count).filter { indegree[$0] == 0 }
        let earliestShare = random.next() % 4
        while !ready.isEmpty {
            // Mostly the most urgent ready session, sometimes another.
            ready.sort { rank[$0] < rank[$1] }
            let pick = random.next() % 3 == 0 ? Int(random.next() % UInt64(min(ready.count, 4))) : 0
            let s = ready.remove(at: pick)
            if placements[s] == nil {
                let earliest = random.next() % 4 < earliestShare
                if let found = bestPlacement(for: s, noise: earliest ? 0 : 3_000, earliest: earliest) {
                    place(s, found.placement)
                }
            }
            for t in successors[s] {
                indegree[t] -= 1
                if indegree[t] == 0 { ready.append(t) }
            }
        }
    }

    /// Puts every session back where `placements` has it.
    mutating func restore(_ placements: [ScheduleModel.Placement?]) {
        for s in order where self.placements[s] != nil { remove(s) }
        for s in order { if let placement = placements[s] { place(s, placement) } }
    }

    /// One round of large-neighbourhood search: take some sessions out, put them back, keep the
    /// result if it is no worse (or worse by at most `threshold`).
    mutating func improveOnce(threshold: Int64 = 0) {
        var first: [Int] = []
        var chosen: [Int]
        if unplacedCount > 0 && random.next() % 2 == 0 {
            let target = conflictNeighbourhood()
            first = target.first
            chosen = target.others
        } else {
            chosen = neighbourhood()
        }
        guard !chosen.isEmpty || !first.isEmpty else { return }
        let before = score
        var saved: [(Int, ScheduleModel.Placement?)] = []
        for s in chosen {
            saved.append((s, placements[s]))
            remove(s)
        }
        let noise: Int64 = random.next() % 4 == 0 ? 5_000 : 0
        // Unplaced sessions anywhere get a chance too.
        var toPlace = chosen
        if unplacedCount > chosen.count + first.count {
            for s in order where placements[s] == nil && !toPlace.contains(s) && !first.contains(s) {
                toPlace.append(s)
            }
        }
        toPlace.sort { rank[$0] < rank[$1] }
        toPlace = first + toPlace
        for s in toPlace where placements[s] == nil {
            if let found = bestPlacement(for: s, noise: noise, earliest: compact) { place(s, found.placement) }
        }
        if score > before + threshold {
            // Undo: take out what was placed now, restore the old placements.
            for s in toPlace where placements[s] != nil { remove(s) }
            for (s, old) in saved { if let old { place(s, old) } }
        }
        if compact {
            for s in order where placements[s] == nil {
                weight[s] += 1
                weightedUnplaced += 1
            }
        }
    }

    /// An unplaced session and some placed sessions in its way: those sharing its required
    /// people, its rooms or its people pools within the days it could take.
    mutating func conflictNeighbourhood() -> (first: [Int], others: [Int]) {
        let unplaced = order.filter { placements[$0] == nil && model.sessions[$0].fixed == nil }
        guard !unplaced.isEmpty else { return ([], []) }
        let u = unplaced[Int(random.next() % UInt64(unplaced.count))]
        let session = model.sessions[u]
        // The days it could take if its neighbours moved: from its release to its latest end.
        let lowDay = session.releaseSlot / slotsPerDay
        let highDay = min(days - 1, max(lowDay, (latestEnd[u] - 1) / slotsPerDay))
        let centre = lowDay + Int(random.next() % UInt64(highDay - lowDay + 1))
        let span = 1 + Int(random.next() % 3)
        var pool = Set(session.required)
        for need in session.needs { pool.formUnion(need.candidates) }
        let rooms = Set(session.rooms)
        var blockers: [Int] = []
        for s in 0..<model.sessions.count where s != u && model.sessions[s].fixed == nil {
            guard let placed = placements[s] else { continue }
            let day = placed.start / slotsPerDay
            guard abs(day - centre) <= span else { continue }
            if rooms.contains(placed.room) || placed.people.contains(where: { pool.contains($0) }) {
                blockers.append(s)
            }
        }
        blockers.shuffle(using: &random)
        var others = Array(blockers.prefix(2 + Int(random.next() % 6)))
        // Its placed predecessors, and theirs, may have to move earlier.
        switch random.next() % 3 {
        case 0:
            for p in session.predecessors
            where placements[p] != nil && model.sessions[p].fixed == nil && !others.contains(p) {
                others.append(p)
            }
        case 1:
            var stack = session.predecessors
            while let p = stack.popLast() {
                guard placements[p] != nil, model.sessions[p].fixed == nil, !others.contains(p) else { continue }
                others.append(p)
                stack += model.sessions[p].predecessors
            }
        default:
            break
        }
        return ([u], others)
    }

    /// Picks a few related sessions to take out.
    mutating func neighbourhood() -> [Int] {
        let count = model.sessions.count
        guard count > 0 else { return [] }
        let movable = (0..<count).filter { model.sessions[$0].fixed == nil }
        guard !movable.isEmpty else { return [] }
        var result: [Int] = []
        switch random.next() % 6 {
        case 0:
            // A few at random.
            let k = 2 + Int(random.next() % 4)
            for _ in 0..<k { result.append(movable[Int(random.next() % UInt64(movable.count))]) }
        case 1:
            // One song's chain.
            let s = movable[Int(random.next() % UInt64(movable.count))]
            result = groups[group[s]]
        case 2:
            // Everything on one day.
            let day = Int(random.next() % UInt64(days))
            result = movable.filter { placements[$0].map { $0.start / slotsPerDay == day } ?? false }
        case 3:
            // Everything of one person within a few days.
            let p = Int(random.next() % UInt64(max(1, model.people.count)))
            let day = Int(random.next() % UInt64(days))
            result = movable.filter { s in
                guard let placed = placements[s] else { return false }
                return placed.people.contains(p) && abs(placed.start / slotsPerDay - day) <= 3
            }
        case 4:
            // A stretch of two days in one room.
            let r = Int(random.next() % UInt64(max(1, model.rooms.count)))
            let day = Int(random.next() % UInt64(days))
            result = movable.filter { s in
                guard let placed = placements[s] else { return false }
                return placed.room == r && (day...day + 1).contains(placed.start / slotsPerDay)
            }
        default:
            // One session and its neighbours in its chain.
            let s = movable[Int(random.next() % UInt64(movable.count))]
            result = [s] + successors[s] + model.sessions[s].predecessors
        }
        var seen = Set<Int>()
        result = result.filter { model.sessions[$0].fixed == nil && seen.insert($0).inserted }
        if result.count > 12 { result = Array(result.shuffled(using: &random).prefix(12)) }
        return result
    }
}
