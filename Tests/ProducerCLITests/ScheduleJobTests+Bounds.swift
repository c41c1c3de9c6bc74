import Foundation
import ProducerTestSupport
import ProducerJobs
import ProducerOffice
import Testing

/// `schedule`'s bounds: the time limit, the days planned, the run time, bookings before `--from`.
extension ScheduleJobTests {
    @Test(arguments: [
        ("nan", "--time-limit must be a positive number of seconds, not nan"),
        ("-inf", "--time-limit must be a positive number of seconds, not -inf"),
        ("0", "--time-limit must be a positive number of seconds, not 0"),
        ("-1", "--time-limit must be a positive number of seconds, not -1"),
        ("inf", "--time-limit must be at most 600 seconds (10 minutes), not inf"),
        ("1e9", "--time-limit must be at most 600 seconds (10 minutes), not 1e9"),
        ("600.5", "--time-limit must be at most 600 seconds (10 minutes), not 600.5"),
        ("soon", "--time-limit must be a number of seconds (such as 1.5), not soon"),
    ])
    func theTimeLimitIsFinitePositiveAndAtMostTenMinutes(text: String, message: String) async throws {
        // When a time limit is read, Then a bad one is refused in words naming the option
        let error = #expect(throws: OfficeError.self) { try ScheduleJob.timeLimit(parsing: text) }
        #expect(error?.description == message)
        // And a job given it directly refuses to run, writing nothing (NaN spun forever with the lock held)
        if let seconds = Double(text) {
            let store = InMemoryProjectStore(DemoAlbum.make(start: Self.monday))
            await #expect(throws: OfficeError.self) {
                try await ScheduleJob(timeLimit: seconds).run(store: store, now: Self.monday)
            }
            #expect(try await store.snapshot().bookings.isEmpty)
        }
    }

    @Test func goodTimeLimitsAreRead() throws {
        #expect(try ScheduleJob.timeLimit(parsing: "0.2") == 0.2)
        #expect(try ScheduleJob.timeLimit(parsing: "600") == 600)
    }

    @Test func theDaysPlannedSpanAtMostThreeYearsAndEndAfterTheyStart() throws {
        let settings = DemoAlbum.make(start: Self.monday).settings
        let calendar = settings.calendar
        func day(_ y: Int, _ m: Int, _ d: Int) -> Date {
            calendar.date(from: DateComponents(year: y, month: m, day: d))!
        }
        // Three years to the day are allowed
        #expect(throws: Never.self) {
            try ScheduleJob(from: day(2027, 3, 1), until: day(2030, 3, 1)).horizon(settings: settings, now: Self.monday)
        }
        // One day more is not, nor an end before the start
        let long = #expect(throws: OfficeError.self) {
            try ScheduleJob(from: day(2027, 3, 1), until: day(2030, 3, 2)).horizon(settings: settings, now: Self.monday)
        }
        #expect(
            long?.description
                == "--until 2030-03-02 is more than 3 years after --from 2027-03-01: a schedule spans at most 3 years")
        let backwards = #expect(throws: OfficeError.self) {
            try ScheduleJob(from: day(2027, 3, 1), until: day(2027, 2, 28)).horizon(
                settings: settings, now: Self.monday)
        }
        #expect(backwards?.description == "--until 2027-02-28 is before --from 2027-03-01")
        // Without --until the deadline is the end, and a deadline already past says to give --until
        let past = #expect(throws: OfficeError.self) {
            try ScheduleJob().horizon(settings: settings, now: day(2027, 6, 1))
        }
        #expect(
            past?.description
                == "the project's deadline (2027-03-26) is before the first day planned (today, 2027-06-01); give --until"
        )
    }

    @Test func threeYearsWithAFifthOfASecondTakeAboutAFifthOfASecond() async throws {
        // Given the demo album and the longest span allowed
        let calendar = DemoAlbum.make(start: Self.monday).settings.calendar
        let until = calendar.date(
            byAdding: .day, value: -1, to: calendar.date(byAdding: .year, value: 3, to: Self.monday)!)!
        let store = InMemoryProjectStore(DemoAlbum.make(start: Self.monday))
        // When it is scheduled with a limit of 0.2 s (it took over a minute to 2099, and the time grew faster than the days)
        let clock = ContinuousClock()
        let started = clock.now
        let report = try await ScheduleJob(from: Self.monday, until: until, timeLimit: 0.2).run(
            store: store, now: Self.monday)
        let elapsed = clock.now - started
        print("schedule, 3 years, --time-limit 0.2: \(elapsed) in all, \(report.seconds) s by the job's clock")
        // Then every session is booked, and the whole job took about its limit (measured 0.21 s
        // alone, 0.31 s beside the other tests, in a debug build; asserted with a wide margin so
        // that a busy machine does not fail it)
        #expect(report.status == .scheduled)
        #expect(elapsed < .seconds(5))
    }

    @Test func aConfirmedSessionBeforeFromIsKeptWhereItIsNotPlannedAgain() async throws {
        // Given the demo album scheduled, its first tracking confirmed and not marked done
        let store = InMemoryProjectStore(DemoAlbum.make(start: Self.monday))
        _ = try await ScheduleJob(timeLimit: 0.3).run(store: store, now: Self.monday)
        let tracking = try await OfficeJobs.confirm("Tracking — Night Trains", store: store)
        let before = try await store.snapshot()
        // When the schedule runs from the day after it (this crashed: "Negative value is not representable")
        let calendar = before.settings.calendar
        let next = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: tracking.start))!
        let report = try await ScheduleJob(from: next, timeLimit: 0.3).run(store: store, now: next)
        // Then every other session is scheduled, the confirmed booking stays as it was, and the report says so
        #expect(report.status == .scheduled)
        #expect(report.keptBefore.map(\.session) == ["Tracking — Night Trains"])
        #expect(report.text(timeZone: before.settings.timeZone).contains("Kept where it is: Tracking — Night Trains"))
        let after = try await store.snapshot()
        #expect(
            after.bookings.first { $0.id == tracking.bookingID }
                == before.bookings.first { $0.id == tracking.bookingID })
        #expect(after.bookings.filter { $0.status != .cancelled && $0.start < next }.map(\.id) == [tracking.bookingID])
    }
}
