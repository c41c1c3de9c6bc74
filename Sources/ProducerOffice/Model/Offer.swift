import Foundation

/// An offer of work to a session player or singer: the role, the sessions it covers, the fee and
/// the day by which they must answer.
public struct Offer: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    /// Who it is made to, by id.
    public var personID: String
    /// The role they are asked to fill ("backup singer").
    public var role: Role
    /// The sessions it covers, by id.
    public var sessionIDs: [String]
    /// The whole fee offered for those sessions.
    public var fee: Money
    public var sentAt: Date
    /// The offer lapses at the end of this moment when it has not been answered.
    public var answerBy: Date
    /// Where it stands as last recorded; see ``status(at:)`` for expiry.
    public var status: Status
    /// When it was accepted, declined or withdrawn.
    public var answeredAt: Date?
    public var note: String

    public init(
        id: String = Identifier.make(), personID: String, role: Role, sessionIDs: [String], fee: Money, sentAt: Date,
        answerBy: Date, status: Status = .sent, answeredAt: Date? = nil, note: String = ""
    ) {
        self.id = id
        self.personID = personID
        self.role = role
        self.sessionIDs = sessionIDs
        self.fee = fee
        self.sentAt = sentAt
        self.answerBy = answerBy
        self.status = status
        self.answeredAt = answeredAt
        self.note = note
    }

    /// Where an offer stands.
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        case sent, accepted, declined, expired, withdrawn
    }

    /// The status at `now`: a sent offer past its answer-by time has expired.
    public func status(at now: Date) -> Status {
        status == .sent && now > answerBy ? .expired : status
    }
}
