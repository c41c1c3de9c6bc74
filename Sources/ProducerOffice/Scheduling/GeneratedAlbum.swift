import Foundation

/// Generated album projects with a fixed seed: the benchmark's instances and test material.
///
/// Each song has five sessions in a chain — tracking, overdubs, lead vocal, backing vocals, mix —
/// with a due date; people play nine roles with hourly (half-day minimum), day, session or flat
/// rates and weekly availability with some days blocked; rooms differ in size, gear, rates and
/// opening days. The same seed gives the same project on every machine.
public enum GeneratedAlbum {
    /// The roles generated people play.
    public static let roles: [Role] = [
        .artist, .producer, .engineer, .drummer, .bassist, .guitarist, .keyboardist, .backupSinger, .mixEngineer,
    ]

    /// Makes a project of `songs` songs, `people` people and `rooms` rooms over `days` days from
    /// `start` (a Monday is a good start), in `timeZone`, with the project deadline at the end.
    public static func make(
        seed: UInt64, songs: Int = 12, people peopleCount: Int = 20, rooms roomCount: Int = 4, days: Int = 28,
        start: Date, timeZone: String = "Europe/Berlin", currency: String = "EUR"
    ) -> ProjectSnapshot {
        var random = SplitMix64(seed: seed)
        var settings = ProjectSettings(name: "Generated album \(seed)", currency: currency, timeZone: timeZone)
        let calendar = settings.calendar
        let first = calendar.startOfDay(for: start)
        func dayDate(_ d: Int) -> Date { calendar.date(byAdding: .day, value: d, to: first)! }
        settings.deadline = dayDate(days - 1)
        func money(_ units: Int64) -> Money { Money(minorUnits: units * 100, currency: currency) }

        // People: role quotas scale with the head count; the first is the artist (flat fee).
        let shares: [(Role, Double)] = [
            (.artist, 1), (.producer, 1), (.engineer, 3), (.drummer, 2), (.bassist, 2), (.guitarist, 3),
            (.keyboardist, 2), (.backupSinger, 4), (.mixEngineer, 2),
        ]
        let scale = Double(peopleCount) / 20
        var roster: [Role] = []
        for (role, share) in shares {
            let count = role == .artist ? 1 : max(1, Int((share * scale).rounded()))
            roster += Array(repeating: role, count: count)
        }
        while roster.count > peopleCount { roster.remove(at: roster.lastIndex(of: .backupSinger) ?? roster.count - 1) }
        while roster.count < peopleCount { roster.append(shares[2 + Int(random.next() % 7)].0) }
        var people: [Person] = []
        var counters: [Role: Int] = [:]
        for (i, role) in roster.enumerated() {
            counters[role, default: 0] += 1
            let name = role == .artist ? "The Artist" : "\(role.name.capitalized) \(counters[role]!)"
            let rate: Rate
            switch role {
            case .artist: rate = Rate(money(0), per: .flat)
            case .producer: rate = Rate(money(Int64(2_500 + random.next() % 1_000)), per: .flat)
            case .engineer: rate = Rate(money(Int64(45 + random.next() % 30)), per: .hour, minimumHours: 4)
            case .mixEngineer: rate = Rate(money(Int64(400 + random.next() % 250)), per: .day)
            case .drummer, .bassist: rate = Rate(money(Int64(250 + random.next() % 150)), per: .session)
            default: rate = Rate(money(Int64(35 + random.next() % 30)), per: .hour, minimumHours: 3)
            }
            // Weekly availability: most work five or six days; hours vary.
            let offDays = Set(
                (0..<(1 + Int(random.next() % 2))).map { _ in
                    Availability.Weekday(rawValue: 1 + Int(random.next() % 7))!
                })
            let from = (9 + Int(random.next() % 3)) * 60
            let to = from + (9 + Int(random.next() % 4)) * 60
            var availability = Availability.daily(
                from: from, to: min(to, 23 * 60), timeZone: timeZone, except: role == .artist ? [] : offDays)
            // Some blocked days (gigs, holidays).
            for _ in 0..<Int(random.next() % 3) {
                let d = Int(random.next() % UInt64(days))
                availability.exceptions.append(.init(start: dayDate(d), end: dayDate(d + 1), isBusy: true, note: "gig"))
            }
            people.append(
                Person(
                    id: "p\(i + 1)", name: name, roles: [role], contact: .init(email: "person\(i + 1)@example.com"),
                    rate: rate,
                    availability: availability))
        }

        // Rooms: a big live room, a mid room, a vocal suite, a mix room, then more of the same kinds.
        let kinds: [(name: String, capacity: Int, gear: [String], hourly: Int64, daily: Int64)] = [
            ("Live room", 8, ["drum kit", "grand piano", "vocal booth"], 95, 650),
            ("Studio B", 5, ["drum kit", "vocal booth"], 65, 450),
            ("Vocal suite", 3, ["vocal booth"], 40, 280),
            ("Mix room", 3, ["mix console", "vocal booth"], 55, 380),
        ]
        var studios: [Studio] = []
        for r in 0..<roomCount {
            let kind = kinds[r % kinds.count]
            var hours = Availability.daily(
                from: 10 * 60, to: 22 * 60, timeZone: timeZone, except: r % 2 == 0 ? [.sunday] : [.monday])
            for _ in 0..<Int(random.next() % 2 + 1) {
                let d = Int(random.next() % UInt64(days))
                hours.exceptions.append(.init(start: dayDate(d), end: dayDate(d + 1), isBusy: true, note: "closed"))
            }
            let room = Room(
                id: "r\(r + 1)", name: r < kinds.count ? kind.name : "\(kind.name) \(r / kinds.count + 1)",
                hourlyRate: money(kind.hourly + Int64(random.next() % 15)),
                dailyRate: money(kind.daily + Int64(random.next() % 80)),
                capacity: kind.capacity, gear: kind.gear, openingHours: hours)
            studios.append(
                Studio(
                    id: "st\(r + 1)", name: r % 2 == 0 ? "North Studios" : "Harbour Sound",
                    location: r % 2 == 0 ? "Berlin-Mitte" : "Hamburg", timeZone: timeZone, rooms: [room]))
        }
        // Merge rooms of the same studio name.
        var merged: [Studio] = []
        for studio in studios {
            if let i = merged.firstIndex(where: { $0.name == studio.name }) {
                merged[i].rooms += studio.rooms
            } else {
                merged.append(studio)
            }
        }

        let artist = people.first { $0.plays(.artist) }!.id
        var songList: [Song] = []
        var sessions: [StudioSession] = []
        for s in 0..<songs {
            let song = Song(
                id: "s\(s + 1)", title: "Song \(s + 1)", status: .arranged,
                parts: ["drums", "bass", "guitars", "keys", "lead vocal", "backing vocals"])
            songList.append(song)
            let due = dayDate(min(days - 1, days / 3 + (s * (days - days / 3)) / max(1, songs)))
            let ids = (1...5).map { "s\(s + 1)-\($0)" }
            let hours = [
                6 + Int(random.next() % 3), 3 + Int(random.next() % 3), 3 + Int(random.next() % 2),
                2 + Int(random.next() % 2), 4 + Int(random.next() % 3),
            ]
            sessions += [
                StudioSession(
                    id: ids[0], songID: song.id, kind: .tracking, title: "Tracking — \(song.title)",
                    needs: [.init(.drummer), .init(.bassist), .init(.guitarist), .init(.engineer)], people: [artist],
                    gear: ["drum kit"], durationMinutes: hours[0] * 60),
                StudioSession(
                    id: ids[1], songID: song.id, kind: .overdub, title: "Overdubs — \(song.title)",
                    needs: [random.next() % 2 == 0 ? .init(.guitarist) : .init(.keyboardist), .init(.engineer)],
                    gear: [], durationMinutes: hours[1] * 60, after: [ids[0]]),
                StudioSession(
                    id: ids[2], songID: song.id, kind: .vocals, title: "Lead vocal — \(song.title)",
                    needs: [.init(.engineer), .init(.producer)], people: [artist], gear: ["vocal booth"],
                    durationMinutes: hours[2] * 60, after: [ids[1]]),
                StudioSession(
                    id: ids[3], songID: song.id, kind: .vocals, title: "Backing vocals — \(song.title)",
                    needs: [.init(.backupSinger, count: 2), .init(.engineer)], gear: ["vocal booth"],
                    durationMinutes: hours[3] * 60, after: [ids[2]]),
                StudioSession(
                    id: ids[4], songID: song.id, kind: .mixing, title: "Mix — \(song.title)",
                    needs: [.init(.mixEngineer)],
                    gear: ["mix console"], durationMinutes: hours[4] * 60, after: [ids[3]], due: due),
            ]
        }
        return ProjectSnapshot(settings: settings, songs: songList, people: people, studios: merged, sessions: sessions)
    }
}

/// A small, fast, seedable generator after SplitMix64 (its second multiplier differs from the
/// published one, which changes nothing of its quality): the same numbers on every platform, so
/// a seed names one generated project for good.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
