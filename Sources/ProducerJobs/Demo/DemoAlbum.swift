import Foundation
import ProducerOffice

/// The demo's album project: five songs, a four-piece band with a singer, session players,
/// two studios with three rooms, and a planned session chain per song.
public enum DemoAlbum {
    /// Makes the project with its first day on `start` (the next Monday is a good start).
    public static func make(start: Date, timeZone: String = "Europe/Berlin") -> ProjectSnapshot {
        let calendar = Calendar.gregorian(timeZone: timeZone)
        let first = calendar.startOfDay(for: start)
        func day(_ d: Int) -> Date { calendar.date(byAdding: .day, value: d, to: first)! }
        func eur(_ amount: Int64) -> Money { Money(minorUnits: amount * 100, currency: "EUR") }
        let weekdays = Availability.daily(from: 10 * 60, to: 20 * 60, timeZone: timeZone, except: [.saturday, .sunday])
        let settings = ProjectSettings(
            name: "Night Trains (demo album)", currency: "EUR", deadline: day(25), timeZone: timeZone,
            maxWorkMinutesPerDay: 600, breakMinutes: 60, latenessPenaltyPerDay: eur(150))

        var mara = Person(
            id: "mara", name: "Mara Lind", roles: [.artist], contact: .init(email: "mara@example.com"), rate: Rate(eur(0), per: .flat),
            availability: Availability.daily(from: 11 * 60, to: 21 * 60, timeZone: timeZone, except: [.sunday]))
        mara.availability.exceptions.append(.init(start: day(8), end: day(10), note: "festival in Leipzig"))
        let people: [Person] = [
            mara,
            Person(id: "jonas", name: "Jonas Berg", roles: [.drummer], contact: .init(email: "jonas@example.com"), rate: Rate(eur(320), per: .session), availability: weekdays),
            Person(id: "ines", name: "Ines Koch", roles: [.bassist], contact: .init(email: "ines@example.com"), rate: Rate(eur(280), per: .session), availability: weekdays),
            Person(id: "teo", name: "Teo Marin", roles: [.guitarist], contact: .init(email: "teo@example.com"), rate: Rate(eur(45), per: .hour, minimumHours: 4), availability: weekdays),
            Person(
                id: "ada", name: "Ada Novak", roles: [.engineer], contact: .init(email: "ada@example.com"), rate: Rate(eur(55), per: .hour, minimumHours: 4),
                availability: Availability.daily(from: 9 * 60, to: 21 * 60, timeZone: timeZone, except: [.sunday])),
            Person(id: "rui", name: "Rui Costa", roles: [.engineer, .mixEngineer], contact: .init(email: "rui@example.com"), rate: Rate(eur(480), per: .day), availability: weekdays),
            Person(id: "lena", name: "Lena & Sofi", roles: [.backupSinger], contact: .init(email: "duo@example.com"), rate: Rate(eur(60), per: .hour, minimumHours: 3), headcount: 2,
                   availability: Availability.daily(from: 14 * 60, to: 22 * 60, timeZone: timeZone, except: [.monday, .sunday]), unionScale: "Deutsche Orchestervereinigung"),
            Person(id: "quartet", name: "Aurora Quartet", roles: [.strings], contact: .init(email: "aurora@example.com"), rate: Rate(eur(900), per: .session), headcount: 4,
                   availability: Availability.daily(from: 10 * 60, to: 18 * 60, timeZone: timeZone, except: [.monday, .tuesday, .wednesday, .friday, .saturday, .sunday]), unionScale: "Deutsche Orchestervereinigung"),
        ]
        let studios = [
            Studio(
                id: "hansa", name: "Kranich Studios", location: "Berlin-Kreuzberg", timeZone: timeZone,
                rooms: [
                    Room(id: "hall", name: "Hall", hourlyRate: eur(95), dailyRate: eur(650), capacity: 10, gear: ["drum kit", "grand piano", "vocal booth"],
                         openingHours: Availability.daily(from: 10 * 60, to: 22 * 60, timeZone: timeZone, except: [.sunday])),
                    Room(id: "booth", name: "Booth 2", hourlyRate: eur(40), dailyRate: eur(260), capacity: 3, gear: ["vocal booth"],
                         openingHours: Availability.daily(from: 10 * 60, to: 22 * 60, timeZone: timeZone)),
                ]),
            Studio(
                id: "tide", name: "Tideway Mix", location: "Berlin-Neukölln", timeZone: timeZone,
                rooms: [
                    Room(id: "mixroom", name: "Mix room", hourlyRate: eur(60), dailyRate: eur(400), capacity: 3, gear: ["mix console", "vocal booth"],
                         openingHours: Availability.daily(from: 10 * 60, to: 20 * 60, timeZone: timeZone, except: [.saturday, .sunday]))
                ]),
        ]
        let titles = ["Night Trains", "Paper Harbour", "Slow Signal", "Blue Hour", "Ferris Wheel"]
        var songs: [Song] = []
        var sessions: [StudioSession] = []
        for (i, title) in titles.enumerated() {
            let id = "song\(i + 1)"
            songs.append(
                Song(
                    id: id, title: title, writers: [.init(name: "Mara Lind", shareBasisPoints: 6_000), .init(name: "Teo Marin", shareBasisPoints: 4_000)],
                    key: ["E minor", "A major", "D minor", "F major", "G major"][i], tempo: [92, 118, 76, 104, 128][i],
                    lengthSeconds: [214, 188, 246, 201, 177][i], status: i == 0 ? .tracking : .arranged,
                    parts: ["drums", "bass", "guitars", "lead vocal", "backing vocals"] + (i == 2 ? ["strings"] : [])))
            let tracking = "\(id)-tracking", overdubs = "\(id)-overdubs", vocal = "\(id)-vocal", bvs = "\(id)-bvs", mix = "\(id)-mix"
            sessions += [
                StudioSession(
                    id: tracking, songID: id, kind: .tracking, title: "Tracking — \(title)",
                    needs: [.init(.drummer), .init(.bassist), .init(.guitarist), .init(.engineer)], people: ["mara"], gear: ["drum kit"],
                    durationMinutes: 360),
                StudioSession(
                    id: overdubs, songID: id, kind: .overdub, title: "Overdubs — \(title)", needs: [.init(.guitarist), .init(.engineer)],
                    durationMinutes: 180, after: [tracking]),
                StudioSession(
                    id: vocal, songID: id, kind: .vocals, title: "Lead vocal — \(title)", needs: [.init(.engineer)], people: ["mara"],
                    gear: ["vocal booth"], durationMinutes: 240, after: [overdubs]),
                StudioSession(
                    id: bvs, songID: id, kind: .vocals, title: "Backing vocals — \(title)", needs: [.init(.backupSinger), .init(.engineer)],
                    gear: ["vocal booth"], durationMinutes: 180, after: [vocal]),
                StudioSession(
                    id: mix, songID: id, kind: .mixing, title: "Mix — \(title)", needs: [.init(.mixEngineer)], gear: ["mix console"],
                    durationMinutes: 420, after: [bvs], due: day(14 + 2 * i)),
            ]
            if i == 2 {
                // Strings for "Slow Signal": the quartet and the grand-piano hall.
                sessions.append(
                    StudioSession(
                        id: "\(id)-strings", songID: id, kind: .overdub, title: "Strings — \(title)", needs: [.init(.engineer)],
                        people: ["quartet"], gear: ["grand piano"], durationMinutes: 180, after: [tracking]))
                sessions[sessions.count - 2].after.append("\(id)-strings")
            }
        }
        return ProjectSnapshot(settings: settings, songs: songs, people: people, studios: studios, sessions: sessions)
    }
}
