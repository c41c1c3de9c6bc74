import Foundation

/// A piece of studio work to schedule: tracking drums for a song, a vocal day, a mix.
///
/// It names what it needs (roles and how many of each, particular people, gear, time) and what
/// must happen before it. The scheduler finds the room, the time and the people.
public struct StudioSession: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    /// The song it is for, if any.
    public var songID: String?
    public var kind: Kind
    /// What people call it: "Tracking — Northern Line".
    public var title: String
    /// Roles to fill, with how many people of each; the scheduler picks who.
    public var needs: [RoleNeed]
    /// People who must be there (the artist, a chosen engineer), by id.
    public var people: [String]
    /// Gear the room must have.
    public var gear: [String]
    /// Expected length in minutes.
    public var durationMinutes: Int
    /// Sessions that must be finished first, by id.
    public var after: [String]
    /// It must be finished by then (a hard limit).
    public var deadline: Date?
    /// It should be finished by then; each day later costs the project's lateness penalty.
    public var due: Date?
    /// True once the work is done.
    public var isDone: Bool

    public init(
        id: String = Identifier.make(), songID: String? = nil, kind: Kind, title: String, needs: [RoleNeed] = [],
        people: [String] = [], gear: [String] = [], durationMinutes: Int, after: [String] = [], deadline: Date? = nil,
        due: Date? = nil, isDone: Bool = false
    ) {
        self.id = id
        self.songID = songID
        self.kind = kind
        self.title = title
        self.needs = needs
        self.people = people
        self.gear = gear
        self.durationMinutes = durationMinutes
        self.after = after
        self.deadline = deadline
        self.due = due
        self.isDone = isDone
    }

    /// The kinds of studio work, in the order a song usually goes through them.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case tracking, overdub, vocals, editing, mixing, mastering
    }

    /// A role to fill and how many people of it.
    public struct RoleNeed: Hashable, Sendable, Codable {
        public var role: Role
        public var count: Int
        public init(_ role: Role, count: Int = 1) {
            self.role = role
            self.count = count
        }
    }
}
