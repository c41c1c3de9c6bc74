import Foundation

/// Finds a schedule: a room, a start and people for every session, keeping every hard rule and
/// lowering the cost (studio, people, lateness).
///
/// It builds a schedule greedily — each session, predecessors first, goes where it adds the
/// least cost — then improves it by large-neighbourhood search: it takes out a few related
/// sessions (a day, a song, a person's week, a stretch of days, or some at random), puts them
/// back where each costs least, and keeps the change when the schedule got no worse. Sessions
/// it cannot place stay unplaced and weigh more than any cost, so the search first tries to
/// place them. In repair mode every session moved from its previous placement also weighs more
/// than any cost, so it moves as few as it can.
///
/// The search is deterministic for a seed and a number of improvement rounds; with a time limit
/// it stops at the limit.
public struct Scheduler: Sendable {
    /// How long to improve the schedule, in seconds.
    public var timeLimit: Double
    /// Stop after this many improvement rounds (for repeatable runs); nil runs until the limit.
    public var maxRounds: Int?
    public var seed: UInt64
    /// Keep sessions where they were (repair after a cancellation) before lowering cost.
    public var minimizesMoves: Bool
    /// How much worse, as a share of the mean cost per session, a round may make the schedule
    /// early in the search (threshold accepting); 0 accepts no worse schedule.
    public var temperature: Double = 0.5
    /// Independent searches run side by side (on as many cores), from seeds `seed`, `seed + 1`…;
    /// the best schedule wins. The result does not depend on timing when `maxRounds` is set.
    public var threads: Int = 2

    public init(timeLimit: Double = 1.5, maxRounds: Int? = nil, seed: UInt64 = 1, minimizesMoves: Bool = false) {
        self.timeLimit = timeLimit
        self.maxRounds = maxRounds
        self.seed = seed
        self.minimizesMoves = minimizesMoves
    }

    /// What the search found.
    public struct Result: Sendable {
        /// One entry per session of the model; nil where a session could not be placed.
        public var placements: [ScheduleModel.Placement?]
        public var cost: ScheduleCost
        /// Seconds until every session first had a place (nil if that never happened).
        public var firstCompleteSeconds: Double?
        public var seconds: Double
        public var rounds: Int
        /// Cost of the best complete schedule after each improvement, with its time.
        public var trace: [Trace]
        /// The cost of a complete schedule at a moment of the search.
        public struct Trace: Sendable {
            public var seconds: Double
            public var cost: Int64
        }
        public var isComplete: Bool { placements.allSatisfy { $0 != nil } }
        public var unplaced: [Int] { placements.indices.filter { placements[$0] == nil } }
    }

    public func solve(_ model: ScheduleModel) -> Result {
        guard threads > 1 else { return solveOne(model, seed: seed) }
        let results = ResultBox(count: threads)
        DispatchQueue.concurrentPerform(iterations: threads) { i in
            results.set(i, solveOne(model, seed: seed &+ UInt64(i)))
        }
        let all = results.values.compactMap { $0 }
        var best = all[0]
        for result in all.dropFirst() {
            if (result.unplaced.count, result.cost.total + Int64(result.cost.moved) << 40)
                < (best.unplaced.count, best.cost.total + Int64(best.cost.moved) << 40)
            {
                best = result
            }
        }
        best.firstCompleteSeconds = all.compactMap(\.firstCompleteSeconds).min()
        best.rounds = all.reduce(0) { $0 + $1.rounds }
        return best
    }

    func solveOne(_ model: ScheduleModel, seed: UInt64) -> Result {
        // A NaN limit would never be reached: it stops at once, like a limit of 0.
        let timeLimit = timeLimit.isNaN ? 0 : timeLimit
        let clock = ContinuousClock()
        let started = clock.now
        func elapsed() -> Double {
            let d = clock.now - started
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        var search = Search(model: model, minimizesMoves: minimizesMoves, seed: seed)
        search.construct()
        if search.unplacedCount > 0 {
            // Build again with random priorities and placement rules, while that helps, for at most
            // a third of the time; keep the build with the fewest sessions left out.
            var restart = 0
            while search.unplacedCount > 0 {
                if let maxRounds, restart >= maxRounds / 4 { break }
                if maxRounds == nil, elapsed() >= timeLimit / 3 { break }
                restart += 1
                var trial = Search(model: model, minimizesMoves: minimizesMoves, seed: seed &+ UInt64(restart) &* 0x9E37_79B9)
                trial.constructRandomly()
                if trial.unplacedCount < search.unplacedCount
                    || (trial.unplacedCount == search.unplacedCount && trial.objective < search.objective)
                {
                    search = trial
                }
            }
        }
        var firstComplete: Double? = search.unplacedCount == 0 ? elapsed() : nil
        var best = search.placements
        var bestObjective = search.objective
        var trace: [Result.Trace] = firstComplete != nil ? [.init(seconds: elapsed(), cost: search.objective)] : []
        var rounds = 0
        // While sessions are unplaced, pack sessions early (ignoring cost) until all fit; then lower the cost.
        search.compact = search.unplacedCount > 0
        var lastProgress = 0.0
        var costScale: Double?
        var lastImprovement = 0
        while true {
            if let maxRounds, rounds >= maxRounds { break }
            // Every round: over years of days one round can take milliseconds.
            if maxRounds == nil, elapsed() >= timeLimit { break }
            rounds += 1
            // Threshold accepting: early on, accept a little worse to leave local minima; the
            // threshold falls to zero over the first 80 % of the time (or of the rounds).
            var threshold: Int64 = 0
            if !search.compact && search.unplacedCount == 0 {
                let progress = maxRounds.map { Double(rounds) / Double(max(1, $0)) } ?? (rounds % 16 == 1 ? elapsed() / timeLimit : lastProgress)
                lastProgress = progress
                if costScale == nil { costScale = Double(model.cost(of: best).total) / Double(max(1, model.sessions.count)) }
                let scale = (costScale ?? 0) * temperature
                threshold = Int64(scale * max(0, 1 - progress / 0.8))
                if rounds - lastImprovement > 3_000 {
                    // Lost: go back to the best schedule found.
                    search.restore(best)
                    lastImprovement = rounds
                }
            }
            search.improveOnce(threshold: threshold)
            if search.compact && search.unplacedCount == 0 { search.compact = false }
            if search.objective < bestObjective {
                lastImprovement = rounds
                bestObjective = search.objective
                best = search.placements
                if search.unplacedCount == 0 {
                    if firstComplete == nil { firstComplete = elapsed() }
                    trace.append(.init(seconds: elapsed(), cost: model.cost(of: best).total))
                }
            }
        }
        return Result(
            placements: best, cost: model.cost(of: best), firstCompleteSeconds: firstComplete, seconds: elapsed(),
            rounds: rounds, trace: trace)
    }
}

/// Results of searches running side by side.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Scheduler.Result?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ result: Scheduler.Result) {
        lock.lock()
        storage[i] = result
        lock.unlock()
    }
    var values: [Scheduler.Result?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

/// The search state: what is booked where, and the running objective.
struct Search {
    let model: ScheduleModel
    let minimizesMoves: Bool
    let days: Int
    let slotsPerDay: Int
    var random: SplitMix64

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
            return min(session.deadlineSlot ?? Int.max / 2, (session.dueDay.map { ($0 + 1) * model.slotsPerDay }) ?? Int.max / 2)
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
        delta += model.roomDayCost(model.rooms[placement.room], slots: roomSlots[r] + session.durationSlots)
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
        delta += model.roomDayCost(model.rooms[placement.room], slots: roomSlots[r])
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

    // MARK: Finding the best place

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
    mutating func bestPlacement(for s: Int, noise: Int64 = 0, earliest preferEarliest: Bool = false) -> (placement: ScheduleModel.Placement, delta: Int64)? {
        let session = model.sessions[s]
        if let fixed = session.fixed { return fits(s, fixed) ? (fixed, 0) : nil }
        let length = session.durationSlots
        let (earliest, latestEnd) = window(of: s)
        guard latestEnd - earliest >= length else { return nil }
        let firstDay = earliest / slotsPerDay
        let lastDay = min(days - 1, (latestEnd - length) / slotsPerDay)
        guard firstDay <= lastDay else { return nil }
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
                let roomDelta = model.roomDayCost(room, slots: roomSlots[index] + length) - model.roomDayCost(room, slots: roomSlots[index])
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
                                if cost < pickCost || (cost == pickCost && model.people[c].headcount < model.people[pick].headcount) {
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
                    if !session.avoid.isEmpty && session.avoid.contains(where: { $0.lowerBound < absolute + length && $0.upperBound >= absolute }) {
                        start += 1
                        continue
                    }
                    if filled && heads <= room.capacity {
                        var key = delta
                        if minimizesMoves, let previous = session.previous,
                            previous.room != r || previous.start != absolute || Array(previous.people.dropFirst(session.required.count)) != chosen
                        {
                            key += movedWeight
                        }
                        if noise > 0 { key += Int64(random.next() % UInt64(noise)) }
                        let candidate = preferEarliest ? (Int64(absolute), Int(clamping: key)) : (key, absolute)
                        if candidate < bestKey {
                            bestKey = candidate
                            best = (ScheduleModel.Placement(room: r, start: absolute, people: session.required + chosen), delta)
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
        for p in placement.people where !model.people.indices.contains(p) || freeMask(person: p, day: day, length: session.durationSlots) & mask != mask {
            return false
        }
        if session.fixed == nil {
            let (earliest, latest) = window(of: s)
            if placement.start < earliest || placement.start + session.durationSlots > latest { return false }
        }
        return true
    }

    // MARK: Construction and improvement

    mutating func construct() {
        // Fixed sessions first, where they are booked.
        for s in order { if let fixed = model.sessions[s].fixed, fits(s, fixed) { place(s, fixed) } }
        if minimizesMoves {
            // Keep every session where it was, when it still fits.
            for s in order where placements[s] == nil {
                if let previous = model.sessions[s].previous, model.sessions[s].rooms.contains(previous.room), fits(s, previous),
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
            for s in order where earliestFirst.placements[s] != nil && earliestFirst.model.sessions[s].fixed == nil
                && !(minimizesMoves && earliestFirst.placements[s] == earliestFirst.model.sessions[s].previous)
            {
                earliestFirst.remove(s)
            }
            for s in order where earliestFirst.placements[s] == nil {
                if let found = earliestFirst.earliestPlacement(for: s) { earliestFirst.place(s, found) }
            }
            if earliestFirst.unplacedCount < unplacedCount
                || (earliestFirst.unplacedCount == unplacedCount && earliestFirst.objective < objective)
            {
                self = earliestFirst
            }
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
                if let found = bestPlacement(for: s, noise: earliest ? 0 : 3_000, earliest: earliest) { place(s, found.placement) }
            }
            for t in successors[s] {
                indegree[t] -= 1
                if indegree[t] == 0 { ready.append(t) }
            }
        }
    }

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

    /// One round of large-neighbourhood search: take some sessions out, put them back, keep the
    /// result if it is no worse.
    /// Puts every session back where `placements` has it.
    mutating func restore(_ placements: [ScheduleModel.Placement?]) {
        for s in order where self.placements[s] != nil { remove(s) }
        for s in order { if let placement = placements[s] { place(s, placement) } }
    }

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
            for s in order where placements[s] == nil && !toPlace.contains(s) && !first.contains(s) { toPlace.append(s) }
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
            if rooms.contains(placed.room) || placed.people.contains(where: { pool.contains($0) }) { blockers.append(s) }
        }
        blockers.shuffle(using: &random)
        var others = Array(blockers.prefix(2 + Int(random.next() % 6)))
        // Its placed predecessors, and theirs, may have to move earlier.
        switch random.next() % 3 {
        case 0:
            for p in session.predecessors where placements[p] != nil && model.sessions[p].fixed == nil && !others.contains(p) {
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
