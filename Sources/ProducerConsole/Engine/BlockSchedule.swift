/// The order of a render's work, as a value: which job may start next, given what is running
/// and what is done. ``Mixer`` runs it on worker threads under a lock; a test can step it on one
/// thread and check every dependency.
///
/// The jobs are a track's block (reading, inserts, fader), a bus's block (the tracks that feed
/// it, then its strip; or all buses in one job when they feed each other), the sum of the tracks
/// into the master, and the master's block. A job starts only once the jobs that write what it
/// reads have finished, and once the jobs that read the buffers it writes are done with the
/// earlier block there: tracks keep two blocks of lanes, buses and the master three.
struct BlockSchedule: Sendable {
    /// A job: its kind, the block, and the strip.
    enum Job: Hashable, Sendable {
        case track(block: Int, track: Int)
        case bus(block: Int, unit: Int)
        case allBuses(block: Int)
        case masterSum(block: Int)
        case master(block: Int)
    }

    let blockCount: Int
    /// Whether each bus is a job of its own (no bus feeds another) or all buses are one job.
    let flatBuses: Bool
    /// For each track, the track its sidechain listens to.
    let sidechainOf: [Int?]
    /// For each track, the tracks keyed by it (they read its lane).
    let keyed: [[Int]]
    /// The next block of each strip or sum, and whether a job is on it.
    private(set) var trackNext: [Int], trackBusy: [Bool]
    private(set) var busNext: [Int], busBusy: [Bool]
    private(set) var sumNext = 0, sumBusy = false
    private(set) var masterNext = 0, masterBusy = false

    init(trackCount: Int, busCount: Int, flatBuses: Bool, sidechainOf: [Int?], blockCount: Int) {
        self.blockCount = blockCount
        self.flatBuses = flatBuses
        self.sidechainOf = sidechainOf
        keyed = (0..<trackCount).map { u in (0..<trackCount).filter { sidechainOf[$0] == u } }
        trackNext = Array(repeating: 0, count: trackCount)
        trackBusy = Array(repeating: false, count: trackCount)
        let units = busCount == 0 ? 0 : (flatBuses ? busCount : 1)
        busNext = Array(repeating: 0, count: units)
        busBusy = Array(repeating: false, count: units)
    }

    /// Whether the master has its last block.
    var isFinished: Bool { masterNext >= blockCount }

    /// The ready job of most use: the master, a bus, the master's sum, the track furthest
    /// behind; nil when none can start until a running one finishes.
    func next() -> Job? {
        let tracksDone = trackNext.min() ?? blockCount  // every track has finished the blocks before this
        let k = masterNext
        if !masterBusy && k < blockCount && sumNext > k && busNext.allSatisfy({ $0 > k }) { return .master(block: k) }
        for u in busNext.indices where !busBusy[u] {
            let b = busNext[u]
            if b < blockCount && tracksDone > b && masterNext >= b - 2 {
                return flatBuses ? .bus(block: b, unit: u) : .allBuses(block: b)
            }
        }
        if !sumBusy && sumNext < blockCount && tracksDone > sumNext && masterNext >= sumNext - 2 {
            return .masterSum(block: sumNext)
        }
        var best: Int?
        for t in trackNext.indices where !trackBusy[t] && trackNext[t] < blockCount {
            let b = trackNext[t]
            if let bestTrack = best, trackNext[bestTrack] <= b { continue }
            // Its lane for this block is free once everything reading block b − 2 is done.
            guard
                b < 2
                    || (sumNext >= b - 1 && busNext.allSatisfy({ $0 >= b - 1 })
                        && keyed[t].allSatisfy({ trackNext[$0] >= b - 1 }))
            else { continue }
            if let key = sidechainOf[t], trackNext[key] <= b { continue }
            best = t
        }
        return best.map { .track(block: trackNext[$0], track: $0) }
    }

    /// Marks a job's strip as taken.
    mutating func start(_ job: Job) { mark(job, busy: true) }

    /// Marks a job's strip as done with its block (the next one becomes due).
    mutating func finish(_ job: Job) { mark(job, busy: false) }

    private mutating func mark(_ job: Job, busy: Bool) {
        let step = busy ? 0 : 1
        switch job {
        case .track(_, let t): trackBusy[t] = busy; trackNext[t] += step
        case .bus(_, let u): busBusy[u] = busy; busNext[u] += step
        case .allBuses: busBusy[0] = busy; busNext[0] += step
        case .masterSum: sumBusy = busy; sumNext += step
        case .master: masterBusy = busy; masterNext += step
        }
    }
}
