import Foundation

/// The project's own settings: its name, currency, deadline and working rules.
public struct ProjectSettings: Hashable, Sendable, Codable {
    public var name: String
    /// ISO 4217 code of every amount in the project.
    public var currency: String
    /// The day the record must be finished (end of that day, in `timeZone`).
    public var deadline: Date?
    /// The project's IANA time zone: days and weeks are counted in it.
    public var timeZone: String
    /// The most anyone works in one day, in minutes (600 = ten hours).
    public var maxWorkMinutesPerDay: Int
    /// The least time between two sessions of one person on one day, in minutes.
    public var breakMinutes: Int
    /// What each day of lateness past a session's due date is counted as costing.
    public var latenessPenaltyPerDay: Money
    /// The first day the plan schedules from (`schedule --from`, or the plan's `start:`);
    /// `schedule --repair` keeps it.
    public var planStart: Date?

    public init(
        name: String, currency: String = "EUR", deadline: Date? = nil, timeZone: String = "UTC",
        maxWorkMinutesPerDay: Int = 600, breakMinutes: Int = 60, latenessPenaltyPerDay: Money? = nil,
        planStart: Date? = nil
    ) {
        self.name = name
        self.currency = currency
        self.deadline = deadline
        self.timeZone = timeZone
        self.maxWorkMinutesPerDay = maxWorkMinutesPerDay
        self.breakMinutes = breakMinutes
        self.latenessPenaltyPerDay = latenessPenaltyPerDay ?? Money(minorUnits: 20_000, currency: currency)
        self.planStart = planStart
    }

    /// A Gregorian calendar in the project's time zone.
    public var calendar: Calendar {
        let calendar = Calendar.gregorian(timeZone: timeZone)
        return calendar
    }
}

/// Everything a project holds, read at one moment: the unit every command works on.
///
/// A store reads a snapshot in a transaction and writes back what a command changed in the same
/// transaction, so two commands editing one project never lose each other's changes.
public struct ProjectSnapshot: Hashable, Sendable, Codable {
    public var settings: ProjectSettings
    public var songs: [Song]
    public var people: [Person]
    public var studios: [Studio]
    public var sessions: [StudioSession]
    public var bookings: [Booking]
    /// What the budget sets aside, by song and category.
    public var budget: [BudgetLine]
    /// What has been spent.
    public var expenses: [Expense]
    /// Offers of work made to players and singers.
    public var offers: [Offer]
    /// Work given to people with due dates, deliverables among them.
    public var tasks: [ProjectTask]
    /// The album's running order, once chosen.
    public var tracklist: Tracklist?
    /// The union scale the project pays by; nil for the built-in example rates.
    public var scaleRates: UnionScaleRates?
    /// What delivered files must be; nil for the built-in rules.
    public var deliveryRules: DeliveryRules?
    /// Counts the committed changes; a store bumps it on every write.
    public var revision: Int

    public init(
        settings: ProjectSettings, songs: [Song] = [], people: [Person] = [], studios: [Studio] = [],
        sessions: [StudioSession] = [], bookings: [Booking] = [], budget: [BudgetLine] = [],
        expenses: [Expense] = [], offers: [Offer] = [], tasks: [ProjectTask] = [], tracklist: Tracklist? = nil,
        scaleRates: UnionScaleRates? = nil, deliveryRules: DeliveryRules? = nil, revision: Int = 0
    ) {
        self.settings = settings
        self.songs = songs
        self.people = people
        self.studios = studios
        self.sessions = sessions
        self.bookings = bookings
        self.budget = budget
        self.expenses = expenses
        self.offers = offers
        self.tasks = tasks
        self.tracklist = tracklist
        self.scaleRates = scaleRates
        self.deliveryRules = deliveryRules
        self.revision = revision
    }

    /// Every room of every studio, with its studio.
    public var rooms: [(studio: Studio, room: Room)] {
        studios.flatMap { studio in studio.rooms.map { (studio, $0) } }
    }

    public func person(named name: String) -> Person? {
        people.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    public func studio(named name: String) -> Studio? {
        studios.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    public func room(id: String) -> (studio: Studio, room: Room)? {
        rooms.first { $0.room.id == id }
    }

    /// The booking of a session that is not cancelled, if it has one.
    public func activeBooking(of sessionID: String) -> Booking? {
        bookings.first { $0.sessionID == sessionID && $0.status != .cancelled }
    }
}
