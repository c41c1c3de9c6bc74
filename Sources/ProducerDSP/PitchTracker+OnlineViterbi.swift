import RealModule

extension PitchTracker {
    /// Viterbi over one unvoiced state and one voiced state per candidate, fed a frame at a time,
    /// which hands on each frame's state as soon as it is final.
    ///
    /// A voiced state stands for the pitch bin of its candidate; the bins without a candidate have
    /// zero observation probability and so can never lie on the best path, which makes the usual
    /// banded update over all bins reduce to the few candidates of consecutive frames.
    ///
    /// A frame's state is final once the backtraces of all states of the newest frame (every
    /// voiced state and the unvoiced one) pass through one state at that frame or a later one:
    /// whatever comes later, the best path ends in one of those states, so it passes there too. This
    /// is checked every ``mergeCheckInterval`` frames. If they have not met for ``maximumDelay``
    /// frames, the older half of them is committed along the backtrace of the newest frame's best
    /// state (the only case where the result can differ from decoding the whole input at once).
    struct OnlineViterbi: Sendable {
        let logStay: Double, logSwitch: Double
        let jump: Double, smooth: Double
        let logBias: Double
        /// The triangle reaches zero at 6 bins of 20 cents (peak-normalised: the unvoiced states of a
        /// per-bin model pay the same kernel weight, so the normalisation cancels).
        let kernelWidth = 120.0
        /// The most frames held undecided before the oldest are committed regardless.
        let maximumDelay: Int
        /// Frames between two checks for merged backtraces.
        static var mergeCheckInterval: Int { 8 }

        /// Frames added so far.
        private(set) var frameCount = 0
        /// The next frame to commit.
        private(set) var committed = 0
        /// The newest frame's candidates: global indices, cents of their lags and scores.
        private var newestFirst = 0
        private var cents: [Double] = [], score: [Double] = []
        private var nextCents: [Double] = [], nextScore: [Double] = []
        private var scoreU = 0.0
        /// Per candidate of the frames not committed: the global candidate index of its
        /// predecessor, -1 for the unvoiced state.
        private var back = SlidingBuffer<Int>()
        /// Per frame not committed: the predecessor of its unvoiced state, and its first candidate.
        private var backU = SlidingBuffer<Int>()
        private var firstCandidate = SlidingBuffer<Int>()
        /// How many times frames were committed because the backtraces had not met in time.
        private(set) var forcedCommits = 0
        /// Frames added and not yet committed.
        var undecided: Int { frameCount - committed }
        private var sinceCheck = 0
        private var states: [Int] = [], previousStates: [Int] = []
        private var chain: [Int] = []

        init(_ tracker: PitchTracker, maximumDelay: Int) {
            logStay = Double.log(1 - tracker.voicingSwitchProbability)
            logSwitch = Double.log(tracker.voicingSwitchProbability)
            jump = tracker.pitchJumpProbability
            smooth = 1 - tracker.pitchJumpProbability
            logBias = Double.log(tracker.unvoicedBias)
            self.maximumDelay = max(2 * Self.mergeCheckInterval, maximumDelay)
        }

        /// Adds the next frame: its candidates (global indices from `first`, with their lags and
        /// probabilities) and voicing. Appends to `commits` the state of every frame that has
        /// become final (a global candidate index, or -1 for unvoiced), in order of frames.
        mutating func add(
            first: Int, lag: UnsafeBufferPointer<Double>, probability prob: UnsafeBufferPointer<Double>,
            voicing: Double, commits: inout [Int]
        ) {
            precondition(first == back.end, "candidates must be numbered consecutively")
            let t = frameCount
            let count = lag.count
            nextCents.removeAll(keepingCapacity: true)
            for i in 0..<count { nextCents.append(Double.log2(lag[i]) * 1200) }
            nextScore.removeAll(keepingCapacity: true)
            firstCandidate.append(first)
            if t == 0 {
                // First frame: even odds of voicing.
                for j in 0..<count { nextScore.append(Double.log(0.5 * prob[j])) }
                back.append(contentsOf: repeatElement(-1, count: count))
                backU.append(-1)
                scoreU = Double.log(0.5) + Double.log(max(1e-9, 1 - voicing)) + logBias
            } else {
                var top = -Double.infinity
                let previous = cents.count
                for j in 0..<count {
                    var best = scoreU + logSwitch
                    var from = -1
                    for i in 0..<previous {
                        let dc = abs(nextCents[j] - cents[i])
                        let tri = max(0, 1 - dc / kernelWidth)
                        let s = score[i] + logStay + Double.log(smooth * tri + jump)
                        if s > best { best = s; from = newestFirst + i }
                    }
                    let sj = best + Double.log(prob[j])
                    nextScore.append(sj)
                    back.append(from)
                    top = max(top, sj)
                }
                var bestU = scoreU + logStay
                var fromU = -1
                for i in 0..<previous {
                    let s = score[i] + logSwitch
                    if s > bestU { bestU = s; fromU = newestFirst + i }
                }
                scoreU = bestU + Double.log(max(1e-9, 1 - voicing)) + logBias
                backU.append(fromU)
                top = max(top, scoreU)
                // Renormalise to keep the numbers small.
                for j in 0..<count { nextScore[j] -= top }
                scoreU -= top
            }
            swap(&cents, &nextCents)
            swap(&score, &nextScore)
            newestFirst = first
            frameCount += 1
            sinceCheck += 1
            if sinceCheck >= Self.mergeCheckInterval {
                sinceCheck = 0
                commitMerged(&commits)
                if frameCount - committed > maximumDelay {
                    forcedCommits += 1
                    commitBest(through: frameCount - 1 - maximumDelay / 2, &commits)
                }
            }
        }

        /// The input has ended: commits the remaining frames along the best path.
        mutating func finish(commits: inout [Int]) {
            guard frameCount > committed else { return }
            commitBest(through: frameCount - 1, &commits)
        }

        /// The newest frame's best state: the unvoiced one unless a voiced one scores higher.
        private func bestState() -> Int {
            var state = -1
            var best = scoreU
            for j in 0..<score.count where score[j] > best { best = score[j]; state = newestFirst + j }
            return state
        }

        /// The predecessor of `state` at frame `frame`.
        private func predecessor(of state: Int, at frame: Int) -> Int {
            state >= 0 ? back[state] : backU[frame]
        }

        /// Commits the frames from ``committed`` to `last` along the backtrace of the newest
        /// frame's best state.
        private mutating func commitBest(through last: Int, _ commits: inout [Int]) {
            var state = bestState()
            var t = frameCount - 1
            while t > last { state = predecessor(of: state, at: t); t -= 1 }
            commitChain(from: state, at: last, &commits)
        }

        /// Follows the backtraces of all states of the newest frame back until they meet in one
        /// state, and commits the frames up to there.
        private mutating func commitMerged(_ commits: inout [Int]) {
            states.removeAll(keepingCapacity: true)
            states.append(-1)
            for j in 0..<score.count { states.append(newestFirst + j) }
            var t = frameCount - 1
            while states.count > 1 {
                guard t > committed else { return }
                swap(&states, &previousStates)
                states.removeAll(keepingCapacity: true)
                for s in previousStates {
                    let p = predecessor(of: s, at: t)
                    if !states.contains(p) { states.append(p) }
                }
                t -= 1
            }
            commitChain(from: states[0], at: t, &commits)
        }

        /// Commits frames ``committed`` … `last`, where `state` is the state at `last`, and forgets
        /// their back pointers.
        private mutating func commitChain(from state: Int, at last: Int, _ commits: inout [Int]) {
            guard last >= committed else { return }
            chain.removeAll(keepingCapacity: true)
            var s = state
            var t = last
            while true {
                chain.append(s)
                if t == committed { break }
                s = predecessor(of: s, at: t)
                t -= 1
            }
            commits.append(contentsOf: chain.reversed())
            committed = last + 1
            let next = committed < frameCount ? firstCandidate[committed] : newestFirst + score.count
            back.drop(before: next)
            backU.drop(before: committed)
            firstCandidate.drop(before: committed)
        }
    }
}
