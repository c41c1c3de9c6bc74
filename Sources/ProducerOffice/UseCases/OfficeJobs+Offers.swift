import Foundation

/// `producer hire` and `producer offers`: ranking the roster for a role, and offers of work sent,
/// answered and listed. Every write is one transaction; each one records the expiry of the sent
/// offers it finds past their answer-by time.
extension OfficeJobs {
    /// A person by name (any case) or id.
    static func person(_ key: String, in project: ProjectSnapshot) -> Person? {
        project.people.first { $0.id == key } ?? project.person(named: key)
    }

    /// A session's id, by its title (any case) or id.
    /// - Throws: ``OfficeError`` naming `option` and the text.
    static func sessionID(_ key: String, in project: ProjectSnapshot, option: String = "--session") throws -> String {
        if let session = project.sessions.first(where: { $0.id == key }) { return session.id }
        if let session = project.sessions.first(where: { $0.title.caseInsensitiveCompare(key) == .orderedSame }) {
            return session.id
        }
        throw OfficeError(
            "\(option) \(key): no session of that title or id (see `producer bookings list`)", code: .notFound)
    }

    /// Reads an amount typed after `option`: 0 or more, in the project's currency.
    static func amount(_ text: String, option: String, currency: String) throws -> Money {
        do throws(MoneyError) {
            return try Money(reading: text, currency: currency)
        } catch  where error.code == .negative {
            throw OfficeError("\(option) must be an amount of 0 or more, not \(text)")
        } catch {
            throw OfficeError("\(option): \(error.message)")
        }
    }

    /// `producer hire`: the roster ranked for `role` on the `--on` days and `--session`s, as typed.
    /// - Throws: ``OfficeError`` naming the option at fault (a date, a session, the budget).
    public static func hire(
        role: String, style: String? = nil, on days: [String], sessions: [String] = [], budget: String? = nil,
        store: any ProjectStore
    ) async throws -> HiringRanking {
        let project = try await store.snapshot()
        let request = try hiringRequest(
            role: role, style: style, on: days, sessions: sessions, budget: budget, in: project)
        return Hiring.rank(request, in: project)
    }

    /// The request `producer hire` makes of what was typed, checked against `project`.
    public static func hiringRequest(
        role: String, style: String?, on days: [String], sessions: [String], budget: String?,
        in project: ProjectSnapshot
    ) throws -> HiringRequest {
        let settings = project.settings
        let asked = Role(role)
        guard !asked.name.isEmpty else { throw OfficeError("--role: name the role to fill (backup singer)") }
        let dates = try days.map { try date($0, timeZone: settings.timeZone, option: "--on") }
        let ids = try sessions.map { try sessionID($0, in: project) }
        let money = try budget.map { try amount($0, option: "--budget", currency: settings.currency) }
        let booked = ids.filter { project.activeBooking(of: $0) != nil }
        if dates.isEmpty && booked.isEmpty {
            throw OfficeError(
                sessions.isEmpty
                    ? "--on: give the day (or days) you need them, e.g. --on 2027-03-02"
                    : "--on: give the day (or days) you need them: the sessions are not booked yet, so they have no time"
            )
        }
        return HiringRequest(role: asked, style: style, days: dates, sessionIDs: ids, budget: money)
    }

    /// `producer offers send`: records an offer of work to a person (by name or id) for the
    /// sessions (by title or id), checked by ``OfferRules/send(to:role:sessionIDs:fee:answerBy:note:force:in:now:)``.
    /// An answer-by day without a time lasts to the end of that day in the project's time zone.
    /// - Throws: ``OfficeError`` naming the option or record at fault.
    public static func sendOffer(
        to person: String, role: String, sessions: [String], fee: String, answerBy: String, note: String = "",
        force: Bool = false, store: any ProjectStore, now: Date = Date()
    ) async throws -> OfferList.Line {
        try await store.update { project in
            let settings = project.settings
            guard let found = Self.person(person, in: project) else {
                throw OfficeError(
                    "no person \"\(person)\" in the project: name someone on the roster by name or id (see `producer people list`)",
                    code: .notFound)
            }
            let ids = try sessions.map { try sessionID($0, in: project) }
            let money = try amount(fee, option: "--fee", currency: settings.currency)
            var due = try date(answerBy, timeZone: settings.timeZone, option: "--answer-by")
            if !answerBy.contains("T") {
                // A day: to its last second.
                let calendar = settings.calendar
                due = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: due))!.addingTimeInterval(-1)
            }
            let offer = try OfferRules.send(
                to: found.id, role: Role(role), sessionIDs: ids, fee: money, answerBy: due, note: note, force: force,
                in: &project, now: now)
            return OfferList.line(offer, in: project, now: now)
        }
    }

    /// `producer offers list`: the offers at `now`; sent ones past their answer-by time are
    /// recorded as expired, unless another command is changing the project (`recorded` false).
    public static func listOffers(
        all: Bool = false, store: any ProjectStore, now: Date = Date()
    ) async throws -> (list: OfferList, recorded: Bool) {
        let snapshot = try await store.snapshot()
        let list = OfferList(project: snapshot, now: now, all: all)
        var recorded = true
        if snapshot.offers.contains(where: { $0.status == .sent && $0.status(at: now) == .expired }) {
            let done: Bool? = try await store.updateUnlessBusy { project in
                OfferRules.recordExpiries(in: &project, now: now)
                return true
            }
            recorded = done != nil
        }
        return (list, recorded)
    }

    /// `producer offers accept|decline|withdraw`: answers a sent offer (by id, or a person's
    /// only open offer). `answer` is `.accepted`, `.declined` or `.withdrawn`.
    ///
    /// Accepting puts the person on the offer's sessions (``OfferRules/join(_:in:)``) and, when the
    /// project has bookings, repairs the schedule around them with ``ScheduleJob`` (`repair`, from
    /// the plan's start when it is still ahead, else today, as `schedule --repair`) — all in one
    /// transaction. When no schedule with them
    /// exists, nothing is accepted and the error says what is in the way. An expired, declined,
    /// withdrawn or accepted offer is refused, its expiry recorded.
    /// - Throws: ``OfficeError`` naming the offer and why.
    public static func answerOffer(
        _ key: String, _ answer: Offer.Status, timeLimit: Double = 1.5, store: any ProjectStore, now: Date = Date()
    ) async throws -> OfferAnswer {
        guard [.accepted, .declined, .withdrawn].contains(answer) else {
            throw OfficeError("an offer is answered by accepting, declining or withdrawing it, not \(answer.rawValue)")
        }
        let result: Result<OfferAnswer, OfficeError> = try await store.update { project in
            let expired = OfferRules.recordExpiries(in: &project, now: now)
            let i = try OfferRules.offerIndex(key, in: project, now: now)
            let settings = project.settings
            if let refusal = OfferRules.refusal(
                of: answer, for: project.offers[i], now: now, timeZone: settings.timeZone)
            {
                return .failure(OfficeError(refusal, code: .notAllowed))  // the expiries are kept
            }
            let original = project
            project.offers[i].status = answer
            project.offers[i].answeredAt = now
            var report = OfferAnswer(offer: OfferList.line(project.offers[i], in: project, now: now))
            report.expired = expired.filter { $0 != project.offers[i].id }
            guard answer == .accepted else { return .success(report) }

            // A confirmed booking does not move: the person must be free for it.
            if let person = project.people.first(where: { $0.id == project.offers[i].personID }) {
                for id in project.offers[i].sessionIDs {
                    guard let booking = project.activeBooking(of: id), booking.status == .confirmed,
                        !booking.people.contains(person.id), booking.end > booking.start
                    else { continue }
                    let title = project.sessions.first { $0.id == id }?.title ?? id
                    let time = Hiring.NeededTime(
                        label:
                            "\(title)'s confirmed booking (\(BookingList.when(booking.start, booking.end, timeZone: settings.timeZone)))",
                        interval: DateInterval(start: booking.start, end: booking.end), wholeDay: false)
                    let fit = Hiring.fit(of: person, at: time, in: project, excluding: [id])
                    if fit.fit != .free {
                        project = original
                        return .failure(
                            OfficeError(
                                "\(report.offer.id) was not accepted: \(person.name) is \(fit.words), which never moves. Nothing changed",
                                code: .notAllowed))
                    }
                }
            }
            let before = project.bookings
            report.joined = OfferRules.join(project.offers[i], in: &project)
            if !before.contains(where: { $0.status != .cancelled }) {
                report.scheduleNote = "no schedule yet: `producer schedule` will book them with the rest"
                return .success(report)
            }
            // No `from`: the job starts on the plan's start when that is still ahead, else today
            // (ScheduleJob.horizon), as `schedule --repair` does; a start in the past is not re-planned.
            let job = ScheduleJob(repair: true, timeLimit: timeLimit)
            let schedule: ScheduleReport
            do {
                schedule = try job.plan(&project, now: now)
            } catch {
                project = original
                return .failure(
                    OfficeError(
                        "\(key) was not accepted: the schedule could not be repaired around it: \(error)",
                        code: .notAllowed))
            }
            guard schedule.status == .scheduled else {
                let person = report.offer.person
                var why =
                    schedule.conflict.map { conflict in
                        if conflict.constraints.isEmpty, conflict.summary.hasSuffix(":"),
                            let end = conflict.summary.range(of: ". ", options: .backwards)
                        {
                            return String(conflict.summary[..<end.lowerBound]) + "."  // no list follows
                        }
                        return conflict.constraints.isEmpty
                            ? conflict.summary : conflict.summary + " " + conflict.constraints.joined(separator: "; ")
                    } ?? "the search found no schedule"
                if !schedule.unplaced.isEmpty { why += " (not placed: \(schedule.unplaced.joined(separator: ", ")))" }
                project = original
                return .failure(
                    OfficeError(
                        "\(report.offer.id) was not accepted: no schedule has \(person) on \(report.offer.sessions.joined(separator: "; ")): \(why). Nothing changed",
                        code: .notAllowed))
            }
            report.repaired = true
            report.changes = bookingChanges(from: before, to: project.bookings, in: project)
            let currency = settings.currency
            func total(_ bookings: [Booking]) -> Money {
                Money(
                    minorUnits: bookings.filter { $0.status != .cancelled }.map(\.cost.minorUnits).reduce(0, +),
                    currency: currency)
            }
            report.bookingsCostBefore = total(before)
            report.bookingsCostAfter = total(project.bookings)
            return .success(report)
        }
        return try result.get()
    }

    /// What changed between two sets of bookings, in words: made, moved, people on and off.
    static func bookingChanges(from before: [Booking], to after: [Booking], in project: ProjectSnapshot) -> [String] {
        let zone = project.settings.timeZone
        func name(_ id: String) -> String { project.people.first { $0.id == id }?.name ?? id }
        func title(_ booking: Booking) -> String {
            project.sessions.first { $0.id == booking.sessionID }?.title ?? booking.sessionID
        }
        func place(_ booking: Booking) -> String {
            let room = project.room(id: booking.roomID).map { "\($0.studio.name) — \($0.room.name)" } ?? booking.roomID
            return "\(BookingList.when(booking.start, booking.end, timeZone: zone)), \(room)"
        }
        var changes: [String] = []
        for booking in after.sorted(by: { ($0.start, $0.id) < ($1.start, $1.id) }) where booking.status != .cancelled {
            guard let old = before.first(where: { $0.id == booking.id }) else {
                changes.append("booked \(title(booking)): \(place(booking))")
                continue
            }
            if old.start != booking.start || old.end != booking.end || old.roomID != booking.roomID {
                changes.append("moved \(title(booking)): \(place(old)) → \(place(booking))")
            }
            let added = booking.people.filter { !old.people.contains($0) }.map(name)
            let removed = old.people.filter { !booking.people.contains($0) }.map(name)
            if !added.isEmpty || !removed.isEmpty {
                var words = "\(title(booking)): "
                words += (added.map { "+" + $0 } + removed.map { "−" + $0 }).joined(separator: ", ")
                changes.append(words)
            }
        }
        return changes
    }
}
