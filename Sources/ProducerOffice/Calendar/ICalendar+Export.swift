import Foundation

extension ICalendar {
    /// An iCalendar file (RFC 5545) of `bookings`: one `VCALENDAR` published for subscribers,
    /// named after the project, with one `VEVENT` per booking that `filter` lets through.
    ///
    /// Each event has a stable `UID` (`<booking id>@producer`), so a client that imports the file
    /// again updates its events instead of adding copies; `SEQUENCE` is the booking's. Times are
    /// in UTC. Holds are `STATUS:TENTATIVE`, confirmed bookings `CONFIRMED` and cancelled ones
    /// `CANCELLED` (with the fee in the description). Everyone booked who has an email address is
    /// an `ATTENDEE` (`PARTSTAT=NEEDS-ACTION` on a hold, `ACCEPTED` once confirmed).
    ///
    /// - Parameters:
    ///   - bookings: The bookings to write, usually `snapshot.bookings`. They are written in order
    ///     of start time.
    ///   - snapshot: Where sessions, songs, people, studios and rooms are looked up.
    ///   - filter: `.all`, one person's bookings, or one studio's.
    ///   - now: The time written as every event's `DTSTAMP`.
    /// - Returns: The file's text, with CRLF line endings and lines folded at 75 octets.
    /// - Complexity: O(*b* · (*p* + *s*)) for *b* bookings, *p* people and *s* sessions and rooms.
    public static func export(
        bookings: [Booking], in snapshot: ProjectSnapshot, for filter: Filter = .all, now: Date
    ) -> String {
        var lines: [String] = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:" + productIdentifier,
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + escaped(calendarName(snapshot, filter)),
        ]
        let chosen = bookings.filter { filter.includes($0, in: snapshot) }
            .sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        for booking in chosen {
            lines += event(booking, in: snapshot, now: now)
        }
        lines.append("END:VCALENDAR")
        return lines.map { folded($0) + "\r\n" }.joined()
    }

    /// "Album", "Album — Ana Lima" or "Album — Blackbird Studio".
    static func calendarName(_ snapshot: ProjectSnapshot, _ filter: Filter) -> String {
        let project = snapshot.settings.name
        switch filter {
        case .all:
            return project
        case .person(let id):
            return snapshot.people.first { $0.id == id }.map { project + " — " + $0.name } ?? project
        case .studio(let id):
            return snapshot.studios.first { $0.id == id }.map { project + " — " + $0.name } ?? project
        }
    }

    /// The unfolded lines of one booking's `VEVENT`.
    static func event(_ booking: Booking, in snapshot: ProjectSnapshot, now: Date) -> [String] {
        let session = snapshot.sessions.first { $0.id == booking.sessionID }
        let place = snapshot.room(id: booking.roomID)
        let song = session?.songID.flatMap { id in snapshot.songs.first { $0.id == id } }
        let people = booking.people.compactMap { id in snapshot.people.first { $0.id == id } }

        var lines = [
            "BEGIN:VEVENT",
            "UID:" + uid(of: booking),
            "DTSTAMP:" + utcDateTime(now),
            "DTSTART:" + utcDateTime(booking.start),
            "DTEND:" + utcDateTime(booking.end),
            "SUMMARY:" + escaped(session?.title ?? "Studio booking"),
        ]
        if let place {
            let location = [place.studio.name, place.room.name, place.studio.location].filter { !$0.isEmpty }
            lines.append("LOCATION:" + escaped(location.joined(separator: ", ")))
        }
        lines.append(
            "DESCRIPTION:"
                + escaped(description(of: booking, session: session, song: song, people: people, place: place)))
        lines.append("STATUS:" + status(of: booking.status))
        lines.append("TRANSP:" + (booking.status == .cancelled ? "TRANSPARENT" : "OPAQUE"))
        lines.append("SEQUENCE:\(max(0, booking.sequence))")
        for person in people {
            guard let email = person.contact.email?.trimmingCharacters(in: .whitespaces), !email.isEmpty else {
                continue
            }
            var attendee = "ATTENDEE;CN=" + parameterValue(person.name) + ";ROLE=REQ-PARTICIPANT"
            switch booking.status {
            case .hold: attendee += ";PARTSTAT=NEEDS-ACTION"
            case .confirmed: attendee += ";PARTSTAT=ACCEPTED"
            case .cancelled: break
            }
            lines.append(attendee + ":mailto:" + email.filter { !$0.isWhitespace && !$0.isNewline })
        }
        lines.append("END:VEVENT")
        return lines
    }

    /// `<booking id>@producer`.
    public static func uid(of booking: Booking) -> String {
        booking.id + "@producer"
    }

    /// `TENTATIVE`, `CONFIRMED` or `CANCELLED`.
    public static func status(of status: Booking.Status) -> String {
        switch status {
        case .hold: return "TENTATIVE"
        case .confirmed: return "CONFIRMED"
        case .cancelled: return "CANCELLED"
        }
    }

    /// What the event's `DESCRIPTION` says, one fact a line.
    static func description(
        of booking: Booking, session: StudioSession?, song: Song?, people: [Person],
        place: (studio: Studio, room: Room)?
    ) -> String {
        var facts: [String] = []
        switch booking.status {
        case .hold: facts.append("On hold (not confirmed yet)")
        case .confirmed: facts.append("Confirmed")
        case .cancelled:
            if let fee = booking.cancellationFee, fee.minorUnits > 0 {
                facts.append("Cancelled; cancellation fee \(fee.formatted)")
            } else {
                facts.append("Cancelled; no cancellation fee")
            }
        }
        if let session { facts.append("Kind: " + session.kind.rawValue) }
        if let song { facts.append("Song: " + song.title) }
        if !people.isEmpty {
            let needed = Set((session?.needs ?? []).map(\.role))
            let names = people.map { person in
                let roles = person.roles.filter { needed.contains($0) }
                let shown = (roles.isEmpty ? person.roles : roles).map(\.name)
                return shown.isEmpty ? person.name : person.name + " (" + shown.joined(separator: ", ") + ")"
            }
            facts.append("People: " + names.joined(separator: "; "))
        }
        if let place { facts.append("Room: \(place.room.name) at \(place.studio.name)") }
        facts.append("Expected cost: " + booking.cost.formatted)
        if !booking.note.isEmpty { facts.append("Note: " + booking.note) }
        return facts.joined(separator: "\n")
    }

    /// A parameter value: quoted when it holds `:`, `;` or `,`; double quotes (which a value
    /// cannot hold) become single quotes, and control characters are dropped.
    static func parameterValue(_ text: String) -> String {
        let clean = String(
            String.UnicodeScalarView(
                text.unicodeScalars.compactMap { scalar in
                    if scalar == "\"" { return "'" }
                    return scalar.value < 0x20 || scalar.value == 0x7F ? nil : scalar
                }))
        return clean.contains(where: { ":;,".contains($0) }) ? "\"" + clean + "\"" : clean
    }

    /// `20250301T140000Z`.
    static func utcDateTime(_ date: Date) -> String {
        let c = utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { (n ?? 0) < 10 ? "0\(n ?? 0)" : "\(n ?? 0)" }
        let year = String(c.year ?? 0)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + two(c.month) + two(c.day) + "T"
            + two(c.hour) + two(c.minute) + two(c.second) + "Z"
    }

    /// A Gregorian calendar in UTC.
    static var utcCalendar: Calendar {
        let calendar = Calendar.gregorian(timeZone: "UTC")
        return calendar
    }
}
