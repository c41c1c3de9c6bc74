import Foundation

/// A union's scale for recording sessions, kept as data the project can edit: AFM-style for
/// instrumentalists (a 3-hour session covering up to 15 minutes of finished music, the leader at
/// double scale, a contractor from 12 players, overtime in half hours, pension and
/// health-and-welfare on top) and per side or per hour for singers.
///
/// Amounts are in the project's currency; percentages are in basis points (1 250 = 12.50 %).
public struct UnionScaleRates: Hashable, Sendable, Codable {
    /// The agreement's name, as people call it.
    public var agreement: String
    public var musicians: Musicians
    public var singers: Singers

    public init(agreement: String, musicians: Musicians, singers: Singers) {
        self.agreement = agreement
        self.musicians = musicians
        self.singers = singers
    }

    /// Example rates in `currency`, shaped like an AFM-style agreement: €430.00 a 3-hour session
    /// covering 15 minutes of music, €107.50 each overtime half hour, leader and contractor at
    /// double scale, a contractor from 12 players, pension 13.00 % and €26.00 health and welfare
    /// a player a session; singers €250.00 a side or €95.00 an hour (2 hours at least), 18.00 %
    /// contributions. They are examples only: import the union's current rates
    /// (`producer budget scale --import rates.yaml`) before relying on the figures.
    public static func example(currency: String) -> UnionScaleRates {
        func money(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: currency) }
        return UnionScaleRates(
            agreement: "Example AFM-style scale (example rates, not a union's)",
            musicians: Musicians(
                sessionMinutes: 180, finishedMusicMinutesPerSession: 15, perSession: money(43_000),
                overtimePerHalfHour: money(10_750), leaderBasisPoints: 20_000, contractorBasisPoints: 20_000,
                contractorFromPlayers: 12, pensionBasisPoints: 1_300, healthAndWelfarePerSession: money(2_600)),
            singers: Singers(
                perSide: money(25_000), perHour: money(9_500), minimumHours: 2, contributionsBasisPoints: 1_800))
    }

    /// True when these are the built-in example rates (in any currency).
    public var isExample: Bool { self == UnionScaleRates.example(currency: musicians.perSession.currency) }

    /// Scale for instrumentalists.
    public struct Musicians: Hashable, Sendable, Codable {
        /// The length of one session, in minutes (180).
        public var sessionMinutes: Int
        /// The most finished music one session may produce, in minutes (15).
        public var finishedMusicMinutesPerSession: Int
        /// One player's pay for one session.
        public var perSession: Money
        /// One player's pay for each half hour (or part of one) past the session's length.
        public var overtimePerHalfHour: Money
        /// The leader's pay as a share of scale, in basis points (20 000 = double scale).
        public var leaderBasisPoints: Int
        /// The contractor's pay as a share of scale, in basis points.
        public var contractorBasisPoints: Int
        /// From this many players a contractor is required (12).
        public var contractorFromPlayers: Int
        /// Pension contribution on the wages, in basis points.
        public var pensionBasisPoints: Int
        /// Health and welfare per player per session.
        public var healthAndWelfarePerSession: Money

        public init(
            sessionMinutes: Int, finishedMusicMinutesPerSession: Int, perSession: Money, overtimePerHalfHour: Money,
            leaderBasisPoints: Int, contractorBasisPoints: Int, contractorFromPlayers: Int, pensionBasisPoints: Int,
            healthAndWelfarePerSession: Money
        ) {
            self.sessionMinutes = sessionMinutes
            self.finishedMusicMinutesPerSession = finishedMusicMinutesPerSession
            self.perSession = perSession
            self.overtimePerHalfHour = overtimePerHalfHour
            self.leaderBasisPoints = leaderBasisPoints
            self.contractorBasisPoints = contractorBasisPoints
            self.contractorFromPlayers = contractorFromPlayers
            self.pensionBasisPoints = pensionBasisPoints
            self.healthAndWelfarePerSession = healthAndWelfarePerSession
        }
    }

    /// Scale for singers: per side (one song recorded) or per hour with a minimum call.
    public struct Singers: Hashable, Sendable, Codable {
        public var perSide: Money
        public var perHour: Money
        public var minimumHours: Int
        /// Pension and health contributions on the wages, in basis points.
        public var contributionsBasisPoints: Int

        public init(perSide: Money, perHour: Money, minimumHours: Int, contributionsBasisPoints: Int) {
            self.perSide = perSide
            self.perHour = perHour
            self.minimumHours = minimumHours
            self.contributionsBasisPoints = contributionsBasisPoints
        }
    }
}
