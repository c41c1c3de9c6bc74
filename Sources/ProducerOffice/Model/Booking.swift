import Foundation

/// A session placed in a room at a time with its people: a hold, a confirmed booking, or a
/// cancelled one with its fee.
public struct Booking: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var sessionID: String
    public var roomID: String
    public var start: Date
    public var end: Date
    /// Who is booked, by id.
    public var people: [String]
    public var status: Status
    /// What the schedule expects it to cost (room and people).
    public var cost: Money
    /// What cancelling costs (or cost, once cancelled).
    public var cancellationFee: Money?
    /// Bumped on every change, for calendar clients (iCalendar SEQUENCE).
    public var sequence: Int
    /// The `sequence` the booking had when `producer bookings list` last showed it; nil when it
    /// never did. `bookings confirm` refuses a booking changed since (the schedule moved it),
    /// unless told the time it expects (`--at`).
    public var listedSequence: Int?
    public var note: String

    public init(
        id: String = Identifier.make(), sessionID: String, roomID: String, start: Date, end: Date, people: [String],
        status: Status = .hold, cost: Money, cancellationFee: Money? = nil, sequence: Int = 0,
        listedSequence: Int? = nil,
        note: String = ""
    ) {
        self.id = id
        self.sessionID = sessionID
        self.roomID = roomID
        self.start = start
        self.end = end
        self.people = people
        self.status = status
        self.cost = cost
        self.cancellationFee = cancellationFee
        self.sequence = sequence
        self.listedSequence = listedSequence
        self.note = note
    }

    /// Where a booking stands.
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        /// Pencilled in; the scheduler may move it (iCalendar `STATUS:TENTATIVE`).
        case hold
        /// Confirmed with the studio and the people; never moved (`STATUS:CONFIRMED`).
        case confirmed
        /// Called off (`STATUS:CANCELLED`); its fee, if any, is still owed.
        case cancelled
    }

    /// True when the booking changed (the schedule moved it) after it was last shown.
    public var changedSinceListed: Bool { listedSequence.map { $0 != sequence } ?? false }
}
