import Foundation

/// A studio: a place with one or more rooms that can be booked.
public struct Studio: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var name: String
    /// Where it is, as people write an address or a town.
    public var location: String
    /// The studio's IANA time zone; opening hours are read in it.
    public var timeZone: String
    public var rooms: [Room]

    public init(
        id: String = Identifier.make(), name: String, location: String = "", timeZone: String, rooms: [Room] = []
    ) {
        self.id = id
        self.name = name
        self.location = location
        self.timeZone = timeZone
        self.rooms = rooms
    }
}

/// A bookable room: its rates, how many players it fits, its gear and when it is open.
public struct Room: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var hourlyRate: Money
    /// A day rate, if the studio offers one; a day never costs more than this.
    public var dailyRate: Money?
    /// How many players fit at once.
    public var capacity: Int
    /// What the room has: `"grand piano"`, `"vocal booth"`, `"drum kit"`, `"SSL console"`…
    public var gear: [String]
    /// Opening hours and closures.
    public var openingHours: Availability

    public init(
        id: String = Identifier.make(), name: String, hourlyRate: Money, dailyRate: Money? = nil, capacity: Int,
        gear: [String] = [], openingHours: Availability
    ) {
        self.id = id
        self.name = name
        self.hourlyRate = hourlyRate
        self.dailyRate = dailyRate
        self.capacity = capacity
        self.gear = gear
        self.openingHours = openingHours
    }

    /// True when the room has every piece of `needed` gear (compared without case).
    public func has(_ needed: [String]) -> Bool {
        let own = Set(gear.map { $0.lowercased() })
        return needed.allSatisfy { own.contains($0.lowercased()) }
    }
}
