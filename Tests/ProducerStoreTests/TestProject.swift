import Foundation
import ProducerOffice
import ProducerStore

/// Projects the tests read and write.
enum TestProject {
    static let settings = ProjectSettings(
        name: "Northern Lights", currency: "EUR", deadline: Date(timeIntervalSince1970: 1_830_000_000.25),
        timeZone: "Europe/Berlin", maxWorkMinutesPerDay: 540, breakMinutes: 45,
        latenessPenaltyPerDay: Money(minorUnits: 12_345, currency: "EUR"),
        planStart: Date(timeIntervalSince1970: 1_803_000_000.5))

    /// A project with every field of every record set, most of them away from their defaults.
    static var rich: ProjectSnapshot {
        let march = Date(timeIntervalSince1970: 1_804_000_000)
        let song = Song(
            id: "song-1", title: "Northern Line",
            writers: [
                .init(name: "Ada Lind", shareBasisPoints: 6_000),
                .init(name: "Bo Kr\u{00E4}mer", shareBasisPoints: 4_000),
            ],
            key: "E minor", tempo: 123.5, lengthSeconds: 241.75, status: .overdubs, parts: ["strings", "lead vocal"],
            ratings: .init(artist: 9, producer: 7, market: 6), energy: 8, isrc: "DE-A12-27-00001",
            iswc: "T-034.524.680-1")
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
            unionScale: "Musicians' Union", styles: ["soul", "funk"])
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
        let eur = { (cents: Int64) in Money(minorUnits: cents, currency: "EUR") }
        let budget = [
            BudgetLine(
                id: "l-1", songID: "song-1", category: .musicians, description: "strings", planned: eur(250_000)),
            BudgetLine(id: "l-2", category: .contingency, planned: eur(99_999)),
        ]
        let expenses = [
            Expense(
                id: "e-1", date: march + 0.125, songID: "song-1", category: .studio, description: "Hansa day",
                amount: eur(80_001), payee: "Hansa", receipt: "receipts/hansa.pdf", covers: "b-1"),
            Expense(id: "e-2", date: march, category: .travel, description: "train", amount: eur(4_550)),
        ]
        let offers = [
            Offer(
                id: "o-1", personID: "p-quartet", role: .strings, sessionIDs: ["x-1", "x-2"], fee: eur(250_000),
                sentAt: march, answerBy: march + 3 * 86_400, status: .accepted, answeredAt: march + 86_400,
                note: "two songs"),
            Offer(
                id: "o-2", personID: "p-drums", role: .drummer, sessionIDs: [], fee: eur(1), sentAt: march,
                answerBy: march + 60),
        ]
        let tasks = [
            ProjectTask(
                id: "t-1", personID: "p-drums", title: "main mix", songID: "song-1", deliverable: .mainMix,
                due: march + 5 * 86_400, state: .rejected, completedAt: nil, file: "in/mix.wav",
                findings: ["44.1 kHz, not 48 kHz", "clips at 1:02.300"]),
            ProjectTask(
                id: "t-2", personID: "p-quartet", title: "comp lead vocal", due: march, state: .done,
                completedAt: march + 10),
        ]
        let rates = UnionScaleRates(
            agreement: "Test scale",
            musicians: .init(
                sessionMinutes: 180, finishedMusicMinutesPerSession: 15, perSession: eur(42_000),
                overtimePerHalfHour: eur(10_500), leaderBasisPoints: 20_000, contractorBasisPoints: 20_000,
                contractorFromPlayers: 12, pensionBasisPoints: 1_281, healthAndWelfarePerSession: eur(2_650)),
            singers: .init(perSide: eur(23_000), perHour: eur(9_000), minimumHours: 2, contributionsBasisPoints: 2_050))
        return ProjectSnapshot(
            settings: settings, songs: [song, bare], people: [drummer, quartet], studios: [studio, empty],
            sessions: [tracking, mix], bookings: [booking, hold], budget: budget, expenses: expenses, offers: offers,
            tasks: tasks, tracklist: Tracklist(songIDs: ["song-2", "song-1"], sides: [1, 1], madeAt: march + 0.5),
            scaleRates: rates, deliveryRules: DeliveryRules(sampleRates: [48_000], naming: "{song}-{deliverable}.wav"),
            revision: 0)
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
