import Foundation
import ProducerOffice
import ProducerStore

/// Projects the tests read and write.
enum TestProject {
    static let settings = ProjectSettings(
        name: "Northern Lights", currency: "EUR", deadline: Date(timeIntervalSince1970: 1_830_000_000.25),
        timeZone: "Europe/Berlin", maxWorkMinutesPerDay: 540, breakMinutes: 45,
        latenessPenaltyPerDay: Money(minorUnits: 12_345, currency: "EUR"))

    /// A project with every field of every record set, most of them away from their defaults.
    static var rich: ProjectSnapshot {
        let march = Date(timeIntervalSince1970: 1_804_000_000)
        let song = Song(
            id: "song-1", title: "Northern Line",
            writers: [
                .init(name: "Ada Lind", shareBasisPoints: 6_000),
                .init(name: "Bo Kr\u{00E4}mer", shareBasisPoints: 4_000),
            ],
            key: "E minor", tempo: 123.5, lengthSeconds: 241.75, status: .overdubs, parts: ["strings", "lead vocal"])
        let bare = Song(id: "song-2", title: "Untitled \u{1F3B5}")
        let drummer = Person(
            id: "p-drums", name: "Kim Okafor", roles: [.drummer, "percussion"],
            contact: .init(email: "kim@example.org", phone: "+49 30 1234567"),
            rate: Rate(Money(minorUnits: 6_000, currency: "EUR"), per: .hour, minimumHours: 4), headcount: 1,
            availability: Availability(
                weekly: [
                    .init(weekday: .monday, startMinute: 600, endMinute: 1_080),
                    .init(weekday: .saturday, startMinute: 0, endMinute: 1_440),
                ],
                exceptions: [
                    .init(
                        start: march, end: march + 86_400, isBusy: true, note: "tour in Spain", source: "ics:abc-123"),
                    .init(
                        start: march + 7 * 86_400, end: march + 7 * 86_400 + 3_600, isBusy: false, note: "", source: nil
                    ),
                ],
                timeZone: "Europe/Madrid"),
            unionScale: "Musicians' Union")
        let quartet = Person(
            id: "p-quartet", name: "Aurora Quartet", roles: [.strings],
            rate: Rate(Money(minorUnits: 250_000, currency: "EUR"), per: .flat), headcount: 4,
            availability: .daily(from: 540, to: 1_020, timeZone: "UTC", except: [.sunday]))
        let studio = Studio(
            id: "s-hansa", name: "Hansa", location: "K\u{00F6}thener Str. 38, Berlin", timeZone: "Europe/Berlin",
            rooms: [
                Room(
                    id: "r-a", name: "Studio 1", hourlyRate: Money(minorUnits: 9_500, currency: "EUR"),
                    dailyRate: Money(minorUnits: 80_000, currency: "EUR"), capacity: 12,
                    gear: ["grand piano", "SSL console"],
                    openingHours: Availability(
                        weekly: [.init(weekday: .tuesday, startMinute: 540, endMinute: 1_320)],
                        exceptions: [.init(start: march, end: march + 3_600, note: "maintenance")],
                        timeZone: "Europe/Berlin")),
                Room(
                    id: "r-b", name: "Booth", hourlyRate: Money(minorUnits: 3_000, currency: "EUR"), capacity: 1,
                    openingHours: Availability(timeZone: "Europe/Berlin")),
            ])
        let empty = Studio(id: "s-home", name: "Home", timeZone: "UTC")
        let tracking = StudioSession(
            id: "x-1", songID: "song-1", kind: .tracking, title: "Tracking \u{2014} Northern Line",
            needs: [.init(.drummer), .init(.engineer, count: 2)], people: ["p-drums"], gear: ["grand piano"],
            durationMinutes: 360,
            after: [], deadline: march + 30 * 86_400, due: march + 20 * 86_400, isDone: true)
        let mix = StudioSession(id: "x-2", kind: .mixing, title: "Mix", durationMinutes: 480, after: ["x-1"])
        let booking = Booking(
            id: "b-1", sessionID: "x-1", roomID: "r-a", start: march + 36_000, end: march + 57_600,
            people: ["p-drums", "p-quartet"],
            status: .confirmed, cost: Money(minorUnits: 123_456, currency: "EUR"),
            cancellationFee: Money(minorUnits: 40_000, currency: "EUR"), sequence: 3, listedSequence: 2,
            note: "bring the Ludwig kit")
        let hold = Booking(
            id: "b-2", sessionID: "x-2", roomID: "r-b", start: march, end: march + 3_600, people: [], cost: .zero("EUR")
        )
        return ProjectSnapshot(
            settings: settings, songs: [song, bare], people: [drummer, quartet], studios: [studio, empty],
            sessions: [tracking, mix], bookings: [booking, hold], revision: 0)
    }

    /// The settings the stress writers' projects start with; `counter` and `clock` are the people
    /// they change.
    static var stressPeople: [Person] {
        ["counter", "clock"].map {
            Person(
                id: $0, name: $0, roles: [.engineer], rate: Rate(.zero("EUR"), per: .flat), headcount: 0,
                availability: Availability(timeZone: "UTC"))
        }
    }
}
