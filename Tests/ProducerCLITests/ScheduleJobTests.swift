import Foundation
import ProducerTestSupport
import ProducerJobs
import ProducerOffice
import Testing

@Suite struct ScheduleJobTests {
    static let monday: Date = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
        return calendar.date(from: DateComponents(year: 2027, month: 3, day: 1))!
    }()

    @Test func demoAlbumSchedulesEverySessionWithinTheRules() async throws {
        // Given the demo album
        let project = DemoAlbum.make(start: Self.monday)
        let store = InMemoryProjectStore(project)
        // When it is scheduled
        let report = try await ScheduleJob(timeLimit: 0.5).run(store: store, now: Self.monday)
        print(report.text(timeZone: "Europe/Berlin"))
        // Then every session has a hold and the schedule keeps every rule
        #expect(report.status == .scheduled)
        let after = try await store.snapshot()
        #expect(after.bookings.count == project.sessions.count)
        #expect(after.bookings.allSatisfy { $0.status == .hold })
        let model = try ScheduleModel(project: after, from: Self.monday, until: project.settings.deadline!)
        let placements = model.sessions.map { $0.previous }
        #expect(model.violations(of: placements) == [])
        #expect(report.totalCost?.minorUnits == model.cost(of: placements).total)
        // And the bookings' costs add up to the total to the cent
        #expect(after.bookings.reduce(0) { $0 + $1.cost.minorUnits } == report.totalCost?.minorUnits)
    }

    @Test func aCancelledBookingsTimeIsNotBookedAgainOnRepair() async throws {
        // Given the demo album scheduled
        let store = InMemoryProjectStore(DemoAlbum.make(start: Self.monday))
        _ = try await ScheduleJob(timeLimit: 0.3).run(store: store, now: Self.monday)
        // When the mix of "Blue Hour" is cancelled and the schedule repaired
        let cancelled = try await OfficeJobs.cancel("Mix — Blue Hour", fee: "200", store: store)
        let report = try await ScheduleJob(repair: true, timeLimit: 0.3).run(store: store, now: Self.monday)
        // Then the mix has a new hold that does not overlap the cancelled time, and the fee stays owed
        #expect(report.status == .scheduled)
        let after = try await store.snapshot()
        let holds = after.bookings.filter { $0.sessionID == cancelled.sessionID && $0.status == .hold }
        #expect(holds.count == 1)
        let hold = try #require(holds.first)
        #expect(hold.end <= cancelled.start || hold.start >= cancelled.end)
        #expect(hold.id != cancelled.id)
        #expect(after.bookings.first { $0.id == cancelled.id }?.cancellationFee?.minorUnits == 20_000)
    }

    @Test func aQuartetFreeOnlyOnMondaysAndAHallClosedOnMondaysIsExplained() async throws {
        // Given the quartet free only on Mondays and the only room that fits them closed on Mondays
        var project = DemoAlbum.make(start: Self.monday)
        let zone = project.settings.timeZone
        let q = project.people.firstIndex { $0.id == "quartet" }!
        project.people[q].availability = Availability(
            weekly: [.init(weekday: .monday, startMinute: 600, endMinute: 1080)], timeZone: zone)
        project.studios[0].rooms[0].openingHours = .daily(from: 600, to: 1320, timeZone: zone, except: [.monday])
        let store = InMemoryProjectStore(project)
        // When it is scheduled
        let report = try await ScheduleJob(timeLimit: 0.5).run(store: store, now: Self.monday)
        print(report.text(timeZone: zone))
        // Then nothing is booked and the explanation names both constraints
        #expect(report.status == .infeasible)
        let conflict = try #require(report.conflict)
        #expect(conflict.isProven)
        #expect(conflict.constraints.contains { $0.contains("Aurora Quartet") && $0.contains("Mondays") })
        #expect(conflict.constraints.contains { $0.contains("Hall") && $0.contains("only room") })
        #expect(try await store.snapshot().bookings.isEmpty)
    }
}
