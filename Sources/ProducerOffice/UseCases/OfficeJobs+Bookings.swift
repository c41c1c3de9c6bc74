import Foundation

/// `producer bookings list` and `bookings confirm`: a confirmation confirms what the person saw.
///
/// Listing a booking records its `sequence` (``Booking/listedSequence``). `bookings confirm`
/// refuses a hold that changed since it was last listed — `schedule` moved it — or while the
/// command waited for another one's write lock, and names the new time, unless `--at` names the
/// time expected. A hold never listed (new from `schedule`, which prints it) is confirmed as it is.
extension OfficeJobs {
    /// `producer bookings list`: the bookings, and each shown one recorded as listed.
    ///
    /// The list is read first and returned as read; recording what it showed is a small change
    /// made afterwards, skipped when nothing is new, and skipped (`recorded` false) rather than
    /// waited for when another command is changing the project. A booking that moved in between
    /// keeps the sequence the list showed, so confirming it by name is refused.
    public static func listBookings(store: any ProjectStore) async throws -> (list: BookingList, recorded: Bool) {
        let snapshot = try await store.snapshot()
        let list = BookingList(project: snapshot)
        let shown = Dictionary(list.bookings.map { ($0.bookingID, $0.sequence) }, uniquingKeysWith: { a, _ in a })
        var recorded = true
        if snapshot.bookings.contains(where: { booking in
            shown[booking.id].map { booking.listedSequence != $0 } ?? false
        }) {
            let done: Bool? = try await store.updateUnlessBusy { project in
                for i in project.bookings.indices {
                    if let sequence = shown[project.bookings[i].id] { project.bookings[i].listedSequence = sequence }
                }
                return true
            }
            recorded = done != nil
        }
        return (list, recorded)
    }

    /// `producer bookings confirm`: a hold becomes a confirmed booking, which the scheduler never
    /// moves. Returns the booking as confirmed, with its time, studio and room.
    ///
    /// Without `expectedStart` it refuses a hold that changed since it was last listed, or while
    /// this command waited for the project's write lock (a `schedule` running); with it, it
    /// refuses a hold that does not start then. The refusal names the hold's time and room now.
    /// - Throws: ``OfficeError`` naming the booking and why nothing was confirmed.
    public static func confirm(
        _ key: String, at expectedStart: Date? = nil, store: any ProjectStore
    ) async throws -> ScheduleReport.Line {
        // What the person could see when they ran the command (reading waits for no writer).
        let seen = try await store.snapshot()
        let seenBooking = seen.bookings[try bookingIndex(key, in: seen)]
        return try await store.update { project in
            let i = try bookingIndex(key, in: project)
            let booking = project.bookings[i]
            guard booking.status == .hold else {
                throw OfficeError("\(booking.id): is \(booking.status.rawValue), not a hold")
            }
            let title = project.sessions.first { $0.id == booking.sessionID }?.title ?? booking.sessionID
            let zone = project.settings.timeZone
            func now() -> String {
                let line = ScheduleReport.lines(of: project).first { $0.bookingID == booking.id }
                return
                    "\(BookingList.when(booking.start, booking.end, timeZone: zone)) in \(line.map { "\($0.studio) — \($0.room)" } ?? "its room")"
            }
            let retry =
                "producer bookings confirm \(booking.id) --at \(BookingList.atText(booking.start, timeZone: zone))"
            if let expectedStart {
                guard booking.start == expectedStart else {
                    throw OfficeError(
                        "\(title) is \(now()), not at \(BookingList.atText(expectedStart, timeZone: zone)); nothing was confirmed. To confirm it as it is: \(retry)"
                    )
                }
            } else if booking.id != seenBooking.id || booking.sequence != seenBooking.sequence {
                throw OfficeError(
                    "\(title) was changed by another command while this one waited: it is now \(now()); nothing was confirmed. To confirm it there: \(retry)"
                )
            } else if booking.changedSinceListed {
                throw OfficeError(
                    "\(title) was moved since it was last listed: it is now \(now()); nothing was confirmed. To confirm it there: \(retry)"
                )
            }
            project.bookings[i].status = .confirmed
            project.bookings[i].sequence += 1
            project.bookings[i].listedSequence = project.bookings[i].sequence
            guard let line = ScheduleReport.lines(of: project).first(where: { $0.bookingID == booking.id }) else {
                throw OfficeError("\(booking.id): its session is no longer in the project")
            }
            return line
        }
    }
}
