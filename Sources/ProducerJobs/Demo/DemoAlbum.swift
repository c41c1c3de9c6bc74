import Foundation
import ProducerOffice

/// The demo's album project: five songs, a four-piece band with a singer, session players,
/// two studios with three rooms, and a planned session chain per song.
///
/// The album is defined once, as the plan `album.yaml` beside this file (embedded in the
/// program; `Examples/album.yaml` links to it). Its dates are for a first day of 1 March 2027;
/// ``make(start:timeZone:)`` moves them to the first day asked for.
public enum DemoAlbum {
    /// The plan's text.
    public static let plan = String(decoding: PackageResources.album_yaml, as: UTF8.self)

    /// The first day the plan's dates are written for: Monday 1 March 2027.
    static let planStart = DateComponents(year: 2027, month: 3, day: 1)

    /// Makes the project with its first day on `start` (the next Monday is a good start): the
    /// plan applied to an empty project, every date moved by the days from the plan's first day.
    public static func make(start: Date, timeZone: String = "Europe/Berlin") -> ProjectSnapshot {
        let calendar = Calendar.gregorian(timeZone: timeZone)
        let first = calendar.startOfDay(for: start)
        func eur(_ amount: Int64) -> Money { Money(minorUnits: amount * 100, currency: "EUR") }
        let settings = ProjectSettings(
            name: "Night Trains (demo album)", currency: "EUR",
            deadline: calendar.date(byAdding: .day, value: 25, to: first), timeZone: timeZone,
            maxWorkMinutesPerDay: 600, breakMinutes: 60, latenessPenaltyPerDay: eur(150))
        var project = ProjectSnapshot(settings: settings)
        do {
            _ = try ProjectPlan(yaml: plan, path: "album.yaml", settings: settings).apply(to: &project)
        } catch {
            // The plan is part of the program, and a test reads it; it cannot be wrong at run time.
            preconditionFailure("the demo album's plan does not read: \(error)")
        }
        let planFirst = calendar.date(from: planStart)!
        let days = calendar.dateComponents([.day], from: planFirst, to: first).day ?? 0
        func move(_ date: Date) -> Date { calendar.date(byAdding: .day, value: days, to: date)! }
        func move(_ availability: inout Availability) {
            for i in availability.exceptions.indices {
                availability.exceptions[i].start = move(availability.exceptions[i].start)
                availability.exceptions[i].end = move(availability.exceptions[i].end)
            }
        }
        for i in project.people.indices { move(&project.people[i].availability) }
        for s in project.studios.indices {
            for r in project.studios[s].rooms.indices { move(&project.studios[s].rooms[r].openingHours) }
        }
        project.settings.planStart = project.settings.planStart.map(move)
        for i in project.sessions.indices {
            project.sessions[i].due = project.sessions[i].due.map(move)
            project.sessions[i].deadline = project.sessions[i].deadline.map(move)
        }
        return project
    }
}
