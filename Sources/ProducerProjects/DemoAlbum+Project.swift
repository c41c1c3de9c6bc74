import Foundation
import ProducerKit
import ProducerOffice
import ProducerStore

extension DemoAlbum {
    /// What the demo's album part made: the project folder, its schedule and the calendar export.
    public struct Made: Sendable {
        public var folder: String
        public var plan: String
        public var schedule: ScheduleReport
        public var calendar: String
        public var timeZone: String
    }

    /// Writes the demo album as a project in `folder` (replacing an earlier demo's), starting on
    /// the Monday after `now`, schedules it and exports its bookings as `bookings.ics`.
    public static func writeProject(in folder: String, now: Date = Date()) async throws -> Made {
        let calendar = Calendar.gregorian(timeZone: "Europe/Berlin")
        var monday = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: now))!
        while calendar.component(.weekday, from: monday) != 2 { monday = calendar.date(byAdding: .day, value: 1, to: monday)! }
        let project = make(start: monday)
        let file = (folder as NSString).appendingPathComponent(ProjectDatabase.fileName)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
        let store = try await ProjectDatabase.create(at: folder, settings: project.settings)
        do {
            try await store.update { snapshot in
                snapshot.songs = project.songs
                snapshot.people = project.people
                snapshot.studios = project.studios
                snapshot.sessions = project.sessions
            }
            let schedule = try await ScheduleJob(from: monday, timeLimit: 1.0).run(store: store, now: now)
            let ics = (folder as NSString).appendingPathComponent("bookings.ics")
            _ = try await OfficeJobs.exportCalendar(to: ics, person: nil, studio: nil, store: store, now: now)
            try await store.close()
            return Made(folder: folder, plan: file, schedule: schedule, calendar: ics, timeZone: project.settings.timeZone)
        } catch {
            try? await store.close()
            throw error
        }
    }
}
