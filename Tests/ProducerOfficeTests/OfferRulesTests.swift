import Foundation
import ProducerOffice
import Testing

/// Offers sent, refused, expired and answered through the use cases, on a one-room project in UTC
/// planned over Mon 1 – Fri 5 March 2027, with "now" pinned at 1 February 2027.
@Suite struct OfferRulesTests {
    static let calendar = Calendar.gregorian(timeZone: "UTC")
    static func day(_ month: Int, _ day: Int, _ hour: Int = 0) -> Date {
        calendar.date(from: DateComponents(year: 2027, month: month, day: day, hour: hour))!
    }
    static let now = day(2, 1, 12)
    static func eur(_ euros: Int64) -> Money { Money(minorUnits: euros * 100, currency: "EUR") }

    /// Ada (engineer), Kim (backup singer, €50/h, weekdays 10–20), Lena (backup singer, €60/h,
    /// Tue–Sat 14–22), Nia (backup singer, Sundays only, on tour until April); "BVs" needs a backup singer and an
    /// engineer, "Lead" an engineer; the plan starts Mon 1 March, the deadline is Fri 5 March.
    static func project() -> ProjectSnapshot {
        let weekdays = Availability.daily(from: 10 * 60, to: 20 * 60, timeZone: "UTC", except: [.saturday, .sunday])
        let people = [
            Person(
                id: "ada", name: "Ada", roles: [.engineer], rate: Rate(eur(50), per: .hour),
                availability: Availability.daily(from: 9 * 60, to: 21 * 60, timeZone: "UTC")),
            Person(
                id: "kim", name: "Kim", roles: [.backupSinger], rate: Rate(eur(50), per: .hour),
                availability: weekdays),
            Person(
                id: "lena", name: "Lena", roles: [.backupSinger], rate: Rate(eur(60), per: .hour),
                availability: Availability.daily(
                    from: 14 * 60, to: 22 * 60, timeZone: "UTC", except: [.sunday, .monday])),
            Person(
                id: "nia", name: "Nia", roles: [.backupSinger], rate: Rate(eur(40), per: .hour),
                availability: Availability(
                    weekly: [.init(weekday: .sunday, startMinute: 600, endMinute: 1200)],
                    exceptions: [.init(start: day(1, 1), end: day(4, 1), note: "on tour")], timeZone: "UTC")),
        ]
        let room = Room(
            id: "booth", name: "Booth", hourlyRate: eur(40), capacity: 3, gear: ["vocal booth"],
            openingHours: Availability.daily(from: 10 * 60, to: 22 * 60, timeZone: "UTC"))
        let sessions = [
            StudioSession(
                id: "bvs", kind: .vocals, title: "BVs", needs: [.init(.backupSinger), .init(.engineer)],
                gear: ["vocal booth"], durationMinutes: 180),
            StudioSession(
                id: "lead", kind: .vocals, title: "Lead", needs: [.init(.engineer)], gear: ["vocal booth"],
                durationMinutes: 180),
        ]
        return ProjectSnapshot(
            settings: ProjectSettings(
                name: "Test", currency: "EUR", deadline: day(3, 5), timeZone: "UTC", planStart: day(3, 1)),
            people: people, studios: [Studio(id: "s", name: "Studio", timeZone: "UTC", rooms: [room])],
            sessions: sessions)
    }

    /// The project with holds from a schedule of 1–5 March.
    static func scheduled() async throws -> InMemoryProjectStore {
        var project = project()
        let report = try ScheduleJob(from: day(3, 1), until: day(3, 5)).plan(&project, now: now)
        #expect(report.status == .scheduled)
        return InMemoryProjectStore(project)
    }

    static func send(
        _ person: String = "Lena", role: String = "backup singer", sessions: [String] = ["BVs"], fee: String = "540",
        answerBy: String = "2027-02-10", force: Bool = false, store: InMemoryProjectStore
    ) async throws -> OfferList.Line {
        try await OfficeJobs.sendOffer(
            to: person, role: role, sessions: sessions, fee: fee, answerBy: answerBy, force: force, store: store,
            now: now)
    }

    @Test("send records a sent offer, o1, to answer by the end of the day")
    func sendRecords() async throws {
        let store = InMemoryProjectStore(Self.project())
        let line = try await Self.send("lena", sessions: ["bvs"], store: store)
        #expect(line.id == "o1" && line.person == "Lena" && line.sessions == ["BVs"] && line.status == .sent)
        #expect(line.fee == Self.eur(540))
        #expect(line.answerBy == Self.day(2, 11).addingTimeInterval(-1))
        let second = try await Self.send("Kim", sessions: ["Lead"], store: store)
        #expect(second.id == "o2")
        #expect(try await store.snapshot().offers.map(\.status) == [.sent, .sent])
    }

    @Test(
        "send refuses bad input, naming it",
        arguments: [
            ("Zed", "backup singer", "BVs", "540", "2027-02-10", "no person \"Zed\""),
            ("Lena", "backup singer", "Choir", "540", "2027-02-10", "--session Choir: no session"),
            ("Lena", "backup singer", "BVs", "-5", "2027-02-10", "--fee must be an amount of 0 or more, not -5"),
            ("Lena", "backup singer", "BVs", "540", "2027-01-30", "--answer-by 2027-01-30 23:59 is in the past"),
            ("Lena", "backup singer", "BVs", "540", "2027-02-30", "--answer-by 2027-02-30: not a date"),
            ("Ada", "backup singer", "BVs", "540", "2027-02-10", "Ada does not play backup singer (plays engineer)"),
        ])
    func sendRefuses(
        person: String, role: String, session: String, fee: String, answerBy: String, message: String
    )
        async throws
    {
        let store = InMemoryProjectStore(Self.project())
        let error = await #expect(throws: OfficeError.self) {
            _ = try await Self.send(person, role: role, sessions: [session], fee: fee, answerBy: answerBy, store: store)
        }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
        #expect(try await store.snapshot().offers.isEmpty)
    }

    @Test("--force sends to someone without the role; a second open offer for a session is refused")
    func forceAndSecondOffer() async throws {
        let store = InMemoryProjectStore(Self.project())
        _ = try await Self.send("Ada", force: true, store: store)
        _ = try await Self.send(store: store)
        let error = await #expect(throws: OfficeError.self) {
            _ = try await Self.send(sessions: ["Lead", "BVs"], store: store)
        }
        #expect(
            error?.message.contains("Lena already has an open offer for BVs (o2)") == true, "\(error?.message ?? "")")
        // Once withdrawn, a new one may be sent
        _ = try await OfficeJobs.answerOffer("o2", .withdrawn, store: store, now: Self.now)
        #expect(try await Self.send(store: store).id == "o3")
    }

    @Test("an offer past its answer-by time lists as expired, is recorded so and cannot be accepted")
    func expiry() async throws {
        let store = try await Self.scheduled()
        _ = try await Self.send(store: store)
        let later = Self.day(2, 12)
        let (list, recorded) = try await OfficeJobs.listOffers(store: store, now: later)
        #expect(list.offers.map(\.status) == [.expired] && recorded)
        #expect(list.text(timeZone: "UTC", now: later).contains("o1   expired   Lena, backup singer, €540.00 — BVs"))
        #expect(try await store.snapshot().offers[0].status == .expired)
        let error = await #expect(throws: OfficeError.self) {
            _ = try await OfficeJobs.answerOffer("o1", .accepted, store: store, now: later)
        }
        #expect(error?.message.hasPrefix("o1 expired: its answer was due by Wed 10 Feb 2027 23:59") == true)
        #expect(try await store.snapshot().sessions[0].people.isEmpty)
    }

    @Test("accepting fills the session's need: the repaired booking has Lena instead of Kim")
    func acceptFillsNeed() async throws {
        let store = try await Self.scheduled()
        let before = try await store.snapshot()
        #expect(before.activeBooking(of: "bvs")?.people.sorted() == ["ada", "kim"])  // Kim is cheaper
        _ = try await Self.send(store: store)
        let answer = try await OfficeJobs.answerOffer("o1", .accepted, store: store, now: Self.now)
        let after = try await store.snapshot()
        // Then Lena is on the session, its backup-singer need is gone, and the booking has her
        #expect(after.sessions[0].people == ["lena"] && after.sessions[0].needs == [.init(.engineer)])
        #expect(after.activeBooking(of: "bvs")?.people.sorted() == ["ada", "lena"])
        #expect(after.offers[0].status == .accepted && after.offers[0].answeredAt == Self.now)
        #expect(answer.joined.map(\.how) == ["fills its backup singer need"])
        #expect(answer.repaired && answer.changes.contains { $0.hasPrefix("BVs: +Lena, −Kim") }, "\(answer.changes)")
        // Kim's 3 h at €50 became Lena's 3 h at €60: the bookings cost €30 more
        let delta = answer.bookingsCostAfter!.minorUnits - answer.bookingsCostBefore!.minorUnits
        #expect(delta == 3_000)
        #expect(answer.text().contains("Fee €540.00 committed"))
        // And it cannot be accepted twice, nor withdrawn
        await #expect(throws: OfficeError.self) {
            _ = try await OfficeJobs.answerOffer("o1", .accepted, store: store, now: Self.now)
        }
        let withdraw = await #expect(throws: OfficeError.self) {
            _ = try await OfficeJobs.answerOffer("Lena", .withdrawn, store: store, now: Self.now)
        }
        #expect(withdraw?.message.contains("no offer \"Lena\"") == true, "\(withdraw?.message ?? "")")
    }

    @Test("accepting for a session without the role's need adds the person as an extra")
    func acceptExtra() async throws {
        let store = try await Self.scheduled()
        _ = try await Self.send("Kim", sessions: ["Lead"], store: store)
        let answer = try await OfficeJobs.answerOffer("Kim", .accepted, store: store, now: Self.now)
        let after = try await store.snapshot()
        #expect(answer.joined.map(\.how) == ["extra: it has no backup singer need"])
        #expect(after.sessions[1].needs == [.init(.engineer)])
        #expect(after.activeBooking(of: "lead")?.people.contains("kim") == true)
    }

    /// The project scheduled, with the BVs booking confirmed at `start`–`start + 3 h` (with Ada and Kim).
    static func confirmedBVs(at start: Date) async throws -> InMemoryProjectStore {
        let store = try await Self.scheduled()
        try await store.update { project in
            let b = project.bookings.firstIndex { $0.sessionID == "bvs" }!
            project.bookings[b].start = start
            project.bookings[b].end = start.addingTimeInterval(3 * 3600)
            project.bookings[b].status = .confirmed
        }
        return store
    }

    @Test("a confirmed booking keeps everyone: the accepted person joins it as an extra")
    func acceptOnConfirmed() async throws {
        // Given BVs confirmed Tuesday 15:00–18:00 with Ada and Kim, when Lena (free then) accepts
        let store = try await Self.confirmedBVs(at: Self.day(3, 2, 15))
        _ = try await Self.send(store: store)
        let answer = try await OfficeJobs.answerOffer("o1", .accepted, store: store, now: Self.now)
        // Then she is added to the booking beside them, and the needs stay
        let after = try await store.snapshot()
        #expect(answer.joined.map(\.how) == ["extra on its confirmed booking, which keeps everyone confirmed"])
        let booking = try #require(after.activeBooking(of: "bvs"))
        #expect(booking.people.sorted() == ["ada", "kim", "lena"] && booking.start == Self.day(3, 2, 15))
        #expect(after.sessions[0].needs.count == 2 && after.sessions[0].people == ["lena"])
    }

    @Test("a confirmed booking when the person is not free: refused, naming the time")
    func confirmedWhenNotFree() async throws {
        // Given BVs confirmed Monday 10:00–13:00, when Lena (never on Mondays) accepts
        let store = try await Self.confirmedBVs(at: Self.day(3, 1, 10))
        _ = try await Self.send(store: store)
        let error = await #expect(throws: OfficeError.self) {
            _ = try await OfficeJobs.answerOffer("o1", .accepted, store: store, now: Self.now)
        }
        #expect(
            error?.message
                == "o1 was not accepted: Lena is busy for BVs's confirmed booking (Mon 1 Mar 2027 10:00–13:00) (not their hours), which never moves. Nothing changed"
        )
        #expect(try await store.snapshot().offers[0].status == .sent)
    }

    @Test("no schedule with the person: nothing is accepted and the error says why")
    func acceptWithoutSchedule() async throws {
        let store = try await Self.scheduled()
        _ = try await Self.send("Nia", store: store)
        let error = await #expect(throws: OfficeError.self) {
            _ = try await OfficeJobs.answerOffer("o1", .accepted, store: store, now: Self.now)
        }
        #expect(
            error?.message.hasPrefix("o1 was not accepted: no schedule has Nia on BVs") == true,
            "\(error?.message ?? "")")
        let after = try await store.snapshot()
        #expect(after.offers[0].status == .sent && after.sessions[0].people.isEmpty)
    }

    @Test("declining records the answer and changes nothing else")
    func decline() async throws {
        let store = try await Self.scheduled()
        let before = try await store.snapshot()
        _ = try await Self.send(store: store)
        let answer = try await OfficeJobs.answerOffer("o1", .declined, store: store, now: Self.now)
        #expect(answer.offer.status == .declined && answer.text().hasPrefix("Declined o1: Lena will not do BVs."))
        let after = try await store.snapshot()
        #expect(after.bookings == before.bookings && after.sessions == before.sessions)
        #expect(OfferList(project: after, now: Self.now).offers.isEmpty)
        #expect(OfferList(project: after, now: Self.now, all: true).offers.map(\.status) == [.declined])
    }
}
