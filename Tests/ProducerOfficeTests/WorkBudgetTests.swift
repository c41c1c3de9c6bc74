import Foundation
@testable import ProducerOffice
import Testing

/// Whether a conflict is proven, and which schedule is chosen, depend on the work done, never on
/// the machine's speed; only a time limit reads the clock, and a result it cut short says so.
@Suite struct WorkBudgetTests {
    static let monday = InfeasibilityProofTests.monday

    static func album(days: Int) throws -> ScheduleModel {
        try InfeasibilityProofTests.album(days: days)
    }

    /// A machine's clock: `perRead` seconds pass each time it is read (0: a machine infinitely
    /// fast; 1: one so slow that a second passes between two readings).
    final class MadeUpClock: @unchecked Sendable {
        private let lock = NSLock()
        private var now = 0.0
        let perRead: Double
        init(perRead: Double) { self.perRead = perRead }
        var clock: WallClock {
            WallClock {
                self.lock.lock()
                defer { self.lock.unlock() }
                self.now += self.perRead
                return self.now
            }
        }
    }

    @Test func anInfeasibleAlbumIsProvenTheSameOnAFastAndASlowMachine() throws {
        // Given the album in 16 days, which only the day packing proves infeasible
        let model = try Self.album(days: 16)
        #expect(model.loadConflict() == nil && model.chainConflict() == nil)
        // When it is reasoned about with no time limit on a fast and on a very slow machine
        let fast = model.proveConflict(
            work: ScheduleModel.standardProofWork, timeLimit: nil, clock: MadeUpClock(perRead: 0).clock)
        let slow = model.proveConflict(
            work: ScheduleModel.standardProofWork, timeLimit: nil, clock: MadeUpClock(perRead: 1).clock)
        // Then both prove it, with the same conflict after the same work
        let proof = try #require(fast.conflict)
        #expect(proof.isProven)
        #expect(slow.conflict == proof)
        #expect(fast.steps == slow.steps && fast.steps > 0)
        #expect(!fast.stoppedByClock && !slow.stoppedByClock)
        // And on the real clock, with a large time limit or none, the same
        #expect(model.proveConflict(timeLimit: 600).conflict == proof)
        #expect(model.proveConflict().conflict == proof)
        #expect(model.proveConflict().steps == fast.steps)
    }

    @Test func aTimeLimitThatStopsTheProofSaysNothingIsProven() throws {
        let model = try Self.album(days: 16)
        // Given a time limit the slow machine reaches while it builds the days each session can
        // take (a second passes at each reading; the clock is read every 256 steps)
        let slow = model.proveConflict(
            work: ScheduleModel.standardProofWork, timeLimit: 2.5, clock: MadeUpClock(perRead: 1).clock)
        // Then nothing is proven, and the result says the clock stopped it
        #expect(slow.conflict == nil)
        #expect(slow.stoppedByClock)
        #expect(slow.steps > 0 && slow.steps < model.proveConflict().steps)
        // As with a tiny time limit on the real clock
        let tiny = model.proveConflict(timeLimit: 1e-9)
        #expect(tiny.conflict == nil && tiny.stoppedByClock)
        // While the fast machine with the same limit proves it
        let fast = model.proveConflict(
            work: ScheduleModel.standardProofWork, timeLimit: 2.5, clock: MadeUpClock(perRead: 0).clock)
        #expect(fast.conflict?.isProven == true && !fast.stoppedByClock)
    }

    @Test func theWorkBudgetAloneDecidesWhatIsProven() throws {
        let model = try Self.album(days: 16)
        let needed = model.proveConflict().steps
        for work in [100, needed / 2, needed - 1, needed] {
            // Given a budget of work, on a fast and on a slow machine with no time limit
            let fast = model.proveConflict(work: work, timeLimit: nil, clock: MadeUpClock(perRead: 0).clock)
            let slow = model.proveConflict(work: work, timeLimit: nil, clock: MadeUpClock(perRead: 1).clock)
            // Then both come to the same verdict with the same conflict, after the same work
            #expect(fast.conflict == slow.conflict, "work \(work)")
            #expect(fast.steps == slow.steps && fast.steps <= work)
            #expect(!fast.stoppedByClock && !slow.stoppedByClock)
        }
        // And too little work proves nothing: here not even the days each session can take are built
        #expect(model.proveConflict(work: 100).conflict == nil)
        #expect(model.proveConflict(work: needed).conflict == model.provenConflict())
    }

    @Test func theScheduleIsTheSameOnAFastAndASlowMachine() throws {
        // Given the album over four weeks and a budget of work
        let model = try Self.album(days: 28)
        func solve(perRead: Double, timeLimit: Double? = nil) -> Scheduler.Result {
            var scheduler = Scheduler(timeLimit: timeLimit, work: 200_000)
            scheduler.startClock = { MadeUpClock(perRead: perRead).clock }
            return scheduler.solve(model)
        }
        // When it is solved on a fast and on a very slow machine, with no time limit
        let fast = solve(perRead: 0), slow = solve(perRead: 1)
        // Then both choose the same schedule, after the same work
        #expect(fast.isComplete)
        #expect(slow.placements == fast.placements)
        #expect(slow.cost == fast.cost)
        #expect((slow.rounds, slow.steps) == (fast.rounds, fast.steps))
        #expect(fast.steps >= 2 * 200_000)
        #expect(!fast.stoppedByClock && !slow.stoppedByClock)
        // And a time limit the slow machine reaches first stops it, and says so
        let stopped = solve(perRead: 1, timeLimit: 50)
        #expect(stopped.stoppedByClock)
        #expect(stopped.rounds < fast.rounds)
    }

    @Test func theScheduleIsTheSameWhileOtherSearchesCompeteForTheCores() async throws {
        let model = try Self.album(days: 28)
        let scheduler = Scheduler(work: 150_000)
        // Given the schedule chosen on a quiet machine
        let quiet = scheduler.solve(model)
        // When the same search runs again beside two others that take the cores
        let busy = await withTaskGroup(of: (Int, Scheduler.Result).self) { group in
            for k in 0..<3 { group.addTask { (k, Scheduler(work: 150_000, seed: k == 0 ? 1 : 9).solve(model)) } }
            var first: Scheduler.Result?
            for await (k, result) in group where k == 0 { first = result }
            return first!
        }
        // Then it chooses the same schedule
        #expect(busy.placements == quiet.placements)
        #expect(busy.steps == quiet.steps)
        // And again, the same
        #expect(scheduler.solve(model).placements == quiet.placements)
    }
}
