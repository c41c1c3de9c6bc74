import Foundation
import ProducerOffice
import Testing

@Suite struct SchedulerTests {
    static let zone = "Europe/Berlin"
    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        return calendar
    }
    static let monday = calendar.date(from: DateComponents(year: 2027, month: 1, day: 4))!
    static func day(_ d: Int) -> Date { calendar.date(byAdding: .day, value: d, to: monday)! }

    static func generated(days: Int) throws -> (ProjectSnapshot, ScheduleModel) {
        let project = GeneratedAlbum.make(seed: 1, songs: 12, people: 20, rooms: 4, days: days, start: monday)
        return (project, try ScheduleModel(project: project, from: monday, until: day(days - 1)))
    }

    @Test func aGeneratedAlbumGetsACompleteScheduleThatKeepsEveryRule() throws {
        // Given 60 sessions, 20 people and 4 rooms over four weeks
        let (_, model) = try Self.generated(days: 28)
        #expect(model.sessions.count == 60)
        // When it is solved
        let result = Scheduler(work: 500_000).solve(model)
        // Then every session is placed, no rule is broken, and the cost is what the model says
        #expect(result.isComplete)
        #expect(model.violations(of: result.placements) == [])
        #expect(result.cost == model.cost(of: result.placements))
        #expect(result.cost.total > 0)
    }

    @Test func theSearchLowersTheGreedyCost() throws {
        let (_, model) = try Self.generated(days: 28)
        let greedy = Scheduler(maxRounds: 0).solve(model)
        let improved = Scheduler(maxRounds: 600).solve(model)
        #expect(greedy.isComplete && improved.isComplete)
        #expect(improved.cost.total < greedy.cost.total)
    }

    @Test func theSameSeedAndRoundsGiveTheSameSchedule() throws {
        let (_, model) = try Self.generated(days: 28)
        let a = Scheduler(maxRounds: 200, seed: 7).solve(model)
        let b = Scheduler(maxRounds: 200, seed: 7).solve(model)
        #expect(a.placements == b.placements)
    }

    @Test func tooFewDaysAreProvenInfeasibleAndTheArtistIsNamed() throws {
        // Given the same album squeezed into seven days
        let (_, model) = try Self.generated(days: 7)
        // Then the reasoning proves no schedule exists, naming who is short of hours
        let conflict = try #require(model.provenConflict())
        #expect(conflict.isProven)
        #expect(conflict.constraints.joined().contains("The Artist"))
    }

    @Test func aConfirmedBookingIsNeverMoved() throws {
        // Given a schedule with one session confirmed on an expensive day
        var (project, model) = try Self.generated(days: 28)
        let first = Scheduler(maxRounds: 300).solve(model)
        let s = 4  // Mix — Song 1
        let placed = try #require(first.placements[s])
        let session = project.sessions.first { $0.id == model.sessions[s].id }!
        project.bookings.append(
            Booking(
                sessionID: session.id, roomID: model.rooms[placed.room].id, start: model.date(ofSlot: placed.start),
                end: model.date(ofSlot: placed.start + model.sessions[s].durationSlots),
                people: placed.people.map { model.people[$0].id },
                status: .confirmed, cost: .zero("EUR")))
        model = try ScheduleModel(project: project, from: Self.monday, until: Self.day(27))
        #expect(model.sessions[s].fixed == placed)
        // When it is scheduled again with other seeds
        for seed in 1...3 {
            let again = Scheduler(maxRounds: 300, seed: UInt64(seed)).solve(model)
            // Then the confirmed session stays exactly where it was
            #expect(again.placements[s] == placed)
            #expect(model.violations(of: again.placements) == [])
        }
    }

    @Test func repairAfterACancellationMovesOnlyWhatItMust() throws {
        // Given a schedule held for every session
        var (project, model) = try Self.generated(days: 28)
        let first = Scheduler(maxRounds: 300).solve(model)
        for (s, placement) in first.placements.enumerated() {
            let placement = try #require(placement)
            project.bookings.append(
                Booking(
                    sessionID: model.sessions[s].id, roomID: model.rooms[placement.room].id,
                    start: model.date(ofSlot: placement.start),
                    end: model.date(ofSlot: placement.start + model.sessions[s].durationSlots),
                    people: placement.people.map { model.people[$0].id }, status: .hold, cost: .zero("EUR")))
        }
        // When an engineer cancels a day in the middle of the schedule they were booked on
        let mixer = try #require(project.people.firstIndex { $0.plays(.engineer) })
        let mixerIndex = model.people.firstIndex { $0.id == project.people[mixer].id }!
        let theirs = first.placements.indices.filter { first.placements[$0]!.people.contains(mixerIndex) }
        let day = first.placements[theirs[theirs.count / 2]]!.start / model.slotsPerDay
        project.people[mixer].availability.exceptions.append(
            .init(
                start: model.dayStarts[day],
                end: Self.calendar.date(byAdding: .day, value: 1, to: model.dayStarts[day])!, note: "cancelled"))
        let affected = theirs.filter { first.placements[$0]!.start / model.slotsPerDay == day }
        let repaired = try ScheduleModel(project: project, from: Self.monday, until: Self.day(27))
        let result = Scheduler(maxRounds: 1_500, minimizesMoves: true).solve(repaired)
        // Then the schedule is valid again and only the sessions on that day moved, or barely more
        #expect(result.isComplete)
        #expect(repaired.violations(of: result.placements) == [])
        #expect(result.cost.moved >= 1)
        #expect(result.cost.moved <= affected.count + 1)
        let unchanged = repaired.sessions.indices.filter { result.placements[$0] == repaired.sessions[$0].previous }
            .count
        #expect(unchanged >= repaired.sessions.count - affected.count - 1)
    }

    @Test func weeklyHoursKeepTheirLocalTimeAcrossDaylightSaving() throws {
        // Europe/Berlin moves to summer time on Sunday 28 March 2027.
        let availability = Availability.daily(from: 10 * 60, to: 18 * 60, timeZone: Self.zone)
        let from = Self.calendar.date(from: DateComponents(year: 2027, month: 3, day: 26))!
        let free = availability.freeIntervals(
            in: DateInterval(start: from, end: Self.calendar.date(byAdding: .day, value: 4, to: from)!))
        #expect(free.count == 4)
        for piece in free {
            #expect(Self.calendar.component(.hour, from: piece.start) == 10)
            #expect(Self.calendar.component(.hour, from: piece.end) == 18)
            #expect(piece.duration == 8 * 3600)
        }
    }
}
