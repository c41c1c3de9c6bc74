import Foundation

/// A piece of work given to one person with a due date — "engineer: comp lead vocal, song 3,
/// Friday" — and, for a deliverable, the file that arrived and what its check found.
public struct ProjectTask: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    /// Who does it, by id.
    public var personID: String
    /// What to do, in words.
    public var title: String
    /// The song it is for, if any.
    public var songID: String?
    /// The file it must deliver, if it is a deliverable.
    public var deliverable: Deliverable?
    public var due: Date
    public var state: State
    /// When the accepted delivery arrived (or the task was marked done).
    public var completedAt: Date?
    /// The last file received for it, as given.
    public var file: String?
    /// Why the last file received was rejected, one reason each.
    public var findings: [String]

    public init(
        id: String = Identifier.make(), personID: String, title: String, songID: String? = nil,
        deliverable: Deliverable? = nil, due: Date, state: State = .open, completedAt: Date? = nil,
        file: String? = nil, findings: [String] = []
    ) {
        self.id = id
        self.personID = personID
        self.title = title
        self.songID = songID
        self.deliverable = deliverable
        self.due = due
        self.state = state
        self.completedAt = completedAt
        self.file = file
        self.findings = findings
    }

    /// Where a task stands.
    public enum State: String, Hashable, Sendable, Codable, CaseIterable {
        /// Not done yet.
        case open
        /// A file arrived and failed its check: still to deliver.
        case rejected
        /// A file arrived and passed its check.
        case delivered
        /// Marked done.
        case done
    }

    /// The usual files a song is delivered as.
    public enum Deliverable: String, Hashable, Sendable, Codable, CaseIterable {
        case mainMix = "main mix"
        case instrumental
        case aCappella = "a cappella"
        case tvMix = "tv mix"
        case stems
        case master
    }

    /// True when it is not finished and its due time has passed.
    public func isLate(at now: Date) -> Bool {
        (state == .open || state == .rejected) && now > due
    }
}
