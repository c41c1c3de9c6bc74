public import ProducerAudio

/// Measures the stereo image of the first two channels: phase correlation over the whole file,
/// the lowest correlation over short windows, and the balance between left and right.
///
/// For a mono file the result is nil. For more than two channels only channels 0 (left) and
/// 1 (right) are measured. Short windows are 400 ms (rounded up to a multiple of 8 frames) on
/// absolute frame positions, back to back; a window counts towards the minimum only when both
/// channels' mean square is at or above `windowGateDBFS` (default -50 dBFS). A final partial
/// window counts if it is at least half a window long.
///
/// The sums Σ L², Σ R² and Σ L·R are kept (as means), so mid = (L+R)/2 and side = (L−R)/2
/// energies, and from them the mono fold loss, can be derived.
public struct StereoMeter: Meter, Sendable {
    /// What the meter reports: nil for mono files.
    public typealias Result = Measurement?

    /// The stereo measurements.
    public struct Measurement: Sendable, Codable, Equatable {
        /// Σ LR / √(Σ L² Σ R²) over the whole file, -1 ... +1; nil when either channel is silent.
        public var correlation: Double?
        /// The lowest correlation of any gated 400 ms window, or nil when no window passed the gate.
        public var minimumWindowCorrelation: Double?
        /// Where the window with the lowest correlation starts, in seconds.
        public var minimumWindowStart: Double?
        /// Right energy over left energy in dB: positive means the right channel is louder;
        /// nil when either channel is silent.
        public var balanceDB: Double?
        /// Mean of L².
        public var leftMeanSquare: Double
        /// Mean of R².
        public var rightMeanSquare: Double
        /// Mean of L·R.
        public var crossMean: Double
        /// Frames measured.
        public var frameCount: Int
        /// Windows that passed the energy gate.
        public var gatedWindows: Int

        /// Mean of ((L+R)/2)², the energy of the mono fold.
        public var midMeanSquare: Double { (leftMeanSquare + rightMeanSquare + 2 * crossMean) / 4 }
        /// Mean of ((L−R)/2)², the side energy.
        public var sideMeanSquare: Double { (leftMeanSquare + rightMeanSquare - 2 * crossMean) / 4 }
        /// The energy change of folding to mono ((L+R)/2 against the mean of L² and R²) in dB:
        /// 0 for identical channels, about -3 for uncorrelated ones, nil when the fold cancels
        /// completely or the file is silent. (Unweighted; loudness-weighted loss is computed elsewhere.)
        public var monoFoldChangeDB: Double? {
            let stereo = (leftMeanSquare + rightMeanSquare) / 2
            let mid = midMeanSquare
            guard stereo > 0, mid > 0 else { return nil }
            return decibels(power: mid / stereo)
        }
    }

    /// The sample rate in Hz.
    public let sampleRate: Double
    /// The number of channels.
    public let channelCount: Int
    /// The short window length in frames.
    public let windowLength: Int
    /// The gate on each channel's mean square for a short window, in dBFS.
    public let windowGateDBFS: Double
    @usableFromInline let gate: Double
    @usableFromInline var ll: SIMD8<Double> = .zero
    @usableFromInline var rr: SIMD8<Double> = .zero
    @usableFromInline var lr: SIMD8<Double> = .zero
    @usableFromInline var totalLL = 0.0, totalRR = 0.0, totalLR = 0.0
    @usableFromInline var minimum: Double?
    @usableFromInline var minimumStart: Int?
    @usableFromInline var gated = 0
    @usableFromInline var frames = 0

    /// Makes a stereo meter.
    /// - Parameters:
    ///   - windowSeconds: the short window (default 0.4 s).
    ///   - windowGateDBFS: the mean-square level each channel needs for a window to count.
    public init(sampleRate: Double, channelCount: Int, windowSeconds: Double = 0.4, windowGateDBFS: Double = -50) {
        precondition(channelCount >= 1 && sampleRate > 0 && windowSeconds > 0)
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        self.windowLength = LaneSums.roundUpToLanes(Int((windowSeconds * sampleRate).rounded()))
        self.windowGateDBFS = windowGateDBFS
        self.gate = _pow(10, windowGateDBFS / 10)
    }

    @usableFromInline
    mutating func finishWindow(start: Int, length: Int) {
        let a = ll.sum(), b = rr.sum(), x = lr.sum()
        totalLL += a; totalRR += b; totalLR += x
        ll = .zero; rr = .zero; lr = .zero
        Self.consider(
            a, b, x, start: start, length: length, gate: gate, gated: &gated, minimum: &minimum,
            minimumStart: &minimumStart)
    }

    @usableFromInline
    static func consider(
        _ a: Double, _ b: Double, _ x: Double, start: Int, length: Int, gate: Double,
        gated: inout Int, minimum: inout Double?, minimumStart: inout Int?
    ) {
        let n = Double(length)
        guard a / n >= gate, b / n >= gate, a > 0, b > 0 else { return }
        gated += 1
        let r = x / (a * b).squareRoot()
        if minimum == nil || r < minimum! { minimum = r; minimumStart = start }
    }

    /// Consumes the valid frames of `block`; does nothing for mono.
    public mutating func consume(_ block: AudioBuffer) {
        precondition(block.channelCount == channelCount, "channel count mismatch")
        let n = block.frameCount
        guard n > 0, channelCount >= 2 else { frames += n; return }
        let origin = frames, w = windowLength
        block.withUnsafeStorage { all in
            guard let l = all.baseAddress else { return }
            let r = l + block.frameCapacity
            var i = 0
            while i < n {
                let boundary = ((origin + i) / w + 1) * w - origin
                let end = min(n, boundary)
                LaneSums.stereoSums(l, r, from: i, to: end, origin: origin, ll: &ll, rr: &rr, lr: &lr)
                if end == boundary { finishWindow(start: origin + boundary - w, length: w) }
                i = end
            }
        }
        frames += n
    }

    /// The stereo measurements over everything consumed so far, or nil for mono.
    public func result() -> Result {
        guard channelCount >= 2 else { return nil }
        let a = ll.sum(), b = rr.sum(), x = lr.sum()
        let tLL = totalLL + a, tRR = totalRR + b, tLR = totalLR + x
        var minimum = self.minimum, minimumStart = self.minimumStart, gated = self.gated
        let partial = frames % windowLength
        if partial * 2 >= windowLength {
            Self.consider(
                a, b, x, start: frames - partial, length: partial, gate: gate,
                gated: &gated, minimum: &minimum, minimumStart: &minimumStart)
        }
        let n = Double(max(frames, 1))
        let correlation: Double? = tLL > 0 && tRR > 0 ? tLR / (tLL * tRR).squareRoot() : nil
        let balance: Double? = tLL > 0 && tRR > 0 ? decibels(power: tRR / tLL) : nil
        return Measurement(
            correlation: correlation, minimumWindowCorrelation: minimum,
            minimumWindowStart: minimumStart.map { Double($0) / sampleRate }, balanceDB: balance,
            leftMeanSquare: tLL / n, rightMeanSquare: tRR / n, crossMean: tLR / n, frameCount: frames,
            gatedWindows: gated)
    }
}
