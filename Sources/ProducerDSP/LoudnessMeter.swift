public import ProducerAudio

/// Loudness per ITU-R BS.1770-4 and EBU R128 (Tech 3341, Tech 3342) at any sample rate.
///
/// The signal of each channel is K-weighted (see ``KWeighting``, derived for the meter's sample
/// rate) and its squares are summed over steps of 10 ms (steps end at sample
/// ⌊k · sampleRate / 100⌋, so rates such as 11 025 Hz, where 10 ms is not a whole number of
/// samples, get steps of 110 and 111 samples and windows of exactly the right mean length).
/// From the steps:
/// - momentary loudness: the last 40 steps (400 ms), short-term loudness: the last 300 steps (3 s);
/// - their maxima are taken at every 10 ms step (finer than R128's 10 Hz minimum, so the
///   maxima of EBU Tech 3341 cases 13 and 14 are met); the series (``momentarySeries``,
///   ``shortTermSeries``) and the `…Last` values at every 100 ms;
/// - integrated loudness: the momentary windows at every 100 ms (400 ms blocks with 75 %
///   overlap), gated at −70 LUFS and −10 LU;
/// - loudness range: the short-term values at every 100 ms (10 Hz), gated at −70 LUFS and −20 LU.
///
/// With ``measuresMonoFold``, the meter also measures the integrated loudness of the first two
/// channels folded to mono, (L + R) / 2 on both speakers: K-weighting is linear, so the fold's
/// K-weighted signal is (K(L) + K(R)) / 2, and its energy comes from the same filtered samples
/// (the sums of L², R² and L·R), gated in a histogram of its own.
///
/// The filter: the two biquads share one transfer function, (B1·B2) / (A1·A2), computed as the
/// zeros first (the high-pass's (1 − z⁻¹)² as two differences, then the shelf's numerator
/// divided by its b0, which is applied to the energies instead), then the two all-pole sections
/// in direct form I, whose recursions (one multiply and one add each) run side by side. Channels
/// go in pairs through `SIMD2<Double>`, the squares summed in the same loop.
///
/// Gating blocks are kept in histograms of 0.01 LU bins with exact energy sums per bin, so memory
/// stays constant however long the programme (about 320 KB), and integrated loudness stays
/// within far less than 0.01 LU of the exact block-list computation.
public struct LoudnessMeter: Sendable {
    /// The sample rate in Hz.
    public let sampleRate: Double
    /// The number of channels of every block.
    public let channelCount: Int
    /// The weight G of each channel (1 for L, R, C; 1.41 for surrounds; 0 for LFE).
    public let channelWeights: [Double]
    /// Whether to keep the momentary and short-term loudness every 100 ms in
    /// ``momentarySeries`` and ``shortTermSeries`` (memory grows with the length). Off by default.
    public var recordsSeries = false
    /// Momentary loudness in LUFS every 100 ms when ``recordsSeries`` is on: element `i` is
    /// the 400 ms window ending at (i + 4) × 100 ms; −infinity for silence.
    public private(set) var momentarySeries: [Double] = []
    /// Short-term loudness in LUFS every 100 ms when ``recordsSeries`` is on: element `i` is
    /// the 3 s window ending at (i + 30) × 100 ms; −infinity for silence.
    public private(set) var shortTermSeries: [Double] = []
    /// Whether the integrated loudness of the first two channels folded to mono is measured
    /// (``Loudness/monoFoldIntegrated``); needs at least two channels.
    public let measuresMonoFold: Bool

    static let stepsPerSecond = 100
    static let momentarySteps = 40
    static let shortTermSteps = 300
    static let stepsPer100ms = 10

    let shelf: BiquadCoefficients
    let highPass: BiquadCoefficients
    /// Per channel, `stateStride` values: x[n−1], d[n−1] (first difference), e[n−1], e[n−2]
    /// (second difference), w[n−1], w[n−2] (after the shelf's poles), y[n−1], y[n−2] (output
    /// divided by the shelf's b0); then a spare channel.
    var filterState: [Double]
    static let stateStride = 8
    /// Per channel (and one spare): sum of K-weighted squares (divided by b0²) in the current step.
    var channelSums: [Double]
    /// Sum of the products of the first two channels' K-weighted samples (divided by b0²) in
    /// the current step, with ``measuresMonoFold``.
    var crossSum = 0.0
    /// Completed steps.
    var stepIndex = 0
    var framesInStep = 0
    var stepLength: Int
    /// Ring of the last `shortTermSteps` steps: weighted sums of squares and frame counts.
    var ringEnergy: [Double]
    var ringFrames: [Int]
    /// Ring of the mono fold's step energies (only the last `momentarySteps` are used).
    var ringFoldEnergy: [Double]
    var gatingBlocks = LoudnessHistogram()
    var shortTermBlocks = LoudnessHistogram()
    var foldGatingBlocks: LoudnessHistogram?
    /// Largest and last window energies (weighted mean squares); −1 while none.
    var momentaryMaxEnergy = -1.0
    var shortTermMaxEnergy = -1.0
    var momentaryLastEnergy = -1.0
    var shortTermLastEnergy = -1.0

    /// Makes a meter.
    /// - Parameters:
    ///   - sampleRate: in Hz, at least 1000.
    ///   - channelCount: channels of every block.
    ///   - channelWeights: the weight of each channel; by default those of
    ///     ``channelWeights(channelCount:channelMask:)`` without a mask.
    ///   - measuresMonoFold: also measure the integrated loudness of the first two channels
    ///     folded to mono (``Loudness/monoFoldIntegrated``); ignored with one channel.
    public init(sampleRate: Double, channelCount: Int, channelWeights: [Double]? = nil, measuresMonoFold: Bool = false)
    {
        precondition(sampleRate >= 1000, "sample rate of at least 1 kHz")
        precondition(channelCount >= 1)
        let weights = channelWeights ?? Self.channelWeights(channelCount: channelCount, channelMask: nil)
        precondition(weights.count == channelCount, "one weight per channel")
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        self.channelWeights = weights
        shelf = KWeighting.shelf(sampleRate: sampleRate)
        highPass = KWeighting.highPass(sampleRate: sampleRate)
        self.measuresMonoFold = measuresMonoFold && channelCount >= 2
        // One spare channel: the second lane of an odd last channel.
        filterState = [Double](repeating: 0, count: Self.stateStride * (channelCount + 1))
        channelSums = [Double](repeating: 0, count: channelCount + 1)
        ringEnergy = [Double](repeating: 0, count: Self.shortTermSteps)
        ringFrames = [Int](repeating: 0, count: Self.shortTermSteps)
        ringFoldEnergy = [Double](repeating: 0, count: Self.shortTermSteps)
        foldGatingBlocks = self.measuresMonoFold ? LoudnessHistogram() : nil
        stepLength = 0
        stepLength = stepBoundary(1) - stepBoundary(0)
    }

    /// The loudness (LUFS) of a weighted mean square: −0.691 + 10·log10(energy).
    @inlinable
    public static func loudness(energy: Double) -> Double {
        -0.691 + decibels(power: energy)
    }

    /// The frame at which step `k` starts.
    private func stepBoundary(_ k: Int) -> Int {
        Int((Double(k) * sampleRate / Double(Self.stepsPerSecond)).rounded(.down))
    }

    /// The channel weights of BS.1770-4 for a layout.
    ///
    /// With a WAVE `dwChannelMask`, the channels follow its set bits in order: LFE (0x8) gets
    /// 0; back left/right (0x10, 0x20) and side left/right (0x200, 0x400) get 1.41; every
    /// other speaker 1. Channels past the mask's bits get 1.
    /// Without a mask, the WAVE default orders: 1 mono (1), 2 L R (1, 1), 3 L R C,
    /// 4 L R Ls Rs (1, 1, 1.41, 1.41), 5 L R C Ls Rs (1, 1, 1, 1.41, 1.41),
    /// 6 L R C LFE Ls Rs (1, 1, 1, 0, 1.41, 1.41), 8 L R C LFE Lb Rb Ls Rs
    /// (1, 1, 1, 0, 1.41 × 4); other counts all 1.
    public static func channelWeights(channelCount: Int, channelMask: UInt32?) -> [Double] {
        var weights = [Double](repeating: 1, count: channelCount)
        if let mask = channelMask, mask != 0 {
            var c = 0
            var bit: UInt32 = 1
            while c < channelCount, bit != 0 {
                if mask & bit != 0 {
                    switch bit {
                    case 0x8: weights[c] = 0
                    case 0x10, 0x20, 0x200, 0x400: weights[c] = 1.41
                    default: weights[c] = 1
                    }
                    c += 1
                }
                bit <<= 1
            }
            return weights
        }
        switch channelCount {
        case 4: weights = [1, 1, 1.41, 1.41]
        case 5: weights = [1, 1, 1, 1.41, 1.41]
        case 6: weights = [1, 1, 1, 0, 1.41, 1.41]
        case 8: weights = [1, 1, 1, 0, 1.41, 1.41, 1.41, 1.41]
        default: break
        }
        return weights
    }
}

extension LoudnessMeter: Meter {
    public typealias Result = Loudness

    /// Consumes the valid frames of `block`, which must have ``channelCount`` channels.
    public mutating func consume(_ block: AudioBuffer) {
        precondition(block.channelCount == channelCount, "channel count")
        let frames = block.frameCount
        guard frames > 0 else { return }
        let stride = block.frameCapacity
        block.withUnsafeStorage { storage in
            guard let base = storage.baseAddress else { return }
            var position = 0
            while position < frames {
                let n = Swift.min(frames - position, stepLength - framesInStep)
                filter(base + position, stride: stride, count: n)
                position += n
                framesInStep += n
                if framesInStep == stepLength { finishStep() }
            }
        }
    }

    /// The loudness of everything consumed so far.
    public func result() -> Loudness {
        func lufs(_ energy: Double) -> Double? { energy > 0 ? Self.loudness(energy: energy) : nil }
        return Loudness(
            integrated: gatingBlocks.gatedLoudness(relativeGate: -10),
            loudnessRange: shortTermBlocks.loudnessRange(),
            momentaryMax: lufs(momentaryMaxEnergy),
            shortTermMax: lufs(shortTermMaxEnergy),
            momentaryLast: lufs(momentaryLastEnergy),
            shortTermLast: lufs(shortTermLastEnergy),
            monoFoldIntegrated: foldGatingBlocks?.gatedLoudness(relativeGate: -10))
    }
}

extension LoudnessMeter {
    /// K-weights `count` frames of every channel (channel `c` at `start + c·stride`) and adds
    /// their squares (divided by the shelf's b0²) to `channelSums`.
    private mutating func filter(_ start: UnsafePointer<Float>, stride: Int, count: Int) {
        let channels = channelCount
        let fold = measuresMonoFold
        let c1 = SIMD2(repeating: shelf.b1 / shelf.b0), c2 = SIMD2(repeating: shelf.b2 / shelf.b0)
        let p1 = SIMD2(repeating: shelf.a1), p2 = SIMD2(repeating: shelf.a2)
        let q1 = SIMD2(repeating: highPass.a1), q2 = SIMD2(repeating: highPass.a2)
        let n = Self.stateStride
        filterState.withUnsafeMutableBufferPointer { stateBuffer in
            channelSums.withUnsafeMutableBufferPointer { sums in
                let state = stateBuffer.baseAddress!
                var c = 0
                while c < channels {
                    // A pair of channels, or the last one twice (its second lane in a spare slot
                    // of state and sums, so that both lanes always do the same).
                    let pair = c + 1 < channels
                    let xa = start + c * stride, xb = start + (pair ? c + 1 : c) * stride
                    let sa = state + n * c, sb = state + n * (c + 1)
                    @inline(__always) func load(_ k: Int) -> SIMD2<Double> { SIMD2(sa[k], sb[k]) }
                    var x1 = load(0), d1 = load(1), e1 = load(2), e2 = load(3)
                    var w1 = load(4), w2 = load(5), y1 = load(6), y2 = load(7)
                    var acc = SIMD2<Double>(), cross = SIMD2<Double>()
                    // The cross products cost three instructions; computed for every pair, as
                    // without them the compiler splits the vectors into worse code.
                    for i in 0..<count {
                        let x = SIMD2(Double(xa[i]), Double(xb[i]))
                        let d = x - x1
                        let e = d - d1
                        let f = (e + c1 * e1) + c2 * e2
                        let w = (f - p2 * w2) - p1 * w1
                        let y = (w - q2 * y2) - q1 * y1
                        acc += y * y
                        cross += y * SIMD2(y[1], y[0])
                        x1 = x; d1 = d; e2 = e1; e1 = e; w2 = w1; w1 = w; y2 = y1; y1 = y
                    }
                    @inline(__always) func store(_ k: Int, _ v: SIMD2<Double>) {
                        sa[k] = Self.flushed(v[0])
                        sb[k] = Self.flushed(v[1])
                    }
                    store(0, x1); store(1, d1); store(2, e1); store(3, e2)
                    store(4, w1); store(5, w2); store(6, y1); store(7, y2)
                    sums[c] += acc[0]
                    sums[c + 1] += acc[1]
                    if fold && c == 0 { crossSum += cross[0] }
                    c += 2
                }
            }
        }
    }

    /// Zero for state too small to matter, so long silences never reach subnormal numbers.
    @inline(__always)
    private static func flushed(_ x: Double) -> Double { abs(x) < 1e-30 ? 0 : x }

    /// Closes the current 10 ms step: weights and stores its energy, updates the windows.
    private mutating func finishStep() {
        // The filter leaves out the shelf's b0; its square scales every energy.
        let gain = shelf.b0 * shelf.b0
        let foldL = channelSums[0], foldR = channelCount > 1 ? channelSums[1] : 0
        var energy = 0.0
        for c in 0..<channelCount {
            energy += channelWeights[c] * channelSums[c]
            channelSums[c] = 0
        }
        energy *= gain
        let slot = stepIndex % Self.shortTermSteps
        if measuresMonoFold {
            // 2 · ((L + R) / 2)² = (L² + R² + 2·L·R) / 2.
            ringFoldEnergy[slot] = 0.5 * gain * (foldL + foldR + 2 * crossSum)
            crossSum = 0
        }
        ringEnergy[slot] = energy
        ringFrames[slot] = stepLength
        stepIndex += 1
        framesInStep = 0
        stepLength = stepBoundary(stepIndex + 1) - stepBoundary(stepIndex)

        let on100ms = stepIndex % Self.stepsPer100ms == 0
        if stepIndex >= Self.momentarySteps {
            let m = windowEnergy(steps: Self.momentarySteps)
            if m > momentaryMaxEnergy { momentaryMaxEnergy = m }
            if on100ms {
                momentaryLastEnergy = m
                gatingBlocks.add(energy: m)
                if measuresMonoFold {
                    foldGatingBlocks!.add(energy: windowEnergy(steps: Self.momentarySteps, of: ringFoldEnergy))
                }
                if recordsSeries { momentarySeries.append(Self.loudness(energy: m)) }
            }
        }
        if stepIndex >= Self.shortTermSteps {
            let st = windowEnergy(steps: Self.shortTermSteps)
            if st > shortTermMaxEnergy { shortTermMaxEnergy = st }
            if on100ms {
                shortTermLastEnergy = st
                shortTermBlocks.add(energy: st)
                if recordsSeries { shortTermSeries.append(Self.loudness(energy: st)) }
            }
        }
    }

    /// The weighted mean square of the last `steps` completed steps.
    private func windowEnergy(steps: Int) -> Double { windowEnergy(steps: steps, of: ringEnergy) }

    /// The mean over the last `steps` completed steps of a ring of step energies.
    private func windowEnergy(steps: Int, of ring: [Double]) -> Double {
        var e = 0.0
        var n = 0
        var slot = stepIndex % Self.shortTermSteps
        for _ in 0..<steps {
            slot = slot == 0 ? Self.shortTermSteps - 1 : slot - 1
            e += ring[slot]
            n += ringFrames[slot]
        }
        return n > 0 ? e / Double(n) : 0
    }
}
