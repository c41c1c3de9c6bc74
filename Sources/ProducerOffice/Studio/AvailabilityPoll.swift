import Foundation

/// A poll asking the project's members which dates they can make, answered by a date. Closing it
/// turns every "no" into busy time for the member's person, so `schedule --repair` avoids it.
public struct AvailabilityPoll: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var projectID: String
    public var title: String
    /// The project session it is for, if any.
    public var sessionID: String?
    /// The dates asked about, each a time range.
    public var options: [DateInterval]
    public var answerBy: Date
    public var createdBy: String
    public var createdAt: Date
    public var closedAt: Date?

    public init(
        id: String = Identifier.secret(), projectID: String, title: String, sessionID: String? = nil,
        options: [DateInterval], answerBy: Date, createdBy: String, createdAt: Date, closedAt: Date? = nil
    ) {
        self.id = id
        self.projectID = projectID
        self.title = title
        self.sessionID = sessionID
        self.options = options
        self.answerBy = answerBy
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.closedAt = closedAt
    }
}

/// One member's answer to one option of a poll (the latest answer counts).
public struct PollAnswer: Hashable, Sendable, Codable {
    public enum Answer: String, Hashable, Sendable, Codable, CaseIterable {
        case yes, maybe, no
    }

    public var pollID: String
    public var accountID: String
    /// Index into ``AvailabilityPoll/options``.
    public var option: Int
    public var answer: Answer
    public var at: Date

    public init(pollID: String, accountID: String, option: Int, answer: Answer, at: Date) {
        self.pollID = pollID
        self.accountID = accountID
        self.option = option
        self.answer = answer
        self.at = at
    }
}
