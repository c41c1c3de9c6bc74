import Foundation

/// Where the record's money stands: for each budget line, each song (and the album as a whole)
/// and each category, and in total, what was planned, what is committed, what was spent, and
/// what it will come to.
///
/// - **Plan**: the budget lines' planned amounts.
/// - **Committed**: money promised and not yet paid — bookings and accepted offers, split as
///   ``Commitment/all(in:now:)`` says. An expense that `covers` a booking or an offer turns that
///   much of it (down to nothing) from committed into actual, in the same lines; whatever it pays
///   beyond the commitment is actual in the expense's own song and category.
/// - **Actual**: expenses recorded.
/// - **Forecast** at completion: actual + committed, plus the rest of the plan
///   (plan − actual − committed, when positive) while the line's work is not done. So it is never
///   below actual + committed, and equals the plan while spending stays inside it. A line's work
///   is done when all of its song's sessions that feed it are done (tracking, overdubs, vocals and
///   editing for studio, musicians and engineering; mixing sessions for mixing; mastering
///   sessions for mastering; for an album-wide line, those of every song); equipment, travel,
///   artwork, marketing and contingency are never done by sessions, so their plan stays in the
///   forecast.
/// - **Variance**: plan − forecast (negative: it will overrun).
///
/// Spending for a song and category without a line of its own goes to the album-wide line of
/// that category when there is one; otherwise it shows as a row with nothing planned, and a
/// warning. Several lines for one song and category share its spending in proportion to their
/// plans (largest remainder). Song and category rows and the total are sums of the line rows, so
/// every figure adds up to the cent.
public struct BudgetReport: Hashable, Sendable, Codable {
    public var currency: String
    /// One row per budget line, then a row for each song and category spent in with no line.
    public var lines: [Row]
    /// One row per song with a line or spending, then the album-wide row (song nil).
    public var songs: [Row]
    /// One row per category with a line or spending, in ``BudgetCategory`` order.
    public var categories: [Row]
    public var total: Figures
    /// Each booking and accepted offer with its parts (and union scale, where it applies).
    public var commitments: [Commitment]
    /// Overruns and spending without a line, in words.
    public var warnings: [String]
    /// A song's spending in a category with no line of its own, kept in the album-wide line of
    /// that category: what ``only(songID:)`` shows beside the song's own lines.
    public var songSpendingOnAlbumLines: [Row] = []

    /// The five figures of a row.
    public struct Figures: Hashable, Sendable, Codable {
        public var plan: Money
        public var committed: Money
        public var actual: Money
        public var forecast: Money
        /// plan − forecast.
        public var variance: Money { Money(minorUnits: plan.minorUnits - forecast.minorUnits, currency: plan.currency) }

        public init(plan: Money, committed: Money, actual: Money, forecast: Money) {
            self.plan = plan
            self.committed = committed
            self.actual = actual
            self.forecast = forecast
        }

        static func zero(_ currency: String) -> Figures {
            Figures(
                plan: .zero(currency), committed: .zero(currency), actual: .zero(currency), forecast: .zero(currency))
        }

        static func + (a: Figures, b: Figures) -> Figures {
            func add(_ x: Money, _ y: Money) -> Money {
                Money(minorUnits: x.minorUnits + y.minorUnits, currency: x.currency)
            }
            return Figures(
                plan: add(a.plan, b.plan), committed: add(a.committed, b.committed), actual: add(a.actual, b.actual),
                forecast: add(a.forecast, b.forecast))
        }

        private enum CodingKeys: String, CodingKey { case plan, committed, actual, variance, forecast }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                plan: try c.decode(Money.self, forKey: .plan), committed: try c.decode(Money.self, forKey: .committed),
                actual: try c.decode(Money.self, forKey: .actual), forecast: try c.decode(Money.self, forKey: .forecast)
            )
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(plan, forKey: .plan)
            try c.encode(committed, forKey: .committed)
            try c.encode(actual, forKey: .actual)
            try c.encode(variance, forKey: .variance)
            try c.encode(forecast, forKey: .forecast)
        }
    }

    /// A row of the report: a line, a song or a category.
    public struct Row: Hashable, Sendable, Codable {
        /// "Strings — Slow Signal", "Slow Signal", "Album", "Studio".
        public var label: String
        /// The budget line's id (nil for a row of spending with no line, and for roll-ups).
        public var lineID: String?
        public var songID: String?
        /// The song's title; nil for the album as a whole.
        public var song: String?
        /// The category (nil for a song's roll-up).
        public var category: BudgetCategory?
        public var figures: Figures
        /// True when the work it pays for is done (the plan's rest is no longer expected).
        public var workDone: Bool
        /// True for a song's spending counted in an album-wide line (it has no plan of its own).
        public var onAlbumLine: Bool = false
    }
}

extension BudgetCategory {
    /// The category in words, capitalised: "Studio", "Mastering".
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
