import Foundation

/// Finds a schedule: a room, a start and people for every session, keeping every hard rule and
/// lowering the cost (studio, people, lateness).
///
/// It builds a schedule greedily — each session, predecessors first, goes where it adds the
/// least cost — then improves it by large-neighbourhood search: it takes out a few related
/// sessions (a day, a song, a person's week, a stretch of days, or some at random), puts them
/// back where each costs least, and keeps the change when the schedule got no worse. Sessions
/// it cannot place stay unplaced and weigh more than any cost, so the search first tries to
/// place them. In repair mode every session moved from its previous placement also weighs more
/// than any cost, so it moves as few as it can.
///
/// **Same answer on every machine.** The search's budget is work, not time: `work` steps (a
/// step is a place looked for, plus each day looked at), or `maxRounds` improvement rounds when
/// that is set. For a model, a seed and a budget the schedule is the same on any machine, however
/// fast or busy. `timeLimit` is only a stop for the wall clock: when it ends the search before its
/// budget is spent, ``Result/stoppedByClock`` says so, and a faster machine may find another
/// schedule.
public struct Scheduler: Sendable {
    /// The work each search may do by default, in steps: for 60 sessions over four weeks, 0.9–1.4 s
    /// with two searches on a busy 2-core machine (release build), and a schedule as cheap as 1.9 s
    /// of the earlier time-bound search gave.
    public static let standardWork = 4_000_000
    /// A wall-clock stop, in seconds; nil for none. See ``Result/stoppedByClock``.
    public var timeLimit: Double?
    /// The work budget of each search, in steps (used when `maxRounds` is nil).
    public var work: Int
    /// The budget as a number of improvement rounds instead of steps; nil uses `work`.
    public var maxRounds: Int?
    public var seed: UInt64
    /// Keep sessions where they were (repair after a cancellation) before lowering cost.
    public var minimizesMoves: Bool
    /// How much worse, as a share of the mean cost per session, a round may make the schedule
    /// early in the search (threshold accepting); 0 accepts no worse schedule.
    public var temperature: Double = 0.5
    /// Independent searches run side by side (on as many cores), from seeds `seed`, `seed + 1`…;
    /// the best schedule wins (the first of equals, so timing never decides).
    public var threads: Int = 2
    /// Starts the clock each search reads for `timeLimit` (tests start a made-up one).
    var startClock: @Sendable () -> WallClock = WallClock.start

    public init(
        timeLimit: Double? = nil, work: Int = Scheduler.standardWork, maxRounds: Int? = nil, seed: UInt64 = 1,
        minimizesMoves: Bool = false
    ) {
        self.timeLimit = timeLimit
        self.work = work
        self.maxRounds = maxRounds
        self.seed = seed
        self.minimizesMoves = minimizesMoves
    }

    /// What the search found.
    public struct Result: Sendable {
        /// One entry per session of the model; nil where a session could not be placed.
        public var placements: [ScheduleModel.Placement?]
        public var cost: ScheduleCost
        /// Seconds until every session first had a place (nil if that never happened).
        public var firstCompleteSeconds: Double?
        public var seconds: Double
        public var rounds: Int
        /// Work done, in steps, over all the searches.
        public var steps: Int
        /// True when the time limit stopped a search before its work budget was spent: the
        /// schedule is then the best found in the time, and another machine may find another.
        public var stoppedByClock: Bool
        /// Cost of the best complete schedule after each improvement, with its time.
        public var trace: [Trace]
        /// The cost of a complete schedule at a moment of the search.
        public struct Trace: Sendable {
            public var seconds: Double
            public var cost: Int64
        }
        public var isComplete: Bool { placements.allSatisfy { $0 != nil } }
        public var unplaced: [Int] { placements.indices.filter { placements[$0] == nil } }
    }

    public func solve(_ model: ScheduleModel) -> Result {
        guard threads > 1 else { return solveOne(model, seed: seed) }
        let results = ResultBox(count: threads)
        DispatchQueue.concurrentPerform(iterations: threads) { i in
            results.set(i, solveOne(model, seed: seed &+ UInt64(i)))
        }
        let all = results.values.compactMap { $0 }
        var best = all[0]
        for result in all.dropFirst() {
            if (result.unplaced.count, result.cost.total + Int64(result.cost.moved) << 40)
                < (best.unplaced.count, best.cost.total + Int64(best.cost.moved) << 40)
            {
                best = result
            }
        }
        best.firstCompleteSeconds = all.compactMap(\.firstCompleteSeconds).min()
        best.rounds = all.reduce(0) { $0 + $1.rounds }
        best.steps = all.reduce(0) { $0 + $1.steps }
        best.stoppedByClock = all.contains { $0.stoppedByClock }
        return best
    }

    func solveOne(_ model: ScheduleModel, seed: UInt64) -> Result {
        // A NaN limit would never be reached: it stops at once, like a limit of 0.
        let timeLimit = self.timeLimit.map { $0.isNaN ? 0 : $0 }
        let clock = startClock()
        func elapsed() -> Double { clock.elapsed() }
        var stoppedByClock = false
        /// True when the time limit has passed `share` of itself (and so stops the search).
        func clockStops(_ share: Double = 1) -> Bool {
            guard let timeLimit, elapsed() >= timeLimit * share else { return false }
            stoppedByClock = true
            return true
        }
        let work = max(0, self.work)
        var search = ScheduleSearch(model: model, minimizesMoves: minimizesMoves, seed: seed)
        search.construct()
        if search.unplacedCount > 0 {
            // Build again with random priorities and placement rules, while that helps, for at most
            // a third of the budget; keep the build with the fewest sessions left out.
            var spent = search.steps
            var restart = 0
            while search.unplacedCount > 0 {
                if let maxRounds { if restart >= maxRounds / 4 { break } } else if spent >= work / 3 { break }
                if clockStops(1.0 / 3) { break }
                restart += 1
                var trial = ScheduleSearch(
                    model: model, minimizesMoves: minimizesMoves, seed: seed &+ UInt64(restart) &* 0x9E37_79B9)
                trial.constructRandomly()
                spent += trial.steps
                if trial.unplacedCount < search.unplacedCount
                    || (trial.unplacedCount == search.unplacedCount && trial.objective < search.objective)
                {
                    search = trial
                }
            }
            search.steps = spent
        }
        var firstComplete: Double? = search.unplacedCount == 0 ? elapsed() : nil
        var best = search.placements
        var bestObjective = search.objective
        var trace: [Result.Trace] = firstComplete != nil ? [.init(seconds: elapsed(), cost: search.objective)] : []
        var rounds = 0
        // While sessions are unplaced, pack sessions early (ignoring cost) until all fit; then lower the cost.
        search.compact = search.unplacedCount > 0
        var costScale: Double?
        var lastImprovement = 0
        while true {
            if let maxRounds { if rounds >= maxRounds { break } } else if search.steps >= work { break }
            // Every round: over years of days one round can take milliseconds.
            if clockStops() { break }
            rounds += 1
            // Threshold accepting: early on, accept a little worse to leave local minima; the
            // threshold falls to zero over the first 80 % of the budget.
            var threshold: Int64 = 0
            if !search.compact && search.unplacedCount == 0 {
                let progress =
                    maxRounds.map { Double(rounds) / Double(max(1, $0)) } ?? Double(search.steps) / Double(max(1, work))
                if costScale == nil {
                    costScale = Double(model.cost(of: best).total) / Double(max(1, model.sessions.count))
                }
                let scale = (costScale ?? 0) * temperature
                threshold = Int64(scale * max(0, 1 - progress / 0.8))
                if rounds - lastImprovement > 3_000 {
                    // Lost: go back to the best schedule found.
                    search.restore(best)
                    lastImprovement = rounds
                }
            }
            search.improveOnce(threshold: threshold)
            if search.compact && search.unplacedCount == 0 { search.compact = false }
            if search.objective < bestObjective {
                lastImprovement = rounds
                bestObjective = search.objective
                best = search.placements
                if search.unplacedCount == 0 {
                    if firstComplete == nil { firstComplete = elapsed() }
                    trace.append(.init(seconds: elapsed(), cost: model.cost(of: best).total))
                }
            }
        }
        return Result(
            placements: best, cost: model.cost(of: best), firstCompleteSeconds: firstComplete, seconds: elapsed(),
            rounds: rounds, steps: search.steps, stoppedByClock: stoppedByClock, trace: trace)
    }
}

/// Results of searches running side by side.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Scheduler.Result?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ result: Scheduler.Result) {
        lock.lock()
        storage[i] = result
        lock.unlock()
    }
    var values: [Scheduler.Result?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
