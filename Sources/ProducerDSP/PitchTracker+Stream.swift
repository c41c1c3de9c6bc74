extension PitchTracker {
    /// The tracker fed in blocks: ``consume(_:emit:)`` each block of mono samples, then
    /// ``finish(emit:)``. Frames come out in order as soon as they are final; they are exactly
    /// those ``PitchTracker/track(_:)`` gives on the whole input, however it is split.
    ///
    /// Each stage of the tracker (see ``PitchTracker``) runs as soon as its input is there and
    /// lags the one before: decimation, YIN on each frame, a first Viterbi decoded online, the
    /// second look at the frames near note changes of its path, a second online Viterbi, and
    /// the refinement at the full rate. An online Viterbi hands on a frame once the backtraces
    /// of all states of its newest frame meet at or after it, usually within a few frames; if
    /// they have not met for ``maximumDelaySeconds`` (30 s), the older half of the undecided
    /// frames is decided along the best state's backtrace, the only case where the output can
    /// differ from decoding the whole input. Memory is thus bounded: the stream holds only the
    /// samples (full rate and decimated) and candidates that a later stage still needs — on
    /// singing, about a third of a second of input — and, should the backtraces never meet, at
    /// most about a minute of it (two Viterbis of 30 s each).
    public struct Stream: Sendable {
        private let tracker: PitchTracker
        /// The input kept for later stages, global index 0 = first sample; zeros before it (and
        /// after it at the end). The block being consumed is read in place and only its tail kept.
        private var input: SlidingBuffer<Float>
        private var received = 0
        private var finished = false
        /// At the end: frames and decimated samples in all.
        private var frameTotal = 0
        private var decimatedTotal = 0
        /// The decimated signal.
        private var decimated = SlidingBuffer<Float>()
        /// Stage 1: YIN's candidates, not yet looked at a second time, and the first Viterbi.
        private var first = Candidates()
        private var viterbi1: OnlineViterbi
        private var commits1: [Int] = []
        /// Frames of the first path decided so far, the last one's lag and the marks of frames
        /// for a second look (see ``PitchTracker/transitionKind(from:to:)``).
        private var path1Count = 0
        private var path1Lag: Double?
        private var marks = SlidingBuffer<UInt8>()
        /// Stage 2: the candidates after the second look, not yet refined, and the second Viterbi.
        private var second = Candidates()
        private var viterbi2: OnlineViterbi
        private var commits2: [Int] = []
        /// States of the second path decided so far and not yet refined.
        private var path2 = SlidingBuffer<Int>()
        /// Stage 3: the next frame to refine.
        private var refined = 0
        private var yin: YINScratch
        private var oneSided: OneSidedScratch
        private var refineScratch: RefineScratch
        private var revised: (lag: [Double], probability: [Double], side: [UInt8], voicing: Double) = ([], [], [], 0)
        private let filterBlocks: Int
        /// Input samples gathered from the kept input and the block being consumed, where a read
        /// spans both.
        private var joined: [Float] = []

        /// The longest an online Viterbi keeps frames undecided before deciding the oldest along the
        /// best path so far, in seconds.
        public static var maximumDelaySeconds: Double { 30 }

        /// A stream for `tracker`.
        public init(_ tracker: PitchTracker) {
            self.init(tracker, maximumDelay: Int((Self.maximumDelaySeconds / tracker.hopSeconds).rounded()))
        }

        /// A stream whose online Viterbis keep at most about `maximumDelay` frames undecided.
        init(_ tracker: PitchTracker, maximumDelay: Int) {
            self.tracker = tracker
            let pad = tracker.filterHalf + 8
            input = SlidingBuffer(start: -pad)
            input.append(contentsOf: repeatElement(0, count: pad))
            viterbi1 = OnlineViterbi(tracker, maximumDelay: maximumDelay)
            viterbi2 = OnlineViterbi(tracker, maximumDelay: maximumDelay)
            yin = YINScratch(tracker)
            oneSided = OneSidedScratch(tracker)
            refineScratch = RefineScratch(tracker)
            filterBlocks = tracker.filter.count / 8
        }

        /// Adds mono samples; calls `emit` with every frame that has become final, in order.
        public mutating func consume(_ samples: UnsafeBufferPointer<Float>, emit: (PitchFrame) -> Void) {
            precondition(!finished, "PitchTracker.Stream: consume after finish")
            guard !samples.isEmpty else { return }
            let blockStart = received
            received += samples.count
            let keep = advance(emit, block: samples)
            // Keep what later stages need: all of the block when it is short, else its tail.
            input.drop(before: keep)
            let from = max(keep, blockStart) - blockStart
            input.append(contentsOf: UnsafeBufferPointer(rebasing: samples[from...]))
        }

        /// Adds mono samples; see the buffer-pointer overload.
        public mutating func consume(_ samples: [Float], emit: (PitchFrame) -> Void) {
            samples.withUnsafeBufferPointer { consume($0, emit: emit) }
        }

        /// The input has ended: emits the remaining frames.
        public mutating func finish(emit: (PitchFrame) -> Void) {
            guard !finished else { return }
            finished = true
            guard received > 0 else { return }
            let d = tracker.decimation
            frameTotal = Int((Double(received) / tracker.sampleRate / tracker.hopSeconds).rounded(.down)) + 1
            decimatedTotal = (received + d - 1) / d
            // Zeros after the end, for the decimation filter.
            input.append(contentsOf: repeatElement(0, count: tracker.filter.count + d + 8))
            let none = UnsafeBufferPointer<Float>(start: nil, count: 0)
            _ = advance(emit, block: none)
            viterbi1.finish(commits: &commits1)
            markPath()
            _ = advance(emit, block: none)
            viterbi2.finish(commits: &commits2)
            _ = advance(emit, block: none)
            precondition(refined == frameTotal, "PitchTracker.Stream: \(refined) of \(frameTotal) frames emitted")
        }

        /// What the stream holds: input and decimated samples, frames of candidates, frames not yet
        /// decided by either Viterbi, and how often a Viterbi had to decide frames before the
        /// backtraces met (for tests).
        var held: (input: Int, decimated: Int, candidateFrames: Int, undecided: Int, forced: Int) {
            (
                input.count, decimated.count, first.voicing.count + second.voicing.count,
                viterbi1.undecided + viterbi2.undecided, viterbi1.forcedCommits + viterbi2.forcedCommits
            )
        }

        /// Runs every stage as far as its input (the kept input, then `block`, the samples
        /// received last) allows, forgets the decimated samples no stage needs any more, and
        /// returns the first input sample a stage still needs.
        private mutating func advance(_ emit: (PitchFrame) -> Void, block: UnsafeBufferPointer<Float>) -> Int {
            decimate(block)
            analyse()
            revisit()
            refine(emit, block)
            let t = tracker
            let keepDecimated = min(t.analysisStart(first.frameEnd), t.oneSidedSpan(second.frameEnd).lowerBound)
            decimated.drop(before: keepDecimated)
            let nextTap = decimated.end * t.decimation - t.filterHalf
            return min(nextTap, t.refineSpan(analysisStart: t.analysisStart(refined)).lowerBound)
        }

        /// Calls `body` with a pointer from which the input samples `range` (global indices,
        /// within the kept `input` and `block`, which follows it) can be read, and the global index
        /// of the sample it points at; a range across both is gathered in `joined`.
        private static func withInput<R>(
            _ range: Range<Int>, _ input: SlidingBuffer<Float>, _ block: UnsafeBufferPointer<Float>,
            _ joined: inout [Float], _ body: (UnsafePointer<Float>, Int) -> R
        ) -> R {
            let blockStart = input.end
            if range.upperBound <= blockStart || range.isEmpty {
                return input.withPointer { body($0, input.start) }
            }
            if range.lowerBound >= blockStart { return body(block.baseAddress!, blockStart) }
            joined.removeAll(keepingCapacity: true)
            input.withPointer { x in
                joined.append(
                    contentsOf: UnsafeBufferPointer(
                        start: x + (range.lowerBound - input.start), count: blockStart - range.lowerBound))
            }
            joined.append(contentsOf: UnsafeBufferPointer(rebasing: block[0..<(range.upperBound - blockStart)]))
            return joined.withUnsafeBufferPointer { body($0.baseAddress!, range.lowerBound) }
        }

        /// Low-passes the input and keeps every ``decimation``-th sample (zero-phase: output m ↔
        /// input m·D), as far as the input is there.
        private mutating func decimate(_ block: UnsafeBufferPointer<Float>) {
            let d = tracker.decimation, half = tracker.filterHalf, taps = tracker.filter.count
            // y[m] = Σ h[k] x[m·d + k − half] needs the input up to m·d − half + taps.
            let available = input.end + block.count
            let m0 = decimated.end
            var m1 = available - taps + half >= 0 ? (available - taps + half) / d : -1
            if finished { m1 = min(m1, decimatedTotal - 1) }
            guard m1 >= m0 else { return }
            // Those whose taps lie in the kept input, across it and the block, in the block.
            let blockStart = input.end
            let inKept = min(m1 + 1, max(m0, (blockStart - taps + half + d) / d))
            let inBlock = min(m1 + 1, max(inKept, (blockStart + half + d - 1) / d))
            var out = SlidingBuffer<Float>()
            swap(&out, &decimated)
            var gathered: [Float] = []
            swap(&gathered, &joined)
            let h = tracker.filter, blocks = filterBlocks
            var m = m0
            for (end, across) in [(inKept, false), (inBlock, true), (m1 + 1, false)] {
                while m < end {
                    // Across: one output at a time, from a gathered copy of its taps.
                    let stop = across ? m + 1 : end
                    let a = m * d - half
                    Self.withInput(a..<((stop - 1) * d - half + taps), input, block, &gathered) { x, start in
                        Self.filter(x + (a - start), h, blocks: blocks, decimation: d, count: stop - m, into: &out)
                    }
                    m = stop
                }
            }
            swap(&out, &decimated)
            swap(&gathered, &joined)
        }

        /// Appends `count` decimated samples to `out`, the first one's taps starting at `x`.
        private static func filter(
            _ x: UnsafePointer<Float>, _ filter: [Float], blocks: Int, decimation d: Int, count: Int,
            into out: inout SlidingBuffer<Float>
        ) {
            let stride = MemoryLayout<Float>.stride
            filter.withUnsafeBufferPointer { hp in
                out.append(count, of: 0) { out in
                    let h = UnsafeRawPointer(hp.baseAddress!)
                    let x0 = UnsafeRawPointer(x)
                    for k in 0..<count {
                        let s = x0 + k * d * stride
                        var acc = SIMD8<Float>()
                        for b in 0..<blocks {
                            let off = b * 8 * stride
                            acc +=
                                s.loadUnaligned(fromByteOffset: off, as: SIMD8<Float>.self)
                                * h.loadUnaligned(fromByteOffset: off, as: SIMD8<Float>.self)
                        }
                        out[k] = acc.sum()
                    }
                }
            }
        }

        /// Stage 1: YIN on every frame whose span is there, fed to the first Viterbi.
        private mutating func analyse() {
            let t = tracker
            let span = t.window + 2 * t.maximumLag + 1
            let known =
                finished ? frameTotal : Int((Double(received) / t.sampleRate / t.hopSeconds).rounded(.down)) + 1
            while first.frameEnd < known {
                let frame = first.frameEnd
                let start = t.analysisStart(frame)
                guard finished || start + span <= decimated.end else { break }
                let voicing = decimated.withPointer { y in
                    t.analyse(
                        frame: frame, signal: y, signalStart: decimated.start, signalEnd: decimated.end, scratch: &yin)
                }
                let index = first.lag.end
                first.append(
                    lag: yin.lag, probability: yin.probability,
                    side: repeatElement(Side.centred.rawValue, count: yin.lag.count),
                    voicing: voicing, analysisStart: start)
                yin.lag.withUnsafeBufferPointer { lag in
                    yin.probability.withUnsafeBufferPointer { p in
                        viterbi1.add(first: index, lag: lag, probability: p, voicing: voicing, commits: &commits1)
                    }
                }
                markPath()
            }
        }

        /// Takes the newly decided frames of the first path: each step between two of them marks the
        /// frames around it for a second look.
        private mutating func markPath() {
            for state in commits1 {
                let frame = path1Count
                let lag = state >= 0 ? first.lag[state] : nil
                while marks.end < frame + 3 { marks.append(0) }
                if frame > 0 {
                    let kind = PitchTracker.transitionKind(from: path1Lag, to: lag)
                    if kind != 0 { for k in max(0, frame - 3)...(frame + 2) { marks[k] |= kind } }
                }
                path1Lag = lag
                path1Count += 1
            }
            commits1.removeAll(keepingCapacity: true)
        }

        /// Stage 2: the second look at the marked frames whose marks are final, fed with the others
        /// to the second Viterbi.
        private mutating func revisit() {
            let t = tracker
            while second.frameEnd < path1Count {
                let frame = second.frameEnd
                // The marks of frame `frame` come from the steps of the first path up to frame + 3.
                guard path1Count >= frame + 4 || (finished && path1Count == frameTotal) else { break }
                let mark = marks[frame]
                if mark != 0 {
                    guard finished || t.oneSidedSpan(frame).upperBound <= decimated.end else { break }
                }
                let range = first.range(frame)
                revised.lag.removeAll(keepingCapacity: true)
                revised.probability.removeAll(keepingCapacity: true)
                revised.side.removeAll(keepingCapacity: true)
                for j in range {
                    revised.lag.append(first.lag[j]); revised.probability.append(first.probability[j])
                    revised.side.append(first.side[j])
                }
                revised.voicing = first.voicing[frame]
                if mark != 0 {
                    decimated.withPointer { y in
                        t.revisit(
                            frame: frame, ending: mark == 2, signal: y, signalStart: decimated.start,
                            signalEnd: decimated.end, candidates: &revised, scratch: &oneSided)
                    }
                }
                let index = second.lag.end
                second.append(
                    lag: revised.lag, probability: revised.probability, side: revised.side, voicing: revised.voicing,
                    analysisStart: first.analysisStart[frame])
                revised.lag.withUnsafeBufferPointer { lag in
                    revised.probability.withUnsafeBufferPointer { p in
                        viterbi2.add(
                            first: index, lag: lag, probability: p, voicing: revised.voicing, commits: &commits2)
                    }
                }
                path2.append(contentsOf: commits2)
                commits2.removeAll(keepingCapacity: true)
            }
            first.drop(before: second.frameEnd)
            marks.drop(before: second.frameEnd)
            path2.append(contentsOf: commits2)
            commits2.removeAll(keepingCapacity: true)
        }

        /// Stage 3: the decided frames of the second path, refined at the full rate, emitted.
        private mutating func refine(_ emit: (PitchFrame) -> Void, _ block: UnsafeBufferPointer<Float>) {
            let t = tracker
            while refined < path2.end {
                let frame = refined
                let analysisStart = second.analysisStart[frame]
                let span = t.refineSpan(analysisStart: analysisStart)
                guard finished || span.upperBound <= received else { break }
                let state = path2[frame]
                let lag = state >= 0 ? second.lag[state] : nil
                let side = state >= 0 ? second.side[state] : 0
                let voicing = second.voicing[frame]
                // It reads within the span, and only the input (zeros elsewhere).
                let low = max(0, span.lowerBound)
                let reads = low..<max(low, min(span.upperBound, received))
                let n = received
                var scratch = RefineScratch.empty
                swap(&scratch, &refineScratch)
                let out = Self.withInput(reads, input, block, &joined) { x, start in
                    t.refine(
                        frame: frame, lag: lag, side: side, analysisStart: analysisStart, voicing: voicing, input: x,
                        inputStart: start, inputEnd: n, scratch: &scratch)
                }
                swap(&scratch, &refineScratch)
                emit(out)
                refined += 1
            }
            second.drop(before: refined)
            path2.drop(before: refined)
        }
    }

    /// A stream that tracks mono input fed in blocks; see ``Stream``.
    public func stream() -> Stream { Stream(self) }
}
