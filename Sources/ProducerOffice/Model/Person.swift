import Foundation

/// Someone who works on the record: the artist, an engineer, a session player, a backup singer,
/// or an ensemble booked as one (a string quartet is one person with a head count of four).
public struct Person: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var roles: [Role]
    public var contact: Contact
    public var rate: Rate
    /// How many players this booking brings into the room (1 for a person, 4 for a quartet).
    public var headcount: Int
    public var availability: Availability
    /// The union agreement whose scale applies (`"AFM scale"`, `"Musicians' Union"`), if any.
    public var unionScale: String?
    /// Styles they play or sing in (`soul`, `gospel`, `funk`), in lower case, for hiring.
    public var styles: [String]

    public init(
        id: String = Identifier.make(), name: String, roles: [Role], contact: Contact = Contact(), rate: Rate,
        headcount: Int = 1, availability: Availability, unionScale: String? = nil, styles: [String] = []
    ) {
        self.id = id
        self.name = name
        self.roles = roles
        self.contact = contact
        self.rate = rate
        self.headcount = headcount
        self.availability = availability
        self.unionScale = unionScale
        self.styles = styles
    }

    /// How to reach someone.
    public struct Contact: Hashable, Sendable, Codable {
        public var email: String?
        public var phone: String?
        public init(email: String? = nil, phone: String? = nil) {
            self.email = email
            self.phone = phone
        }
    }

    /// True when the person plays `role`.
    public func plays(_ role: Role) -> Bool { roles.contains(role) }
}

/// What someone charges: per hour, per day, per session, or a flat fee for the whole project,
/// with a minimum call (a half-day call is four hours) where it applies.
public struct Rate: Hashable, Sendable, Codable {
    public var amount: Money
    public var unit: Unit
    /// The fewest hours paid for on a day worked, for hourly rates (4 = half-day call).
    public var minimumHours: Double

    public init(_ amount: Money, per unit: Unit, minimumHours: Double = 0) {
        self.amount = amount
        self.unit = unit
        self.minimumHours = minimumHours
    }

    public enum Unit: String, Hashable, Sendable, Codable, CaseIterable {
        case hour, day, session, flat
    }

    /// `€60.00/hour (4 h minimum)`, `€1,200.00 flat`.
    public var formatted: String {
        var text = amount.formatted + (unit == .flat ? " flat" : "/\(unit.rawValue)")
        if unit == .hour && minimumHours > 0 { text += " (\(minimumHours.formatted()) h minimum)" }
        return text
    }
}
