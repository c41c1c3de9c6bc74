import Foundation
import ProducerFiles
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
    ///
    /// The project is built in a hidden folder beside `folder` and moved into place only when
    /// complete, so an interrupted or failed demo leaves the earlier album as it was.
    public static func writeProject(in folder: String, now: Date = Date()) async throws -> Made {
        let calendar = Calendar.gregorian(timeZone: "Europe/Berlin")
        var monday = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: now))!
        while calendar.component(.weekday, from: monday) != 2 {
            monday = calendar.date(byAdding: .day, value: 1, to: monday)!
        }
        let project = make(start: monday)
        let url = URL(fileURLWithPath: folder)
        let parent = url.deletingLastPathComponent()
        let suffix = UUID().uuidString.prefix(8)
        let building = parent.appendingPathComponent(".\(url.lastPathComponent).partial-\(suffix)").path
        try FileManager.default.createDirectory(atPath: building, withIntermediateDirectories: false)
        Interrupts.register(folder: building)
        defer {
            try? FileManager.default.removeItem(atPath: building)
            Interrupts.unregister(folder: building)
        }
        let store = try await ProjectDatabase.create(at: building, settings: project.settings)
        let schedule: ScheduleReport
        do {
            try await store.update { snapshot in
                snapshot.songs = project.songs
                snapshot.people = project.people
                snapshot.studios = project.studios
                snapshot.sessions = project.sessions
                snapshot.budget = project.budget
            }
            // The scheduler's standard work budget: the same schedule every time the demo runs;
            // the time limit only guards a very slow machine.
            let job = ScheduleJob(from: monday, timeLimit: 10)
            schedule = try await job.run(store: store, now: now)
            let ics = (building as NSString).appendingPathComponent("bookings.ics")
            _ = try await OfficeJobs.exportCalendar(to: ics, person: nil, studio: nil, store: store, now: now)
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
        // Swap the finished project in; the earlier one goes only once the new one is in place.
        let fm = FileManager.default
        var earlier: String?
        if fm.fileExists(atPath: folder) {
            let aside = parent.appendingPathComponent(".\(url.lastPathComponent).old-\(suffix)").path
            try fm.moveItem(atPath: folder, toPath: aside)
            earlier = aside
        }
        do {
            try fm.moveItem(atPath: building, toPath: folder)
        } catch {
            if let earlier { try? fm.moveItem(atPath: earlier, toPath: folder) }
            throw OfficeError("\(folder): cannot put the demo album in place")
        }
        if let earlier { try? fm.removeItem(atPath: earlier) }
        let file = (folder as NSString).appendingPathComponent(ProjectDatabase.fileName)
        return Made(
            folder: folder, plan: file, schedule: schedule,
            calendar: (folder as NSString).appendingPathComponent("bookings.ics"),
            timeZone: project.settings.timeZone)
    }
}
