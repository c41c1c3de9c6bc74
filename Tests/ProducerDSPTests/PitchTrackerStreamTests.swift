import Foundation
import ProducerAudio
import ProducerMusic
import Testing
import ProducerTestSupport

@testable import ProducerDSP

/// ``PitchTracker/Stream``: the same frames as the batch tracker's oracle however the input is
/// split into blocks, emitted as they become final, with memory that does not grow with the input.
@Suite struct PitchTrackerStreamTests {
    /// What a run of the stream gave: the frames and, after each block, what it held.
    struct Run {
        var frames: [PitchFrame] = []
        /// The most input samples, decimated samples, frames of candidates and undecided frames held
        /// after a block.
        var maximumInput = 0, maximumDecimated = 0, maximumCandidateFrames = 0, maximumUndecided = 0
        /// The longest the emitted frames lagged the input after a block, in seconds.
        var maximumLatency = 0.0
        /// How often a Viterbi decided frames before their backtraces met.
        var forced = 0
    }

    /// Feeds `samples` to `stream` in blocks of `blockSize` (0: random sizes 1 … 20 000 from a
    /// seeded generator), then finishes it.
    static func run(_ stream: PitchTracker.Stream, _ samples: [Float], blockSize: Int, sampleRate: Double) -> Run {
        var stream = stream
        var run = Run()
        var random = SeededRandom(seed: 17)
        var offset = 0
        samples.withUnsafeBufferPointer { all in
            while offset < all.count {
                let size = blockSize > 0 ? blockSize : random.int(in: 1...20_000)
                let k = min(size, all.count - offset)
                stream.consume(UnsafeBufferPointer(rebasing: all[offset..<(offset + k)])) { run.frames.append($0) }
                offset += k
                let held = stream.held
                run.maximumInput = max(run.maximumInput, held.input)
                run.maximumDecimated = max(run.maximumDecimated, held.decimated)
                run.maximumCandidateFrames = max(run.maximumCandidateFrames, held.candidateFrames)
                run.maximumUndecided = max(run.maximumUndecided, held.undecided)
                let emitted = run.frames.last.map { $0.time } ?? 0
                run.maximumLatency = max(run.maximumLatency, Double(offset) / sampleRate - emitted)
            }
        }
        stream.finish { run.frames.append($0) }
        run.forced = stream.held.forced
        return run
    }

    /// The oracle's frames for `c`; where it does not apply bit for bit (see
    /// ``PitchOracleCases/recordedHere``), the frames of the whole input at once.
    static func oracle(_ c: PitchOracleCases.Case) -> [PitchFrame]? {
        guard PitchOracleCases.recordedHere else { return c.tracker.track(c.samples) }
        return PitchTrackerOracle.frames[c.name].flatMap { PitchOracleCases.decode($0, hop: c.tracker.hopSeconds) }
    }

    /// Block sizes every case is fed in: 7, 1000, 65 536 and random (the whole input at once is
    /// ``PitchTrackerOracleTests/wholeInputMatchesOracle(_:)``).
    @Test(arguments: PitchOracleCases.names, [7, 1_000, 65_536, 0])
    func blocksMatchOracle(_ name: String, blockSize: Int) throws {
        let c = try #require(PitchOracleCases.named(name))
        let expected = try #require(Self.oracle(c), "no oracle for \(name)")
        let run = Self.run(c.tracker.stream(), c.samples, blockSize: blockSize, sampleRate: c.tracker.sampleRate)
        #expect(PitchOracleCases.firstDifference(run.frames, expected) == nil, "\(name), blocks of \(blockSize)")
        #expect(run.forced == 0)
    }

    /// One sample at a time, on the cases up to 10 s long.
    @Test(arguments: PitchOracleCases.names.filter { (PitchOracleCases.named($0)?.samples.count ?? 0) <= 500_000 })
    func singleSamplesMatchOracle(_ name: String) throws {
        let c = try #require(PitchOracleCases.named(name))
        let expected = try #require(Self.oracle(c))
        let run = Self.run(c.tracker.stream(), c.samples, blockSize: 1, sampleRate: c.tracker.sampleRate)
        #expect(PitchOracleCases.firstDifference(run.frames, expected) == nil, "\(name), one sample at a time")
    }

    /// The real stem read from its file in blocks, never whole.
    @Test(.enabled(if: PitchOracleCases.stemPath != nil, "../shared/testdata/pitch is missing"))
    func realStemReadInBlocksMatchesOracle() throws {
        let path = try #require(PitchOracleCases.stemPath)
        let stem = try #require(PitchOracleCases.stem)
        let expected = try #require(Self.oracle(stem))
        let reader = try AudioFileReader(path: path)
        var stream = PitchTracker(sampleRate: reader.format.sampleRate).stream()
        var block = AudioBuffer(channelCount: reader.format.channelCount, frameCapacity: 4_096)
        var frames: [PitchFrame] = []
        while try reader.read(into: &block) > 0 {
            block.withChannel(0) {
                stream.consume(UnsafeBufferPointer(rebasing: $0[0..<block.frameCount])) { frames.append($0) }
            }
        }
        stream.finish { frames.append($0) }
        #expect(frames.count == 301)
        #expect(PitchOracleCases.firstDifference(frames, expected) == nil)
    }

    /// A minute of singing (the melody three times over) in blocks of 4096: what the stream holds
    /// stays within a second or two of audio, and frames come out within about half a second.
    @Test func memoryDoesNotGrowWithTheInput() throws {
        let melody = PitchTestMaterial.take44.samples
        let minute = melody + melody + melody
        let tracker = PitchTracker(sampleRate: 44_100)
        let run = Self.run(tracker.stream(), minute, blockSize: 4_096, sampleRate: 44_100)
        print(
            "pitch stream held at most \(run.maximumInput) input and \(run.maximumDecimated) decimated samples, "
                + "\(run.maximumCandidateFrames) frames of candidates, \(run.maximumUndecided) undecided frames; "
                + "latency at most \(run.maximumLatency) s")
        #expect(run.frames.count == Int(Double(minute.count) / 44_100 / 0.01) + 1)
        #expect(run.maximumInput < 44_100)
        #expect(run.maximumDecimated < 8_000)
        #expect(run.maximumCandidateFrames < 100)
        #expect(run.maximumUndecided < 200)
        #expect(run.maximumLatency < 0.6)
        #expect(run.forced == 0)
        // The same frames as the whole melody's where the take repeats (away from the joins).
        let melodyCase = try #require(PitchOracleCases.named("melody-44k"))
        let once = try #require(Self.oracle(melodyCase))
        #expect(PitchOracleCases.firstDifference(Array(run.frames[100..<1_900]), Array(once[100..<1_900])) == nil)
    }

    /// On singing, the backtraces meet within the shortest delay allowed (16 frames): the frames
    /// are the oracle's even then.
    @Test func singingDecidesWithinTheShortestDelay() throws {
        let c = try #require(PitchOracleCases.named("melody-44k"))
        let expected = try #require(Self.oracle(c))
        let run = Self.run(
            PitchTracker.Stream(c.tracker, maximumDelay: 1), c.samples, blockSize: 1_000, sampleRate: 44_100)
        #expect(run.forced == 0)
        #expect(PitchOracleCases.firstDifference(run.frames, expected) == nil)
    }

    /// Feeds `frames` frames of two equally likely candidates an octave apart (each the other's
    /// jump, so their backtraces never meet) to an online Viterbi; returns the states committed
    /// before the end, all of them, and how often it had to decide early.
    static func twoChains(frames: Int, maximumDelay: Int) -> (early: Int, path: [Int], forced: Int) {
        var viterbi = PitchTracker.OnlineViterbi(PitchTracker(sampleRate: 44_100), maximumDelay: maximumDelay)
        var path: [Int] = []
        let lag: [Double] = [20, 40], probability: [Double] = [0.4, 0.4]
        lag.withUnsafeBufferPointer { l in
            probability.withUnsafeBufferPointer { p in
                for t in 0..<frames { viterbi.add(first: 2 * t, lag: l, probability: p, voicing: 0.8, commits: &path) }
            }
        }
        let early = path.count
        viterbi.finish(commits: &path)
        return (early, path, viterbi.forcedCommits)
    }

    /// Backtraces that never meet: nothing is decided before the end unless the delay runs out,
    /// and then the oldest frames are decided along the best path so far.
    @Test func backtracesThatNeverMeetAreDecidedAfterTheDelay() {
        let unbounded = Self.twoChains(frames: 500, maximumDelay: 10_000)
        #expect(unbounded.early == 0 && unbounded.forced == 0)
        #expect(unbounded.path.count == 500)
        #expect(unbounded.path.allSatisfy { $0 >= 0 && $0 % 2 == 0 }, "the first of equals, the lag of 20")
        let bounded = Self.twoChains(frames: 500, maximumDelay: 40)
        #expect(bounded.forced > 0)
        #expect(bounded.early >= 500 - 40 - PitchTracker.OnlineViterbi.mergeCheckInterval)
        #expect(bounded.path == unbounded.path)
    }

    /// One candidate a frame: the unvoiced state's backtrace joins the voiced one's a frame back, so
    /// at each check (every 8 frames) all frames but the newest are decided.
    @Test func singleChainIsDecidedAtOnce() {
        var viterbi = PitchTracker.OnlineViterbi(PitchTracker(sampleRate: 44_100), maximumDelay: 10_000)
        var path: [Int] = []
        let lag: [Double] = [30], probability: [Double] = [0.9]
        lag.withUnsafeBufferPointer { l in
            probability.withUnsafeBufferPointer { p in
                for t in 0..<100 {
                    viterbi.add(first: t, lag: l, probability: p, voicing: 0.9, commits: &path)
                    #expect(viterbi.undecided <= PitchTracker.OnlineViterbi.mergeCheckInterval)
                }
            }
        }
        #expect(path == Array(0..<95))  // checked at frame 96: decided up to frame 94
    }

    @Test func emptyAndRepeatedFinish() {
        var stream = PitchTracker(sampleRate: 48_000).stream()
        var frames: [PitchFrame] = []
        stream.consume([]) { frames.append($0) }
        stream.finish { frames.append($0) }
        stream.finish { frames.append($0) }
        #expect(frames.isEmpty)
        var one = PitchTracker(sampleRate: 48_000).stream()
        one.consume([0.5]) { frames.append($0) }
        #expect(frames.isEmpty)
        one.finish { frames.append($0) }
        #expect(frames.count == 1 && frames[0].time == 0)
    }
}
