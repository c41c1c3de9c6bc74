import Foundation

/// The search state: what is booked where, and the running objective.
struct ScheduleSearch {
    let model: ScheduleModel
    let minimizesMoves: Bool
    let days: Int
    let slotsPerDay: Int
    var random: SplitMix64
    /// Work done: a step per place looked for, per day, per room on a day and per start tried.
    /// The scheduler's budget counts these, so that its result does not depend on the machine's
    /// speed.
    var steps = 0

    var placements: [ScheduleModel.Placement?]
    var roomBusy: [UInt64]
    var roomSlots: [Int]
    var personBusy: [UInt64]
    var personSlots: [Int]
    var personSessions: [Int]
    /// Sum of costs, plus `unplacedWeight` per unplaced session and `movedWeight` per moved one.
    var objective: Int64
    var unplacedCount: Int
    /// Packing mode: place sessions as early as possible and judge by the sessions placed and
    /// the sum of their starts, not by cost (used while some do not fit).
    var compact = false
    var startSum: Int64 = 0
    /// Packing mode weighs each unplaced session by how long it has stayed unplaced, so that the
    /// search may leave out an easier one to place a hard one (breakout).
    var weight: [Int64]
    var weightedUnplaced: Int64
    /// What the improvement rounds lower.
    var score: Int64 { compact ? (weightedUnplaced << 36) + startSum : objective }

    let unplacedWeight: Int64 = 1 << 50
    let movedWeight: Int64 = 1 << 40
    /// Sessions in an order that puts predecessors first.
    let order: [Int]
    let rank: [Int]
    let successors: [[Int]]
    /// Each session's latest end implied by its successors' deadlines and lengths.
    let latestEnd: [Int]
    /// Sessions linked by dependencies (one song's chain).
    let group: [Int]
    let groups: [[Int]]

    init(model: ScheduleModel, minimizesMoves: Bool, seed: UInt64) {
        self.model = model
        self.minimizesMoves = minimizesMoves
        days = model.dayCount
        slotsPerDay = model.slotsPerDay
        random = SplitMix64(seed: seed)
        let count = model.sessions.count
        placements = Array(repeating: nil, count: count)
        roomBusy = Array(repeating: 0, count: model.rooms.count * days)
        roomSlots = Array(repeating: 0, count: model.rooms.count * days)
        personBusy = Array(repeating: 0, count: model.people.count * days)
        personSlots = Array(repeating: 0, count: model.people.count * days)
        personSessions = Array(repeating: 0, count: model.people.count)
        unplacedCount = count
        objective = Int64(count) << 50
        weight = Array(repeating: 1, count: count)
        weightedUnplaced = Int64(count)

        var successors = [[Int]](repeating: [], count: count)
        var indegree = [Int](repeating: 0, count: count)
        for (s, session) in model.sessions.enumerated() {
            for p in session.predecessors where p != s {
                successors[p].append(s)
                indegree[s] += 1
            }
        }
        // Topological order, earliest deadline or due day first among the ready ones.
        func urgency(_ s: Int) -> Int {
            let session = model.sessions[s]
            return min(
                session.deadlineSlot ?? Int.max / 2,
                (session.dueDay.map { ($0 + 1) * model.slotsPerDay }) ?? Int.max / 2)
        }
        var ready = (0..<count).filter { indegree[$0] == 0 }
        var order: [Int] = []
        while !ready.isEmpty {
            ready.sort { (urgency($0), $0) < (urgency($1), $1) }
            let s = ready.removeFirst()
            order.append(s)
            for t in successors[s] {
                indegree[t] -= 1
                if indegree[t] == 0 { ready.append(t) }
            }
        }
        // A cycle leaves sessions out; they are appended and can never be placed before their
        // predecessors, so they stay unplaced (the explanation names the cycle).
        for s in 0..<count where !order.contains(s) { order.append(s) }
        self.order = order
        var rank = [Int](repeating: 0, count: count)
        for (i, s) in order.enumerated() { rank[s] = i }
        self.rank = rank
        self.successors = successors
        var latest = [Int](repeating: model.dayCount * model.slotsPerDay, count: count)
        for s in order.reversed() {
            var limit = model.sessions[s].deadlineSlot ?? model.dayCount * model.slotsPerDay
            for t in successors[s] { limit = min(limit, latest[t] - model.sessions[t].durationSlots) }
            latest[s] = limit
        }
        self.latestEnd = latest
        // Groups: connected components of the dependency graph.
        var group = [Int](repeating: -1, count: count)
        var groups: [[Int]] = []
        for s in 0..<count where group[s] < 0 {
            var stack = [s], members: [Int] = []
            group[s] = groups.count
            while let x = stack.popLast() {
                members.append(x)
                for y in successors[x] + model.sessions[x].predecessors where group[y] < 0 {
                    group[y] = groups.count
                    stack.append(y)
                }
            }
            groups.append(members.sorted { rank[$0] < rank[$1] })
        }
        self.group = group
        self.groups = groups
    }

    // MARK: Booking and unbooking

    mutating func place(_ s: Int, _ placement: ScheduleModel.Placement) {
        let session = model.sessions[s]
        let day = placement.start / slotsPerDay, slot = placement.start % slotsPerDay
        let mask = ScheduleModel.mask(start: slot, length: session.durationSlots)
        var delta: Int64 = -unplacedWeight
        let r = placement.room * days + day
        delta +=
            model.roomDayCost(model.rooms[placement.room], slots: roomSlots[r] + session.durationSlots)
            - model.roomDayCost(model.rooms[placement.room], slots: roomSlots[r])
        roomBusy[r] |= mask
        roomSlots[r] += session.durationSlots
        for p in placement.people {
            delta += personDelta(p, day: day, adding: session.durationSlots)
            personBusy[p * days + day] |= mask
            personSlots[p * days + day] += session.durationSlots
            personSessions[p] += 1
        }
        if let due = session.dueDay, day > due { delta += Int64(day - due) * model.latenessPenaltyPerDay }
        if minimizesMoves, let previous = session.previous, previous != placement { delta += movedWeight }
        placements[s] = placement
        objective += delta
        unplacedCount -= 1
        weightedUnplaced -= weight[s]
        startSum += Int64(placement.start)
    }

    mutating func remove(_ s: Int) {
        guard let placement = placements[s] else { return }
        let session = model.sessions[s]
        let day = placement.start / slotsPerDay, slot = placement.start % slotsPerDay
        let mask = ScheduleModel.mask(start: slot, length: session.durationSlots)
        var delta: Int64 = unplacedWeight
        let r = placement.room * days + day
        roomBusy[r] &= ~mask
        roomSlots[r] -= session.durationSlots
        delta +=
            model.roomDayCost(model.rooms[placement.room], slots: roomSlots[r])
            - model.roomDayCost(model.rooms[placement.room], slots: roomSlots[r] + session.durationSlots)
        for p in placement.people {
            personBusy[p * days + day] &= ~mask
            personSlots[p * days + day] -= session.durationSlots
            personSessions[p] -= 1
            delta -= personDelta(p, day: day, adding: session.durationSlots)
        }
        if let due = session.dueDay, day > due { delta -= Int64(day - due) * model.latenessPenaltyPerDay }
        if minimizesMoves, let previous = session.previous, previous != placement { delta -= movedWeight }
        placements[s] = nil
        objective += delta
        unplacedCount += 1
        weightedUnplaced += weight[s]
        startSum -= Int64(placement.start)
    }

    /// What adding `slots` to person `p` on `day` costs, given what they already work.
    @inline(__always) func personDelta(_ p: Int, day: Int, adding slots: Int) -> Int64 {
        let person = model.people[p]
        switch person.rateUnit {
        case .hour:
            let have = personSlots[p * days + day]
            let before = have > 0 ? max(have, person.minimumSlots) : 0
            return Int64(max(have + slots, person.minimumSlots) - before) * person.rate
        case .day: return personSlots[p * days + day] == 0 ? person.rate : 0
        case .session: return person.rate
        case .flat: return personSessions[p] == 0 ? person.rate : 0
        }
    }

    /// Slots a person is free in on `day` for a session of `length`, counting breaks and the day's limit.
    @inline(__always) func freeMask(person p: Int, day: Int, length: Int) -> UInt64 {
        let index = p * days + day
        if personSlots[index] + length > model.maxWorkSlotsPerDay { return 0 }
        let busy = personBusy[index]
        var blocked = busy
        if busy != 0 {
            for k in 0..<model.breakSlots {
                blocked |= busy << UInt64(k + 1) | busy >> UInt64(k + 1)
            }
        }
        return model.people[p].available[day] & ~blocked
    }
}
