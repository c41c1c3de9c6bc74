import Foundation
import ProducerOffice

/// A small album project with three bookings (a hold, a confirmed one and a cancelled one with
/// a fee) in two studios, for the iCalendar tests.
enum ICalendarFixtures {
    /// 2025-03-03 00:00 UTC, a Monday.
    static let monday = Date(timeIntervalSince1970: 1_740_960_000)
    static func at(dayOffset: Int, hour: Int, minute: Int = 0) -> Date {
        monday.addingTimeInterval(TimeInterval(dayOffset * 86_400 + hour * 3600 + minute * 60))
    }
    static let now = Date(timeIntervalSince1970: 1_740_000_000)

    static let ana = Person(
        id: "ana", name: "Ana Lima", roles: [.artist], contact: .init(email: "ana@example.com"),
        rate: Rate(.zero("EUR"), per: .flat), availability: Availability(timeZone: "Europe/Berlin"))
    static let ben = Person(
        id: "ben", name: "Ben \"Knobs\" Okafor, Jr.", roles: [.engineer, .mixEngineer],
        contact: .init(email: "ben@example.com"), rate: Rate(Money(minorUnits: 6_000, currency: "EUR"), per: .hour),
        availability: Availability(timeZone: "Europe/Berlin"))
    static let carla = Person(
        id: "carla", name: "Carla", roles: [.drummer],
        rate: Rate(Money(minorUnits: 40_000, currency: "EUR"), per: .day),
        availability: Availability(timeZone: "Europe/Berlin"))

    static let hansa = Studio(
        id: "hansa", name: "Hansa Tonstudio", location: "Köthener Str. 38, Berlin", timeZone: "Europe/Berlin",
        rooms: [
            Room(
                id: "meistersaal", name: "Meistersaal", hourlyRate: Money(minorUnits: 12_000, currency: "EUR"),
                capacity: 30,
                openingHours: Availability(timeZone: "Europe/Berlin"))
        ])
    static let attic = Studio(
        id: "attic", name: "The Attic", timeZone: "Europe/Berlin",
        rooms: [
            Room(
                id: "booth", name: "Vocal booth", hourlyRate: Money(minorUnits: 3_000, currency: "EUR"), capacity: 2,
                openingHours: Availability(timeZone: "Europe/Berlin"))
        ])

    static let song = Song(id: "northern", title: "Northern Line; Part 2, \\ live")
    static let drums = StudioSession(
        id: "drums", songID: "northern", kind: .tracking, title: "Tracking — Northern Line",
        needs: [.init(.drummer), .init(.engineer)], people: ["ana"], durationMinutes: 360)
    static let vocals = StudioSession(
        id: "vocals", songID: "northern", kind: .vocals, title: "Lead vocal, Northern Line", people: ["ana", "ben"],
        durationMinutes: 240)
    static let mix = StudioSession(
        id: "mix", songID: "northern", kind: .mixing, title: "Mix: Northern Line", people: ["ben"], durationMinutes: 480
    )

    static let hold = Booking(
        id: "b-hold", sessionID: "drums", roomID: "meistersaal", start: at(dayOffset: 0, hour: 9),
        end: at(dayOffset: 0, hour: 15), people: ["ana", "ben", "carla"], status: .hold,
        cost: Money(minorUnits: 152_000, currency: "EUR"), sequence: 0)
    static let confirmed = Booking(
        id: "b-confirmed", sessionID: "vocals", roomID: "booth", start: at(dayOffset: 1, hour: 13, minute: 30),
        end: at(dayOffset: 1, hour: 17, minute: 30), people: ["ana", "ben"], status: .confirmed,
        cost: Money(minorUnits: 36_000, currency: "EUR"), sequence: 2, note: "Bring the SM7B,\nnot the U87")
    static let cancelled = Booking(
        id: "b-cancelled", sessionID: "mix", roomID: "meistersaal", start: at(dayOffset: 3, hour: 10),
        end: at(dayOffset: 3, hour: 18), people: ["ben"], status: .cancelled,
        cost: Money(minorUnits: 144_000, currency: "EUR"), cancellationFee: Money(minorUnits: 25_000, currency: "EUR"),
        sequence: 3)

    static let snapshot = ProjectSnapshot(
        settings: ProjectSettings(name: "Night Trains (LP), 2025", timeZone: "Europe/Berlin"),
        songs: [song], people: [ana, ben, carla], studios: [hansa, attic], sessions: [drums, vocals, mix],
        bookings: [cancelled, confirmed, hold])
}
