import Foundation
@testable import ProducerOffice
import Testing

/// The day-packing proof: sound (silent whenever a schedule exists) and quick.
@Suite struct InfeasibilityProofTests {
    static let zone = "Europe/Berlin"
    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        return calendar
    }
    static let monday = calendar.date(from: DateComponents(year: 2027, month: 1, day: 4))!
    static func day(_ d: Int) -> Date { calendar.date(byAdding: .day, value: d, to: monday)! }

    static func album(
        seed: UInt64 = 1, songs: Int = 12, people: Int = 20, rooms: Int = 4, days: Int
    ) throws -> ScheduleModel {
        let project = GeneratedAlbum.make(
            seed: seed, songs: songs, people: people, rooms: rooms, days: days, start: monday)
        return try ScheduleModel(project: project, from: monday, until: day(days - 1))
    }

    static func timed<T>(_ body: () -> T) -> (T, Double) {
        let start = Date()
        let value = body()
        return (value, Date().timeIntervalSince(start))
    }

    @Test func sixteenDaysAreProvenInfeasibleByTheArtistsDays() throws {
        // Given the album in 16 days: the artist has the hours (126 h of 150 h), but not the days
        let model = try Self.album(days: 16)
        #expect(model.loadConflict() == nil)
        // When the reasoning runs
        let (conflict, seconds) = Self.timed { model.provenConflict() }
        // Then it proves that no schedule exists, naming her, her tracking sessions and the days they can be on
        let proof = try #require(conflict)
        #expect(proof.isProven)
        #expect(seconds < 3)
        let text = proof.constraints.joined(separator: "\n")
        #expect(text.contains("The Artist"))
        #expect(proof.sessions.allSatisfy { $0.hasPrefix("Tracking") })
        #expect(proof.sessions.count == 11)
        #expect(text.contains("can only be on Mon Jan 4–Sat Jan 9, Tue Jan 12, Wed Jan 13, Fri Jan 15, Sat Jan 16"))
        #expect(text.contains("Thu Jan 14: no engineer is free"))
        #expect(text.contains("Sun Jan 10, Mon Jan 11: no room with drum kit is open"))
    }

    @Test(arguments: [28, 21])
    func feasibleHorizonsAreNotClaimedInfeasible(days: Int) throws {
        let model = try Self.album(days: days)
        let (conflict, seconds) = Self.timed { model.provenConflict() }
        #expect(conflict == nil)
        #expect(seconds < 3)
        try Self.expectEveryResourcePacks(model)
    }

    /// Silence comes from packings found, not from the time running out.
    static func expectEveryResourcePacks(_ model: ScheduleModel) throws {
        let windows = try #require(DayWindows(model))
        let resources = model.packingResources()
        // The artist and the producer (the only one of their role), and the room the mixes need.
        #expect(resources.count >= 2 && resources.contains { $0.person.map { model.people[$0].name } == "The Artist" })
        for resource in resources {
            let packing = DayPacking(model: model, windows: windows, resource: resource)
            var budget = ProofBudget.unlimited
            #expect(packing.fits(Array(packing.items.indices), budget: &budget) == true)
        }
    }

    @Test func theLargeAlbumIsNotClaimedInfeasible() throws {
        let model = try Self.album(seed: 2, songs: 24, people: 40, rooms: 6, days: 42)
        let (conflict, seconds) = Self.timed { model.provenConflict() }
        #expect(conflict == nil)
        #expect(seconds < 3)
        try Self.expectEveryResourcePacks(model)
    }

    @Test func theWindowsHoldEveryScheduleFound() throws {
        // Every schedule the search finds lies inside the days and hours the proof reasons with,
        // and each person's day of it passes the packing's own checks.
        for model in [try Self.album(days: 28)] {
            let result = Scheduler(maxRounds: 0).solve(model)
            try #require(result.isComplete)
            try Self.expectInsideWindows(model, result.placements.map { $0! })
        }
    }

    static func expectInsideWindows(_ model: ScheduleModel, _ placements: [ScheduleModel.Placement]) throws {
        let windows = try #require(DayWindows(model))
        let spd = model.slotsPerDay
        for (s, placement) in placements.enumerated() {
            let d = placement.start / spd, t = placement.start % spd
            #expect(
                windows.starts[s][d] & (UInt64(1) << UInt64(t)) != 0,
                "\(model.sessions[s].title) starts outside its starts")
            #expect(
                windows.earliest[s] <= placement.start && placement.start <= windows.latest[s],
                "\(model.sessions[s].title) outside its window")
        }
        for resource in model.packingResources() {
            let packing = DayPacking(model: model, windows: windows, resource: resource)
            let search = DayPacking.Search(packing: packing, subset: Array(packing.items.indices), budget: .unlimited)
            var byDay: [Int: [Int]] = [:]
            for (i, s) in packing.items.enumerated() { byDay[placements[s].start / spd, default: []].append(i) }
            for (d, pattern) in byDay {
                #expect(search.sequenceFits(pattern, day: d))
                #expect(pattern.reduce(0) { $0 + search.weight[$1] } <= search.capacity[d])
                #expect(pattern.reduce(0) { $0 + packing.duration[$1] } <= packing.work[d])
            }
        }
    }

    // MARK: Small models

    static func tinyModel(
        days: Int, sessions durations: [Int], free: ClosedRange<Int> = 20...39, chain: Bool = false, maxWork: Int = 16
    ) -> ScheduleModel {
        let window = ScheduleModel.mask(start: free.lowerBound, length: free.count)
        let open = ScheduleModel.mask(start: 16, length: 28)
        let singer = ScheduleModel.PersonModel(
            id: "p1", name: "Ada Singer", roles: ["artist"], headcount: 1, rateUnit: .hour, rate: 5000, minimumSlots: 0,
            available: Array(repeating: window, count: days), hours: "free every day 10:00–20:00")
        let room = ScheduleModel.RoomModel(
            id: "r1", name: "Room A", capacity: 4, gear: [], slotRate: 1000, dayRate: nil,
            open: Array(repeating: open, count: days))
        let sessions = durations.enumerated().map { k, length in
            ScheduleModel.SessionModel(
                id: "s\(k)", title: "Take \(k + 1)", durationSlots: length, gear: [], required: [0], needs: [],
                rooms: [0],
                predecessors: chain && k > 0 ? [k - 1] : [], releaseSlot: 0, deadlineSlot: nil, dueDay: nil)
        }
        return ScheduleModel(
            slotMinutes: 30, dayCount: days, firstDay: monday, dayStarts: (0..<days).map { day($0) }, timeZone: zone,
            currency: "EUR",
            maxWorkSlotsPerDay: maxWork, breakSlots: 2, latenessPenaltyPerDay: 0, rooms: [room], people: [singer],
            sessions: sessions)
    }

    @Test func threeLongTakesDoNotFitTwoDays() throws {
        // Given a singer free 10:00–20:00 on two days, and three takes of 5 h: two take 11 h with the break
        let model = Self.tinyModel(days: 2, sessions: [10, 10, 10])
        // The hours are there (15 h of 20 h), and each take fits on its own
        #expect(model.loadConflict() == nil)
        // Then the proof says the three do not fit into the two days
        let proof = try #require(model.provenConflict())
        #expect(proof.isProven)
        #expect(proof.sessions.sorted() == ["Take 1", "Take 2", "Take 3"])
        #expect(proof.constraints[0].contains("Ada Singer"))
        #expect(proof.constraints[1] == "Take 1 (5 h), Take 2 (5 h), Take 3 (5 h) can only be on Mon Jan 4, Tue Jan 5")
        // And with a day more, or takes of 4 h, it stays silent and a schedule exists
        for relaxed in [
            Self.tinyModel(days: 3, sessions: [10, 10, 10]), Self.tinyModel(days: 2, sessions: [8, 8, 8, 8]),
        ] {
            #expect(relaxed.provenConflict() == nil)
            #expect(Scheduler(maxRounds: 300).solve(relaxed).isComplete)
        }
    }

    @Test func aChainOnOneDayNeedsItsBreaks() throws {
        // Three takes in a chain, 3 h + 3 h + 3 h, in one day of 10 h (10 h of work allowed): 9 h of work and two breaks of 1 h is 11 h
        let model = Self.tinyModel(days: 1, sessions: [6, 6, 6], chain: true, maxWork: 20)
        #expect(model.loadConflict() == nil && model.chainConflict() == nil)
        let proof = try #require(model.provenConflict())
        #expect(proof.sessions.count == 3)
        #expect(proof.constraints.contains("Take 2 comes after Take 1"))
        // With 2.5 h takes it fits
        let fits = Self.tinyModel(days: 1, sessions: [5, 5, 6], chain: true, maxWork: 20)
        #expect(fits.provenConflict() == nil)
        #expect(Scheduler(maxRounds: 300).solve(fits).isComplete)
    }

    @Test func smallRandomFeasibleModelsAreNeverClaimedInfeasible() throws {
        var random = SplitMix64(seed: 11)
        var complete = 0
        for _ in 0..<80 {
            let model = Self.randomModel(&random)
            let result = Scheduler(maxRounds: 20).solve(model)
            guard result.isComplete else { continue }
            complete += 1
            #expect(model.violations(of: result.placements) == [])
            #expect(model.dayPackingConflict() == nil, "claimed infeasible, yet a schedule exists")
            try Self.expectInsideWindows(model, result.placements.map { $0! })
        }
        #expect(complete >= 15)
    }

    /// A small model: 2–3 people, 2 rooms, 2–4 days, 4–9 sessions in short chains, tight enough that packing matters.
    static func randomModel(_ random: inout SplitMix64) -> ScheduleModel {
        func next(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        let days = 2 + next(3)
        let peopleCount = 2 + next(2)
        var people: [ScheduleModel.PersonModel] = []
        for p in 0..<peopleCount {
            let available = (0..<days).map { _ -> UInt64 in
                next(5) == 0 ? 0 : ScheduleModel.mask(start: 16 + next(6), length: 12 + next(10))
            }
            people.append(
                .init(
                    id: "p\(p)", name: "Person \(p)", roles: p == peopleCount - 1 ? ["engineer"] : ["artist"],
                    headcount: 1, rateUnit: .hour, rate: 100,
                    minimumSlots: 0, available: available))
        }
        let rooms = (0..<2).map { r in
            ScheduleModel.RoomModel(
                id: "r\(r)", name: "Room \(r)", capacity: 3, gear: [], slotRate: 10, dayRate: nil,
                open: (0..<days).map { _ in
                    next(6) == 0 ? 0 : ScheduleModel.mask(start: 14 + next(6), length: 16 + next(8))
                })
        }
        let count = 4 + next(6)
        var sessions: [ScheduleModel.SessionModel] = []
        for s in 0..<count {
            let required = [next(peopleCount - 1)]
            let needs =
                next(2) == 0 ? [ScheduleModel.Need(role: "engineer", count: 1, candidates: [peopleCount - 1])] : []
            sessions.append(
                .init(
                    id: "s\(s)", title: "Session \(s)", durationSlots: 3 + next(8), gear: [], required: required,
                    needs: needs,
                    rooms: next(3) == 0 ? [next(2)] : [0, 1], predecessors: s > 0 && next(2) == 0 ? [s - 1] : [],
                    releaseSlot: 0,
                    deadlineSlot: next(4) == 0 ? (days - 1) * 48 + 40 : nil, dueDay: nil))
        }
        return ScheduleModel(
            slotMinutes: 30, dayCount: days, firstDay: monday, dayStarts: (0..<days).map { day($0) }, timeZone: zone,
            currency: "EUR",
            maxWorkSlotsPerDay: 12 + next(8), breakSlots: next(3), latenessPenaltyPerDay: 0, rooms: rooms,
            people: people, sessions: sessions)
    }
}
