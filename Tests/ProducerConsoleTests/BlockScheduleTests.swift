@testable import ProducerConsole
import Testing

/// The render's schedule stepped on one thread: every job runs once, each strip's blocks in
/// order, and no job starts before what it reads is written or while what it writes is still
/// being read.
@Suite("Block schedule")
struct BlockScheduleTests {
    typealias Job = BlockSchedule.Job

    /// Runs the schedule to the end with up to `workers` jobs in flight, finishing the oldest
    /// first, or with `seed` a running job picked at random (a slow worker; the seed replays
    /// it); returns the jobs in the order they started, each with what was finished then.
    static func run(
        _ schedule: inout BlockSchedule, workers: Int, seed: UInt64? = nil,
        slow: (Job) -> Bool = { _ in false }
    ) -> [(job: Job, done: Set<Job>)] {
        var started: [(job: Job, done: Set<Job>)] = []
        var running: [Job] = []
        var done = Set<Job>()
        var steps = 0
        var state = seed ?? 0
        func random(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        while !schedule.isFinished {
            steps += 1
            if steps > 100_000 { Issue.record("the schedule does not finish"); break }
            // With a seed, sometimes let a running job finish though another could start.
            if running.count < workers, seed == nil || running.isEmpty || random(3) > 0, let job = schedule.next() {
                schedule.start(job)
                started.append((job, done))
                running.append(job)
                continue
            }
            guard !running.isEmpty else { Issue.record("nothing can run and nothing is running: a deadlock"); break }
            // A slow job finishes only when every other running job has.
            let fast = running.indices.filter { !slow(running[$0]) }
            let pick = fast.isEmpty ? 0 : (seed == nil ? fast[0] : fast[random(fast.count)])
            let job = running.remove(at: pick)
            schedule.finish(job)
            done.insert(job)
        }
        return started
    }

    /// (workers, seed): oldest-first runs, then 40 replayable random ones.
    static let runs: [(Int, UInt64?)] = {
        var runs: [(Int, UInt64?)] = [(1, nil), (2, nil), (3, nil), (8, nil)]
        for seed in 0..<40 { runs.append((3 + seed % 6, UInt64(seed))) }
        return runs
    }()

    @Test(
        "Tracks, a sidechain, flat buses and the master: every dependency holds, whichever worker is slow",
        arguments: Self.runs)
    func dependencies(_ workers: Int, _ seed: UInt64?) {
        for slow in ["none", "master", "sum", "bus", "track"] {
            Self.check(workers: workers, seed: seed) { job in
                switch (slow, job) {
                case ("master", .master), ("sum", .masterSum), ("bus", .bus(_, 0)), ("track", .track(_, 0)): true
                default: false
                }
            }
        }
    }

    static func check(workers: Int, seed: UInt64?, slow: (Job) -> Bool) {
        // Track 1 is keyed by track 0; two buses side by side; eight blocks.
        var schedule = BlockSchedule(
            trackCount: 3, busCount: 2, flatBuses: true, sidechainOf: [nil, 0, nil], blockCount: 8)
        let started = Self.run(&schedule, workers: workers, seed: seed, slow: slow)
        let jobs = started.map(\.job)
        #expect(Set(jobs).count == jobs.count, "a job ran twice")
        #expect(jobs.count == 8 * (3 + 2 + 2), "every track, bus, sum and master block once")
        for (job, done) in started {
            switch job {
            case .track(let k, let t):
                if k > 0 { #expect(done.contains(.track(block: k - 1, track: t)), "\(job) before its previous block") }
                if t == 1 { #expect(done.contains(.track(block: k, track: 0)), "\(job) before its sidechain's block") }
                if k >= 2 {  // its lane for block k − 2 has been read by the sum, the buses and a keyed track
                    #expect(
                        done.contains(.masterSum(block: k - 2)) && done.contains(.bus(block: k - 2, unit: 0))
                            && done.contains(.bus(block: k - 2, unit: 1)), "\(job) overwrote a lane still read")
                    if t == 0 {
                        #expect(done.contains(.track(block: k - 2, track: 1)), "\(job) overwrote its sidechain's lane")
                    }
                }
            case .bus(let k, _), .allBuses(let k):
                for t in 0..<3 { #expect(done.contains(.track(block: k, track: t)), "\(job) before track \(t)") }
                if k >= 3 { #expect(done.contains(.master(block: k - 3)), "\(job) overwrote a lane the master reads") }
            case .masterSum(let k):
                for t in 0..<3 { #expect(done.contains(.track(block: k, track: t)), "\(job) before track \(t)") }
                if k >= 3 { #expect(done.contains(.master(block: k - 3)), "\(job) overwrote the master's input") }
            case .master(let k):
                if k > 0 { #expect(done.contains(.master(block: k - 1))) }
                #expect(
                    done.contains(.masterSum(block: k)) && done.contains(.bus(block: k, unit: 0))
                        && done.contains(.bus(block: k, unit: 1)), "\(job) before its inputs")
            }
        }
        let masters = jobs.compactMap { if case .master(let k) = $0 { k } else { nil } }
        #expect(masters == Array(0..<8), "the master delivers its blocks in order")
    }

    @Test("One worker runs the master as soon as it can: a fixed order")
    func sequentialOrder() {
        var schedule = BlockSchedule(
            trackCount: 2, busCount: 1, flatBuses: true, sidechainOf: [nil, nil], blockCount: 3)
        let order = Self.run(&schedule, workers: 1).map(\.job)
        let expected: [Job] = [
            .track(block: 0, track: 0), .track(block: 0, track: 1), .bus(block: 0, unit: 0), .masterSum(block: 0),
            .master(block: 0),
            .track(block: 1, track: 0), .track(block: 1, track: 1), .bus(block: 1, unit: 0), .masterSum(block: 1),
            .master(block: 1),
            .track(block: 2, track: 0), .track(block: 2, track: 1), .bus(block: 2, unit: 0), .masterSum(block: 2),
            .master(block: 2),
        ]
        #expect(order == expected)
    }

    @Test("Buses that feed each other are one job per block")
    func chainedBuses() {
        var schedule = BlockSchedule(trackCount: 1, busCount: 2, flatBuses: false, sidechainOf: [nil], blockCount: 2)
        let jobs = Self.run(&schedule, workers: 4).map(\.job)
        #expect(jobs.filter { if case .allBuses = $0 { true } else { false } }.count == 2)
        #expect(!jobs.contains { if case .bus = $0 { true } else { false } })
    }
}
