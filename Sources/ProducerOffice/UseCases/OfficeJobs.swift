import Foundation
import ProducerFiles

/// What the office commands do, shared by the CLI, the demo and the tests.
public enum OfficeJobs {
    /// Reads a date as people type it: `2027-03-26`, or `2027-03-26T14:00` (in `timeZone`), or a
    /// full ISO 8601 time with its offset.
    public static func date(_ text: String, timeZone: String, option: String) throws -> Date {
        let calendar = Calendar.gregorian(timeZone: timeZone)
        let iso = ISO8601DateFormatter()
        if let date = iso.date(from: text) { return date }
        let parts = text.split(separator: "T", maxSplits: 1)
        let ymd = parts.first.map { $0.split(separator: "-").compactMap { Int($0) } } ?? []
        var hm: [Int] = [0, 0]
        if parts.count == 2 { hm = parts[1].split(separator: ":").compactMap { Int($0) } }
        guard ymd.count == 3, hm.count >= 2, (1...12).contains(ymd[1]), (1...31).contains(ymd[2]),
            (0...23).contains(hm[0]), (0...59).contains(hm[1]),
            let date = calendar.date(
                from: DateComponents(year: ymd[0], month: ymd[1], day: ymd[2], hour: hm[0], minute: hm[1])),
            calendar.component(.day, from: date) == ymd[2]
        else {
            throw OfficeError("\(option) \(text): not a date; write it as YYYY-MM-DD, e.g. 2027-03-26")
        }
        return date
    }

    /// A folder name for a project: lower case, words joined by hyphens.
    public static func slug(_ name: String) -> String {
        let words = name.lowercased().split { !($0.isLetter || $0.isNumber) }
        return words.isEmpty ? "project" : words.joined(separator: "-")
    }

    /// Finds a booking by its id, or by the title (or id) of its session.
    static func bookingIndex(_ key: String, in project: ProjectSnapshot) throws -> Int {
        if let i = project.bookings.firstIndex(where: { $0.id == key }) { return i }
        let sessions = project.sessions.filter { $0.id == key || $0.title.caseInsensitiveCompare(key) == .orderedSame }
        for session in sessions {
            if let i = project.bookings.firstIndex(where: { $0.sessionID == session.id && $0.status != .cancelled }) {
                return i
            }
        }
        throw OfficeError(
            "no booking \"\(key)\": name a booking id or a session's title (see `producer bookings list`)")
    }

    /// `producer bookings cancel`: calls a booking off, with the fee it costs.
    public static func cancel(_ key: String, fee: String?, store: any ProjectStore) async throws -> Booking {
        try await store.update { project in
            let i = try bookingIndex(key, in: project)
            guard project.bookings[i].status != .cancelled else {
                throw OfficeError("\(project.bookings[i].id): already cancelled")
            }
            if let fee {
                let money: Money
                do throws(MoneyError) {
                    money = try Money(reading: fee, currency: project.settings.currency)
                } catch  where error.code == .negative {
                    throw OfficeError("--fee must be an amount of 0 or more, not \(fee)")
                } catch {
                    throw OfficeError("--fee: \(error.message)")
                }
                project.bookings[i].cancellationFee = money
            }
            project.bookings[i].status = .cancelled
            project.bookings[i].sequence += 1
            return project.bookings[i]
        }
    }

    /// `producer sessions done`: marks a session's work done (by its title or id); when every
    /// session of its kind for the song is done, the song moves on to the next status.
    public static func markDone(_ key: String, store: any ProjectStore) async throws -> StudioSession {
        try await store.update { project in
            guard
                let i = project.sessions.firstIndex(where: {
                    $0.id == key || $0.title.caseInsensitiveCompare(key) == .orderedSame
                })
            else {
                throw OfficeError("no session \"\(key)\": name a session's title or id (see `producer bookings list`)")
            }
            project.sessions[i].isDone = true
            let session = project.sessions[i]
            if let songID = session.songID, let s = project.songs.firstIndex(where: { $0.id == songID }) {
                let mine = project.sessions.filter { $0.songID == songID }
                let reached: Song.Status? =
                    mine.allSatisfy(\.isDone)
                    ? (mine.contains { $0.kind == .mastering } ? .mastered : .mixed)
                    : mine.filter({ $0.kind == .tracking }).allSatisfy(\.isDone) ? .overdubs : nil
                if let reached, reached > project.songs[s].status { project.songs[s].status = reached }
            }
            return session
        }
    }

    /// `producer bookings export --ics`: the bookings as an iCalendar file, written safely.
    public static func exportCalendar(
        to path: String, person: String?, studio: String?, store: any ProjectStore, now: Date = Date()
    ) async throws -> Int {
        let project = try await store.snapshot()
        var filter = ICalendar.Filter.all
        if let person {
            guard let found = project.person(named: person) else {
                throw OfficeError("--person \(person): nobody of that name in the project")
            }
            filter = .person(found.id)
        } else if let studio {
            guard let found = project.studio(named: studio) else {
                throw OfficeError("--studio \(studio): no studio of that name in the project")
            }
            filter = .studio(found.id)
        }
        let text = ICalendar.export(bookings: project.bookings, in: project, for: filter, now: now)
        try writeAtomically(text, to: path)
        return project.bookings.filter { filter.includes($0, in: project) }.count
    }

    /// `producer people availability NAME --ics FILE`: replaces the person's imported busy times
    /// with the events of a calendar file.
    public static func importAvailability(
        person name: String, icsPath: String, store: any ProjectStore, now: Date = Date()
    ) async throws -> (person: String, busy: [Availability.Exception], warning: String?) {
        // A regular file only (a pipe would wait forever), at most the reader's size limit.
        let text: String
        do { text = try InputFile.text(icsPath, kind: "calendar", limit: ICalendar.maximumTextBytes) } catch {
            throw OfficeError("\(error)")
        }
        return try await store.update { project in
            guard let i = project.people.firstIndex(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame })
            else {
                throw OfficeError("no person \"\(name)\" in the project (see `producer people list`)")
            }
            let zone = TimeZone(identifier: project.people[i].availability.timeZone)
            let horizon = DateInterval(start: now.addingTimeInterval(-30 * 86_400), duration: 400 * 86_400)
            let imported = try ICalendar.importBusyTimes(from: text, file: icsPath, timeZone: zone, within: horizon)
            project.people[i].availability.replaceImportedBusyTimes(with: imported.busyTimes)
            return (project.people[i].name, imported.busyTimes, imported.warning)
        }
    }

    /// Writes text to a temporary file beside `path` and renames it over `path`.
    public static func writeAtomically(_ text: String, to path: String) throws {
        do {
            try PartialFile.write(text: text, to: path)
        } catch {
            throw OfficeError("\(error)")
        }
    }
}
