import Foundation

/// What answering an offer did: its new status and, for an acceptance, the sessions the person
/// joined, the bookings the repaired schedule changed and what the bookings cost before and after.
public struct OfferAnswer: Codable, Sendable, Hashable {
    /// The offer as it stands after the answer.
    public var offer: OfferList.Line
    /// The sessions the person joined (an acceptance).
    public var joined: [OfferRules.Joined] = []
    /// Bookings moved, re-staffed or made by the repair, in words.
    public var changes: [String] = []
    /// The bookings' cost (not cancelled) before and after; it counts everyone at their rate.
    public var bookingsCostBefore: Money?
    public var bookingsCostAfter: Money?
    /// True when the schedule was repaired around the acceptance.
    public var repaired: Bool = false
    /// Why it was not, when it was not (no schedule yet).
    public var scheduleNote: String?
    /// Other offers this command found past their answer-by time and recorded as expired.
    public var expired: [String] = []

    public init(offer: OfferList.Line) { self.offer = offer }

    /// The answer as people read it.
    public func text() -> String {
        var out: [String] = []
        let sessions = offer.sessions.joined(separator: "; ")
        switch offer.status {
        case .accepted:
            out.append(
                "Accepted \(offer.id): \(offer.person), \(offer.role), for \(sessions). Fee \(offer.fee.formatted) committed to the budget (musicians)."
            )
            for joined in joined { out.append("  joined \(joined.session): \(joined.how)") }
            if repaired {
                if changes.isEmpty { out.append("  the schedule kept every booking where it was") }
                for change in changes { out.append("  " + change) }
            }
            if let scheduleNote { out.append("  " + scheduleNote) }
            if let before = bookingsCostBefore, let after = bookingsCostAfter {
                let delta = Money(minorUnits: after.minorUnits - before.minorUnits, currency: after.currency)
                let sign = delta.minorUnits >= 0 ? "+" : ""
                out.append(
                    "  bookings cost \(before.formatted) → \(after.formatted) (\(sign)\(delta.formatted); the budget pays \(offer.person) by the offer's fee, not by the booking)"
                )
            }
        case .declined:
            out.append("Declined \(offer.id): \(offer.person) will not do \(sessions). Nothing else changed.")
        case .withdrawn:
            out.append("Withdrew \(offer.id) to \(offer.person) for \(sessions). Nothing else changed.")
        case .sent, .expired:
            out.append("\(offer.id): \(offer.status.rawValue).")
        }
        if !expired.isEmpty {
            out.append("(Past their answer-by time, now recorded as expired: \(expired.joined(separator: ", ")).)")
        }
        return out.joined(separator: "\n")
    }
}
