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
/// out), so when a packing does not exist no schedule exists. The search has a time budget; when it
/// runs out it proves nothing.
extension ScheduleModel {
    /// A proof that one person's or room's sessions do not fit into their days, or nil.
    func dayPackingConflict(budget: TimeInterval = 1.5) -> ScheduleConflict? {
        let deadline = Date().addingTimeInterval(budget)
        guard budget > 0, let windows = DayWindows(self, deadline: deadline) else { return nil }
        for resource in packingResources() {
            guard Date() < deadline else { return nil }
            let packing = DayPacking(model: self, windows: windows, resource: resource)
            guard packing.items.count >= 2 else { continue }
            let everything = Array(packing.items.indices)
            let remaining = deadline.timeIntervalSinceNow
            guard packing.fits(everything, until: Date().addingTimeInterval(min(remaining, budget / 2))) == false else { continue }
            // Deletion filter: leave out each session in turn; keep it out when the rest still do not fit.
            var core = everything
            for item in packing.deletionOrder() where core.count > 2 {
                let rest = core.filter { $0 != item }
                let until = Date().addingTimeInterval(min(0.25, max(0, deadline.timeIntervalSinceNow)))
                if packing.fits(rest, until: until) == false { core = rest }
            }
            return packing.conflict(core)
        }
        return nil
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

    /// The windows of `model`'s sessions, or nil when a chain has a cycle, a session fits on no
    /// day, or `deadline` passes first (the work grows with the sessions times the days).
    init?(_ model: ScheduleModel, deadline: Date = .distantFuture) {
        let spd = model.slotsPerDay, days = model.dayCount
        let n = model.sessions.count
        starts = Array(repeating: Array(repeating: 0, count: days), count: n)
        reasons = Array(repeating: Array(repeating: nil, count: days), count: n)
        earliest = Array(repeating: 0, count: n)
        latest = Array(repeating: 0, count: n)
        let available = model.people.map(\.available)
        let open = model.rooms.map(\.open)
        for (s, session) in model.sessions.enumerated() {
            if Date() >= deadline { return nil }
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
            guard let last = Self.lastStart(starts[s], through: end - session.durationSlots, spd: spd), last >= earliest[s] else { return nil }
            latest[s] = last
        }
        // Days cut off by the chains.
        for s in 0..<n {
            for d in 0..<days where reasons[s][d] == nil {
                let lo = d * spd, hi = d * spd + spd - 1
                if hi < earliest[s] { reasons[s][d] = .tooEarly } else if lo > latest[s] { reasons[s][d] = .tooLate } else if range(s, day: d, spd: spd) == nil {
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
                if let (first, last) = windows.range(s, day: d, spd: spd) { row.append((first, last + length)) } else { row.append(nil) }
            }
            items.append(s)
            span.append(row)
        }
        self.items = items
        self.span = span
        duration = items.map { model.sessions[$0].durationSlots }
        // Longest chain of work between two of the resource's sessions (the sessions in between must fit too).
        let n = model.sessions.count
        var longest = [Int: [Int]]()  // from item session: longest path (sum of durations strictly between) to each session, -1 when unreachable
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
            work = (0..<model.dayCount).map { min(model.maxWorkSlotsPerDay, model.people[p].available[$0].nonzeroBitCount) }
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
    /// nil when the time ran out first.
    func fits(_ subset: [Int], until deadline: Date) -> Bool? {
        var search = Search(packing: self, subset: subset, deadline: deadline)
        return search.run()
    }

    struct Search {
        let packing: DayPacking
        let subset: [Int]
        let deadline: Date
        let days: Int
        /// Day capacity in span (slots from the earliest start to the latest end of the subset's sessions that day, plus one break).
        var capacity: [Int]
        var lastDay: [Int]
        var weight: [Int]
        /// Items that cannot share any of their days with another such item.
        var big: [Bool]
        var failed = Set<Memo>()
        var placed: Bits
        var steps = 0
        var timedOut = false

        init(packing: DayPacking, subset: [Int], deadline: Date) {
            self.packing = packing
            self.subset = subset
            self.deadline = deadline
            days = packing.model.dayCount
            let n = packing.items.count
            placed = Bits(count: n)
            for i in 0..<n where !subset.contains(i) { placed.insert(i) }
            capacity = Array(repeating: 0, count: days)
            for d in 0..<days {
                var lo = Int.max, hi = Int.min
                for i in subset { if let w = packing.span[i][d] { lo = min(lo, w.start); hi = max(hi, w.end) } }
                capacity[d] = lo == Int.max ? 0 : hi - lo + packing.breakSlots
            }
            lastDay = Array(repeating: -1, count: n)
            weight = Array(repeating: 0, count: n)
            big = Array(repeating: false, count: n)
            for i in subset {
                weight[i] = packing.duration[i] + packing.breakSlots
                lastDay[i] = (0..<days).last { packing.span[i][$0] != nil } ?? -1
                big[i] = (0..<days).allSatisfy { d in packing.span[i][d] == nil || 2 * weight[i] > capacity[d] }
            }
        }

        mutating func run() -> Bool? {
            if subset.contains(where: { lastDay[$0] < 0 }) { return false }
            let result = search(day: 0)
            if timedOut { return nil }
            return result
        }

        mutating func search(day: Int) -> Bool {
            if subset.allSatisfy({ placed.contains($0) }) { return true }
            if day >= days { return false }
            steps += 1
            if steps & 255 == 0, Date() >= deadline { timedOut = true }
            if timedOut { return false }
            let key = Memo(day: day, placed: placed)
            if failed.contains(key) { return false }
            if !bounded(from: day) {
                failed.insert(key)
                return false
            }
            // Sessions that can be on this day now: their earlier sessions of the resource placed or in the pattern.
            let candidates = subset.filter { i in
                !placed.contains(i) && packing.span[i][day] != nil
            }.sorted {
                // By last day, then earliest start: a session's earlier sessions of the resource come before it.
                (lastDay[$0], packing.windows.earliest[packing.items[$0]], $0) < (lastDay[$1], packing.windows.earliest[packing.items[$1]], $1)
            }
            let mandatory = candidates.filter { lastDay[$0] == day }
            if subset.contains(where: { !placed.contains($0) && lastDay[$0] == day && packing.span[$0][day] == nil }) {
                failed.insert(key)
                return false
            }
            var pattern: [Int] = []
            var found = false
            enumerate(candidates, from: 0, pattern: &pattern, slots: 0, worked: 0, mandatory: mandatory, day: day, found: &found)
            if !found && !timedOut { failed.insert(key) }
            return found
        }

        /// Tries every set of candidates that fits on `day` (larger sets first), then the following days.
        mutating func enumerate(
            _ candidates: [Int], from index: Int, pattern: inout [Int], slots: Int, worked: Int, mandatory: [Int], day: Int, found: inout Bool
        ) {
            if found || timedOut { return }
            if index == candidates.count {
                for m in mandatory where !pattern.contains(m) { return }
                guard sequenceFits(pattern, day: day) else { return }
                for i in pattern { placed.insert(i) }
                if search(day: day + 1) { found = true }
                for i in pattern { placed.remove(i) }
                return
            }
            let i = candidates[index]
            // Include i when its earlier sessions of the resource are placed before or in the pattern.
            let ready = subset.allSatisfy { j in !packing.before[j][i] || placed.contains(j) || pattern.contains(j) }
            let w = weight[i], u = packing.duration[i]
            if ready, slots + w <= capacity[day], worked + u <= packing.work[day] {
                pattern.append(i)
                enumerate(candidates, from: index + 1, pattern: &pattern, slots: slots + w, worked: worked + u, mandatory: mandatory, day: day, found: &found)
                pattern.removeLast()
            }
            if found || timedOut { return }
            if mandatory.contains(i) { return }
            enumerate(candidates, from: index + 1, pattern: &pattern, slots: slots, worked: worked, mandatory: mandatory, day: day, found: &found)
        }

        /// True when the pattern's sessions can follow each other on `day` in some order, each in its
        /// own hours, with breaks between them and the chains' gaps kept.
        func sequenceFits(_ pattern: [Int], day: Int) -> Bool {
            if pattern.count <= 1 { return true }
            var order = pattern
            var used = Array(repeating: false, count: pattern.count)
            var sequence: [Int] = []
            sequence.reserveCapacity(pattern.count)
            func extend(_ time: Int, _ ends: [Int: Int]) -> Bool {
                if sequence.count == pattern.count { return true }
                for (k, i) in order.enumerated() where !used[k] {
                    // All of i's earlier sessions in the pattern must already be in the sequence.
                    if pattern.contains(where: { j in j != i && packing.before[j][i] && ends[j] == nil }) { continue }
                    guard let window = packing.span[i][day] else { return false }
                    var start = max(window.start, sequence.isEmpty ? window.start : time + packing.breakSlots)
                    for (j, end) in ends where packing.before[j][i] { start = max(start, end + max(packing.lag[j][i], packing.breakSlots)) }
                    let end = start + packing.duration[i]
                    if end > window.end { continue }
                    used[k] = true
                    sequence.append(i)
                    var next = ends
                    next[i] = end
                    if extend(end, next) { return true }
                    sequence.removeLast()
                    used[k] = false
                }
                return false
            }
            order.sort { packing.span[$0][day]!.start < packing.span[$1][day]!.start }
            return extend(0, [:])
        }

        /// Cheap bounds: for each later day b, the sessions that must be done by b fit the days
        /// from `day` to b in span and work, and their big sessions have a day each.
        func bounded(from day: Int) -> Bool {
            var byLast = Array(repeating: (slots: 0, worked: 0, big: 0), count: days)
            for i in subset where !placed.contains(i) {
                let l = lastDay[i]
                if l < day { return false }
                byLast[l].slots += weight[i]
                byLast[l].worked += packing.duration[i]
                if big[i] { byLast[l].big += 1 }
            }
            var needSlots = 0, needWork = 0, needBig = 0, haveSlots = 0, haveWork = 0, haveDays = 0
            for b in day..<days {
                needSlots += byLast[b].slots
                needWork += byLast[b].worked
                needBig += byLast[b].big
                haveSlots += capacity[b]
                haveWork += packing.work[b]
                if subset.contains(where: { big[$0] && !placed.contains($0) && packing.span[$0][b] != nil }) { haveDays += 1 }
                if needSlots > haveSlots || needWork > haveWork || needBig > haveDays { return false }
            }
            return true
        }
    }

    // MARK: Words

    func conflict(_ core: [Int]) -> ScheduleConflict {
        let sessions = core.map { items[$0] }
        let titles = sessions.map { model.sessions[$0].title }
        let who: String
        var constraints: [String] = []
        if let p = resource.person {
            let person = model.people[p]
            who = person.name
            constraints.append(
                "\(person.name) is \(person.hours ?? "free only at some times"), works at most \(model.hours(model.maxWorkSlotsPerDay)) a day"
                    + (model.breakSlots > 0 ? " with \(model.hours(model.breakSlots)) between sessions" : ""))
        } else {
            let room = model.rooms[resource.room!]
            who = room.name
            constraints.append("\(room.name) is the only room that fits these sessions and is \(room.hours ?? "open only at some times")")
        }
        // Sessions with the same days, together.
        var groups: [(days: [Int], sessions: [Int])] = []
        for (k, i) in core.enumerated() {
            let days = (0..<model.dayCount).filter { span[i][$0] != nil }
            if let g = groups.firstIndex(where: { $0.days == days }) { groups[g].sessions.append(k) } else { groups.append((days, [k])) }
        }
        for group in groups {
            let names = group.sessions.map { "\(titles[$0]) (\(model.hours(duration[core[$0]])))" }
            constraints.append("\(names.joined(separator: ", ")) can only be on \(dayList(group.days))")
        }
        // Why the other days are out, the same reason on the same days together.
        var why: [(text: String, days: [Int], sessions: [String])] = []
        for (k, i) in core.enumerated() {
            var byText: [String: [Int]] = [:]
            var texts: [String] = []
            for d in 0..<model.dayCount where span[i][d] == nil {
                let text = reason(session: items[i], day: d)
                if byText[text] == nil { texts.append(text) }
                byText[text, default: []].append(d)
            }
            for text in texts {
                if let g = why.firstIndex(where: { $0.text == text && $0.days == byText[text]! }) {
                    why[g].sessions.append(titles[k])
                } else {
                    why.append((text, byText[text]!, [titles[k]]))
                }
            }
        }
        for entry in why {
            constraints.append("\(dayList(entry.days)): \(entry.text) (\(entry.sessions.joined(separator: ", ")))")
        }
        // Chains among these sessions.
        for (a, i) in core.enumerated() {
            for (b, j) in core.enumerated() where before[i][j] {
                let direct = !core.contains { k in before[i][k] && before[k][j] }
                if direct {
                    constraints.append("\(titles[b]) comes after \(titles[a])" + (lag[i][j] > 0 ? " with \(model.hours(lag[i][j])) of other sessions between" : ""))
                }
            }
        }
        return ScheduleConflict(
            summary: "No schedule exists: the \(core.count) sessions \(who) must be in do not fit into the days they can happen on.",
            constraints: constraints, sessions: titles, isProven: true)
    }

    func reason(session s: Int, day d: Int) -> String {
        let session = model.sessions[s]
        switch windows.reasons[s][d] {
        case .person(let p): return "\(model.people[p].name) is not free"
        case .noRoom: return "no room" + (session.gear.isEmpty ? "" : " with " + session.gear.joined(separator: " and ")) + " is open"
        case .pool(let role): return "no \(role) is free"
        case .tooEarly: return "too early: the sessions that must come first cannot be done by then"
        case .tooLate: return "too late: the sessions that must follow cannot all be done after it (their people, rooms and deadlines)"
        case .together, .none: return session.fixed != nil ? "booked on another day" : "its people and room are never free together"
        }
    }

    func dayList(_ days: [Int]) -> String {
        let formatter = DateFormatter.fixed("EEE MMM d", timeZone: TimeZone(identifier: model.timeZone) ?? TimeZone(identifier: "UTC")!)
        func name(_ d: Int) -> String { formatter.string(from: model.date(ofSlot: d * model.slotsPerDay)) }
        var parts: [String] = []
        var k = 0
        while k < days.count {
            var e = k
            while e + 1 < days.count && days[e + 1] == days[e] + 1 { e += 1 }
            parts.append(e == k ? name(days[k]) : e == k + 1 ? "\(name(days[k])), \(name(days[e]))" : "\(name(days[k]))–\(name(days[e]))")
            k = e + 1
        }
        return parts.isEmpty ? "no day" : parts.joined(separator: ", ")
    }
}
