public import ProducerAudio
import RealModule

/// A true-peak look-ahead limiter (stereo-linked).
///
/// Detection: each channel is interpolated 4× by the same design as ``TruePeakMeter``'s
/// (ITU-R BS.1770 Annex 2): a 64-tap Kaiser-windowed sinc (β = 4) in 4 phases of 16. The
/// largest |value| of the sample and the three points after it gives, per frame, the gain that
/// frame needs, r = min(1, target / peak), taken over both channels. The target is the ceiling
/// less a safety margin of ``safetyMargin`` dB (0.05 dB), which covers the gain moving within
/// the interpolator's 16-frame span and a meter whose interpolator differs slightly.
///
/// Gain: the minimum of r over a window from 8 frames before a frame to the look-ahead after
/// it (less the detector's 8-frame delay), then a release (one-pole towards the minimum, never
/// above it), then a moving average over the look-ahead less 16 frames. The average makes the
/// attack a smooth ramp spread across the look-ahead, and it cannot rise above r anywhere
/// within ±8 frames of a peak, so every interpolated point stays under the ceiling. When
/// nothing in the window needs reduction the gain is exactly 1: material whose true peak is
/// under the target comes out as the input delayed by ``latencyFrames``, bit for bit.
///
/// Parameters (session names):
/// - `ceiling`: dBTP, −24 … 0 (default −1).
/// - `release`: ms, 1 … 2000 (default 100).
/// - `lookahead`: ms, 0.5 … 20 (default 1.5), at least 17 frames; it sets the latency, so a
///   change takes effect at the next `prepare`.
///
/// ``latencyFrames`` = round(lookahead · fs / 1000) (72 frames at 48 kHz).
public struct Limiter: Processor {
    /// Ceiling, dBTP (−24 … 0).
    public var ceiling: Double { didSet { ceiling = min(0, max(-24, ceiling)) } }
    /// Release time, ms (1 … 2000).
    public var release: Double { didSet { release = min(2000, max(1, release)) } }
    /// Look-ahead, ms (0.5 … 20); applied at `prepare`.
    public var lookahead: Double { didSet { lookahead = min(20, max(0.5, lookahead)) } }
    /// How far under the ceiling the detector aims, dB.
    public static let safetyMargin = 0.05

    /// The detector's delay, frames (half the interpolator's span).
    static let detectorDelay = 8
    /// Frames on each side of a peak over which the gain is held at or below its need.
    static let guardFrames = 8
    static let taps = 16

    public private(set) var latencyFrames: Int = 0
    var sampleRate = 48_000.0
    var channelCount = 1
    /// Phases 1–3: taps[p − 1][k] multiplies x[n − k].
    let phases: [Float]
    /// The same taps splatted: `splatTaps[16 p + j]` is phase p + 1's tap for x[n − 15 + j] in
    /// every lane, for the detector run over four frames at a time.
    let splatTaps: [SIMD4<Float>]
    /// An exact bound on the interpolator's gain: the largest Σ|taps| over the phases (≥ 1, so
    /// it covers the sample itself too), raised by 1e-4 to cover the rounding of the sums.
    /// No frame whose 16-sample window stays under target / worstGain needs any reduction.
    let worstGain: Float
    /// Per channel: 2 × 16 samples (each written twice, so 16 are always contiguous).
    var history: [Float] = []
    var historyIndex = 0
    /// Per channel delay line (power of two).
    var delay: [Float] = []
    var delayMask = 0
    var written = 0
    /// Monotonic deque for the running minimum: indices and values.
    var dequeIndex: [Int] = []
    var dequeValue: [Float] = []
    var dequeMask = 0
    var head = 0, tail = 0
    /// The detector's input with the samples before it, and the needs it gives (see ``detect``).
    var detectorScratch: [Float] = []
    /// Moving average ring of the released gain.
    var box: [Float] = []
    var boxPosition = 0
    var boxSum = 0.0
    var boxBelowUnity = 0
    var envelope = 1.0
    var forward = 0, boxLength = 1

    /// Makes a limiter.
    /// - Parameters:
    ///   - ceiling: dBTP, −24 … 0.
    ///   - release: ms, 1 … 2000.
    ///   - lookahead: ms, 0.5 … 20.
    public init(ceiling: Double = -1, release: Double = 100, lookahead: Double = 1.5) {
        self.ceiling = min(0, max(-24, ceiling))
        self.release = min(2000, max(1, release))
        self.lookahead = min(20, max(0.5, lookahead))
        phases = Self.design()
        worstGain = Self.worstGain(phases)
        let designed = phases, t = Self.taps
        splatTaps = (0..<3).flatMap { p in (0..<t).map { j in SIMD4(repeating: designed[p * t + t - 1 - j]) } }
    }

    static func worstGain(_ phases: [Float]) -> Float {
        var worst = 1.0
        for p in 0..<3 {
            worst = max(worst, (0..<taps).reduce(0.0) { $0 + Double(abs(phases[p * taps + $1])) })
        }
        return Float(worst * (1 + 1e-4))
    }

    /// The detector for frames `from ..< to` (rounded up to four; `ext` is padded): for each
    /// frame the largest of |p1|, |p2|, |p3| and |x[n − 8]| over the channels, four frames at a
    /// time (frames in the lanes; per phase the same two interleaved sums, in the same order,
    /// as a frame-by-frame evaluation), and from it the gain the frame needs, `target / peak`
    /// where the peak is over `target`, else 1.
    static func detect(
        _ ext: UnsafePointer<Float>, _ extStride: Int, _ channels: Int, from: Int, to: Int,
        _ s: UnsafePointer<SIMD4<Float>>, target: Float, into needs: UnsafeMutablePointer<Float>
    ) {
        var f = from
        while f < to {
            var best = SIMD4<Float>.zero
            for c in 0..<channels {
                let w = UnsafeRawPointer(ext + c * extStride + f)
                @inline(__always) func load(_ j: Int) -> SIMD4<Float> {
                    w.loadUnaligned(fromByteOffset: 4 * j, as: SIMD4<Float>.self)
                }
                let x0 = load(0), x1 = load(1)
                var a1 = s[0] * x0, b1 = s[1] * x1
                var a2 = s[16] * x0, b2 = s[17] * x1
                var a3 = s[32] * x0, b3 = s[33] * x1
                var j = 2
                while j < taps {
                    let u = load(j), v = load(j + 1)
                    a1 += s[j] * u; b1 += s[j + 1] * v
                    a2 += s[16 + j] * u; b2 += s[17 + j] * v
                    a3 += s[32 + j] * u; b3 += s[33 + j] * v
                    j += 2
                }
                @inline(__always) func keep(_ m: SIMD4<Float>) {
                    let magnitude = CompressorMath.magnitude(m)
                    best.replace(with: magnitude, where: magnitude .> best)
                }
                keep(a1 + b1); keep(a2 + b2); keep(a3 + b3); keep(load(taps - 1 - detectorDelay))
            }
            var need = SIMD4<Float>(repeating: 1)
            need.replace(with: SIMD4(repeating: target) / best, where: best .> SIMD4(repeating: target))
            UnsafeMutableRawPointer(needs + f).storeBytes(of: need, as: SIMD4<Float>.self)
            f += 4
        }
    }

    /// Frames checked at a time for being quiet.
    static let stretchFrames = 32

    /// The largest |x| of `count` samples (NaN is passed over, as `max` does), four lanes at a time.
    @inline(__always)
    static func largestMagnitude(_ x: UnsafePointer<Float>, _ count: Int) -> Float {
        @inline(__always) func magnitude(_ j: Int) -> SIMD4<Float> {
            CompressorMath.magnitude(UnsafeRawPointer(x + j).loadUnaligned(as: SIMD4<Float>.self))
        }
        var a = SIMD4<Float>.zero, b = SIMD4<Float>.zero
        var j = 0
        while j + 8 <= count {
            let p = magnitude(j), q = magnitude(j + 4)
            a.replace(with: p, where: p .> a)
            b.replace(with: q, where: q .> b)
            j += 8
        }
        a.replace(with: b, where: b .> a)
        var largest = max(max(a[0], a[1]), max(a[2], a[3]))
        while j < count { largest = max(largest, abs(x[j])); j += 1 }
        return largest
    }

    /// `count` samples into a ring of `size` (a power of two) from position `start`, wrapping.
    @inline(__always)
    static func ringWrite(
        _ ring: UnsafeMutablePointer<Float>, _ size: Int, at start: Int,
        from x: UnsafePointer<Float>, _ count: Int
    ) {
        let first = min(count, size - start)
        (ring + start).update(from: x, count: first)
        if first < count { ring.update(from: x + first, count: count - first) }
    }

    /// `count` samples out of a ring of `size` from position `start`, wrapping.
    @inline(__always)
    static func ringRead(
        _ ring: UnsafePointer<Float>, _ size: Int, at start: Int,
        into x: UnsafeMutablePointer<Float>, _ count: Int
    ) {
        let first = min(count, size - start)
        x.update(from: ring + start, count: first)
        if first < count { (x + first).update(from: ring, count: count - first) }
    }

    /// The meter's interpolator: prototype at offset 4(k − 8) + p, normalised per phase.
    static func design() -> [Float] {
        let l = 4, t = taps, centre = l * t / 2
        func i0(_ x: Double) -> Double { OversamplerHalfBand.besselI0(x) }
        func prototype(_ offset: Int) -> Double {
            if offset == 0 { return 1 }
            let x = Double(abs(offset))
            let arg = Double.pi * x / Double(l)
            let r = x / Double(centre)
            return Double.sin(arg) / arg * i0(4 * max(0, 1 - r * r).squareRoot()) / i0(4)
        }
        var result: [Float] = []
        for p in 1...3 {
            let h = (0..<t).map { k in prototype(l * (k - t / 2) + p) }
            let sum = h.reduce(0, +)
            result += h.map { Float($0 / sum) }
        }
        return result
    }

    public mutating func prepare(sampleRate: Double, channelCount: Int, maximumBlockFrames: Int) {
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        let minimum = Self.detectorDelay + 2 * Self.guardFrames + 1
        latencyFrames = max(minimum, Int((lookahead * sampleRate / 1000).rounded()))
        forward = latencyFrames - Self.detectorDelay
        boxLength = forward - Self.guardFrames + 1
        history = [Float](repeating: 0, count: channelCount * 2 * Self.taps)
        historyIndex = 0
        var size = 1
        // Room for a whole quiet stretch to be written before its delayed samples are read.
        while size < latencyFrames + 1 + Self.stretchFrames { size <<= 1 }
        delay = [Float](repeating: 0, count: channelCount * size)
        delayMask = size - 1
        written = 0
        var dequeSize = 1
        while dequeSize < forward + Self.guardFrames + 2 { dequeSize <<= 1 }
        dequeIndex = [Int](repeating: 0, count: dequeSize)
        dequeValue = [Float](repeating: 1, count: dequeSize)
        dequeMask = dequeSize - 1
        head = 0; tail = 0
        box = [Float](repeating: 1, count: boxLength)
        boxPosition = 0
        boxSum = Double(boxLength)
        boxBelowUnity = 0
        envelope = 1
    }

    @discardableResult
    public mutating func setParameter(_ name: String, to value: Double) -> Bool {
        switch name {
        case "ceiling": ceiling = value
        case "release": release = value
        case "lookahead": lookahead = value
        default: return false
        }
        return true
    }

    public mutating func process(_ block: inout AudioBuffer, sidechain: AudioBuffer?) {
        precondition(!delay.isEmpty, "prepare first")
        let frames = block.frameCount
        guard frames > 0 else { return }
        let channels = min(channelCount, block.channelCount)
        let stride = block.frameCapacity
        let target = Float(Double.pow(10, (ceiling - Self.safetyMargin) / 20))
        let releaseK = 1 - Double.exp(-1000 / (release * sampleRate))
        let taps = Self.taps
        let latency = latencyFrames, forward = self.forward, windowSpan = forward + Self.guardFrames
        let boxLength = self.boxLength, perBox = 1 / Double(boxLength)
        let delayStride = delayMask + 1, delayMask = self.delayMask
        let dequeMask = self.dequeMask
        var historyIndex = self.historyIndex
        var written = self.written
        var head = self.head, tail = self.tail
        var boxPosition = self.boxPosition, boxSum = self.boxSum, boxBelow = self.boxBelowUnity
        var envelope = self.envelope
        let scratchCount = channels * (frames + taps + 3) + frames + 4
        if detectorScratch.count < scratchCount { detectorScratch = [Float](repeating: 0, count: scratchCount) }
        block.withUnsafeMutableStorage { storage in
            history.withUnsafeMutableBufferPointer { historyBuffer in
                delay.withUnsafeMutableBufferPointer { delayBuffer in
                    dequeIndex.withUnsafeMutableBufferPointer { dIndex in
                        dequeValue.withUnsafeMutableBufferPointer { dValue in
                            box.withUnsafeMutableBufferPointer { boxBuffer in
                                splatTaps.withUnsafeBufferPointer { splatBuffer in
                                    detectorScratch.withUnsafeMutableBufferPointer { temp in
                                        let splat = splatBuffer.baseAddress!
                                        // Per channel, the 15 samples before the block and the block (and 3 zeros):
                                        // ext[c · extStride + 15 + n] = x[n]; then one need per frame.
                                        let extStride = frames + taps + 3
                                        let ext = temp.baseAddress!, needOf = ext + channels * extStride
                                        for c in 0..<channels {
                                            let e = ext + c * extStride
                                            let line = historyBuffer.baseAddress! + c * 2 * taps + historyIndex + 1
                                            for j in 0..<(taps - 1) { e[j] = line[j] }
                                            (e + taps - 1).update(
                                                from: storage.baseAddress! + c * stride, count: frames)
                                            for j in (taps - 1 + frames)..<extStride { e[j] = 0 }
                                        }
                                        // Frames are checked in stretches of 32: when the stretch and the 16 samples before
                                        // it stay under target / worstGain, no interpolated point can reach the target, so
                                        // the need is exactly 1 and the interpolator is skipped.
                                        let quiet = target / worstGain
                                        var stretchEnd = 0
                                        var fast = false
                                        var n = 0
                                        while n < frames {
                                            if n == stretchEnd {
                                                stretchEnd = min(frames, n + Self.stretchFrames)
                                                var loudest: Float = 0
                                                for c in 0..<channels {
                                                    // The 16 samples before the stretch: the history line at the block's
                                                    // start, then the block itself (ext holds it from 15 frames before).
                                                    let e = UnsafePointer(ext + c * extStride)
                                                    if n == 0 {
                                                        loudest = max(
                                                            loudest,
                                                            Self.largestMagnitude(
                                                                historyBuffer.baseAddress! + c * 2 * taps, taps))
                                                        loudest = max(
                                                            loudest, Self.largestMagnitude(e + taps - 1, stretchEnd))
                                                    } else {
                                                        loudest = max(
                                                            loudest,
                                                            Self.largestMagnitude(e + n - 1, stretchEnd - n + taps))
                                                    }
                                                }
                                                fast = loudest <= quiet
                                                if !fast {
                                                    Self.detect(
                                                        ext, extStride, channels, from: n, to: stretchEnd, splat,
                                                        target: target, into: needOf)
                                                }
                                                // Quiet and settled (gain exactly 1, nothing pending): every frame of the
                                                // stretch would push a need of 1 onto a deque holding only its last need
                                                // of 1, leave the envelope at 1 and add a 1 to a box of ones, so the
                                                // output is the delayed input; only the lines and positions move, and they
                                                // are moved a stretch at a time.
                                                if fast && envelope == 1 && boxBelow == 0 && tail &- head == 1
                                                    && dValue[head & dequeMask] == 1
                                                {
                                                    let count = stretchEnd - n
                                                    for c in 0..<channels {
                                                        let x = storage.baseAddress! + c * stride + n
                                                        let line = historyBuffer.baseAddress! + c * 2 * taps
                                                        for j in max(0, count - taps)..<count {
                                                            let h = (historyIndex + j) % taps
                                                            line[h] = x[j]
                                                            line[h + taps] = x[j]
                                                        }
                                                        // Into the delay line, then the delayed samples out of it (it holds
                                                        // the latency and a stretch, so nothing is overwritten before it is read).
                                                        let d = delayBuffer.baseAddress! + c * delayStride
                                                        Self.ringWrite(
                                                            d, delayStride, at: written & delayMask, from: x, count)
                                                        Self.ringRead(
                                                            d, delayStride, at: (written &- latency) & delayMask,
                                                            into: x, count)
                                                    }
                                                    historyIndex = (historyIndex + count) % taps
                                                    written += count
                                                    dIndex[head & dequeMask] = written - 1
                                                    boxPosition = (boxPosition + count) % boxLength
                                                    boxSum = Double(boxLength)
                                                    n = stretchEnd
                                                    continue
                                                }
                                            }
                                            // Detector: the peak around frame (written − 8), over both channels
                                            // (computed above for the stretch), and the lines.
                                            let need: Float = fast ? 1 : needOf[n]
                                            let samples = storage.baseAddress!, lines = historyBuffer.baseAddress!,
                                                delays = delayBuffer.baseAddress!
                                            for c in 0..<channels {
                                                let x = samples[c &* stride &+ n]
                                                let line = lines + c &* 2 &* taps
                                                line[historyIndex] = x
                                                line[historyIndex &+ taps] = x
                                                delays[c &* delayStride &+ (written & delayMask)] = x
                                            }
                                            historyIndex = historyIndex == taps - 1 ? 0 : historyIndex + 1
                                            // Running minimum over the last windowSpan + 1 needs.
                                            while tail != head && dValue[(tail - 1) & dequeMask] >= need { tail -= 1 }
                                            dIndex[tail & dequeMask] = written
                                            dValue[tail & dequeMask] = need
                                            tail += 1
                                            while dIndex[head & dequeMask] < written - windowSpan { head += 1 }
                                            let held = dValue[head & dequeMask]
                                            // Release: follow the held minimum from below.
                                            let heldGain = Double(held)
                                            if heldGain < envelope {
                                                envelope = heldGain
                                            } else if envelope != heldGain {
                                                envelope += releaseK * (heldGain - envelope)
                                                if heldGain - envelope < 1e-9 { envelope = heldGain }
                                            }
                                            // Moving average of the released gain.
                                            let old = boxBuffer[boxPosition]
                                            if old < 1 { boxBelow -= 1 }
                                            let stored = Float(envelope)
                                            if stored < 1 { boxBelow += 1 }
                                            boxSum += Double(stored) - Double(old)
                                            boxBuffer[boxPosition] = stored
                                            boxPosition = boxPosition + 1 == boxLength ? 0 : boxPosition + 1
                                            let gain: Float
                                            if boxBelow == 0 {
                                                boxSum = Double(boxLength)
                                                gain = 1
                                            } else {
                                                // the average (a product: a division would hold up every frame)
                                                gain = min(1, Float(boxSum * perBox))
                                            }
                                            for c in 0..<channels {
                                                let d = delayBuffer.baseAddress! + c &* delayStride
                                                storage[c &* stride &+ n] = d[(written &- latency) & delayMask] * gain
                                            }
                                            written += 1
                                            n += 1
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        self.historyIndex = historyIndex
        self.written = written
        self.head = head; self.tail = tail
        self.boxPosition = boxPosition; self.boxSum = boxSum; self.boxBelowUnity = boxBelow
        self.envelope = envelope
    }
}
