import Foundation

/// `producer offers list`: the offers with their status at a moment, newest first.
///
/// Without `all` it shows the offers still in play or settled in the project's favour — sent,
/// expired and accepted — and counts the declined and withdrawn ones it leaves out.
public struct OfferList: Codable, Sendable, Hashable {
    public var offers: [Line]
    /// Declined and withdrawn offers left out (without `all`).
    public var hidden: Int

    /// One offer, with names for ids and its status at the moment listed.
    public struct Line: Codable, Sendable, Hashable {
        public var id: String
        public var person: String
        public var personID: String
        public var role: String
        public var sessions: [String]
        public var sessionIDs: [String]
        public var fee: Money
        public var sentAt: Date
        public var answerBy: Date
        /// The status at the moment listed: a sent offer past its answer-by time is `expired`.
        public var status: Offer.Status
        public var answeredAt: Date?
        public var note: String
    }

    /// The offers of `project` at `now`, newest first.
    public init(project: ProjectSnapshot, now: Date, all: Bool = false) {
        var lines: [Line] = []
        var hidden = 0
        for offer in project.offers.sorted(by: { ($0.sentAt, $0.id) > ($1.sentAt, $1.id) }) {
            let status = offer.status(at: now)
            if !all && (status == .declined || status == .withdrawn) {
                hidden += 1
                continue
            }
            lines.append(Self.line(offer, in: project, now: now))
        }
        self.offers = lines
        self.hidden = hidden
    }

    /// One offer as a line of the list.
    public static func line(_ offer: Offer, in project: ProjectSnapshot, now: Date) -> Line {
        Line(
            id: offer.id, person: project.people.first { $0.id == offer.personID }?.name ?? offer.personID,
            personID: offer.personID, role: offer.role.name,
            sessions: offer.sessionIDs.map { id in project.sessions.first { $0.id == id }?.title ?? id },
            sessionIDs: offer.sessionIDs, fee: offer.fee, sentAt: offer.sentAt, answerBy: offer.answerBy,
            status: offer.status(at: now), answeredAt: offer.answeredAt, note: offer.note)
    }

    /// The list as people read it: one offer a line or two.
    public func text(timeZone: String, now: Date) -> String {
        let zone = TimeZone(identifier: timeZone) ?? .gmt
        let day = DateFormatter.fixed("EEE d MMM yyyy", timeZone: zone)
        var out: [String] = []
        if offers.isEmpty {
            out.append("No offers\(hidden > 0 ? " open or accepted" : ""). Send one with `producer offers send`.")
        }
        for line in offers {
            var text =
                "\(line.id.padding(toLength: 4, withPad: " ", startingAt: 0)) \(line.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) "
                + "\(line.person), \(line.role), \(line.fee.formatted) — \(line.sessions.joined(separator: "; "))"
            switch line.status {
            case .sent:
                let days = Int((line.answerBy.timeIntervalSince(now) / 86_400).rounded(.down))
                let left = days == 0 ? "today" : "in \(days) day\(days == 1 ? "" : "s")"
                text += "; answer by \(day.string(from: line.answerBy)) (\(left))"
            case .expired:
                text += "; the answer was due by \(day.string(from: line.answerBy))"
            case .accepted, .declined, .withdrawn:
                if let answered = line.answeredAt { text += "; \(line.status.rawValue) \(day.string(from: answered))" }
            }
            out.append(text)
            if !line.note.isEmpty { out.append("     note: \(line.note)") }
        }
        if hidden > 0 {
            out.append("(\(hidden) declined or withdrawn not shown: --all shows them.)")
        }
        return out.joined(separator: "\n")
    }
}
