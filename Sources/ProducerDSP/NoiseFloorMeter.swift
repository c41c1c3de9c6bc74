public import ProducerAudio

/// Estimates the noise floor: the level of the quietest 5 % of ~50 ms windows.
///
/// The audio is cut into back-to-back windows of 50 ms, rounded up to a multiple of 8 frames
/// (2400 frames at 48 kHz, 2208 at 44.1 kHz), on absolute frame positions; a final partial
/// window is not counted. A window's level is the mean over channels of each channel's mean
/// square (so identical noise on every channel reads as that channel's RMS), in dBFS.
/// Window levels go into a histogram of 0.1 dB bins from -200 to +10 dBFS, so memory is
/// constant for any file length.
///
/// Windows that are exactly zero on every channel are counted as digital silence and left out,
/// so silent padding does not drag the floor to -inf. Of the remaining windows, the quietest 5 %
/// (at least one window) give ``Result/floorDBFS``: the energy mean of those windows' levels
/// (taken at bin centres, so to within 0.05 dB); ``Result/fifthPercentileDBFS`` is the level
/// of the window at the 5th percentile.
public struct NoiseFloorMeter: Meter, Sendable {
    /// The noise floor estimate.
    public struct Result: Sendable, Codable, Equatable {
        /// The energy mean (RMS) of the quietest 5 % of non-silent windows in dBFS, or nil when
        /// there are no non-silent windows.
        public var floorDBFS: Double?
        /// The level of the window at the 5th percentile in dBFS (bin centre), or nil.
        public var fifthPercentileDBFS: Double?
        /// The level of the quietest non-silent window in dBFS (bin centre), or nil.
        public var quietestWindowDBFS: Double?
        /// Windows measured, digital silence included.
        public var windowCount: Int
        /// Windows that were exactly zero on every channel.
        public var digitalSilenceWindows: Int
        /// The window length in seconds.
        public var windowSeconds: Double
    }

    /// The sample rate in Hz.
    public let sampleRate: Double
    /// The number of channels.
    public let channelCount: Int
    /// The window length in frames.
    public let windowLength: Int
    /// The fraction of windows that makes the floor (0.05).
    public let quietFraction: Double

    @usableFromInline static let lowestDB = -200.0
    @usableFromInline static let binsPerDB = 10.0
    @usableFromInline static let binCount = 2100
    @usableFromInline var histogram: [Int]
    @usableFromInline var lanes: [SIMD8<Double>]
    @usableFromInline var silentWindows = 0
    @usableFromInline var windows = 0
    @usableFromInline var frames = 0

    /// Makes a noise floor meter.
    /// - Parameters:
    ///   - windowSeconds: window length (default 0.05), rounded up to a multiple of 8 frames.
    ///   - quietFraction: the share of quietest windows that makes the floor (default 0.05).
    public init(sampleRate: Double, channelCount: Int, windowSeconds: Double = 0.05, quietFraction: Double = 0.05) {
        precondition(
            channelCount >= 1 && sampleRate > 0 && windowSeconds > 0 && quietFraction > 0 && quietFraction <= 1)
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        self.windowLength = LaneSums.roundUpToLanes(Int((windowSeconds * sampleRate).rounded()))
        self.quietFraction = quietFraction
        histogram = Array(repeating: 0, count: Self.binCount)
        lanes = Array(repeating: .zero, count: channelCount)
    }

    @usableFromInline
    mutating func finishWindow() {
        windows += 1
        var sum = 0.0
        for c in 0..<channelCount { sum += lanes[c].sum(); lanes[c] = .zero }
        guard sum > 0 else { silentWindows += 1; return }
        let level = decibels(power: sum / Double(windowLength * channelCount))
        let bin = Int(((level - Self.lowestDB) * Self.binsPerDB).rounded(.down))
        histogram[min(max(bin, 0), Self.binCount - 1)] += 1
    }

    /// Consumes the valid frames of `block`.
    public mutating func consume(_ block: AudioBuffer) {
        precondition(block.channelCount == channelCount, "channel count mismatch")
        let n = block.frameCount
        guard n > 0 else { return }
        let origin = frames
        let w = windowLength
        block.withUnsafeStorage { all in
            guard let base = all.baseAddress else { return }
            var i = 0
            while i < n {
                let boundary = ((origin + i) / w + 1) * w - origin
                let end = min(n, boundary)
                for c in 0..<channelCount {
                    LaneSums.sumOfSquares(
                        base + c * block.frameCapacity, from: i, to: end, origin: origin, into: &lanes[c])
                }
                if end == boundary { finishWindow() }
                i = end
            }
        }
        frames += n
    }

    /// The noise floor over the complete windows consumed so far.
    public func result() -> Result {
        let counted = windows - silentWindows
        var floor: Double?, p5: Double?, quietest: Double?
        if counted > 0 {
            let wanted = max(1, Int((Double(counted) * quietFraction).rounded(.up)))
            var taken = 0, energy = 0.0
            for b in 0..<Self.binCount where histogram[b] > 0 {
                let centre = Self.lowestDB + (Double(b) + 0.5) / Self.binsPerDB
                if quietest == nil { quietest = centre }
                let k = min(histogram[b], wanted - taken)
                taken += k
                energy += Double(k) * _pow(10, centre / 10)
                if taken == wanted { p5 = centre; break }
            }
            floor = decibels(power: energy / Double(wanted))
        }
        return Result(
            floorDBFS: floor, fifthPercentileDBFS: p5, quietestWindowDBFS: quietest, windowCount: windows,
            digitalSilenceWindows: silentWindows, windowSeconds: Double(windowLength) / sampleRate)
    }
}
