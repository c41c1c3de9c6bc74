public import ProducerAudio

/// A run of consecutive samples at or near full scale in one channel.
public struct ClipRun: Sendable, Codable, Equatable, Hashable {
    /// The channel index, from 0.
    public var channel: Int
    /// The first frame of the run.
    public var startFrame: Int
    /// The frame after the last frame of the run (exclusive).
    public var endFrame: Int
    /// `startFrame` in seconds.
    public var start: Double
    /// `endFrame` in seconds.
    public var end: Double
    /// The number of samples in the run.
    public var length: Int { endFrame - startFrame }

    /// Makes a run; times are derived from frames and `sampleRate`.
    public init(channel: Int, startFrame: Int, endFrame: Int, sampleRate: Double) {
        self.channel = channel
        self.startFrame = startFrame
        self.endFrame = endFrame
        self.start = Double(startFrame) / sampleRate
        self.end = Double(endFrame) / sampleRate
    }
}

/// Finds clipping: runs of at least `minimumRunLength` consecutive samples with
/// |x| ≥ `threshold` in a channel, and counts every sample at or past the threshold.
///
/// Runs that cross block boundaries are joined. At most `maximumStoredRuns` runs are kept per
/// channel (the earliest); the result lists the earliest `maximumStoredRuns` over all channels,
/// ordered by start frame then channel, and `totalRuns` counts all of them, so memory stays
/// bounded for any file length.
public struct ClippingMeter: Meter, Sendable {
    /// What the clipping meter found.
    public struct Result: Sendable, Codable, Equatable {
        /// The linear threshold used (|x| ≥ threshold counts as full scale).
        public var threshold: Float
        /// The threshold in dBFS.
        public var thresholdDBFS: Double
        /// The shortest run reported, in samples.
        public var minimumRunLength: Int
        /// The earliest runs, ordered by start frame then channel; at most `maximumStoredRuns`.
        public var runs: [ClipRun]
        /// All runs found, including those not stored.
        public var totalRuns: Int
        /// Runs found per channel.
        public var runsPerChannel: [Int]
        /// Samples at or past the threshold per channel, whether or not in a run (single
        /// full-scale samples included).
        public var fullScaleSamples: [Int]
        /// Samples that belong to reported runs, per channel.
        public var clippedSamples: [Int]
        /// True when runs were left out of `runs`.
        public var isTruncated: Bool { totalRuns > runs.count }
    }

    /// The sample rate in Hz.
    public let sampleRate: Double
    /// The number of channels.
    public let channelCount: Int
    /// |x| ≥ threshold counts as full scale.
    public let threshold: Float
    /// The shortest run reported.
    public let minimumRunLength: Int
    /// The most runs stored (per channel, and in the result).
    public let maximumStoredRuns: Int

    @usableFromInline var runStart: [Int]  // absolute start of the open run per channel, or -1
    @usableFromInline var stored: [[ClipRun]]
    @usableFromInline var runCounts: [Int]
    @usableFromInline var fullScale: [Int]
    @usableFromInline var clipped: [Int]
    @usableFromInline var frames = 0

    /// Makes a clipping meter.
    /// - Parameters:
    ///   - threshold: linear level counted as full scale (default 0.999 ≈ -0.01 dBFS).
    ///   - minimumRunLength: consecutive samples that make a clip (default 3).
    ///   - maximumStoredRuns: runs kept in the result (default 1000).
    public init(
        sampleRate: Double, channelCount: Int, threshold: Float = 0.999, minimumRunLength: Int = 3,
        maximumStoredRuns: Int = 1000
    ) {
        precondition(channelCount >= 1 && threshold > 0 && minimumRunLength >= 1 && maximumStoredRuns >= 0)
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        self.threshold = threshold
        self.minimumRunLength = minimumRunLength
        self.maximumStoredRuns = maximumStoredRuns
        runStart = Array(repeating: -1, count: channelCount)
        stored = Array(repeating: [], count: channelCount)
        runCounts = Array(repeating: 0, count: channelCount)
        fullScale = Array(repeating: 0, count: channelCount)
        clipped = Array(repeating: 0, count: channelCount)
    }

    @usableFromInline
    mutating func close(channel c: Int, start: Int, end: Int) {
        guard end - start >= minimumRunLength else { return }
        runCounts[c] += 1
        clipped[c] += end - start
        if stored[c].count < maximumStoredRuns {
            stored[c].append(ClipRun(channel: c, startFrame: start, endFrame: end, sampleRate: sampleRate))
        }
    }

    /// Consumes the valid frames of `block`.
    public mutating func consume(_ block: AudioBuffer) {
        precondition(block.channelCount == channelCount, "channel count mismatch")
        let n = block.frameCount
        guard n > 0 else { return }
        let origin = frames
        let t = threshold
        let tv = SIMD8<Float>(repeating: t), ntv = SIMD8<Float>(repeating: -t)
        for c in 0..<channelCount {
            var start = runStart[c]
            var hits = 0
            // Closed runs, gathered as (start, end) and recorded after the pointer is released.
            var closed: [(Int, Int)] = []
            block.withChannel(c) { buf in
                guard let p = buf.baseAddress else { return }
                var i = 0
                while i + 8 <= n {
                    let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
                    if !any((v .>= tv) .| (v .<= ntv)) {
                        if start >= 0 { closed.append((start, origin + i)); start = -1 }
                        i += 8
                        continue
                    }
                    for j in i..<(i + 8) {
                        let x = p[j]
                        if x >= t || x <= -t {
                            hits += 1
                            if start < 0 { start = origin + j }
                        } else if start >= 0 {
                            closed.append((start, origin + j)); start = -1
                        }
                    }
                    i += 8
                }
                while i < n {
                    let x = p[i]
                    if x >= t || x <= -t {
                        hits += 1
                        if start < 0 { start = origin + i }
                    } else if start >= 0 {
                        closed.append((start, origin + i)); start = -1
                    }
                    i += 1
                }
            }
            fullScale[c] += hits
            runStart[c] = start
            for (s, e) in closed { close(channel: c, start: s, end: e) }
        }
        frames += n
    }

    /// The clipping found in everything consumed so far; a run still open at the end counts.
    public func result() -> Result {
        var copy = self
        for c in 0..<channelCount where copy.runStart[c] >= 0 {
            copy.close(channel: c, start: copy.runStart[c], end: frames)
        }
        var all = copy.stored.flatMap { $0 }
        all.sort { ($0.startFrame, $0.channel) < ($1.startFrame, $1.channel) }
        if all.count > maximumStoredRuns { all.removeLast(all.count - maximumStoredRuns) }
        return Result(
            threshold: threshold, thresholdDBFS: decibels(amplitude: Double(threshold)),
            minimumRunLength: minimumRunLength, runs: all, totalRuns: copy.runCounts.reduce(0, +),
            runsPerChannel: copy.runCounts, fullScaleSamples: fullScale, clippedSamples: copy.clipped)
    }
}
