import Foundation

/// `producer hire`: ranks the project's roster for a role by fit.
///
/// **Who is shown.** Everyone who plays the role, and — marked "could also" — everyone who plays
/// a related role, one that shares a word with it (`lead singer` for `backup singer`, `mix
/// engineer` for `engineer`): they are scored the same way but get fewer role points, so a free
/// and cheap related player can rank above a player of the role who is busy on the day. Nobody
/// else is shown (a drummer is no backup singer); the ranking says how many were left out.
///
/// **The score**, out of 100, each factor's points to a tenth, ties broken by name:
/// - role: 25 for playing it, 10 for a related role;
/// - availability: 30 × the mean over the needed times of 1 (free for the whole time), ½ (part
///   of it) or 0 (busy) — a needed day is the person's usual hours that day (their weekly windows
///   read in their time zone), less their busy exceptions and their bookings in the project;
/// - rate: 20 × the cheapest candidate's cost ÷ their cost (20 when they cost nothing), and 0
///   when the cost is over the budget; the cost is their rate for the `--session`s' durations
///   when sessions are given, else for a day of ``hoursPerDay`` hours per `--on` day;
/// - style: 15 when the style asked for is one of theirs (nobody gets it when none is asked);
/// - past work: 2.5 per session done with them on the project or confirmed booking with them,
///   at most 10.
public enum Hiring {
    /// The most points each factor gives.
    public struct Weights: Codable, Sendable, Hashable {
        public var role: Double = 25
        public var relatedRole: Double = 10
        public var availability: Double = 30
        public var rate: Double = 20
        public var style: Double = 15
        public var pastWork: Double = 10
        /// Points per session done or confirmed booking, up to `pastWork`.
        public var perPastWork: Double = 2.5
    }

    /// The weights of the score.
    public static let weights = Weights()

    /// The hours of a needed day, for an hourly rate (`--on` without `--session`).
    public static let hoursPerDay = 8

    /// Ranks the roster of `project` for `request`, best fit first.
    public static func rank(_ request: HiringRequest, in project: ProjectSnapshot) -> HiringRanking {
        let weights = Self.weights
        let times = neededTimes(request, in: project)
        let sessions = request.sessionIDs.compactMap { id in project.sessions.first { $0.id == id } }
        let chosen = project.people.filter { $0.plays(request.role) || isRelated($0, to: request.role) }
        let costs = Dictionary(
            uniqueKeysWithValues: chosen.map { ($0.id, cost(of: $0, request: request, sessions: sessions)) })
        let currency = project.settings.currency
        let cheapest = costs.values.map(\.amount).filter { $0.currency == currency }.map(\.minorUnits).min()

        var scored: [(tenths: Int, candidate: HiringRanking.Candidate)] = []
        for person in chosen {
            var reasons: [String] = []
            // Role.
            let plays = person.plays(request.role)
            let role = plays ? weights.role : weights.relatedRole
            reasons.append(
                plays
                    ? "plays \(request.role)"
                    : "could also: plays \(person.roles.map(\.name).joined(separator: ", ")), not \(request.role)")
            // Availability.
            let excluded = Set(request.sessionIDs)
            let fits = times.map { fit(of: person, at: $0, in: project, excluding: excluded) }
            let share =
                fits.isEmpty
                ? 0 : fits.map { $0.fit == .free ? 1 : $0.fit == .part ? 0.5 : 0 }.reduce(0, +) / Double(fits.count)
            let availability = weights.availability * share
            reasons += fits.map(\.words)
            // Rate.
            let (money, costWords) = costs[person.id]!
            var rate = 0.0
            var rateWords = costWords
            if money.currency != currency {
                rateWords += "; their rate is in \(money.currency), the project counts in \(currency)"
            } else if let budget = request.budget, budget.currency == currency, money.minorUnits > budget.minorUnits {
                let over = Money(minorUnits: money.minorUnits - budget.minorUnits, currency: currency)
                rateWords += "; over the budget of \(budget.formatted) by \(over.formatted)"
            } else {
                rate =
                    money.minorUnits == 0
                    ? weights.rate : weights.rate * Double(cheapest ?? 0) / Double(money.minorUnits)
                if let budget = request.budget {
                    let left = Money(minorUnits: budget.minorUnits - money.minorUnits, currency: currency)
                    rateWords += "; within the budget of \(budget.formatted), \(left.formatted) to spare"
                }
                if let cheapest, cheapest > 0, cheapest < money.minorUnits {
                    rateWords += " (the cheapest costs \(Money(minorUnits: cheapest, currency: currency).formatted))"
                }
            }
            reasons.append(rateWords)
            // Style.
            var style = 0.0
            if let asked = request.style {
                let theirs = person.styles.map { $0.lowercased() }
                if theirs.contains(asked) {
                    style = weights.style
                    reasons.append("\(asked) is one of their styles (\(theirs.joined(separator: ", ")))")
                } else if theirs.isEmpty {
                    reasons.append("no styles on record, so not known for \(asked)")
                } else {
                    reasons.append("\(asked) is not among their styles (\(theirs.joined(separator: ", ")))")
                }
            }
            // Past work.
            let (done, confirmed) = pastWork(of: person, in: project)
            let count = done.count + confirmed.count
            let past = min(weights.pastWork, weights.perPastWork * Double(count))
            reasons.append(pastWorkWords(done: done, confirmed: confirmed))

            let points = HiringRanking.Points(
                role: tenth(role), availability: tenth(availability), rate: tenth(rate), style: tenth(style),
                pastWork: tenth(past))
            let tenths = [role, availability, rate, style, past].map { Int(($0 * 10).rounded()) }.reduce(0, +)
            scored.append(
                (
                    tenths,
                    HiringRanking.Candidate(
                        rank: 0, personID: person.id, name: person.name, score: Double(tenths) / 10,
                        couldAlso: !plays, points: points, cost: money, availability: fits, pastWork: count,
                        reasons: reasons)
                ))
        }
        scored.sort { a, b in
            if a.tenths != b.tenths { return a.tenths > b.tenths }
            let byName = a.candidate.name.localizedCaseInsensitiveCompare(b.candidate.name)
            if byName != .orderedSame { return byName == .orderedAscending }
            return a.candidate.personID < b.candidate.personID
        }
        let candidates = scored.enumerated().map { i, entry in
            var candidate = entry.candidate
            candidate.rank = i + 1
            return candidate
        }
        return HiringRanking(
            role: request.role.name, style: request.style, needed: times.map(\.label), budget: request.budget,
            candidates: candidates, others: project.people.count - chosen.count)
    }

    /// True when `person` does not play `role` but a role that shares a word of three letters or
    /// more with it (`lead singer` and `backup singer`).
    public static func isRelated(_ person: Person, to role: Role) -> Bool {
        guard !person.plays(role) else { return false }
        let words = Set(role.name.split { $0 == " " || $0 == "-" }.filter { $0.count >= 3 })
        return person.roles.contains { other in
            other.name.split { $0 == " " || $0 == "-" }.contains { words.contains($0) }
        }
    }

    /// The sessions done with `person` (on the session or its booking), and their confirmed
    /// bookings of sessions not done yet: titles.
    static func pastWork(of person: Person, in project: ProjectSnapshot) -> (done: [String], confirmed: [String]) {
        var done: [String] = []
        var confirmed: [String] = []
        for session in project.sessions {
            let booked = project.bookings.filter { $0.sessionID == session.id && $0.status != .cancelled }
            if session.isDone {
                if session.people.contains(person.id) || booked.contains(where: { $0.people.contains(person.id) }) {
                    done.append(session.title)
                }
            } else if booked.contains(where: { $0.status == .confirmed && $0.people.contains(person.id) }) {
                confirmed.append(session.title)
            }
        }
        return (done, confirmed)
    }

    static func pastWorkWords(done: [String], confirmed: [String]) -> String {
        var parts: [String] = []
        func list(_ titles: [String]) -> String {
            titles.count <= 3 ? titles.joined(separator: ", ") : titles.prefix(3).joined(separator: ", ") + "…"
        }
        if !done.isEmpty {
            parts.append("\(done.count) session\(done.count == 1 ? "" : "s") done on the project (\(list(done)))")
        }
        if !confirmed.isEmpty {
            parts.append(
                "\(confirmed.count) confirmed booking\(confirmed.count == 1 ? "" : "s") (\(list(confirmed)))")
        }
        return parts.isEmpty ? "no work on the project yet" : "past work: " + parts.joined(separator: "; ")
    }

    static func tenth(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}
