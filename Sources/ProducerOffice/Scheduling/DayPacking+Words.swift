import Foundation

/// The proof in words: who, which sessions, the days each can be on and why not the others, the chains.
extension DayPacking {
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
            constraints.append(
                "\(room.name) is the only room that fits these sessions and is \(room.hours ?? "open only at some times")"
            )
        }
        // Sessions with the same days, together.
        var groups: [(days: [Int], sessions: [Int])] = []
        for (k, i) in core.enumerated() {
            let days = (0..<model.dayCount).filter { span[i][$0] != nil }
            if let g = groups.firstIndex(where: { $0.days == days }) {
                groups[g].sessions.append(k)
            } else {
                groups.append((days, [k]))
            }
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
                    constraints.append(
                        "\(titles[b]) comes after \(titles[a])"
                            + (lag[i][j] > 0 ? " with \(model.hours(lag[i][j])) of other sessions between" : ""))
                }
            }
        }
        return ScheduleConflict(
            summary:
                "No schedule exists: the \(core.count) sessions \(who) must be in do not fit into the days they can happen on.",
            constraints: constraints, sessions: titles, isProven: true)
    }

    func reason(session s: Int, day d: Int) -> String {
        let session = model.sessions[s]
        switch windows.reasons[s][d] {
        case .person(let p): return "\(model.people[p].name) is not free"
        case .noRoom:
            return "no room" + (session.gear.isEmpty ? "" : " with " + session.gear.joined(separator: " and "))
                + " is open"
        case .pool(let role): return "no \(role) is free"
        case .tooEarly: return "too early: the sessions that must come first cannot be done by then"
        case .tooLate:
            return
                "too late: the sessions that must follow cannot all be done after it (their people, rooms and deadlines)"
        case .together, .none:
            return session.fixed != nil ? "booked on another day" : "its people and room are never free together"
        }
    }

    func dayList(_ days: [Int]) -> String {
        let formatter = DateFormatter.fixed(
            "EEE MMM d", timeZone: TimeZone(identifier: model.timeZone) ?? TimeZone(identifier: "UTC")!)
        func name(_ d: Int) -> String { formatter.string(from: model.date(ofSlot: d * model.slotsPerDay)) }
        var parts: [String] = []
        var k = 0
        while k < days.count {
            var e = k
            while e + 1 < days.count && days[e + 1] == days[e] + 1 { e += 1 }
            parts.append(
                e == k
                    ? name(days[k])
                    : e == k + 1 ? "\(name(days[k])), \(name(days[e]))" : "\(name(days[k]))–\(name(days[e]))")
            k = e + 1
        }
        return parts.isEmpty ? "no day" : parts.joined(separator: ", ")
    }
}
