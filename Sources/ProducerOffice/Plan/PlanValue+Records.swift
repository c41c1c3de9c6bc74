import Foundation

/// Records written back in plan form, for editing commands: a record's plan, changed where an
/// option says, is read again by the plan's reader.
extension PlanValue {
    /// An amount as the plan writes it: `650`, `62.50`.
    static func amount(_ money: Money) -> PlanValue {
        let units = money.minorUnits
        let sign = units < 0 ? "-" : ""
        let cents = units.magnitude % 100
        return .text(sign + "\(units.magnitude / 100)" + (cents == 0 ? "" : "." + (cents < 10 ? "0" : "") + "\(cents)"))
    }

    static func number(_ value: Double) -> PlanValue {
        value == value.rounded() && abs(value) < 1e15 ? .text("\(Int64(value))") : .text("\(value)")
    }

    static func time(_ date: Date) -> PlanValue {
        let format = ISO8601DateFormatter()
        return .text(format.string(from: date))
    }

    static func window(_ w: Availability.WeeklyWindow) -> String {
        func hm(_ m: Int) -> String { String(format: "%02d:%02d", m / 60, m % 60) }
        return "\(w.weekday.name.prefix(3)) \(hm(w.startMinute))-\(hm(w.endMinute))"
    }

    /// Weekly windows and the plan's own exceptions (not those imported from calendars, which an
    /// update keeps anyway).
    static func availability(_ a: Availability) -> PlanValue {
        var pairs: [Pair] = [Pair("timeZone", .text(a.timeZone))]
        if !a.weekly.isEmpty { pairs.append(Pair("weekly", .texts(a.weekly.map(window)))) }
        for (name, busy) in [("busy", true), ("free", false)] {
            let own = a.exceptions.filter { $0.source == nil && $0.isBusy == busy }
            guard !own.isEmpty else { continue }
            pairs.append(
                Pair(
                    name,
                    .list(
                        own.map { e in
                            var m: [Pair] = [Pair("from", time(e.start)), Pair("until", time(e.end))]
                            if !e.note.isEmpty { m.append(Pair("note", .text(e.note))) }
                            return .map(m)
                        })))
        }
        return .map(pairs)
    }

    /// A song in plan form.
    public init(song s: Song) {
        var p: [Pair] = [
            Pair("id", .text(s.id)), Pair("title", .text(s.title)), Pair("status", .text(s.status.rawValue)),
        ]
        if !s.writers.isEmpty {
            p.append(
                Pair(
                    "writers",
                    .list(
                        s.writers.map {
                            .map([
                                Pair("name", .text($0.name)),
                                Pair("share", .text(ProjectPlanParser.percentText($0.shareBasisPoints))),
                            ])
                        })))
        }
        if let key = s.key { p.append(Pair("key", .text(key))) }
        if let tempo = s.tempo { p.append(Pair("tempo", .number(tempo))) }
        if let length = s.lengthSeconds { p.append(Pair("length", .number(length))) }
        if !s.parts.isEmpty { p.append(Pair("parts", .texts(s.parts))) }
        var ratings: [Pair] = []
        if let v = s.ratings.artist { ratings.append(Pair("artist", .text("\(v)"))) }
        if let v = s.ratings.producer { ratings.append(Pair("producer", .text("\(v)"))) }
        if let v = s.ratings.market { ratings.append(Pair("market", .text("\(v)"))) }
        if !ratings.isEmpty { p.append(Pair("ratings", .map(ratings))) }
        if let v = s.energy { p.append(Pair("energy", .text("\(v)"))) }
        if let v = s.isrc { p.append(Pair("isrc", .text(v))) }
        if let v = s.iswc { p.append(Pair("iswc", .text(v))) }
        self = .map(p)
    }

    /// A person in plan form.
    public init(person x: Person) {
        var rate: [Pair] = [Pair("amount", .amount(x.rate.amount)), Pair("per", .text(x.rate.unit.rawValue))]
        if x.rate.minimumHours > 0 { rate.append(Pair("minimumHours", .number(x.rate.minimumHours))) }
        var p: [Pair] = [
            Pair("id", .text(x.id)), Pair("name", .text(x.name)), Pair("roles", .texts(x.roles.map(\.name))),
            Pair("rate", .map(rate)), Pair("headcount", .text("\(x.headcount)")),
            Pair("availability", .availability(x.availability)),
        ]
        if let v = x.contact.email { p.append(Pair("email", .text(v))) }
        if let v = x.contact.phone { p.append(Pair("phone", .text(v))) }
        if let v = x.unionScale { p.append(Pair("unionScale", .text(v))) }
        if !x.styles.isEmpty { p.append(Pair("styles", .texts(x.styles))) }
        self = .map(p)
    }

    /// A room in plan form.
    public init(room r: Room) {
        var p: [Pair] = [
            Pair("id", .text(r.id)), Pair("name", .text(r.name)), Pair("hourlyRate", .amount(r.hourlyRate)),
            Pair("capacity", .text("\(r.capacity)")), Pair("openingHours", .availability(r.openingHours)),
        ]
        if let v = r.dailyRate { p.append(Pair("dailyRate", .amount(v))) }
        if !r.gear.isEmpty { p.append(Pair("gear", .texts(r.gear))) }
        self = .map(p)
    }

    /// A studio in plan form, with the rooms given (all of its rooms unless said).
    public init(studio s: Studio, rooms: [Room]? = nil) {
        var p: [Pair] = [
            Pair("id", .text(s.id)), Pair("name", .text(s.name)), Pair("timeZone", .text(s.timeZone)),
            Pair("rooms", .list((rooms ?? s.rooms).map { PlanValue(room: $0) })),
        ]
        if !s.location.isEmpty { p.append(Pair("location", .text(s.location))) }
        self = .map(p)
    }

    /// A session in plan form; its song, people and `after` by id.
    public init(session s: StudioSession) {
        var p: [Pair] = [
            Pair("id", .text(s.id)), Pair("title", .text(s.title)), Pair("kind", .text(s.kind.rawValue)),
            Pair("duration", .text("\(s.durationMinutes)")), Pair("done", .text(s.isDone ? "true" : "false")),
        ]
        if let v = s.songID { p.append(Pair("song", .text(v))) }
        if !s.needs.isEmpty {
            p.append(
                Pair(
                    "needs",
                    .list(
                        s.needs.map { .map([Pair("role", .text($0.role.name)), Pair("count", .text("\($0.count)"))]) })
                ))
        }
        if !s.people.isEmpty { p.append(Pair("people", .texts(s.people))) }
        if !s.gear.isEmpty { p.append(Pair("gear", .texts(s.gear))) }
        if !s.after.isEmpty { p.append(Pair("after", .texts(s.after))) }
        if let v = s.due { p.append(Pair("due", .time(v))) }
        if let v = s.deadline { p.append(Pair("deadline", .time(v))) }
        self = .map(p)
    }
}
