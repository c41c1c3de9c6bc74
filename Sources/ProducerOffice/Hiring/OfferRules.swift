import Foundation

/// The rules of offers over a project: who may be sent one, what answering does, when one lapses.
///
/// **An accepted person fills a need.** Accepting adds the person to each covered session's
/// `people` (so the scheduler must book them). When the session needs people of the offer's role
/// (`needs: [backup singer]`), they fill one of those: the need's count goes down by one (the need
/// goes when it reaches 0), so the scheduler does not book a second singer beside them. A session
/// with no such need gets them as an extra person. One exception: a confirmed booking keeps
/// everyone confirmed on it, so a person not already on it joins it as an extra and its needs stay.
public enum OfferRules {
    /// Records the expiry of every sent offer past its answer-by time; returns their ids.
    @discardableResult
    public static func recordExpiries(in project: inout ProjectSnapshot, now: Date) -> [String] {
        var expired: [String] = []
        for i in project.offers.indices where project.offers[i].status(at: now) == .expired {
            if project.offers[i].status != .expired {
                project.offers[i].status = .expired
                expired.append(project.offers[i].id)
            }
        }
        return expired
    }

    /// The offer with id `key`, or the only open (sent) offer of the person named `key`.
    /// - Throws: ``OfficeError`` naming the offer, or the offers to choose from.
    public static func offerIndex(_ key: String, in project: ProjectSnapshot, now: Date) throws -> Int {
        if let i = project.offers.firstIndex(where: { $0.id.caseInsensitiveCompare(key) == .orderedSame }) {
            return i
        }
        if let person = OfficeJobs.person(key, in: project) {
            let open = project.offers.indices.filter {
                project.offers[$0].personID == person.id && project.offers[$0].status(at: now) == .sent
            }
            if open.count == 1 { return open[0] }
            if open.count > 1 {
                throw OfficeError(
                    "\(person.name) has \(open.count) open offers (\(open.map { project.offers[$0].id }.joined(separator: ", "))): name one by its id",
                    code: .notFound)
            }
        }
        throw OfficeError(
            "no offer \"\(key)\": name an offer's id, or a person with one open offer (see `producer offers list --all`)",
            code: .notFound)
    }

    /// Adds a sent offer to `project` after checking it: the answer-by time not past, sessions not
    /// done and without the person on them, the person playing the role (unless `force`), and no
    /// other open offer to them for one of the sessions. Expiries seen are recorded first.
    /// - Throws: ``OfficeError`` naming the option or record at fault.
    public static func send(
        to personID: String, role: Role, sessionIDs: [String], fee: Money, answerBy: Date, note: String = "",
        force: Bool = false, in project: inout ProjectSnapshot, now: Date
    ) throws -> Offer {
        recordExpiries(in: &project, now: now)
        guard let person = project.people.first(where: { $0.id == personID }) else {
            throw OfficeError("no person \"\(personID)\" in the project", code: .notFound)
        }
        guard !role.name.isEmpty else { throw OfficeError("--role: name the role the offer is for (backup singer)") }
        guard !sessionIDs.isEmpty else {
            throw OfficeError("--session: name at least one session the offer covers (by title or id)")
        }
        let zone = project.settings.calendar.timeZone
        if answerBy < now {
            let day = DateFormatter.fixed("yyyy-MM-dd HH:mm", timeZone: zone)
            throw OfficeError(
                "--answer-by \(day.string(from: answerBy)) is in the past (it is \(day.string(from: now)) now): give a later day")
        }
        if !person.plays(role) && !force {
            throw OfficeError(
                "\(person.name) does not play \(role) (plays \(person.roles.map(\.name).joined(separator: ", "))): --force sends the offer anyway",
                code: .notAllowed)
        }
        var ids: [String] = []
        for id in sessionIDs where !ids.contains(id) { ids.append(id) }
        for id in ids {
            guard let session = project.sessions.first(where: { $0.id == id }) else {
                throw OfficeError("--session \(id): no session of that title or id", code: .notFound)
            }
            if session.isDone {
                throw OfficeError("--session \(session.title): that session is done", code: .notAllowed)
            }
            if session.people.contains(person.id) {
                throw OfficeError("\(person.name) is already on \(session.title)", code: .notAllowed)
            }
            if let open = project.offers.first(where: {
                $0.personID == person.id && $0.status(at: now) == .sent && $0.sessionIDs.contains(id)
            }) {
                throw OfficeError(
                    "\(person.name) already has an open offer for \(session.title) (\(open.id)): withdraw it first with `producer offers withdraw \(open.id)`",
                    code: .notAllowed)
            }
        }
        let offer = Offer(
            id: nextID(in: project), personID: person.id, role: role, sessionIDs: ids, fee: fee, sentAt: now,
            answerBy: answerBy, note: note)
        project.offers.append(offer)
        return offer
    }

    /// `o1`, `o2`…: one more than the highest number of an offer id of that shape.
    static func nextID(in project: ProjectSnapshot) -> String {
        let numbers = project.offers.compactMap { offer -> Int? in
            offer.id.hasPrefix("o") ? Int(offer.id.dropFirst()) : nil
        }
        var next = (numbers.max() ?? 0) + 1
        while project.offers.contains(where: { $0.id == "o\(next)" }) { next += 1 }
        return "o\(next)"
    }

    /// Why an offer cannot take `answer` at `now`, or nil when it can: only a sent offer (not
    /// expired) is accepted, declined or withdrawn.
    public static func refusal(of answer: Offer.Status, for offer: Offer, now: Date, timeZone: String) -> String? {
        let status = offer.status(at: now)
        guard status != .sent else { return nil }
        let verb = answer == .accepted ? "accepted" : answer == .declined ? "declined" : "withdrawn"
        let day = DateFormatter.fixed("EEE d MMM yyyy HH:mm", timeZone: TimeZone(identifier: timeZone) ?? .gmt)
        switch status {
        case .expired:
            return
                "\(offer.id) expired: its answer was due by \(day.string(from: offer.answerBy)); it cannot be \(verb). Send a new offer (`producer offers send`)"
        case .accepted where answer == .withdrawn:
            return
                "\(offer.id) was accepted\(offer.answeredAt.map { " on \(day.string(from: $0))" } ?? ""): an accepted offer cannot be withdrawn; take the person off its sessions instead"
        default:
            return
                "\(offer.id) was \(status.rawValue)\(offer.answeredAt.map { " on \(day.string(from: $0))" } ?? ""): it cannot be \(verb) now"
        }
    }

    /// What joining a session did.
    public struct Joined: Codable, Sendable, Hashable {
        public var sessionID: String
        public var session: String
        /// `fills its backup singer need`, `extra (no backup singer need)`, `added to its confirmed booking`.
        public var how: String
    }

    /// Puts the person of an accepted `offer` on its sessions (see the type's notes on needs).
    public static func join(_ offer: Offer, in project: inout ProjectSnapshot) -> [Joined] {
        var joined: [Joined] = []
        for id in offer.sessionIDs {
            guard let s = project.sessions.firstIndex(where: { $0.id == id }) else { continue }
            var session = project.sessions[s]
            var need = session.needs.firstIndex { $0.role == offer.role && $0.count > 0 }
            func fillNeed() -> String {
                guard let need else { return "extra: it has no \(offer.role) need" }
                let filled = session.needs[need].role
                session.needs[need].count -= 1
                if session.needs[need].count == 0 { session.needs.remove(at: need) }
                return "fills its \(filled) need"
            }
            var how: String
            if let b = project.bookings.firstIndex(where: { $0.sessionID == id && $0.status != .cancelled }),
                project.bookings[b].status == .confirmed
            {
                if project.bookings[b].people.contains(offer.personID) {
                    // They were booked to fill a need: it is theirs now, whatever its role.
                    let plays = project.people.first { $0.id == offer.personID }?.roles ?? []
                    need = need ?? session.needs.firstIndex { plays.contains($0.role) && $0.count > 0 }
                    how = fillNeed() + "; already on its confirmed booking"
                } else {
                    project.bookings[b].people.append(offer.personID)
                    project.bookings[b].sequence += 1
                    how = "extra on its confirmed booking, which keeps everyone confirmed"
                }
            } else {
                how = fillNeed()
            }
            if !session.people.contains(offer.personID) { session.people.append(offer.personID) }
            project.sessions[s] = session
            joined.append(Joined(sessionID: id, session: session.title, how: how))
        }
        return joined
    }
}
