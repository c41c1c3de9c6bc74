import Foundation

/// A scheduling problem reduced to integers: the form the solver (and any other solver, such as
/// the CP-SAT model in `Benchmarks/`) works on.
///
/// Time is a grid of slots of `slotMinutes` (30 by default) over `dayCount` days of the project's
/// time zone; slot `t` of day `d` has the absolute index `d * slotsPerDay + t`. A session takes
/// `durationSlots` consecutive slots on one day. Money is in minor units of `currency`.
///
/// **Hard rules.** A session lies inside its room's open slots and every assigned person's
/// available slots; it starts at or after `releaseSlot` and after every predecessor has ended,
/// and ends by `deadlineSlot`. Its room has all its gear and holds the head count of its
/// people. Each role need gets `count` different people who play the role and are not among
/// the session's required people. No room and no person is in two sessions at once; a person's
/// two sessions on one day are at least `breakSlots` apart, and a person works at most
/// `maxWorkSlotsPerDay` slots a day. A fixed session keeps its placement, and a session is not
/// booked again over the time of one of its cancelled bookings (`avoid`; the benchmark's models
/// have none, and `Benchmarks/schedule` does not model it).
///
/// **Cost** (what the solver lowers), summed over days: each room used on a day costs
/// `min(dayRate, slots × slotRate)`; each person working on a day costs, by rate unit,
/// `max(slots, minimumSlots) × rate` (hour), `rate` (day) or `rate × sessions` (session); a
/// flat-fee person costs `rate` once if booked at all; and each session ending `k` days after its
/// due day costs `k × latenessPenaltyPerDay`.
public struct ScheduleModel: Hashable, Sendable, Codable {
    public var slotMinutes: Int
    public var slotsPerDay: Int
    public var dayCount: Int
    /// Local midnight of day 0, in `timeZone`.
    public var firstDay: Date
    /// Local midnight of each day (days differ in length across a daylight-saving change).
    public var dayStarts: [Date]
    public var timeZone: String
    public var currency: String
    public var maxWorkSlotsPerDay: Int
    public var breakSlots: Int
    public var latenessPenaltyPerDay: Int64
    public var rooms: [RoomModel]
    public var people: [PersonModel]
    public var sessions: [SessionModel]

    public init(
        slotMinutes: Int, dayCount: Int, firstDay: Date, dayStarts: [Date], timeZone: String, currency: String,
        maxWorkSlotsPerDay: Int, breakSlots: Int, latenessPenaltyPerDay: Int64, rooms: [RoomModel],
        people: [PersonModel], sessions: [SessionModel]
    ) {
        self.slotMinutes = slotMinutes
        self.slotsPerDay = 1440 / slotMinutes
        self.dayCount = dayCount
        self.firstDay = firstDay
        self.dayStarts = dayStarts
        self.timeZone = timeZone
        self.currency = currency
        self.maxWorkSlotsPerDay = maxWorkSlotsPerDay
        self.breakSlots = breakSlots
        self.latenessPenaltyPerDay = latenessPenaltyPerDay
        self.rooms = rooms
        self.people = people
        self.sessions = sessions
    }

    /// A room as the solver sees it.
    public struct RoomModel: Hashable, Sendable, Codable {
        public var id: String
        /// "Studio A — Live room".
        public var name: String
        public var capacity: Int
        public var gear: [String]
        /// Cost of one slot.
        public var slotRate: Int64
        /// Most a day costs, if the room has a day rate.
        public var dayRate: Int64?
        /// For each day, bit `t` set when slot `t` is open.
        public var open: [UInt64]
        /// Opening hours in words, for explanations ("open Tue–Sun 10:00–22:00").
        public var hours: String?

        public init(
            id: String, name: String, capacity: Int, gear: [String], slotRate: Int64, dayRate: Int64?, open: [UInt64],
            hours: String? = nil
        ) {
            self.id = id
            self.name = name
            self.capacity = capacity
            self.gear = gear
            self.slotRate = slotRate
            self.dayRate = dayRate
            self.open = open
            self.hours = hours
        }
    }

    /// A person (or ensemble) as the solver sees them.
    public struct PersonModel: Hashable, Sendable, Codable {
        public var id: String
        public var name: String
        public var roles: [String]
        public var headcount: Int
        public var rateUnit: Rate.Unit
        /// Per slot (hour rates), per day, per session, or the flat fee.
        public var rate: Int64
        /// Slots paid at least on a day worked (hour rates only).
        public var minimumSlots: Int
        /// For each day, bit `t` set when the person is free in slot `t`.
        public var available: [UInt64]
        /// When they are free, in words, for explanations ("free Mondays 10:00–18:00").
        public var hours: String?

        public init(
            id: String, name: String, roles: [String], headcount: Int, rateUnit: Rate.Unit, rate: Int64,
            minimumSlots: Int,
            available: [UInt64], hours: String? = nil
        ) {
            self.id = id
            self.name = name
            self.roles = roles
            self.headcount = headcount
            self.rateUnit = rateUnit
            self.rate = rate
            self.minimumSlots = minimumSlots
            self.available = available
            self.hours = hours
        }
    }

    /// A session as the solver sees it.
    public struct SessionModel: Hashable, Sendable, Codable {
        public var id: String
        public var title: String
        public var durationSlots: Int
        public var gear: [String]
        /// People who must be there, by index into `people`.
        public var required: [Int]
        public var needs: [Need]
        /// Rooms with all the gear, by index into `rooms` (capacity is checked with the people chosen).
        public var rooms: [Int]
        /// Sessions that must end first, by index into `sessions`.
        public var predecessors: [Int]
        /// Earliest start slot (absolute).
        public var releaseSlot: Int
        /// Latest end slot (absolute, exclusive), if the session has a hard deadline.
        public var deadlineSlot: Int?
        /// The day it should be finished on, if it has a due date.
        public var dueDay: Int?
        /// The placement it must keep (a confirmed booking).
        public var fixed: Placement?
        /// Where it was before (for repair: keeping it there moves nothing).
        public var previous: Placement?
        /// Absolute slot ranges it must not overlap: the times of its cancelled bookings.
        public var avoid: [ClosedRange<Int>] = []

        public init(
            id: String, title: String, durationSlots: Int, gear: [String], required: [Int], needs: [Need], rooms: [Int],
            predecessors: [Int], releaseSlot: Int, deadlineSlot: Int?, dueDay: Int?, fixed: Placement? = nil,
            previous: Placement? = nil
        ) {
            self.id = id
            self.title = title
            self.durationSlots = durationSlots
            self.gear = gear
            self.required = required
            self.needs = needs
            self.rooms = rooms
            self.predecessors = predecessors
            self.releaseSlot = releaseSlot
            self.deadlineSlot = deadlineSlot
            self.dueDay = dueDay
            self.fixed = fixed
            self.previous = previous
        }
    }

    /// A role to fill in a session and who could fill it.
    public struct Need: Hashable, Sendable, Codable {
        public var role: String
        public var count: Int
        /// People who play the role and are not required anyway, by index into `people`.
        public var candidates: [Int]
        public init(role: String, count: Int, candidates: [Int]) {
            self.role = role
            self.count = count
            self.candidates = candidates
        }
    }

    /// Where and when a session happens, and who is there.
    public struct Placement: Hashable, Sendable, Codable {
        public var room: Int
        /// Absolute start slot.
        public var start: Int
        /// Everyone there, required people first, by index into `people`.
        public var people: [Int]
        public init(room: Int, start: Int, people: [Int]) {
            self.room = room
            self.start = start
            self.people = people
        }
    }

    /// The start of absolute slot `slot` as a date.
    public func date(ofSlot slot: Int) -> Date {
        let day = slot / slotsPerDay
        let start = day < dayStarts.count ? dayStarts[day] : firstDay.addingTimeInterval(Double(day) * 86_400)
        return start.addingTimeInterval(Double((slot % slotsPerDay) * slotMinutes * 60))
    }
}
