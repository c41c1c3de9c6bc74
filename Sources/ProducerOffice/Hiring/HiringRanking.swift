import Foundation

/// What `producer hire` found: the people who could fill a role, best fit first, each with the
/// points of every factor of ``Hiring/rank(_:in:now:)`` and the reasons in words.
public struct HiringRanking: Codable, Sendable, Hashable {
    /// The role asked for.
    public var role: String
    /// The style asked for, if any.
    public var style: String?
    /// The times they are needed, in words: the `--on` days, then the booked `--session`s.
    public var needed: [String]
    /// The budget for the fee, if one was given.
    public var budget: Money?
    /// Best fit first; people who only have a related role are marked `couldAlso`.
    public var candidates: [Candidate]
    /// How many people on the roster neither play the role nor a related one (not shown).
    public var others: Int
    /// The most points each factor gives.
    public var weights: Hiring.Weights = Hiring.weights

    /// One person and why they rank where they do.
    public struct Candidate: Codable, Sendable, Hashable {
        /// 1 for the best fit.
        public var rank: Int
        public var personID: String
        public var name: String
        /// Out of 100, to a tenth: the sum of `points`.
        public var score: Double
        /// True when they do not play the role but a related one (`lead singer` for `backup singer`).
        public var couldAlso: Bool
        /// The points of each factor, to a tenth.
        public var points: Points
        /// Their rate turned into the fee for the needed time.
        public var cost: Money
        /// How free they are at each needed time.
        public var availability: [TimeFit]
        /// Sessions done with them on the project, and their confirmed bookings not yet done.
        public var pastWork: Int
        /// Role, availability, rate, style and past work, in words.
        public var reasons: [String]
    }

    /// The points a person got for each factor.
    public struct Points: Codable, Sendable, Hashable {
        public var role: Double
        public var availability: Double
        public var rate: Double
        public var style: Double
        public var pastWork: Double

        public init(role: Double, availability: Double, rate: Double, style: Double, pastWork: Double) {
            self.role = role
            self.availability = availability
            self.rate = rate
            self.style = style
            self.pastWork = pastWork
        }
    }

    /// How free someone is at one of the needed times.
    public struct TimeFit: Codable, Sendable, Hashable {
        /// The day or session, in words (`Tue 2 Mar 2027`).
        public var time: String
        public var fit: Fit
        /// `free all day (14:00–22:00)`, `free 18:00–22:00 only (busy: rehearsal 14:00–18:00)`.
        public var words: String
    }

    /// Free for the whole needed time, for part of it, or not at all.
    public enum Fit: String, Codable, Sendable, Hashable {
        case free, part, busy
    }
}

extension HiringRanking {
    /// The ranking as people read it: one block per person, best first, with the reasons.
    public func text() -> String {
        var out: [String] = []
        var head = "\(role.prefix(1).uppercased() + role.dropFirst())"
        if let style { head += ", \(style)" }
        head += ", needed " + needed.joined(separator: "; ")
        if let budget { head += "; budget \(budget.formatted)" }
        out.append(head)
        if candidates.isEmpty {
            out.append("Nobody on the roster plays \(role) or a related role. Add them with `producer project import`.")
        }
        for candidate in candidates {
            out.append("")
            let mark = candidate.couldAlso ? " (could also)" : ""
            out.append(
                "\(candidate.rank). \(candidate.name)\(mark) — \(Self.number(candidate.score)) points, \(candidate.cost.formatted)"
            )
            for reason in candidate.reasons { out.append("     " + reason) }
        }
        out.append("")
        var footer =
            "Points out of 100: role \(Self.number(weights.role)) (a related role \(Self.number(weights.relatedRole))), "
            + "availability \(Self.number(weights.availability)), rate \(Self.number(weights.rate)), "
            + "style \(Self.number(weights.style)), past work \(Self.number(weights.pastWork)); ties by name."
        if others > 0 { footer += " \(others) more on the roster play neither \(role) nor a related role." }
        out.append(footer)
        return out.joined(separator: "\n")
    }

    /// `83.3`, `45`.
    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
