import Foundation

/// A comment on a song version, on a time range or on the whole version, possibly a reply.
///
/// The range is kept in frames of the version it was made on and, when that version's analysis
/// had a beat grid, as a musical place (beats from its first downbeat), so the comment is shown
/// on later versions at the same bar and beat.
public struct SongComment: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var projectID: String
    public var songID: String
    /// The version it was made on.
    public var versionID: String
    /// The comment it answers (threads are one level or deeper; the store keeps any depth).
    public var parentID: String?
    public var authorID: String
    public var body: String
    /// Start and end in frames of `versionID` (nil: the whole version).
    public var startFrame: Int64?
    public var endFrame: Int64?
    /// Start and end in beats from the first downbeat of `versionID`, when it had a beat grid.
    public var startBeat: Double?
    public var endBeat: Double?
    public var resolved: Bool
    public var createdAt: Date
    /// The project task made from this comment, if any.
    public var taskID: String?

    public init(
        id: String = Identifier.secret(), projectID: String, songID: String, versionID: String,
        parentID: String? = nil, authorID: String, body: String, startFrame: Int64? = nil, endFrame: Int64? = nil,
        startBeat: Double? = nil, endBeat: Double? = nil, resolved: Bool = false, createdAt: Date,
        taskID: String? = nil
    ) {
        self.id = id
        self.projectID = projectID
        self.songID = songID
        self.versionID = versionID
        self.parentID = parentID
        self.authorID = authorID
        self.body = body
        self.startFrame = startFrame
        self.endFrame = endFrame
        self.startBeat = startBeat
        self.endBeat = endBeat
        self.resolved = resolved
        self.createdAt = createdAt
        self.taskID = taskID
    }
}

/// An approval of a version: the artist's of a mix (for mastering), the producer's of a master
/// (for delivery).
public struct Approval: Hashable, Sendable, Codable, Identifiable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// The mix may go to mastering.
        case mix
        /// The master may be delivered.
        case master
    }

    public var id: String
    public var projectID: String
    public var versionID: String
    public var kind: Kind
    public var accountID: String
    /// The approver's role when approving.
    public var role: StudioRole
    public var note: String?
    public var at: Date

    public init(
        id: String = Identifier.secret(), projectID: String, versionID: String, kind: Kind, accountID: String,
        role: StudioRole, note: String? = nil, at: Date
    ) {
        self.id = id
        self.projectID = projectID
        self.versionID = versionID
        self.kind = kind
        self.accountID = accountID
        self.role = role
        self.note = note
        self.at = at
    }
}
