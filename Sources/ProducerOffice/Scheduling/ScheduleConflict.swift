import Foundation

/// Why no schedule exists: the smallest set of constraints found that together leave none.
public struct ScheduleConflict: Hashable, Sendable, Codable {
    /// What cannot be done, in one sentence.
    public var summary: String
    /// The constraints that conflict, each in words; dropping any one of them would remove this conflict.
    public var constraints: [String]
    /// The sessions involved, by title.
    public var sessions: [String]
    /// True when this proves that no schedule exists; false when the search only failed to find one.
    public var isProven: Bool

    public init(summary: String, constraints: [String], sessions: [String], isProven: Bool) {
        self.summary = summary
        self.constraints = constraints
        self.sessions = sessions
        self.isProven = isProven
    }
}

/// What the reasoning that looks for a proof that no schedule exists found.
public struct ConflictProof: Sendable {
    /// The conflict proven, or nil when none was.
    public var conflict: ScheduleConflict?
    /// True when the time limit stopped the reasoning before its work budget was spent: a nil
    /// `conflict` then proves nothing, and a faster machine might have proven one (a conflict that
    /// is there is still proven, though perhaps with more constraints than it needs).
    public var stoppedByClock: Bool
    /// The work done, in steps (the same on every machine unless `stoppedByClock`).
    public var steps: Int
}

extension ScheduleModel {
    /// The work the reasoning may do by default, in steps (a step of the day-packing search, or
    /// one session on one day of its windows). The benchmark's albums take 2 000 to 6 000 steps,
    /// three years of days 133 000.
    public static let standardProofWork = 2_000_000

    /// Looks for a reason no schedule exists, cheapest reasoning first: one session on its own
    /// (gear, room size, the people it needs, who is free when), a chain of sessions against its
    /// deadline, the hours a person, a role or a set of rooms would need against the hours they
    /// have, then packing one person's (or room's) sessions into the days each can take (a
    /// search with a budget of `work` steps). Every step only drops rules of the real problem, so
    /// a conflict it returns is a proof. The verdict depends on the model and `work` only, never
    /// on the machine's speed.
    ///
    /// `timeLimit` (seconds, nil for none) is a stop for the wall clock: when it comes before the
    /// work is done, nothing more is proven and the result says so.
    public func proveConflict(work: Int = standardProofWork, timeLimit: Double? = nil) -> ConflictProof {
        proveConflict(work: work, timeLimit: timeLimit, clock: .start())
    }

    func proveConflict(work: Int, timeLimit: Double?, clock: WallClock) -> ConflictProof {
        let deadline = timeLimit.map { $0 > 0 ? $0 : 0 }  // NaN: at once
        func proof(_ conflict: ScheduleConflict?, _ budget: ProofBudget) -> ConflictProof {
            ConflictProof(conflict: conflict, stoppedByClock: budget.stoppedByClock, steps: budget.spent)
        }
        var budget = ProofBudget(steps: work, deadline: deadline, clock: clock)
        for s in sessions.indices {
            if let conflict = sessionConflict(s) { return proof(conflict, budget) }
        }
        if let conflict = chainConflict() { return proof(conflict, budget) }
        if let conflict = loadConflict() { return proof(conflict, budget) }
        if let deadline, clock.elapsed() >= deadline {
            return ConflictProof(conflict: nil, stoppedByClock: true, steps: 0)
        }
        return proof(dayPackingConflict(budget: &budget), budget)
    }

    /// The conflict ``proveConflict(work:timeLimit:)`` proves, or nil.
    public func provenConflict(work: Int = standardProofWork, timeLimit: Double? = nil) -> ScheduleConflict? {
        proveConflict(work: work, timeLimit: timeLimit).conflict
    }

    /// The conflict to report for `unplaced` sessions the search could not place: a proven one if
    /// the reasoning finds it (unless `proving` is false, for a caller that tried already), else
    /// the sessions and the busiest people and rooms in their way.
    public func explain(unplaced: [Int], proving: Bool = true) -> ScheduleConflict {
        if proving, let proven = provenConflict() { return proven }
        let titles = unplaced.map { sessions[$0].title }
        var constraints: [String] = []
        for load in loads().sorted(by: { $0.ratio > $1.ratio }).prefix(3) where load.ratio > 0.6 {
            constraints.append(load.sentence(self))
        }
        return ScheduleConflict(
            summary:
                "No schedule was found for \(titles.count) session\(titles.count == 1 ? "" : "s") (\(titles.prefix(4).joined(separator: ", "))\(titles.count > 4 ? ", …" : "")); the search did not prove that none exists. The busiest people and rooms:",
            constraints: constraints, sessions: titles, isProven: false)
    }

    /// What limits a schedule most, in words: the people, roles and rooms whose hours are most
    /// taken, busiest first.
    public func tightestLimits(count: Int = 3) -> [String] {
        loads().filter { $0.demand > 0 }.sorted { $0.ratio > $1.ratio }.prefix(count).map {
            $0.sentence(self) + String(format: " — %.0f %% taken", min(999, $0.ratio * 100))
        }
    }

    // MARK: One session on its own

    enum Atom: Hashable {
        case person(Int), pool(Int), roomHours(Int), roomExcluded(Int), deadline, release
    }

    /// The fewest head count a session brings, and the rooms it fits (gear and size).
    func fittingRooms(_ s: Int) -> (heads: Int, rooms: [Int]) {
        let session = sessions[s]
        var heads = session.required.reduce(0) { $0 + people[$1].headcount }
        for need in session.needs {
            heads += need.candidates.map { people[$0].headcount }.sorted().prefix(need.count).reduce(0, +)
        }
        return (heads, session.rooms.filter { rooms[$0].capacity >= heads })
    }

    /// True when session `s` fits somewhere with no other session around, the `relaxed` constraints lifted.
    func fitsAlone(_ s: Int, relaxed: Set<Atom>, from earliest: Int? = nil) -> Int? {
        let session = sessions[s]
        let length = session.durationSlots
        let lowest = max(earliest ?? 0, relaxed.contains(.release) ? 0 : session.releaseSlot)
        let latestEnd =
            relaxed.contains(.deadline)
            ? dayCount * slotsPerDay : min(dayCount * slotsPerDay, session.deadlineSlot ?? dayCount * slotsPerDay)
        var candidateRooms = fittingRooms(s).rooms
        for r in rooms.indices where relaxed.contains(.roomExcluded(r)) && !candidateRooms.contains(r) {
            candidateRooms.append(r)
        }
        let all: UInt64 = slotsPerDay >= 64 ? ~0 : (UInt64(1) << UInt64(slotsPerDay)) - 1
        let limit = length <= maxWorkSlotsPerDay
        guard limit, latestEnd - lowest >= length else { return nil }
        for day in (lowest / slotsPerDay)..<min(dayCount, (latestEnd - 1) / slotsPerDay + 1) {
            var common = all
            for p in session.required where !relaxed.contains(.person(p)) { common &= people[p].available[day] }
            if common == 0 { continue }
            // The earliest end on this day over every room (not the first room that fits).
            var earliestEnd: Int?
            for r in candidateRooms {
                let free = common & (relaxed.contains(.roomHours(r)) ? all : rooms[r].open[day])
                if free == 0 { continue }
                var start = max(0, lowest - day * slotsPerDay)
                let end = min(slotsPerDay, latestEnd - day * slotsPerDay)
                while start + length <= end {
                    let mask = Self.mask(start: start, length: length)
                    if free & mask == mask {
                        var ok = true
                        for (n, need) in session.needs.enumerated() where !relaxed.contains(.pool(n)) {
                            let free = need.candidates.filter { people[$0].available[day] & mask == mask }.count
                            if free < need.count {
                                ok = false
                                break
                            }
                        }
                        if ok {
                            earliestEnd = min(earliestEnd ?? .max, day * slotsPerDay + start + length)
                            break
                        }
                    }
                    start += 1
                }
            }
            if let earliestEnd { return earliestEnd }
        }
        return nil
    }

    func sessionConflict(_ s: Int) -> ScheduleConflict? {
        let session = sessions[s]
        let gearText = session.gear.isEmpty ? "" : " with " + session.gear.joined(separator: " and ")
        if session.rooms.isEmpty {
            return ScheduleConflict(
                summary: "No schedule exists: \(session.title) needs a room\(gearText), and no room has that.",
                constraints: ["\(session.title) needs " + session.gear.joined(separator: ", ")]
                    + rooms.map {
                        "\($0.name) has " + ($0.gear.isEmpty ? "no listed gear" : $0.gear.joined(separator: ", "))
                    },
                sessions: [session.title], isProven: true)
        }
        for need in session.needs where need.candidates.count < need.count {
            return ScheduleConflict(
                summary:
                    "No schedule exists: \(session.title) needs \(need.count) \(need.role)\(need.count == 1 ? "" : "s"), and the project has \(need.candidates.count).",
                constraints: [
                    "\(session.title) needs \(need.count) × \(need.role)",
                    "the project has \(need.candidates.count) \(need.role)\(need.candidates.count == 1 ? "" : "s") to choose from",
                ],
                sessions: [session.title], isProven: true)
        }
        if session.durationSlots > maxWorkSlotsPerDay {
            return ScheduleConflict(
                summary: "No schedule exists: \(session.title) is longer than anyone may work in a day.",
                constraints: [
                    "\(session.title) takes \(hours(session.durationSlots))",
                    "nobody works more than \(hours(maxWorkSlotsPerDay)) a day",
                ],
                sessions: [session.title], isProven: true)
        }
        let (heads, fitting) = fittingRooms(s)
        if fitting.isEmpty {
            return ScheduleConflict(
                summary:
                    "No schedule exists: \(session.title) brings \(heads) players, and no room\(gearText) holds that many.",
                constraints: ["\(session.title) brings \(heads) players"]
                    + session.rooms.map { "\(rooms[$0].name) fits \(rooms[$0].capacity)" },
                sessions: [session.title], isProven: true)
        }
        guard fitsAlone(s, relaxed: []) == nil else { return nil }
        // Deletion filter: lift each constraint in turn; keep it lifted when the session still does not fit.
        var atoms: [Atom] = []
        for r in rooms.indices where !fitting.contains(r) { atoms.append(.roomExcluded(r)) }
        atoms += [.release, .deadline]
        atoms += session.needs.indices.map { .pool($0) }
        atoms += fitting.map { .roomHours($0) }
        atoms += session.required.map { .person($0) }
        var relaxed = Set<Atom>()
        var kept: [Atom] = []
        for atom in atoms {
            relaxed.insert(atom)
            if fitsAlone(s, relaxed: relaxed) != nil {
                relaxed.remove(atom)
                kept.append(atom)
            }
        }
        return ScheduleConflict(
            summary: "No schedule exists: \(session.title) has no time when all of these allow it.",
            constraints: describe(kept, session: s, heads: heads, fitting: fitting), sessions: [session.title],
            isProven: true)
    }

    func describe(_ atoms: [Atom], session s: Int, heads: Int, fitting: [Int]) -> [String] {
        let session = sessions[s]
        var lines: [String] = []
        let excluded = atoms.compactMap { atom -> Int? in
            if case .roomExcluded(let r) = atom { return r } else { return nil }
        }
        for atom in atoms {
            switch atom {
            case .person(let p):
                lines.append("\(people[p].name) is \(people[p].hours ?? "free only at some times")")
            case .pool(let n):
                let need = session.needs[n]
                let who = need.candidates.map {
                    "\(people[$0].name) is \(people[$0].hours ?? "free only at some times")"
                }
                lines.append(
                    "\(session.title) needs \(need.count) \(need.role)\(need.count == 1 ? "" : "s"): "
                        + who.joined(separator: "; "))
            case .roomHours(let r):
                var line = "\(rooms[r].name) is \(rooms[r].hours ?? "open only at some times")"
                if !excluded.isEmpty && fitting.count == 1 {
                    let gear = session.gear.map { "a " + $0 }.joined(separator: " and ")
                    line =
                        "\(rooms[r].name), the only room " + (session.gear.isEmpty ? "" : "with \(gear) ")
                        + "that fits \(heads) players, is \(rooms[r].hours ?? "open only at some times")"
                }
                lines.append(line)
            case .roomExcluded(let r):
                let room = rooms[r]
                let missing = session.gear.filter { gear in !room.gear.contains { $0.lowercased() == gear.lowercased() }
                }
                lines.append(
                    missing.isEmpty
                        ? "\(room.name) fits only \(room.capacity) players (\(session.title) brings \(heads))"
                        : "\(room.name) has no \(missing.joined(separator: " or "))")
            case .deadline:
                lines.append(
                    "\(session.title) must be finished by \(format(slot: session.deadlineSlot ?? dayCount * slotsPerDay))"
                )
            case .release:
                lines.append("the schedule starts \(format(slot: session.releaseSlot))")
            }
        }
        return lines
    }

    // MARK: Chains against deadlines

    func chainConflict() -> ScheduleConflict? {
        // Forward pass: each session's earliest end on its own, after its predecessors' earliest ends.
        var earliestEnd = [Int?](repeating: nil, count: sessions.count)
        var via = [Int?](repeating: nil, count: sessions.count)
        var done = [Bool](repeating: false, count: sessions.count)
        var progress = true
        while progress {
            progress = false
            for s in sessions.indices where !done[s] {
                let session = sessions[s]
                guard session.predecessors.allSatisfy({ done[$0] }) else { continue }
                done[s] = true
                progress = true
                var start = session.releaseSlot
                var blocked = false
                for p in session.predecessors {
                    guard let end = earliestEnd[p] else {
                        blocked = true
                        break
                    }
                    if end > start {
                        start = end
                        via[s] = p
                    }
                }
                if blocked { continue }
                if let end = fitsAlone(s, relaxed: [], from: start) {
                    earliestEnd[s] = end
                } else if via[s] != nil {
                    var chain = [s]
                    while let p = via[chain.last!] { chain.append(p) }
                    chain.reverse()
                    let total = chain.reduce(0) { $0 + sessions[$1].durationSlots }
                    return ScheduleConflict(
                        summary:
                            "No schedule exists: \(session.title) cannot be done in time after the sessions it waits for.",
                        constraints: [
                            "\(chain.map { sessions[$0].title }.joined(separator: " → ")) must happen in this order (\(hours(total)) of work)",
                            "\(sessions[chain[0]].title) can end \(format(slot: earliestEnd[chain[0]] ?? 0)) at the earliest",
                            "\(session.title) must be finished by \(format(slot: session.deadlineSlot ?? dayCount * slotsPerDay)), and its people and rooms are not all free in between",
                        ],
                        sessions: chain.map { sessions[$0].title }, isProven: true)
                }
            }
        }
        if done.contains(false) {
            let cycle = sessions.indices.filter { !done[$0] }.map { sessions[$0].title }
            return ScheduleConflict(
                summary: "No schedule exists: these sessions wait for each other in a circle.",
                constraints: cycle.map { "\($0) waits for another of these" }, sessions: cycle, isProven: true)
        }
        return nil
    }

    // MARK: Hours needed against hours free

    struct Load {
        enum Kind { case person(Int), role(String, [Int]), rooms([Int]) }
        var kind: Kind
        var demand: Int
        var capacity: Int
        var sessions: [Int]
        var ratio: Double { capacity == 0 ? .infinity : Double(demand) / Double(capacity) }

        func sentence(_ model: ScheduleModel) -> String {
            let need = model.hours(demand), have = model.hours(capacity)
            let what = "\(sessions.count) session\(sessions.count == 1 ? "" : "s")"
            switch kind {
            case .person(let p):
                return
                    "\(model.people[p].name) is needed for \(need) (\(what)) and is free for at most \(have) (\(model.people[p].hours ?? ""), at most \(model.hours(model.maxWorkSlotsPerDay)) a day)"
            case .role(let role, let pool):
                return
                    "\(what) need \(need) of \(role)s, and the \(pool.count) \(role)\(pool.count == 1 ? "" : "s") (\(pool.map { model.people[$0].name }.joined(separator: ", "))) \(pool.count == 1 ? "is" : "are") free for at most \(have)"
            case .rooms(let rooms):
                return
                    "\(what) can only use \(rooms.map { model.rooms[$0].name }.joined(separator: " or ")), which need \(need) and are open for \(have)"
            }
        }
    }

    func loads() -> [Load] {
        var result: [Load] = []
        func personCapacity(_ p: Int) -> Int {
            var total = 0
            for day in 0..<dayCount { total += min(maxWorkSlotsPerDay, people[p].available[day].nonzeroBitCount) }
            return total
        }
        for p in people.indices {
            let mine = sessions.indices.filter { sessions[$0].required.contains(p) }
            guard !mine.isEmpty else { continue }
            result.append(
                Load(
                    kind: .person(p), demand: mine.reduce(0) { $0 + sessions[$1].durationSlots },
                    capacity: personCapacity(p), sessions: mine))
        }
        var roles: [String: (pool: Set<Int>, sessions: [Int], demand: Int)] = [:]
        for (s, session) in sessions.enumerated() {
            for need in session.needs {
                roles[need.role, default: ([], [], 0)].pool.formUnion(need.candidates)
                roles[need.role]!.sessions.append(s)
                roles[need.role]!.demand += need.count * session.durationSlots
            }
        }
        for (role, entry) in roles.sorted(by: { $0.key < $1.key }) {
            // Candidates also required elsewhere give their hours to those sessions first.
            var capacity = 0
            for p in entry.pool {
                let required = sessions.filter { $0.required.contains(p) }.reduce(0) { $0 + $1.durationSlots }
                capacity += max(0, personCapacity(p) - required)
            }
            let pool = entry.pool.sorted()
            result.append(
                Load(kind: .role(role, pool), demand: entry.demand, capacity: capacity, sessions: entry.sessions))
        }
        for roomSet in Set(sessions.map { Set($0.rooms) }) where !roomSet.isEmpty {
            let users = sessions.indices.filter { Set(sessions[$0].rooms).isSubset(of: roomSet) }
            var capacity = 0
            for r in roomSet { for day in 0..<dayCount { capacity += rooms[r].open[day].nonzeroBitCount } }
            result.append(
                Load(
                    kind: .rooms(roomSet.sorted()), demand: users.reduce(0) { $0 + sessions[$1].durationSlots },
                    capacity: capacity, sessions: users))
        }
        return result
    }

    func loadConflict() -> ScheduleConflict? {
        guard let worst = loads().filter({ $0.demand > $0.capacity }).max(by: { $0.ratio < $1.ratio }) else {
            return nil
        }
        return ScheduleConflict(
            summary: "No schedule exists: more hours are needed than are free.", constraints: [worst.sentence(self)],
            sessions: worst.sessions.map { sessions[$0].title }, isProven: true)
    }

    // MARK: Words

    func hours(_ slots: Int) -> String {
        let minutes = slots * slotMinutes
        return minutes % 60 == 0 ? "\(minutes / 60) h" : String(format: "%.1f h", Double(minutes) / 60)
    }

    func format(slot: Int) -> String {
        let formatter = DateFormatter.fixed(
            "EEE MMM d HH:mm", timeZone: TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!)
        return formatter.string(from: date(ofSlot: slot))
    }
}
