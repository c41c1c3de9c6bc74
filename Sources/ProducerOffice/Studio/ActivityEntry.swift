import Foundation

/// One line of a project's activity log, and of its members' notifications: who did what, when.
public struct ActivityEntry: Hashable, Sendable, Codable, Identifiable {
    public enum Verb: String, Hashable, Sendable, Codable, CaseIterable {
        case created, invited, joined, uploaded, analysed, commented, replied, resolved, approved
        case sentToMastering = "sent to mastering"
        case delivered, booked
        case produced = "queued a produce run of"
        case taskAdded = "task added"
        case pollOpened = "poll opened"
        case pollAnswered = "poll answered"
        case pollClosed = "poll closed"
    }

    public var id: String
    public var projectID: String
    public var at: Date
    /// Who did it (nil: the server or a worker).
    public var accountID: String?
    public var verb: Verb
    /// What it was about, in words ("mix 2 of Night Trains").
    public var subject: String
    /// The page it links to, a path on the server ("/projects/…/songs/…").
    public var link: String?

    public init(
        id: String = Identifier.secret(), projectID: String, at: Date, accountID: String?, verb: Verb, subject: String,
        link: String? = nil
    ) {
        self.id = id
        self.projectID = projectID
        self.at = at
        self.accountID = accountID
        self.verb = verb
        self.subject = subject
        self.link = link
    }
}
