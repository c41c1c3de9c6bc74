import Foundation

extension DayPacking {
    struct Search {
        let packing: DayPacking
        let subset: [Int]
        /// What this search may spend; it gives up (proving nothing) when that runs out.
        var budget: ProofBudget
        let days: Int
        /// Day capacity in span (slots from the earliest start to the latest end of the subset's sessions that day, plus one break).
        var capacity: [Int]
        var lastDay: [Int]
        var weight: [Int]
        /// Items that cannot share any of their days with another such item.
        var big: [Bool]
        var failed = Set<Memo>()
        var placed: Bits
        var gaveUp = false

        init(packing: DayPacking, subset: [Int], budget: ProofBudget) {
            self.packing = packing
            self.subset = subset
            self.budget = budget
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
            if gaveUp { return nil }
            return result
        }

        mutating func search(day: Int) -> Bool {
            if subset.allSatisfy({ placed.contains($0) }) { return true }
            if day >= days { return false }
            if gaveUp || !budget.spend() {
                gaveUp = true
                return false
            }
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
                (lastDay[$0], packing.windows.earliest[packing.items[$0]], $0) < (
                    lastDay[$1], packing.windows.earliest[packing.items[$1]], $1
                )
            }
            let mandatory = candidates.filter { lastDay[$0] == day }
            if subset.contains(where: { !placed.contains($0) && lastDay[$0] == day && packing.span[$0][day] == nil }) {
                failed.insert(key)
                return false
            }
            var pattern: [Int] = []
            var found = false
            enumerate(
                candidates, from: 0, pattern: &pattern, slots: 0, worked: 0, mandatory: mandatory, day: day,
                found: &found)
            if !found && !gaveUp { failed.insert(key) }
            return found
        }

        /// Tries every set of candidates that fits on `day` (larger sets first), then the following days.
        mutating func enumerate(
            _ candidates: [Int], from index: Int, pattern: inout [Int], slots: Int, worked: Int, mandatory: [Int],
            day: Int, found: inout Bool
        ) {
            if found || gaveUp { return }
            if !budget.spend() {
                gaveUp = true
                return
            }
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
                enumerate(
                    candidates, from: index + 1, pattern: &pattern, slots: slots + w, worked: worked + u,
                    mandatory: mandatory, day: day, found: &found)
                pattern.removeLast()
            }
            if found || gaveUp { return }
            if mandatory.contains(i) { return }
            enumerate(
                candidates, from: index + 1, pattern: &pattern, slots: slots, worked: worked, mandatory: mandatory,
                day: day, found: &found)
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
                    for (j, end) in ends where packing.before[j][i] {
                        start = max(start, end + max(packing.lag[j][i], packing.breakSlots))
                    }
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
                if subset.contains(where: { big[$0] && !placed.contains($0) && packing.span[$0][b] != nil }) {
                    haveDays += 1
                }
                if needSlots > haveSlots || needWork > haveWork || needBig > haveDays { return false }
            }
            return true
        }
    }
}
