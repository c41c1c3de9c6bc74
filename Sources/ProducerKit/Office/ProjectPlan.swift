import Foundation
import ProducerOffice

/// A hand-written plan of a record: its songs, people, studios with their rooms, and sessions,
/// read from YAML and imported into a project with `producer project import FILE.yaml`.
///
/// Reading checks every key and type and gives each problem its line; ``apply(to:)`` then adds or
/// updates each record by id (a missing id is that of the project's record of the same name, or
/// else the name as a slug), resolves the sessions' `song:`, `people:` and `after:` by name or id,
/// and checks the roles sessions need and the order of sessions. Amounts are in the project's
/// currency and dates in its time zone, so a plan is read for one project's settings.
///
/// ```yaml
/// people:
///   - name: Jonas Berg
///     roles: [drummer]
///     rate: { amount: 320, per: session }
///     availability: { weekly: ["Mon-Fri 10:00-20:00"], busy: [{ from: 2027-03-08, note: gig }] }
/// sessions:
///   - title: Tracking — Night Trains
///     song: Night Trains
///     kind: tracking
///     needs: [drummer, engineer]
///     duration: 6h
/// ```
public struct ProjectPlan: Sendable {
    /// The plan file's path, as given; errors name it.
    public var file: String
    var songItems: [Item<Song>]
    var personItems: [Item<Person>]
    var studioItems: [Item<Studio>]
    var sessionItems: [Item<SessionDraft>]

    /// Reads the plan file at `path` for a project with `settings`.
    /// - Throws: ``ProjectPlanError`` naming the line and key of the first problem.
    public init(contentsOf path: String, settings: ProjectSettings) throws(ProjectPlanError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "the plan file cannot be read" : "the plan file does not exist"
            throw ProjectPlanError(file: path, code: .unreadable, reason)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ProjectPlanError(file: path, code: .unreadable, "the plan file is not UTF-8 text")
        }
        try self.init(yaml: text, path: path, settings: settings)
    }

    /// Reads a plan from YAML text; `path` names it in errors.
    public init(yaml: String, path: String, settings: ProjectSettings) throws(ProjectPlanError) {
        self = try ProjectPlanParser(path: path, yaml: yaml, settings: settings).parse()
    }

    init(file: String, songs: [Item<Song>], people: [Item<Person>], studios: [Item<Studio>], sessions: [Item<SessionDraft>]) {
        self.file = file
        songItems = songs
        personItems = people
        studioItems = studios
        sessionItems = sessions
    }

    /// The plan's songs, as read (ids not yet matched against a project).
    public var songs: [Song] { songItems.map(\.value) }
    /// The plan's people.
    public var people: [Person] { personItems.map(\.value) }
    /// The plan's studios with their rooms.
    public var studios: [Studio] { studioItems.map(\.value) }
    /// The plan's sessions, with `songID`, `people` and `after` still as the plan wrote them.
    public var sessions: [StudioSession] { sessionItems.map(\.value.session) }

    /// One record of the plan with where it was written.
    struct Item<Value: Sendable>: Sendable {
        var value: Value
        /// False when the plan gave no `id:` and one was made from the name.
        var idIsGiven: Bool
        var place: Place
    }

    /// A place in the plan file: the key path and the value's line and column.
    struct Place: Sendable, Hashable {
        var key: String
        var line: Int?
        var column: Int?
    }

    /// A name or id that the plan uses for another record, with where it is written.
    struct Reference: Sendable, Hashable {
        var text: String
        var place: Place
    }

    /// A session as the plan writes it: its references are names or ids until ``apply(to:)``.
    struct SessionDraft: Sendable, Identifiable {
        var session: StudioSession
        var id: String { session.id }
        var song: Reference?
        var people: [Reference]
        var after: [Reference]
        /// The needs with where each is written, to name an unknown role.
        var needPlaces: [Place]
        /// Whether the plan says `done:`; when it does not, an update keeps the project's.
        var doneIsGiven: Bool
    }

    func error(_ place: Place, code: ProjectPlanError.Code, _ message: String) -> ProjectPlanError {
        ProjectPlanError(file: file, line: place.line, column: place.column, key: place.key, code: code, message)
    }
}
