public import ProducerAudio
import RealModule

/// A feed-forward compressor in the log domain (Giannoulis, Massberg & Reiss, JAES 2012).
///
/// The detector (peak: the larger |sample| of the channels; RMS: the channels' mean square,
/// smoothed over `window` ms) gives a level `x` in dB; the static curve ``staticCurve(input:threshold:ratio:knee:)``
/// gives the gain reduction `x − y`, which a smooth branching peak detector follows with the
/// attack and release time constants (α = exp(−1 / (τ·fs))); the gain is `makeup − reduction`
/// dB, the same on every channel (stereo-linked). With a `sidechain` the detector listens to the
/// key instead of the input: external sidechain, ducking.
///
/// Parameters (names as a session file writes them):
/// - `threshold`: dBFS, −80 … 0 (default −18).
/// - `ratio`: 1 … 100 (default 4; 100 is a limiter for practical purposes).
/// - `knee`: dB, 0 … 24, the width of the soft knee centred on the threshold (default 0).
/// - `attack`: ms, 0 … 1000, time constant of the gain reduction rising (default 10).
/// - `release`: ms, 0 … 5000, time constant of the gain reduction falling (default 100).
/// - `makeup`: dB, −24 … +48 (default 0). Smoothed per sample, ~10 ms.
/// - `auto_makeup`: 0 or 1 — a session's `makeup: auto`: adds the reduction the curve applies
///   to a 0 dBFS input, `−(staticCurve(0) − 0)`, on top of `makeup`.
/// - `detection`: 0 = peak, 1 = RMS.
/// - `window`: ms, 0.1 … 1000, the RMS detector's time constant (default 10).
///
/// - Complexity: O(frames); a log2 and an exp2 per frame only while reducing.
public struct Compressor: Processor {
    /// What the detector measures.
    public enum Detection: String, Sendable, CaseIterable {
        /// The instantaneous peak (largest |sample| over the channels).
        case peak
        /// The RMS over `window` ms (mean square over the channels).
        case rms
    }

    /// Threshold, dBFS.
    public private(set) var threshold: Double
    /// Ratio, ≥ 1.
    public private(set) var ratio: Double
    /// Knee width, dB.
    public private(set) var knee: Double
    /// Attack time constant, ms.
    public private(set) var attack: Double
    /// Release time constant, ms.
    public private(set) var release: Double
    /// Makeup gain, dB (before any automatic makeup).
    public private(set) var makeup: Double
    /// Whether automatic makeup is added.
    public private(set) var autoMakeup: Bool
    /// The detector.
    public private(set) var detection: Detection
    /// RMS window (time constant), ms.
    public private(set) var window: Double
    /// The gain reduction at the end of the last block, dB (≥ 0), for metering.
    public private(set) var gainReductionDecibels: Double = 0

    private var sampleRate = 48_000.0
    private var channelCount = 2
    private var reduction: Float = 0  // yL, dB
    private var meanSquare: Float = 0
    private var makeupGain: Float = 1  // smoothed linear makeup
    private var attackCoefficient: Float = 0, releaseCoefficient: Float = 0
    private var windowCoefficient: Float = 0, smoothCoefficient: Float = 0

    /// Makes a compressor; see the type's documentation for units and ranges.
    public init(
        threshold: Double = -18, ratio: Double = 4, knee: Double = 0,
        attack: Double = 10, release: Double = 100,
        makeup: Double = 0, autoMakeup: Bool = false,
        detection: Detection = .peak, window: Double = 10
    ) {
        self.threshold = min(0, max(-80, threshold))
        self.ratio = min(100, max(1, ratio))
        self.knee = min(24, max(0, knee))
        self.attack = min(1000, max(0, attack))
        self.release = min(5000, max(0, release))
        self.makeup = min(48, max(-24, makeup))
        self.autoMakeup = autoMakeup
        self.detection = detection
        self.window = min(1000, max(0.1, window))
        updateCoefficients()
        makeupGain = targetMakeupGain
    }

    /// The static curve: the output level in dB for an input level `input` dB,
    /// `y = x` below the knee, `T + (x − T)/R` above it, and
    /// `x + (1/R − 1)(x − T + W/2)² / (2W)` within it (`|2(x − T)| ≤ W`).
    public static func staticCurve(input x: Double, threshold t: Double, ratio r: Double, knee w: Double) -> Double {
        let over = x - t
        if 2 * over < -w { return x }
        if w > 0 && 2 * over <= w {
            let k = over + w / 2
            return x + (1 / r - 1) * k * k / (2 * w)
        }
        return t + over / r
    }

    /// The makeup actually applied, dB: `makeup` plus, with `autoMakeup`, the curve's reduction at 0 dBFS.
    public var totalMakeupDecibels: Double {
        makeup + (autoMakeup ? -Self.staticCurve(input: 0, threshold: threshold, ratio: ratio, knee: knee) : 0)
    }

    public mutating func prepare(sampleRate: Double, channelCount: Int, maximumBlockFrames: Int) {
        self.sampleRate = sampleRate
        self.channelCount = min(2, max(1, channelCount))
        reduction = 0; meanSquare = 0; gainReductionDecibels = 0
        updateCoefficients()
        makeupGain = targetMakeupGain
    }

    @discardableResult
    public mutating func setParameter(_ name: String, to value: Double) -> Bool {
        switch name {
        case "threshold": threshold = min(0, max(-80, value))
        case "ratio": ratio = min(100, max(1, value))
        case "knee": knee = min(24, max(0, value))
        case "attack": attack = min(1000, max(0, value))
        case "release": release = min(5000, max(0, value))
        case "makeup": makeup = min(48, max(-24, value))
        case "auto_makeup", "autoMakeup": autoMakeup = value != 0
        case "detection": detection = value >= 0.5 ? .rms : .peak
        case "window", "rms_window": window = min(1000, max(0.1, value))
        default: return false
        }
        updateCoefficients()
        return true
    }

    private var targetMakeupGain: Float { Float(Double.pow(10, totalMakeupDecibels / 20)) }

    private mutating func updateCoefficients() {
        attackCoefficient = CompressorMath.coefficient(milliseconds: attack, sampleRate: sampleRate)
        releaseCoefficient = CompressorMath.coefficient(milliseconds: release, sampleRate: sampleRate)
        windowCoefficient = CompressorMath.coefficient(milliseconds: window, sampleRate: sampleRate)
        smoothCoefficient = CompressorMath.coefficient(milliseconds: 10, sampleRate: sampleRate)
    }

    public mutating func process(_ block: inout AudioBuffer, sidechain: AudioBuffer?) {
        let stereo = block.channelCount > 1 && channelCount > 1
        withKeyedChannels(&block, sidechain: sidechain, stereo: stereo) { l, r, kl, kr, n in
            run(l, r, kl, kr, n)
        }
        gainReductionDecibels = Double(reduction)
    }

    static let chunkFrames = 256

    /// The per-block work, in sub-blocks of 256 frames and four passes each: the detector and
    /// static curve (four frames at a time), the smooth branching detector (the one recurrence),
    /// the gains (four at a time) and their application.
    private mutating func run(
        _ l: UnsafeMutablePointer<Float>, _ r: UnsafeMutablePointer<Float>,
        _ kl: UnsafePointer<Float>, _ kr: UnsafePointer<Float>, _ count: Int
    ) {
        let t = Float(threshold), w = Float(knee)
        let slope = Float(1 - 1 / ratio)  // reduction per dB over the threshold
        let halfKnee = w / 2
        let kneeScale = w > 0 ? slope / (2 * w) : 0
        // Below this level (linear amplitude, or mean square) there is no reduction at all.
        let floorAmplitude = Float(Double.pow(10, Double(t - halfKnee) / 20))
        let floorSquare = floorAmplitude * floorAmplitude
        let aA = attackCoefficient, aR = releaseCoefficient, aW = windowCoefficient
        let aS = smoothCoefficient, makeupTarget = targetMakeupGain
        let cR = 1 - aR, aR2 = aR * aR
        let powersR = SIMD4<Float>(aR, aR2, aR2 * aR, aR2 * aR2)
        let cA = 1 - aA, aA2 = aA * aA
        let powersA = SIMD4<Float>(aA, aA2, aA2 * aA, aA2 * aA2)
        let rms = detection == .rms
        let stereo = r != l
        let y0 = reduction, ms0 = meanSquare, mk0 = makeupGain
        let levelScale = rms ? 0.5 * CompressorMath.decibelsPerOctave : CompressorMath.decibelsPerOctave
        let floor = rms ? floorSquare : floorAmplitude
        let toOctaves = -CompressorMath.octavesPerDecibel

        // State in locals of the closure (captured variables would live in memory).
        var (yL, ms, mk) = withUnsafeTemporaryAllocation(of: SIMD4<Float>.self, capacity: Self.chunkFrames / 4) {
            scratch in
            var yL = y0, ms = ms0, mk = mk0
            // One aligned scratch, seen as frames (`v`) and as groups of four (`p`).
            let p = scratch.baseAddress!
            let v = UnsafeMutableRawPointer(p).assumingMemoryBound(to: Float.self)
            var offset = 0
            while offset < count {
                let n = min(Self.chunkFrames, count - offset)
                let x0 = kl + offset, x1 = kr + offset, o0 = l + offset, o1 = r + offset
                // 1. Detector: peak amplitude, or the running mean square; and the largest level,
                // in two vectors of four lanes (a scalar `max` chain does not vectorise, and one
                // vector's chain would be as long as the loop).
                var loudest: Float = 0
                var lanes = SIMD4<Float>.zero, lanes2 = SIMD4<Float>.zero
                var i = 0
                if rms {
                    for i in 0..<n { v[i] = 0.5 * (x0[i] * x0[i] + x1[i] * x1[i]) }
                    for i in 0..<n { ms = aW * ms + (1 - aW) * v[i]; v[i] = ms }
                    while i + 4 <= n {
                        let q = p[i >> 2]
                        lanes.replace(with: q, where: q .> lanes)
                        i += 4
                    }
                } else {
                    let mono = x1 == x0
                    /// The level of four frames: |x|, the larger over the channels (mono reads once).
                    @inline(__always) func level(_ j: Int) -> SIMD4<Float> {
                        let a = CompressorMath.magnitude(UnsafeRawPointer(x0 + j).loadUnaligned(as: SIMD4<Float>.self))
                        if mono { return a }
                        let b = CompressorMath.magnitude(UnsafeRawPointer(x1 + j).loadUnaligned(as: SIMD4<Float>.self))
                        var q = a
                        q.replace(with: b, where: b .> a)
                        return q
                    }
                    while i + 8 <= n {
                        let q = level(i), q2 = level(i + 4)
                        p[i >> 2] = q
                        p[(i >> 2) + 1] = q2
                        lanes.replace(with: q, where: q .> lanes)
                        lanes2.replace(with: q2, where: q2 .> lanes2)
                        i += 8
                    }
                    for j in i..<n { v[j] = max(abs(x0[j]), abs(x1[j])) }
                }
                lanes.replace(with: lanes2, where: lanes2 .> lanes)
                loudest = max(max(lanes[0], lanes[1]), max(lanes[2], lanes[3]))
                while i < n { loudest = max(loudest, v[i]); i += 1 }
                // 2. Static curve: the gain reduction xL in dB (0 below the knee).
                if loudest > floor {
                    for i in n..<((n + 3) & ~3) { v[i] = 0 }
                    if w > 0 {
                        for j in 0..<((n + 3) / 4) {
                            let level = p[j]
                            let over = levelScale * CompressorMath.log2(level) - t
                            let k = over + halfKnee
                            var xL = kneeScale * k * k
                            xL.replace(with: slope * over, where: over .>= SIMD4(repeating: halfKnee))
                            xL.replace(with: 0, where: level .<= SIMD4(repeating: floor))
                            p[j] = xL
                        }
                    } else {
                        // A hard knee: the reduction is slope · over where over ≥ 0 (the same
                        // values as the soft knee's expression at zero width), else 0.
                        for j in 0..<((n + 3) / 4) {
                            let level = p[j]
                            let over = levelScale * CompressorMath.log2(level) - t
                            var xL = slope * over
                            xL.replace(with: 0, where: over .< SIMD4(repeating: 0))
                            xL.replace(with: 0, where: level .<= SIMD4(repeating: floor))
                            p[j] = xL
                        }
                    }
                } else {
                    for i in 0..<n { v[i] = 0 }
                }
                // 3. Smooth branching peak detector on the gain reduction.
                if loudest > floor || yL > 0 {
                    // Four frames at a time, assuming a release (a linear recurrence, solved
                    // in closed form: y_k = aR^(k+1)·y + Σ aR^(k−j)·(1 − aR)·x_j); kept when
                    // no frame would have attacked (x_k ≤ y_(k−1)). Else the same with the
                    // attack, kept when every frame attacks (x_k > y_(k−1)); else (the four
                    // frames hold a turn) frame by frame.
                    var i = 0
                    while i + 4 <= n {
                        let x4 = p[i >> 2]
                        let u = cR * x4
                        var s = u + aR * SIMD4(0, u[0], u[1], u[2])
                        s = s + aR2 * SIMD4(0, 0, s[0], s[1])
                        let y = powersR * yL + s
                        if all(x4 .<= SIMD4(yL, y[0], y[1], y[2])) {
                            p[i >> 2] = y
                            yL = y[3]
                            i += 4
                            continue
                        }
                        let ua = cA * x4
                        var sa = ua + aA * SIMD4(0, ua[0], ua[1], ua[2])
                        sa = sa + aA2 * SIMD4(0, 0, sa[0], sa[1])
                        let ya = powersA * yL + sa
                        if all(x4 .> SIMD4(yL, ya[0], ya[1], ya[2])) {
                            p[i >> 2] = ya
                            yL = ya[3]
                        } else {
                            for q in i..<(i + 4) {
                                let xL = v[q]
                                let attack = aA * yL + (1 - aA) * xL
                                let release = aR * yL + (1 - aR) * xL
                                yL = xL > yL ? attack : release
                                v[q] = yL
                            }
                        }
                        i += 4
                    }
                    while i < n {
                        let xL = v[i]
                        let attack = aA * yL + (1 - aA) * xL
                        let release = aR * yL + (1 - aR) * xL
                        yL = xL > yL ? attack : release
                        v[i] = yL
                        i += 1
                    }
                    if yL < 1e-6 { yL = 0 }
                    // 4. Gains, four at a time, then the makeup.
                    for i in n..<((n + 3) & ~3) { v[i] = 0 }
                    for j in 0..<((n + 3) / 4) { p[j] = CompressorMath.exp2(toOctaves * p[j]) }
                } else {
                    for i in 0..<n { v[i] = 1 }
                }
                if mk != makeupTarget {
                    for i in 0..<n {
                        mk = makeupTarget + (mk - makeupTarget) * aS
                        v[i] *= mk
                    }
                    if abs(mk - makeupTarget) < 1e-7 { mk = makeupTarget }
                } else if mk != 1 {
                    for i in 0..<n { v[i] *= mk }
                }
                // 5. Apply, the same gain on every channel.
                for i in 0..<n { o0[i] *= v[i] }
                if stereo { for i in 0..<n { o1[i] *= v[i] } }
                offset += n
            }
            return (yL, ms, mk)
        }
        if ms < 1e-30 { ms = 0 }
        reduction = yL; meanSquare = ms; makeupGain = mk
    }
}
