import Foundation

/// An exact packing of one resource's sessions into days (a relaxation of the whole schedule).
struct DayPacking {
    let model: ScheduleModel
    let windows: DayWindows
    let resource: PackingResource
    /// The sessions, by index into `model.sessions`.
    let items: [Int]
    let duration: [Int]
    /// Per item and day: the earliest start and latest end that day (slots of the day), nil when it cannot be that day.
    let span: [[(start: Int, end: Int)?]]
    /// `before[i][j]`: item i must end before item j starts, with at least `lag[i][j]` slots between.
    let before: [[Bool]]
    let lag: [[Int]]
    let breakSlots: Int
    /// Most slots worked on each day.
    let work: [Int]

    init(model: ScheduleModel, windows: DayWindows, resource: PackingResource) {
        self.model = model
        self.windows = windows
        self.resource = resource
        let spd = model.slotsPerDay
        var items: [Int] = []
        var span: [[(start: Int, end: Int)?]] = []
        for s in resource.sessions {
            let length = model.sessions[s].durationSlots
            var row: [(start: Int, end: Int)?] = []
            for d in 0..<model.dayCount {
                if let (first, last) = windows.range(s, day: d, spd: spd) {
                    row.append((first, last + length))
                } else {
                    row.append(nil)
                }
            }
            items.append(s)
            span.append(row)
        }
        self.items = items
        self.span = span
        duration = items.map { model.sessions[$0].durationSlots }
        // Longest chain of work between two of the resource's sessions (the sessions in between must fit too).
        let n = model.sessions.count
        // from item session: longest path (sum of durations strictly between) to each session, -1 when unreachable
        var longest = [Int: [Int]]()
        var successors = Array(repeating: [Int](), count: n)
        for (s, session) in model.sessions.enumerated() { for q in session.predecessors { successors[q].append(s) } }
        for s in items {
            var dist = Array(repeating: -1, count: n)
            dist[s] = 0
            // The model is acyclic here (DayWindows checked it): relax in a topological order of what follows s.
            var order: [Int] = []
            var seen = Set<Int>()
            func visit(_ u: Int) {
                if seen.contains(u) { return }
                seen.insert(u)
                for t in successors[u] { visit(t) }
                order.append(u)
            }
            visit(s)
            for u in order.reversed() where dist[u] >= 0 {
                let through = u == s ? 0 : dist[u] + model.sessions[u].durationSlots
                for t in successors[u] where through > dist[t] { dist[t] = through }
            }
            longest[s] = dist
        }
        var before = Array(repeating: Array(repeating: false, count: items.count), count: items.count)
        var lag = Array(repeating: Array(repeating: 0, count: items.count), count: items.count)
        for i in items.indices {
            for j in items.indices where i != j {
                let d = longest[items[i]]![items[j]]
                if d >= 0 {
                    before[i][j] = true
                    lag[i][j] = d
                }
            }
        }
        self.before = before
        self.lag = lag
        if let p = resource.person {
            breakSlots = model.breakSlots
            work = (0..<model.dayCount).map {
                min(model.maxWorkSlotsPerDay, model.people[p].available[$0].nonzeroBitCount)
            }
        } else {
            breakSlots = 0
            work = Array(repeating: spd, count: model.dayCount)
        }
    }

    /// The order the deletion filter tries leaving sessions out: shortest first.
    func deletionOrder() -> [Int] {
        items.indices.sorted { (duration[$0], $0) < (duration[$1], $1) }
    }

    // MARK: The search

    struct Bits: Hashable {
        var words: [UInt64]
        init(count: Int) { words = Array(repeating: 0, count: (count + 63) / 64) }
        func contains(_ i: Int) -> Bool { words[i >> 6] & (UInt64(1) << UInt64(i & 63)) != 0 }
        mutating func insert(_ i: Int) { words[i >> 6] |= UInt64(1) << UInt64(i & 63) }
        mutating func remove(_ i: Int) { words[i >> 6] &= ~(UInt64(1) << UInt64(i & 63)) }
    }

    struct Memo: Hashable {
        var day: Int
        var placed: Bits
    }

    /// True when `subset` (indices into `items`) packs into days, false when it provably does not,
    /// nil when `budget`, or the `steps` of it this call may take, ran out first.
    func fits(_ subset: [Int], steps: Int = .max, budget: inout ProofBudget) -> Bool? {
        var search = Search(packing: self, subset: subset, budget: budget.share(steps))
        let result = search.run()
        budget.absorb(search.budget)
        return result
    }
}
