import Foundation

/// What union scale costs for one session, line by line: each line says what it is for,
/// quantity × rate = amount (or a percentage of a sum), and the lines add up to ``total``.
///
/// Made by ``ScaleCalculation/init(players:singers:bookedMinutes:musicSeconds:rates:)``:
///
/// - **Sessions.** One scale session is `sessionMinutes` (3 hours) and covers up to
///   `finishedMusicMinutesPerSession` (15 minutes) of finished music: a song of 16 minutes needs
///   2 sessions. Without a known length one session is assumed (and said).
/// - **Overtime.** Time booked past the sessions' length is paid in half hours; a part of a half
///   hour counts whole (3 h 10 min booked for one session is 1 half hour of overtime).
/// - **Leader** at `leaderBasisPoints` of scale (double), for sessions and overtime alike: the
///   player marked leader, or else the first player named. **Contractor** from
///   `contractorFromPlayers` players at `contractorBasisPoints` of scale: the player marked
///   contractor, or one added "to be named" when none is.
/// - **Pension** is `pensionBasisPoints` of all the players' wages, rounded once (half up) on
///   their sum; **health and welfare** is paid per player per session on top.
/// - **Singers** are paid per side (one song, one side) or, when their own rate is by the hour,
///   per hour (begun hours, at least `minimumHours`); their contributions are
///   `contributionsBasisPoints` of their wages, rounded once.
///
/// A rate that is a percentage of scale (the leader's double scale) is rounded once to the cent
/// and shown as the rate of its line.
public struct ScaleCalculation: Hashable, Sendable, Codable {
    /// The agreement whose rates were used.
    public var agreement: String
    /// True when the rates are the built-in example rates.
    public var exampleRates: Bool
    /// Minutes booked.
    public var bookedMinutes: Int
    /// The finished music recorded, in seconds, when known.
    public var musicSeconds: Double?
    /// Scale sessions paid.
    public var sessions: Int
    /// Overtime half hours paid, past `sessions` × the session length.
    public var overtimeHalfHours: Int
    /// Union instrumentalists counted (head count, contractor included).
    public var players: Int
    public var lines: [Line]
    public var total: Money
    /// What was assumed, in words ("the song's length is not known: one session assumed").
    public var notes: [String]

    /// A union player in the session: an ensemble counts its head count.
    public struct Player: Hashable, Sendable, Codable {
        public var name: String
        public var headcount: Int
        public var isLeader: Bool
        public var isContractor: Bool
        public init(name: String, headcount: Int = 1, isLeader: Bool = false, isContractor: Bool = false) {
            self.name = name
            self.headcount = max(1, headcount)
            self.isLeader = isLeader
            self.isContractor = isContractor
        }
    }

    /// A union singer: paid per side, or per hour when `perHour`.
    public struct Singer: Hashable, Sendable, Codable {
        public var name: String
        public var headcount: Int
        public var perHour: Bool
        public init(name: String, headcount: Int = 1, perHour: Bool = false) {
            self.name = name
            self.headcount = max(1, headcount)
            self.perHour = perHour
        }
    }

    /// One line of the calculation.
    public struct Line: Hashable, Sendable, Codable {
        /// What it pays for ("Ana Ruiz, leader (double scale)").
        public var what: String
        /// How many units, for a quantity × rate line.
        public var quantity: Int?
        /// The unit counted ("session", "half hour", "side", "hour", "player-session").
        public var unit: String?
        public var rate: Money?
        /// The percentage, for a line that is a share of `base`.
        public var basisPoints: Int?
        public var base: Money?
        public var amount: Money

        /// `Ana Ruiz, leader (double scale): 1 session × €860.00 = €860.00`, or
        /// `Pension: 13.00 % of €1,720.00 = €223.60`.
        public var text: String {
            if let basisPoints, let base {
                return "\(what): \(UnionScaleRates.percent(basisPoints)) of \(base.formatted) = \(amount.formatted)"
            }
            let count = quantity ?? 1
            let units = unit.map { " " + ($0 == "" || count == 1 ? $0 : ScaleCalculation.plural($0)) } ?? ""
            return "\(what): \(count)\(units) × \((rate ?? amount).formatted) = \(amount.formatted)"
        }
    }

    static func plural(_ unit: String) -> String {
        switch unit {
        case "half hour": "half hours"
        case "player-half-hour": "player-half-hours"
        default: unit + "s"
        }
    }
}

extension UnionScaleRates {
    /// `1300` → `13.00 %`.
    public static func percent(_ basisPoints: Int) -> String {
        let sign = basisPoints < 0 ? "-" : ""
        let value = basisPoints.magnitude
        return "\(sign)\(value / 100).\(value % 100 < 10 ? "0" : "")\(value % 100) %"
    }

    /// `amount` × `basisPoints` / 10 000, rounded once, half up, to the minor unit.
    public static func share(of amount: Money, basisPoints: Int) -> Money {
        let product = amount.minorUnits * Int64(basisPoints)
        let rounded = product >= 0 ? (product + 5_000) / 10_000 : -((-product + 5_000) / 10_000)
        return Money(minorUnits: rounded, currency: amount.currency)
    }
}
