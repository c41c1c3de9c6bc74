import Foundation

extension Commitment {
    /// Every commitment of `project` at `now`: each booking (active: its cost; cancelled: its
    /// cancellation fee) and each accepted offer (its fee, split evenly over its sessions).
    ///
    /// A booking's cost is split into its room and each person's share so that the parts add up
    /// to `booking.cost` exactly. Each share is worked out again from the rates for the booked
    /// time: the room at its hourly rate (never above its day rate); a person by their rate's unit
    /// (per hour with the minimum call, per day, per session, or a flat fee spread evenly over
    /// their active bookings). When those shares come to less than the cost (a lateness penalty,
    /// odd cents), the room takes the difference; when they come to more (a room-day or a
    /// person-day shared with another session), the cost is split in proportion to them by
    /// largest remainder. The room goes to studio (mixing or mastering for those sessions), people
    /// by the role they fill (engineers to engineering, mix engineers to mixing, mastering
    /// engineers to mastering, everyone else to musicians).
    ///
    /// A person with an accepted offer covering the session is paid by the offer, not again by
    /// the booking. Union players and singers (`unionScale` set) of an active booking are paid
    /// union scale: their rate shares are replaced by the ``ScaleCalculation``'s total. A
    /// cancelled booking's fee is split in proportion to its shares.
    public static func all(in project: ProjectSnapshot, now: Date) -> [Commitment] {
        let accepted = project.offers.filter { $0.status(at: now) == .accepted }
        var covered: [String: Set<String>] = [:]  // session id → people paid by offers
        for offer in accepted {
            for session in offer.sessionIDs { covered[session, default: []].insert(offer.personID) }
        }
        var commitments = project.bookings.map {
            booking(
                $0, in: project, paidByOffers: covered[$0.sessionID] ?? [])
        }
        for offer in accepted {
            let name = project.people.first { $0.id == offer.personID }?.name ?? offer.personID
            let sessions = offer.sessionIDs.compactMap { id in project.sessions.first { $0.id == id } }
            let shares = Allocation.largestRemainder(
                offer.fee.minorUnits, weights: sessions.isEmpty ? [1] : sessions.map { _ in 1 })
            let parts =
                sessions.isEmpty
                ? [Part(songID: nil, category: .musicians, what: "\(name) (\(offer.role))", amount: offer.fee)]
                : zip(sessions, shares).map { session, share in
                    Part(
                        songID: session.songID, category: .musicians, what: "\(name) (\(offer.role)), \(session.title)",
                        amount: Money(minorUnits: share, currency: offer.fee.currency))
                }
            commitments.append(Commitment(id: offer.id, kind: .offer, title: "Offer to \(name)", parts: parts))
        }
        return commitments
    }

    /// One booking's commitment; `paidByOffers` are the people whose offers cover its session.
    static func booking(_ booking: Booking, in project: ProjectSnapshot, paidByOffers: Set<String>) -> Commitment {
        let currency = booking.cost.currency
        func money(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: currency) }
        let session = project.sessions.first { $0.id == booking.sessionID }
        let songID = session?.songID
        let title = session?.title ?? booking.sessionID
        let minutes = max(0, Int64((booking.end.timeIntervalSince(booking.start) / 60).rounded()))
        let roomCategory: BudgetCategory =
            switch session?.kind {
            case .mixing: .mixing
            case .mastering: .mastering
            default: .studio
            }

        // Shares worked out from the rates
        var nominal: [Int64] = []
        var parts: [Part] = []
        var people: [Person?] = []
        let room = project.room(id: booking.roomID)
        var roomCost: Int64 = 0
        if let room {
            roomCost = halfUp(room.room.hourlyRate.minorUnits * minutes, 60)
            if let day = room.room.dailyRate { roomCost = min(roomCost, day.minorUnits) }
        }
        let roomName = room.map { "room \($0.studio.name) — \($0.room.name)" } ?? "room"
        nominal.append(roomCost)
        parts.append(Part(songID: songID, category: roomCategory, what: roomName, amount: money(0)))
        people.append(nil)
        for id in booking.people {
            guard let person = project.people.first(where: { $0.id == id }) else { continue }
            let role = role(of: person, in: session)
            let rate = person.rate.amount.minorUnits
            let share: Int64
            switch person.rate.unit {
            case .hour:
                let paid = max(minutes, Int64((person.rate.minimumHours * 60).rounded()))
                share = halfUp(rate * paid, 60)
            case .day, .session: share = rate
            case .flat:
                let count = project.bookings.filter { $0.status != .cancelled && $0.people.contains(id) }.count
                share = rate / Int64(max(1, count))
            }
            nominal.append(share)
            parts.append(
                Part(songID: songID, category: category(of: role), what: "\(person.name) (\(role))", amount: money(0)))
            people.append(person)
        }
        let cost = booking.cost.minorUnits
        var amounts = nominal
        let sum = nominal.reduce(0, +)
        if sum <= cost {
            amounts[0] += cost - sum
        } else {
            amounts = Allocation.largestRemainder(cost, weights: nominal)
        }
        // People paid by offers drop out
        var keep = parts.indices.filter { i in people[i].map { !paidByOffers.contains($0.id) } ?? true }
        if booking.status == .cancelled {
            let fee = booking.cancellationFee?.minorUnits ?? 0
            let shares = Allocation.largestRemainder(fee, weights: keep.map { amounts[$0] })
            let kept = zip(keep, shares).map { i, share in
                var part = parts[i]
                part.amount = money(share)
                return part
            }
            return Commitment(
                id: booking.id, kind: .cancelledBooking, title: title, parts: kept.filter { $0.amount.minorUnits != 0 })
        }
        // Union players and singers are paid scale
        let union = keep.filter { i in
            guard let person = people[i], person.unionScale != nil else { return false }
            return parts[i].category == .musicians
        }
        var scale: ScaleCalculation?
        if !union.isEmpty, let session {
            scale = ScaleCalculation(
                session: session, people: union.compactMap { people[$0] }, bookedMinutes: Int(minutes), in: project)
            keep.removeAll { union.contains($0) }
        }
        var result = keep.map { i in
            var part = parts[i]
            part.amount = money(amounts[i])
            return part
        }
        if let scale {
            result.append(Part(songID: songID, category: .musicians, what: "union scale", amount: scale.total))
        }
        return Commitment(id: booking.id, kind: .booking, title: title, parts: result, scale: scale)
    }

    /// The role `person` fills in `session`: the first of theirs the session needs, else their first.
    static func role(of person: Person, in session: StudioSession?) -> Role {
        let needed = Set(session?.needs.map(\.role) ?? [])
        return person.roles.first { needed.contains($0) } ?? person.roles.first ?? Role("player")
    }

    /// The category a role's pay is kept in.
    static func category(of role: Role) -> BudgetCategory {
        let name = role.name
        if name.contains("mastering") { return .mastering }
        if name.contains("mix") { return .mixing }
        if name.contains("engineer") { return .engineering }
        return .musicians
    }

    static func halfUp(_ numerator: Int64, _ denominator: Int64) -> Int64 {
        (numerator + denominator / 2) / denominator
    }
}
