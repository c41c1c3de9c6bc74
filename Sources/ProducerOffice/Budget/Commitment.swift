import Foundation

/// Money promised but not yet paid: a booking (its room and its people) or an accepted offer,
/// split into the budget's songs and categories.
public struct Commitment: Hashable, Sendable, Codable {
    /// The booking's or offer's id (what an expense's `covers` names).
    public var id: String
    public var kind: Kind
    /// "Tracking — Northern Line", "Offer to Mia Soul".
    public var title: String
    /// The parts; their amounts add up to ``amount``.
    public var parts: [Part]
    /// The union scale paid for the union players and singers in it, when there are any.
    public var scale: ScaleCalculation?

    public enum Kind: String, Hashable, Sendable, Codable {
        case booking, cancelledBooking = "cancelled booking", offer
    }

    /// One share of a commitment: a song (nil for the album) and a category.
    public struct Part: Hashable, Sendable, Codable {
        public var songID: String?
        public var category: BudgetCategory
        /// What it pays: "room Studio A — Live room", "Ana Ruiz (engineer)", "union scale".
        public var what: String
        public var amount: Money
    }

    /// The whole committed amount.
    public var amount: Money {
        let currency = parts.first?.amount.currency ?? "EUR"
        return Money(minorUnits: parts.reduce(0) { $0 + $1.amount.minorUnits }, currency: currency)
    }
}
