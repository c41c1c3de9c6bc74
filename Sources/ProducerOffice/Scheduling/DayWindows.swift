import Foundation

/// For each session, the start slots at which it fits on its own, cut to the times its chain allows.
struct DayWindows {
    /// `starts[s][d]`: bit `t` set when session `s` can start at slot `t` of day `d`.
    var starts: [[UInt64]]
    /// Earliest start and latest start (absolute) after the release, deadline and chains.
    var earliest: [Int]
    var latest: [Int]
    /// For days without a start, why not (first reason found), by session and day.
    var reasons: [[DayReason?]]

    enum DayReason: Hashable {
        case person(Int), noRoom, pool(String), together, tooEarly, tooLate
    }

    /// The windows of `model`'s sessions, or nil when a chain has a cycle or a session fits on no day.
    init?(_ model: ScheduleModel) {
        var budget = ProofBudget.unlimited
        self.init(model, budget: &budget)
    }

    /// The windows, or nil as above or when `budget` runs out first (it spends a step per
    /// session and day).
    init?(_ model: ScheduleModel, budget: inout ProofBudget) {
        let spd = model.slotsPerDay, days = model.dayCount
        let n = model.sessions.count
        starts = Array(repeating: Array(repeating: 0, count: days), count: n)
        reasons = Array(repeating: Array(repeating: nil, count: days), count: n)
        earliest = Array(repeating: 0, count: n)
        latest = Array(repeating: 0, count: n)
        let available = model.people.map(\.available)
        let open = model.rooms.map(\.open)
        for (s, session) in model.sessions.enumerated() {
            if !budget.spend(max(1, days)) { return nil }
            let length = session.durationSlots
            guard length > 0, length <= spd else { return nil }
            if let fixed = session.fixed {
                // A placement off the grid (the model keeps confirmed bookings outside its days out
                // of its sessions, but a hand-made model may not) proves nothing here.
                guard fixed.start >= 0, fixed.start / spd < days, fixed.start % spd + length <= spd else { return nil }
                let day = fixed.start / spd
                starts[s][day] = UInt64(1) << UInt64(fixed.start % spd)
                for d in 0..<days where d != day { reasons[s][d] = .together }
                continue
            }
            let rooms = model.fittingRooms(s).rooms
            for d in 0..<days {
                var common: UInt64 = ~0
                var reason: DayReason?
                for p in session.required {
                    common &= available[p][d]
                    if common == 0, reason == nil { reason = .person(p) }
                }
                // Starts where the required people and some room are free for the whole session.
                var bits: UInt64 = 0
                var anyRoom = false
                for r in rooms {
                    if open[r][d] != 0 { anyRoom = true }
                    bits |= Self.runStarts(common & open[r][d], length: length, spd: spd)
                }
                // …and where each role need has enough of its candidates free.
                for need in session.needs where bits != 0 {
                    if need.count == 1 {
                        var any: UInt64 = 0
                        for c in need.candidates { any |= Self.runStarts(available[c][d], length: length, spd: spd) }
                        bits &= any
                    } else {
                        let runs = need.candidates.map { Self.runStarts(available[$0][d], length: length, spd: spd) }
                        var remaining = bits
                        while remaining != 0 {
                            let t = remaining.trailingZeroBitCount
                            remaining &= remaining - 1
                            let bit = UInt64(1) << UInt64(t)
                            if runs.reduce(0, { $0 + ($1 & bit != 0 ? 1 : 0) }) < need.count { bits &= ~bit }
                        }
                    }
                }
                starts[s][d] = bits
                if bits == 0 {
                    if reason == nil && !anyRoom { reason = .noRoom }
                    if reason == nil {
                        for need in session.needs where !need.candidates.contains(where: { available[$0][d] != 0 }) {
                            reason = .pool(need.role)
                            break
                        }
                    }
                    reasons[s][d] = reason ?? .together
                }
            }
        }
        // Topological order of the chains (a cycle is the chain check's to report).
        var successors = Array(repeating: [Int](), count: n)
        var indegree = Array(repeating: 0, count: n)
        for (s, session) in model.sessions.enumerated() {
            for q in session.predecessors where q >= 0 && q < n {
                successors[q].append(s)
                indegree[s] += 1
            }
        }
        var order = (0..<n).filter { indegree[$0] == 0 }
        var head = 0
        while head < order.count {
            for t in successors[order[head]] {
                indegree[t] -= 1
                if indegree[t] == 0 { order.append(t) }
            }
            head += 1
        }
        guard order.count == n else { return nil }
        let horizon = days * spd
        for s in order {
            let session = model.sessions[s]
            var from = max(0, session.releaseSlot)
            for q in session.predecessors { from = max(from, earliest[q] + model.sessions[q].durationSlots) }
            guard let first = Self.firstStart(starts[s], from: from, spd: spd) else { return nil }
            earliest[s] = first
        }
        for s in order.reversed() {
            let session = model.sessions[s]
            var end = min(horizon, session.deadlineSlot ?? horizon)
            for t in successors[s] { end = min(end, latest[t]) }
            guard let last = Self.lastStart(starts[s], through: end - session.durationSlots, spd: spd),
                last >= earliest[s]
            else { return nil }
            latest[s] = last
        }
        // Days cut off by the chains.
        for s in 0..<n {
            for d in 0..<days where reasons[s][d] == nil {
                let lo = d * spd, hi = d * spd + spd - 1
                if hi < earliest[s] {
                    reasons[s][d] = .tooEarly
                } else if lo > latest[s] {
                    reasons[s][d] = .tooLate
                } else if range(s, day: d, spd: spd) == nil {
                    let lastBit = lo + 63 - starts[s][d].leadingZeroBitCount
                    reasons[s][d] = lastBit < earliest[s] ? .tooEarly : .tooLate
                }
            }
        }
    }

    /// The slots `t` of `free` from which `length` slots in a row are free (within the day).
    static func runStarts(_ free: UInt64, length: Int, spd: Int) -> UInt64 {
        var run = free
        var k = 1
        while k < length && run != 0 {
            run &= free >> UInt64(k)
            k += 1
        }
        let count = spd - length + 1
        return count <= 0 ? 0 : count >= 64 ? run : run & ((UInt64(1) << UInt64(count)) - 1)
    }

    static func firstStart(_ starts: [UInt64], from: Int, spd: Int) -> Int? {
        var d = max(0, from / spd)
        while d < starts.count {
            var bits = starts[d]
            let lo = from - d * spd
            if lo > 0 { bits &= lo >= 64 ? 0 : ~((UInt64(1) << UInt64(lo)) - 1) }
            if bits != 0 { return d * spd + bits.trailingZeroBitCount }
            d += 1
        }
        return nil
    }

    static func lastStart(_ starts: [UInt64], through: Int, spd: Int) -> Int? {
        guard through >= 0 else { return nil }
        var d = min(starts.count - 1, through / spd)
        while d >= 0 {
            var bits = starts[d]
            let hi = through - d * spd
            if hi < 63 { bits &= (UInt64(1) << UInt64(hi + 1)) - 1 }
            if bits != 0 { return d * spd + 63 - bits.leadingZeroBitCount }
            d -= 1
        }
        return nil
    }

    /// The first and last start of session `s` on day `d` within its window, as slots of the day.
    func range(_ s: Int, day d: Int, spd: Int) -> (first: Int, last: Int)? {
        var bits = starts[s][d]
        let lo = earliest[s] - d * spd, hi = latest[s] - d * spd
        if hi < 0 || lo >= spd { return nil }
        if lo > 0 { bits &= ~((UInt64(1) << UInt64(lo)) - 1) }
        if hi < 63 { bits &= (UInt64(1) << UInt64(hi + 1)) - 1 }
        guard bits != 0 else { return nil }
        return (bits.trailingZeroBitCount, 63 - bits.leadingZeroBitCount)
    }
}
