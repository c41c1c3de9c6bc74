import Foundation
import ProducerFiles

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
    /// The `project:` section, when the plan has one.
    var settingsItem: Item<SettingsDraft>?
    var budgetItems: [Item<BudgetDraft>] = []

    /// Reads the plan file at `path` for a project with `settings`.
    /// - Throws: ``ProjectPlanError`` naming the line and key of the first problem. A folder, a
    ///   pipe, a device, a file larger than ``maximumFileBytes`` and text that is not UTF-8 are
    ///   refused (code `unreadable`) before the YAML is read.
    public init(contentsOf path: String, settings: ProjectSettings) throws(ProjectPlanError) {
        let text: String
        do {
            text = try InputFile.text(atPath: path, what: "plan file", limit: Self.maximumFileBytes)
        } catch {
            throw ProjectPlanError(file: path, line: error.line, column: error.column, code: .unreadable, error.reason)
        }
        try self.init(yaml: text, path: path, settings: settings)
    }

    /// Reads a plan from YAML text; `path` names it in errors.
    /// - Throws: ``ProjectPlanError`` as ``init(contentsOf:settings:)`` does, also for text
    ///   longer than ``maximumFileBytes``.
    public init(yaml: String, path: String, settings: ProjectSettings) throws(ProjectPlanError) {
        guard yaml.utf8.count <= Self.maximumFileBytes else {
            throw ProjectPlanError(
                file: path, code: .unreadable,
                InputFile.tooLargeReason(size: yaml.utf8.count, what: "plan file", limit: Self.maximumFileBytes))
        }
        self = try ProjectPlanParser(path: path, yaml: yaml, settings: settings).parse()
    }

    /// The largest plan file read, in bytes (4 MB): a plan of a hundred songs and sessions is a
    /// few tens of kilobytes.
    public static let maximumFileBytes = 4 << 20

    init(
        file: String, songs: [Item<Song>], people: [Item<Person>], studios: [Item<Studio>],
        sessions: [Item<SessionDraft>]
    ) {
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
    /// The plan's budget lines, with `songID` still as the plan wrote it.
    public var budget: [BudgetLine] { budgetItems.map(\.value.line) }

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

    /// The `project:` section: the settings it gives, each nil when left out.
    struct SettingsDraft: Sendable {
        var maxWorkMinutesPerDay: Int?
        var breakMinutes: Int?
        var latenessPenaltyPerDay: Money?
        var planStart: Date?
        var deadline: Date?
    }

    /// A budget line as the plan writes it: its song is a title or id until ``apply(to:)``.
    struct BudgetDraft: Sendable, Identifiable {
        var line: BudgetLine
        var id: String { line.id }
        var song: Reference?
    }

    func error(_ place: Place, code: ProjectPlanError.Code, _ message: String) -> ProjectPlanError {
        ProjectPlanError(file: file, line: place.line, column: place.column, key: place.key, code: code, message)
    }
}
