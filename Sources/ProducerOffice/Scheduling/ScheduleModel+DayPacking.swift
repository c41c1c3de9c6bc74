import Foundation

/// Day packing: the sessions one person (or one room) must be in, packed into the days they can happen.
///
/// Every session gets the days it can happen on its own (its people, rooms and role pools free
/// together; its release and deadline; the earliest its predecessors can end and the latest its
/// successors allow). For each person, the sessions they must attend (required, or the whole pool of
/// a need) are then packed into days exactly, by a search day by day: on one day the person's
/// sessions must follow each other with a break, each in its own hours that day, in chain order,
/// and add up to at most `maxWorkSlotsPerDay`. Rooms that are the only fitting room for some
/// sessions are packed the same way (no break, no daily limit).
///
/// Everything here relaxes the model (other people, rooms and the rest of the schedule are left
/// out), so when a packing does not exist no schedule exists. The search has a budget of work
/// steps, the same on every machine; when it runs out (or the wall clock stops it) it proves
/// nothing.
extension ScheduleModel {
    /// A proof that one person's or room's sessions do not fit into their days, or nil.
    ///
    /// The first packing of a resource may take half of the steps `budget` had, each packing of
    /// the deletion filter a sixth.
    func dayPackingConflict(budget: inout ProofBudget) -> ScheduleConflict? {
        let total = budget.stepsLeft
        guard !budget.isSpent, let windows = DayWindows(self, budget: &budget) else { return nil }
        for resource in packingResources() {
            guard !budget.isSpent else { return nil }
            let packing = DayPacking(model: self, windows: windows, resource: resource)
            guard packing.items.count >= 2 else { continue }
            let everything = Array(packing.items.indices)
            guard packing.fits(everything, steps: total / 2, budget: &budget) == false else { continue }
            // Deletion filter: leave out each session in turn; keep it out when the rest still do not fit.
            var core = everything
            for item in packing.deletionOrder() where core.count > 2 {
                let rest = core.filter { $0 != item }
                if packing.fits(rest, steps: total / 6, budget: &budget) == false { core = rest }
            }
            return packing.conflict(core)
        }
        return nil
    }

    /// A proof as ``dayPackingConflict(budget:)`` finds it with the standard work and no clock.
    func dayPackingConflict() -> ScheduleConflict? {
        var budget = ProofBudget(steps: Self.standardProofWork)
        return dayPackingConflict(budget: &budget)
    }

    /// The people and rooms worth packing: each with the sessions that must use them.
    func packingResources() -> [PackingResource] {
        var result: [PackingResource] = []
        for p in people.indices {
            var mine: [Int] = []
            for (s, session) in sessions.enumerated() {
                if let fixed = session.fixed {
                    if fixed.people.contains(p) { mine.append(s) }
                } else if session.required.contains(p)
                    || session.needs.contains(where: { $0.candidates.count <= $0.count && $0.candidates.contains(p) })
                {
                    mine.append(s)
                }
            }
            if mine.count >= 2 { result.append(PackingResource(person: p, room: nil, sessions: mine)) }
        }
        for r in rooms.indices {
            let mine = sessions.indices.filter { s in
                if let fixed = sessions[s].fixed { return fixed.room == r }
                return fittingRooms(s).rooms == [r]
            }
            if mine.count >= 2 { result.append(PackingResource(person: nil, room: r, sessions: mine)) }
        }
        // The busiest first: the ones most likely to be short of days.
        return result.sorted { $0.sessions.count > $1.sessions.count }
    }
}

struct PackingResource {
    var person: Int?
    var room: Int?
    var sessions: [Int]
}
