import Foundation

extension Hiring {
    /// A time someone is needed: a whole day (`--on`) or a booked session's hours (`--session`).
    struct NeededTime {
        var label: String
        var interval: DateInterval
        var wholeDay: Bool
    }

    /// The `--on` days, then the booked `--session`s (one not booked yet has no time).
    static func neededTimes(_ request: HiringRequest, in project: ProjectSnapshot) -> [NeededTime] {
        let calendar = project.settings.calendar
        let dayFormat = DateFormatter.fixed("EEE d MMM yyyy", timeZone: calendar.timeZone)
        var times: [NeededTime] = []
        for day in request.days {
            let start = calendar.startOfDay(for: day)
            let end = calendar.date(byAdding: .day, value: 1, to: start) ?? start.addingTimeInterval(86_400)
            times.append(
                NeededTime(
                    label: dayFormat.string(from: start), interval: DateInterval(start: start, end: end),
                    wholeDay: true))
        }
        for id in request.sessionIDs {
            guard let session = project.sessions.first(where: { $0.id == id }),
                let booking = project.activeBooking(of: id), booking.end > booking.start
            else { continue }
            times.append(
                NeededTime(
                    label: "\(session.title) (\(BookingList.when(booking.start, booking.end, timeZone: project.settings.timeZone)))",
                    interval: DateInterval(start: booking.start, end: booking.end), wholeDay: false))
        }
        return times
    }

    /// How free `person` is at `time`: their availability (weekly windows in their time zone and
    /// dated exceptions) less their bookings in the project other than those of `excluded`
    /// sessions. A day is free when none of their usual hours that day is taken.
    static func fit(
        of person: Person, at time: NeededTime, in project: ProjectSnapshot, excluding excluded: Set<String>
    ) -> HiringRanking.TimeFit {
        let zone = project.settings.calendar.timeZone
        let interval = time.interval
        var free = person.availability.freeIntervals(in: interval)
        var taken: [String] = []
        for exception in person.availability.exceptions
        where exception.isBusy && exception.end > interval.start && exception.start < interval.end {
            taken.append(exception.note.isEmpty ? "busy \(clock(exception.start, exception.end, within: interval, zone))" : "\(exception.note)")
        }
        let bookings = project.bookings.filter {
            $0.status != .cancelled && $0.people.contains(person.id) && !excluded.contains($0.sessionID)
                && $0.end > interval.start && $0.start < interval.end
        }
        for booking in bookings.sorted(by: { $0.start < $1.start }) {
            free = free.flatMap { Availability.subtract(DateInterval(start: booking.start, end: booking.end), from: $0) }
            let title = project.sessions.first { $0.id == booking.sessionID }?.title ?? booking.sessionID
            taken.append("booked for \(title) \(clock(booking.start, booking.end, within: interval, zone))")
        }
        let freeSeconds = free.map(\.duration).reduce(0, +)
        let hours = free.map { clock($0.start, $0.end, within: interval, zone) }.joined(separator: ", ")
        let why = taken.isEmpty ? "" : " (" + taken.joined(separator: "; ") + ")"
        if time.wholeDay {
            let usual = Availability(weekly: person.availability.weekly, timeZone: person.availability.timeZone)
                .freeIntervals(in: interval).map(\.duration).reduce(0, +)
            if freeSeconds <= 0 {
                if usual <= 0 && taken.isEmpty {
                    let weekly = Availability(weekly: person.availability.weekly, timeZone: person.availability.timeZone)
                    return .init(
                        time: time.label, fit: .busy,
                        words: "busy \(time.label): works \(weekly.summary())")
                }
                return .init(time: time.label, fit: .busy, words: "busy \(time.label)\(why)")
            }
            if freeSeconds >= usual {
                return .init(time: time.label, fit: .free, words: "free all day \(time.label) (\(hours))")
            }
            return .init(time: time.label, fit: .part, words: "free part of \(time.label): \(hours)\(why)")
        }
        if freeSeconds >= interval.duration {
            return .init(time: time.label, fit: .free, words: "free for \(time.label)")
        }
        if freeSeconds <= 0 {
            return .init(time: time.label, fit: .busy, words: "busy for \(time.label)\(why.isEmpty ? " (not their hours)" : why)")
        }
        return .init(time: time.label, fit: .part, words: "free for part of \(time.label): \(hours)\(why)")
    }

    /// `14:00–18:00` in `zone`, clipped to `interval`; an end at the interval's end of day is `24:00`.
    static func clock(_ start: Date, _ end: Date, within interval: DateInterval, _ zone: TimeZone) -> String {
        let format = DateFormatter.fixed("HH:mm", timeZone: zone)
        let from = max(start, interval.start)
        let to = min(end, interval.end)
        let last = to == interval.end && format.string(from: to) == "00:00" ? "24:00" : format.string(from: to)
        return format.string(from: from) + "–" + last
    }
}
