import Foundation
@testable import ProducerOffice
import Testing

/// The days a model plans: confirmed bookings outside them, and building years of days.
@Suite struct ScheduleHorizonTests {
    static let zone = "Europe/Berlin"
    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        return calendar
    }
    static let monday = calendar.date(from: DateComponents(year: 2027, month: 1, day: 4))!
    static func day(_ d: Int) -> Date { calendar.date(byAdding: .day, value: d, to: monday)! }

    /// The generated album scheduled over four weeks, with the session `choose` picks confirmed
    /// where the search put it.
    static func confirmed(
        _ choose: ([ScheduleModel.Placement?]) -> Int
    ) throws -> (project: ProjectSnapshot, booking: Booking) {
        var project = GeneratedAlbum.make(seed: 1, songs: 12, people: 20, rooms: 4, days: 28, start: monday)
        let model = try ScheduleModel(project: project, from: monday, until: day(27))
        let placements = Scheduler(maxRounds: 100).solve(model).placements
        let s = choose(placements)
        let placed = try #require(placements[s])
        let booking = Booking(
            sessionID: model.sessions[s].id, roomID: model.rooms[placed.room].id,
            start: model.date(ofSlot: placed.start),
            end: model.date(ofSlot: placed.start + model.sessions[s].durationSlots),
            people: placed.people.map { model.people[$0].id },
            status: .confirmed, cost: .zero("EUR"))
        project.bookings.append(booking)
        return (project, booking)
    }

    @Test func aFixedPlacementBeforeTheFirstDayProvesNothingAndDoesNotCrash() throws {
        // Given a model whose first session is fixed five slots before its first day (what a
        // confirmed booking on the day before --from became: its day computed as 0, its slot -5)
        var model = try ScheduleModel(
            project: GeneratedAlbum.make(seed: 1, songs: 12, people: 20, rooms: 4, days: 28, start: Self.monday),
            from: Self.monday, until: Self.day(27))
        model.sessions[0].fixed = .init(room: model.sessions[0].rooms[0], start: -5, people: model.sessions[0].required)
        // When the day packing reads it (it trapped: "Negative value is not representable")
        // Then it proves nothing, and neither does the whole reasoning
        #expect(DayWindows(model) == nil)
        #expect(model.dayPackingConflict() == nil)
    }

    @Test func aConfirmedSessionBeforeTheFirstDayIsKeptWhereItIsAndItsChainFollows() throws {
        // Given the first tracking session confirmed, and a plan that starts the day after it
        let (project, booking) = try Self.confirmed { _ in 0 }
        let tracking = try #require(project.sessions.first { $0.id == booking.sessionID })
        let next = Self.calendar.date(byAdding: .day, value: 1, to: Self.calendar.startOfDay(for: booking.start))!
        // When the project is reduced to a model from that day
        let model = try ScheduleModel(project: project, from: next, until: Self.day(34))
        // Then the confirmed session is not planned again, its room and people stay booked then,
        // and the sessions after it may start (they start after it ended)
        #expect(!model.sessions.contains { $0.id == tracking.id })
        let after = model.sessions.filter { session in
            project.sessions.first { $0.id == session.id }!.after.contains(tracking.id)
        }
        #expect(!after.isEmpty)
        #expect(after.allSatisfy { $0.releaseSlot == 0 })
        // And the reasoning and the search run (the day packing crashed here) and place every session
        #expect(model.provenConflict() == nil)
        let result = Scheduler(maxRounds: 200).solve(model)
        #expect(result.isComplete)
        #expect(model.violations(of: result.placements) == [])
    }

    @Test func aConfirmedSessionAfterTheLastDayWaitsThere() throws {
        // Given the session placed last confirmed, and a plan that ends two days before it
        let (project, booking) = try Self.confirmed { placements in
            placements.indices.max { (placements[$0]?.start ?? 0) < (placements[$1]?.start ?? 0) }!
        }
        let lastDay = Self.calendar.date(byAdding: .day, value: -2, to: booking.start)!
        let model = try ScheduleModel(project: project, from: Self.monday, until: lastDay)
        // Then it is left out of the plan (the search could not place it there: "no schedule
        // found"), and the rest is planned
        #expect(!model.sessions.contains { $0.id == booking.sessionID })
        let result = Scheduler(maxRounds: 200).solve(model)
        #expect(result.isComplete)
        #expect(model.violations(of: result.placements) == [])
    }

    @Test(arguments: [
        "Europe/Berlin", "America/Santiago", "Australia/Lord_Howe", "America/New_York", "Asia/Tehran", "UTC",
    ])
    func weeklyHoursOverThreeYearsAreWhatTheCalendarSays(zone: String) throws {
        // Given weekly windows (one to midnight, one across the hours clocks change) in a zone with daylight saving
        let availability = Availability(
            weekly: [
                .init(weekday: .monday, startMinute: 600, endMinute: 1080),
                .init(weekday: .saturday, startMinute: 0, endMinute: 1440),
                .init(weekday: .sunday, startMinute: 60, endMinute: 240),
                .init(weekday: .sunday, startMinute: 1260, endMinute: 1440),
                .init(weekday: .wednesday, startMinute: 150, endMinute: 210),
            ],
            timeZone: zone)
        let calendar = Calendar.gregorian(timeZone: zone)
        let start = calendar.date(from: DateComponents(year: 2026, month: 12, day: 30, hour: 15))!
        let interval = DateInterval(start: start, end: calendar.date(byAdding: .year, value: 3, to: start)!)
        // When its free time is computed over three years
        let free = availability.freeIntervals(in: interval)
        // Then it is what the calendar gives day by day
        let expected = Self.calendarFreeIntervals(availability, in: interval)
        #expect(free.count == expected.count)
        if let k = free.indices.first(where: { $0 < expected.count && free[$0] != expected[$0] }) {
            Issue.record("stretch \(k): \(free[k]), the calendar says \(expected[k])")
        }
        #expect(free.count > 600)
    }

    /// The free intervals as the calendar computes them, day by day (the code before it skipped
    /// the calendar on days without a change of UTC offset).
    static func calendarFreeIntervals(_ availability: Availability, in interval: DateInterval) -> [DateInterval] {
        let calendar = availability.calendar
        var free: [DateInterval] = []
        var day = calendar.startOfDay(for: interval.start)
        while day < interval.end {
            let weekday = Availability.Weekday(of: day, in: calendar)
            for window in availability.weekly where window.weekday == weekday && window.endMinute > window.startMinute {
                guard let start = Availability.time(window.startMinute, on: day, calendar),
                    let end = Availability.time(window.endMinute, on: day, calendar), end > start
                else { continue }
                if let piece = DateInterval(start: start, end: end).intersection(with: interval), piece.duration > 0 {
                    free.append(piece)
                }
            }
            day = calendar.date(byAdding: .day, value: 1, to: day)!
        }
        return Availability.merged(free)
    }

    @Test func theSlotsOfThreeYearsAreFreeExactlyWhenThePeopleAre() throws {
        // Given the album's people, one of them with many dated exceptions, over three years
        var project = GeneratedAlbum.make(seed: 3, songs: 4, people: 8, rooms: 2, days: 28, start: Self.monday)
        var random = SplitMix64(seed: 9)
        for k in 0..<300 {
            let start = Self.monday.addingTimeInterval(Double(k) * 3.7 * 86_400 + Double(random.next() % 86_400))
            project.people[0].availability.exceptions.append(
                .init(
                    start: start, end: start.addingTimeInterval(Double(1_800 + random.next() % 20_000)),
                    isBusy: k % 5 != 0))
        }
        let until = Self.calendar.date(byAdding: .day, value: 1_000, to: Self.monday)!
        // When it is reduced to slots
        let model = try ScheduleModel(project: project, from: Self.monday, until: until)
        // Then each slot of each person is free exactly when one free stretch holds all of it
        let horizon = DateInterval(
            start: model.firstDay, end: Self.calendar.date(byAdding: .day, value: 1, to: model.dayStarts.last!)!)
        for (p, person) in project.people.enumerated() {
            let free = person.availability.freeIntervals(in: horizon)
            for (d, dayStart) in model.dayStarts.enumerated() where d % 7 == 0 || p == 0 {
                let dayEnd = d + 1 < model.dayCount ? model.dayStarts[d + 1] : horizon.end
                var bits: UInt64 = 0
                for t in 0..<model.slotsPerDay {
                    let slotStart = dayStart.addingTimeInterval(Double(t * model.slotMinutes * 60))
                    let slotEnd = slotStart.addingTimeInterval(Double(model.slotMinutes * 60))
                    if slotEnd > dayEnd { break }
                    if free.contains(where: { $0.start <= slotStart && $0.end >= slotEnd }) { bits |= 1 << UInt64(t) }
                }
                #expect(model.people[p].available[d] == bits, "\(person.name), day \(d)")
            }
        }
    }
}
