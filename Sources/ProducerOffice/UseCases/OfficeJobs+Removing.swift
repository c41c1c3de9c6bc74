import Foundation

extension OfficeJobs {
    /// `producer songs|people|studios|sessions remove KEY`: removes a record that nothing refers
    /// to. What refers to it is named; `force` then unlinks what can do without it:
    /// - a song: its sessions, budget lines, tasks and expenses keep going without a song, and it
    ///   leaves the tracklist;
    /// - a person: leaves the sessions that name them and their holds;
    /// - a session: leaves the `after:` of the others; its holds go with it;
    /// - a studio: its holds go with it.
    ///
    /// Never removed, even with `force`: a confirmed booking (cancel it first), a person with
    /// offers or tasks, a session an offer covers.
    public static func removeRecord(
        _ kind: RecordKind, _ key: String, force: Bool, store: any ProjectStore
    )
        async throws -> EditOutcome
    {
        try await store.update { project in
            let id = try recordID(kind, key, in: project)
            let name = kind.records(in: project).first { $0.id == id }?.name ?? key
            func list(_ names: [String]) -> String {
                let shown = names.prefix(5).joined(separator: ", ")
                return names.count > 5 ? shown + " and \(names.count - 5) more" : shown
            }
            func refuse(_ what: String) throws {
                let pronoun = kind == .people ? "them" : "it"
                throw OfficeError(
                    "\(name) is still \(what); give --force to remove \(pronoun) anyway", code: .notAllowed)
            }
            switch kind {
            case .songs:
                var uses: [String] = []
                let sessions = project.sessions.filter { $0.songID == id }.map(\.title)
                if !sessions.isEmpty { uses.append("the song of \(sessions.count) sessions (\(list(sessions)))") }
                let lines = project.budget.filter { $0.songID == id }
                if !lines.isEmpty { uses.append("in \(lines.count) budget lines") }
                let tasks = project.tasks.filter { $0.songID == id }.map(\.title)
                if !tasks.isEmpty { uses.append("in \(tasks.count) tasks (\(list(tasks)))") }
                let expenses = project.expenses.filter { $0.songID == id }
                if !expenses.isEmpty { uses.append("in \(expenses.count) expenses") }
                if project.tracklist?.songIDs.contains(id) == true { uses.append("on the tracklist") }
                if !uses.isEmpty && !force { try refuse(uses.joined(separator: ", ")) }
                for i in project.sessions.indices where project.sessions[i].songID == id {
                    project.sessions[i].songID = nil
                }
                for i in project.budget.indices where project.budget[i].songID == id { project.budget[i].songID = nil }
                for i in project.tasks.indices where project.tasks[i].songID == id { project.tasks[i].songID = nil }
                for i in project.expenses.indices where project.expenses[i].songID == id {
                    project.expenses[i].songID = nil
                }
                project.tracklist?.songIDs.removeAll { $0 == id }
                project.songs.removeAll { $0.id == id }
            case .people:
                let offers = project.offers.filter { $0.personID == id }
                let tasks = project.tasks.filter { $0.personID == id }
                let confirmed = project.bookings.filter { $0.status == .confirmed && $0.people.contains(id) }
                var fixed: [String] = []
                if !offers.isEmpty { fixed.append("on \(offers.count) offers (\(list(offers.map(\.id))))") }
                if !tasks.isEmpty { fixed.append("given \(tasks.count) tasks (\(list(tasks.map(\.title))))") }
                if !confirmed.isEmpty {
                    fixed.append("booked for \(list(confirmed.map { b in title(of: b, in: project) })) (confirmed)")
                }
                if !fixed.isEmpty {
                    throw OfficeError(
                        "\(name) is still \(fixed.joined(separator: ", ")); withdraw the offers, give the tasks to someone else and cancel the bookings first",
                        code: .notAllowed)
                }
                var uses: [String] = []
                let sessions = project.sessions.filter { $0.people.contains(id) }.map(\.title)
                if !sessions.isEmpty { uses.append("in \(sessions.count) sessions (\(list(sessions)))") }
                let holds = project.bookings.filter { $0.status == .hold && $0.people.contains(id) }
                if !holds.isEmpty {
                    uses.append("booked for \(list(holds.map { b in title(of: b, in: project) })) (holds)")
                }
                if !uses.isEmpty && !force { try refuse(uses.joined(separator: ", ")) }
                for i in project.sessions.indices { project.sessions[i].people.removeAll { $0 == id } }
                for i in project.bookings.indices where project.bookings[i].status == .hold {
                    project.bookings[i].people.removeAll { $0 == id }
                }
                project.people.removeAll { $0.id == id }
            case .studios:
                let studio = project.studios.first { $0.id == id }!
                try clearBookings(inRooms: Set(studio.rooms.map(\.id)), of: name, force: force, in: &project)
                project.studios.removeAll { $0.id == id }
            case .sessions:
                let offers = project.offers.filter { $0.sessionIDs.contains(id) }
                if !offers.isEmpty {
                    throw OfficeError(
                        "\(name) is covered by \(offers.count) offers (\(list(offers.map(\.id)))); withdraw them first",
                        code: .notAllowed)
                }
                if let booking = project.activeBooking(of: id), booking.status == .confirmed {
                    throw OfficeError(
                        "\(name) has a confirmed booking (\(booking.id)); cancel it first (`producer bookings cancel`)",
                        code: .notAllowed)
                }
                let later = project.sessions.filter { $0.after.contains(id) }.map(\.title)
                if !later.isEmpty && !force { try refuse("waited for by \(list(later)) (after:)") }
                for i in project.sessions.indices { project.sessions[i].after.removeAll { $0 == id } }
                // Its holds go; a cancelled booking stays, for the fee still owed.
                project.bookings.removeAll { $0.sessionID == id && $0.status == .hold }
                project.sessions.removeAll { $0.id == id }
            }
            return EditOutcome(id: id, name: name, change: "removed", project: project)
        }
    }

    static func title(of booking: Booking, in project: ProjectSnapshot) -> String {
        project.sessions.first { $0.id == booking.sessionID }?.title ?? booking.sessionID
    }
}
