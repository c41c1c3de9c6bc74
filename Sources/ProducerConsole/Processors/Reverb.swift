public import ProducerAudio
import RealModule

/// An algorithmic reverb: a 16-line feedback delay network (Jot & Chaigne 1991).
///
/// Sixteen delay lines of 17 … 49 ms (lengths set in milliseconds, so the sound is the same at
/// every sample rate) are mixed by a 16 × 16 Hadamard matrix (orthonormal, computed as a fast
/// Walsh–Hadamard transform). Line i of m_i frames has the gain g_i = 10^(−3·m_i / (T60·fs)),
/// so every mode of the network decays by 60 dB in T60 seconds. Damping puts Jot's one-pole
/// absorbent filter g_i(1 − b_i) / (1 − b_i z⁻¹) in each loop: unity at DC (the low-frequency
/// T60 is kept) and a high-frequency decay time shortened towards (1 − 0.8·damping)·T60.
///
/// The mono sum of the input, after the predelay, feeds the lines with a ±1 pattern; the left
/// and right outputs are two other, orthogonal ±1 patterns over the line outputs, so the tails
/// are decorrelated. The first non-zero wet sample of an impulse is at predelay + 17 ms
/// (the shortest line), rounded to whole frames.
///
/// Parameters (session names):
/// - `size`: 0 … 1, sets the decay time T60 = 0.2 s · 50^size (0.2 s … 10 s; 0.5 → 1.41 s).
///   Default 0.5.
/// - `decay`: T60 in seconds, 0.1 … 30; overrides `size` when positive (0 = use size). Default 0.
/// - `damping`: 0 … 1 (default 0.3).
/// - `predelay`: ms, 0 … 500, rounded to whole frames (default 0).
/// - `width`: stereo width of the wet signal, 0 (mono) … 1 (full) (default 1).
/// - `mix`: wet share, 0 … 1; 1 = all wet, for a return bus (default 1).
///
/// Mix and width are smoothed per sample (10 ms), the decay and damping per 32 frames
/// (50 ms), and the predelay is slewed at up to 0.2 frames per frame with linear
/// interpolation; a settled predelay is an exact whole-frame delay.
public struct Reverb: Processor {
    /// Room size, 0 … 1 (maps to T60 when `decay` is 0).
    public var size: Double { didSet { size = min(1, max(0, size)) } }
    /// T60 override, s (0 = use `size`; otherwise 0.1 … 30).
    public var decay: Double { didSet { decay = decay <= 0 ? 0 : min(30, max(0.1, decay)) } }
    /// High-frequency damping, 0 … 1.
    public var damping: Double { didSet { damping = min(1, max(0, damping)) } }
    /// Predelay, ms (0 … 500).
    public var predelay: Double { didSet { predelay = min(500, max(0, predelay)) } }
    /// Wet stereo width, 0 … 1.
    public var width: Double { didSet { width = min(1, max(0, width)) } }
    /// Wet share, 0 … 1.
    public var mix: Double { didSet { mix = min(1, max(0, mix)) } }

    /// The decay time asked for, seconds: `decay` when positive, else 0.2 · 50^size.
    public var t60: Double { decay > 0 ? decay : 0.2 * Double.pow(50, size) }

    /// 90 dB of decay (1.5 × T60), after the predelay and the network's first reflection.
    public var tailSeconds: Double { 1.5 * t60 + predelay / 1000 + 0.05 }

    /// Line lengths, ms.
    static let lengthsMs: [Double] = [
        17.3, 19.1, 21.7, 23.3, 25.9, 27.1, 29.9, 31.7,
        33.1, 35.9, 37.3, 39.7, 41.9, 43.7, 46.1, 48.5,
    ]
    static let lineCount = 16
    /// Input and output sign patterns (rows of a 16 × 16 Hadamard matrix, orthogonal).
    static func sign(_ row: Int, _ i: Int) -> Float {
        // Sylvester Hadamard: H[r][i] = (−1)^popcount(r & i).
        (row & i).nonzeroBitCount % 2 == 0 ? 1 : -1
    }

    var sampleRate = 48_000.0
    var channelCount = 0
    var lengths: [Int] = []
    var offsets: [Int] = []
    var positions: [Int] = []
    var lines: [Float] = []
    var gains = ReverbLanes()  // g_i (1 − b_i)
    var poles = ReverbLanes()  // b_i
    var filterState = ReverbLanes()
    var preLine: [Float] = []
    var preMask = 0
    var preWrite = 0
    var currentPredelay = 0.0
    var currentT60 = 1.0
    var currentDamping = 0.0
    var currentMix: Float = 1, currentWidth: Float = 1
    var smooth: Float = 1
    var blockSmooth = 1.0
    /// The longest pass: ``chunkFrames``, or the shortest line if that is shorter.
    var chunkLimit = 1

    /// Makes a reverb. See the type's documentation for the parameters and their ranges.
    public init(
        size: Double = 0.5, decay: Double = 0, damping: Double = 0.3,
        predelay: Double = 0, width: Double = 1, mix: Double = 1
    ) {
        self.size = min(1, max(0, size))
        self.decay = decay <= 0 ? 0 : min(30, max(0.1, decay))
        self.damping = min(1, max(0, damping))
        self.predelay = min(500, max(0, predelay))
        self.width = min(1, max(0, width))
        self.mix = min(1, max(0, mix))
    }

    /// The line lengths in frames at a sample rate.
    public static func lineLengths(sampleRate: Double) -> [Int] {
        lengthsMs.map { Int(($0 * sampleRate / 1000).rounded()) }
    }

    public mutating func prepare(sampleRate: Double, channelCount: Int, maximumBlockFrames: Int) {
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        lengths = Self.lineLengths(sampleRate: sampleRate)
        offsets = []
        var total = 0
        for m in lengths { offsets.append(total); total += m }
        chunkLimit = max(1, min(Self.chunkFrames, lengths.min() ?? 1))
        lines = [Float](repeating: 0, count: total)
        positions = [Int](repeating: 0, count: Self.lineCount)
        filterState = ReverbLanes()
        var size = 1
        // The longest predelay and a pass: a pass's input is written before its reads.
        while size < Int(0.5 * sampleRate) + 4 + Self.chunkFrames { size <<= 1 }
        preLine = [Float](repeating: 0, count: size)
        preMask = size - 1
        preWrite = 0
        currentPredelay = predelayFrames
        currentT60 = t60
        currentDamping = damping
        currentMix = Float(mix)
        currentWidth = Float(width)
        smooth = Float(1 - Double.exp(-1 / (0.010 * sampleRate)))
        blockSmooth = 1 - Double.exp(-32 / (0.050 * sampleRate))
        updateLoopFilters()
    }

    var predelayFrames: Double { (predelay * sampleRate / 1000).rounded() }

    mutating func updateLoopFilters() {
        let alpha = 1 - 0.8 * currentDamping
        let shape = 1 - 1 / (alpha * alpha)
        for (i, m) in lengths.enumerated() {
            let g = Double.pow(10, -3 * Double(m) / (currentT60 * sampleRate))
            let b = min(0.9, max(0, Double.log(10) / 4 * Double.log10(g) * shape))
            gains[i] = Float(g * (1 - b))
            poles[i] = Float(b)
        }
    }

    @discardableResult
    public mutating func setParameter(_ name: String, to value: Double) -> Bool {
        switch name {
        case "size": size = value
        case "decay": decay = value
        case "damping": damping = value
        case "predelay": predelay = value
        case "width": width = value
        case "mix": mix = value
        default: return false
        }
        return true
    }

    public mutating func process(_ block: inout AudioBuffer, sidechain: AudioBuffer?) {
        precondition(!lines.isEmpty, "prepare first")
        let frames = block.frameCount
        guard frames > 0 else { return }
        let stereo = channelCount >= 2 && block.channelCount >= 2
        let stride = block.frameCapacity
        var lines = self.lines; self.lines = []
        var preLine = self.preLine; self.preLine = []
        block.withUnsafeMutableStorage { storage in
            lines.withUnsafeMutableBufferPointer { lineBuffer in
                preLine.withUnsafeMutableBufferPointer { preBuffer in
                    withUnsafeTemporaryAllocation(of: SIMD4<Float>.self, capacity: Self.scratchVectors) { scratch in
                        let left = storage.baseAddress!
                        let right = stereo ? left + stride : left
                        var done = 0
                        while done < frames {
                            // Per 32 frames: decay and damping towards their targets.
                            let targetT60 = t60, targetDamping = damping
                            var n = min(chunkLimit, frames - done)
                            if currentT60 != targetT60 || currentDamping != targetDamping {
                                n = min(32, frames - done, chunkLimit)
                                currentT60 += (targetT60 - currentT60) * blockSmooth
                                currentDamping += (targetDamping - currentDamping) * blockSmooth
                                if abs(currentT60 - targetT60) < 1e-6 * targetT60 { currentT60 = targetT60 }
                                if abs(currentDamping - targetDamping) < 1e-6 { currentDamping = targetDamping }
                                updateLoopFilters()
                            }
                            run(
                                left + done, right + done, stereo, n, lineBuffer.baseAddress!, preBuffer.baseAddress!,
                                scratch.baseAddress!)
                            done += n
                        }
                    }
                }
            }
        }
        self.lines = lines
        self.preLine = preLine
    }

    /// Frames per pass while the decay is settled (at most the shortest line, so that no line
    /// is read after being written within a pass).
    static let chunkFrames = 128
    /// The scratch of a pass, in vectors: the line outputs and inputs (16 per frame), the sums
    /// of the line outputs (one vector per frame) and the predelayed input (one per frame).
    static let scratchVectors = 4 * chunkFrames + chunkFrames + chunkFrames / 4

    /// The transpose of four vectors seen as the rows of a 4 × 4 matrix. Out of line in the
    /// network's loop: inlined there, the compiler moves the shuffles back through the loop's
    /// lane-wise arithmetic, up to the filter state carried from frame to frame, and the loop
    /// grows by half.
    @inline(never)
    static func transpose(
        _ r0: SIMD4<Float>, _ r1: SIMD4<Float>, _ r2: SIMD4<Float>, _ r3: SIMD4<Float>
    ) -> (SIMD4<Float>, SIMD4<Float>, SIMD4<Float>, SIMD4<Float>) {
        transposeInline(r0, r1, r2, r3)
    }

    /// ``transpose(_:_:_:_:)`` inlined, for the loops that only move samples between the lines and the network.
    @inline(__always)
    static func transposeInline(
        _ r0: SIMD4<Float>, _ r1: SIMD4<Float>, _ r2: SIMD4<Float>, _ r3: SIMD4<Float>
    ) -> (SIMD4<Float>, SIMD4<Float>, SIMD4<Float>, SIMD4<Float>) {
        let a = SIMD4(lowHalf: r0.lowHalf, highHalf: r1.lowHalf), b = SIMD4(lowHalf: r2.lowHalf, highHalf: r3.lowHalf)
        let c = SIMD4(lowHalf: r0.highHalf, highHalf: r1.highHalf),
            d = SIMD4(lowHalf: r2.highHalf, highHalf: r3.highHalf)
        return (
            SIMD4(lowHalf: a.evenHalf, highHalf: b.evenHalf), SIMD4(lowHalf: a.oddHalf, highHalf: b.oddHalf),
            SIMD4(lowHalf: c.evenHalf, highHalf: d.evenHalf), SIMD4(lowHalf: c.oddHalf, highHalf: d.oddHalf)
        )
    }

    /// Four lines (`from`, `from + stride`, …): where each is read or written now, and how many
    /// of the next `count` frames come before its end.
    @inline(__always)
    private func lineGroup(
        _ base: UnsafeMutablePointer<Float>, _ count: Int, stride: Int, from: Int
    )
        -> (FourLines, SIMD4<Int>)
    {
        var lines = FourLines(base), firsts = SIMD4<Int>.zero
        for k in 0..<4 {
            let i = from &+ stride &* k, p = positions[i]
            lines[k] = base + offsets[i] + p
            firsts[k] = min(count, lengths[i] - p)
        }
        return (lines, firsts)
    }

    /// `count` frames (at most ``chunkFrames``): the line outputs are read into `scratch`
    /// (frame-major, 16 per frame), the network runs frame by frame on vectors of four lines,
    /// and the new line inputs are written back.
    mutating func run(
        _ left: UnsafeMutablePointer<Float>, _ right: UnsafeMutablePointer<Float>, _ stereo: Bool, _ count: Int,
        _ base: UnsafeMutablePointer<Float>, _ preLine: UnsafeMutablePointer<Float>,
        _ scratch: UnsafeMutablePointer<SIMD4<Float>>
    ) {
        let n = Self.lineCount
        let k = smooth
        let targetMix = Float(mix), targetWidth = Float(width)
        let targetPre = predelayFrames
        var mixValue = currentMix, widthValue = currentWidth
        var pre = currentPredelay
        var preW = preWrite
        // Settled mix, width and predelay stay exactly where they are: the per-frame smoothing
        // is skipped (it would leave them unchanged) and the predelay's split is computed once.
        let settled = mixValue == targetMix && widthValue == targetWidth && pre == targetPre
        var whole = Int(pre)
        var frac = Float(pre - Double(whole))
        let preMask = self.preMask
        let inputScale: Float = 0.25, outputScale: Float = 0.25
        let flat = UnsafeMutableRawPointer(scratch).assumingMemoryBound(to: Float.self)
        // 1. Gather: flat[t·16 + i] = line i's output at frame t. Four lines and four frames
        // at a time (four loads, a transpose, four stores) up to the first line's wrap, then
        // frame by frame.
        for a in 0..<4 {
            let (lines, firsts) = lineGroup(base, count, stride: 1, from: 4 &* a)
            let together = firsts.min() & ~3
            var t = 0
            while t < together {
                let (c0, c1, c2, c3) = Self.transposeInline(
                    UnsafeRawPointer(lines[0] + t).loadUnaligned(as: SIMD4<Float>.self),
                    UnsafeRawPointer(lines[1] + t).loadUnaligned(as: SIMD4<Float>.self),
                    UnsafeRawPointer(lines[2] + t).loadUnaligned(as: SIMD4<Float>.self),
                    UnsafeRawPointer(lines[3] + t).loadUnaligned(as: SIMD4<Float>.self))
                scratch[4 &* t &+ a] = c0
                scratch[4 &* (t &+ 1) &+ a] = c1
                scratch[4 &* (t &+ 2) &+ a] = c2
                scratch[4 &* (t &+ 3) &+ a] = c3
                t &+= 4
            }
            for b in 0..<4 {
                let i = 4 &* a &+ b, line = lines[b], first = firsts[b]
                for t in together..<first { flat[t &* n &+ i] = line[t] }
                if first < count { for t in first..<count { flat[t &* n &+ i] = line[t &- first &- positions[i]] } }
            }
        }
        // Sign patterns (rows 1, 2 and 3 of the Hadamard matrix repeat every four lines).
        let signL = SIMD4<Float>(1, -1, 1, -1), signR = SIMD4<Float>(1, 1, -1, -1)
        let signIn = SIMD4<Float>(1, -1, -1, 1)
        let g0 = gains.a0, g1 = gains.a1, g2 = gains.a2, g3 = gains.a3
        let b0 = poles.a0, b1 = poles.a1, b2 = poles.a2, b3 = poles.a3
        var f0 = filterState.a0, f1 = filterState.a1, f2 = filterState.a2, f3 = filterState.a3
        // 2. The network, frame by frame. Settled, the predelay is taken for the whole pass
        // first and the outputs after, four frames at a time (the same arithmetic per frame).
        if settled {
            let sums = scratch + 4 &* Self.chunkFrames
            let delayedInput = UnsafeMutableRawPointer(sums + Self.chunkFrames).assumingMemoryBound(to: Float.self)
            // 2a. Predelay: the pass's input into the line (the line holds the longest predelay
            // and a pass, so nothing read here is overwritten first), then read `pre` frames back.
            for t in 0..<count {
                let inL = left[t], inR = right[t]
                preLine[(preW &+ t) & preMask] = stereo ? 0.5 * (inL + inR) : inL
            }
            for t in 0..<count {
                let w = preW &+ t
                let x1 = preLine[(w &- whole) & preMask], x2 = preLine[(w &- whole &- 1) & preMask]
                delayedInput[t] = (x1 + frac * (x2 - x1)) * inputScale
            }
            preW = (preW &+ count) & preMask
            // 2b. The lines.
            for t in 0..<count {
                let row = scratch + 4 &* t
                let o0 = row[0], o1 = row[1], o2 = row[2], o3 = row[3]
                sums[t] = (o0 + o1) + (o2 + o3)
                f0 = g0 * o0 + b0 * f0
                f1 = g1 * o1 + b1 * f1
                f2 = g2 * o2 + b2 * f2
                f3 = g3 * o3 + b3 * f3
                let e0 = f0 + f1, e1 = f0 - f1, e2 = f2 + f3, e3 = f2 - f3
                let z0 = e0 + e2, z1 = e1 + e3, z2 = e0 - e2, z3 = e1 - e3
                let (t0, t1, t2, t3) = Self.transpose(z0, z1, z2, z3)
                let p0 = t0 + t2, p1 = t1 + t3, m0 = t0 - t2, m1 = t1 - t3
                let feed = signIn * delayedInput[t]
                row[0] = 0.25 * (p0 + p1) + SIMD4(repeating: feed[0])
                row[1] = 0.25 * (p0 - p1) + SIMD4(repeating: feed[1])
                row[2] = 0.25 * (m0 + m1) + SIMD4(repeating: feed[2])
                row[3] = 0.25 * (m0 - m1) + SIMD4(repeating: feed[3])
            }
            // 2c. The outputs, four frames in the lanes: the sums' lanes signed and added in
            // the order `(sum · sign).sum()` adds them (0 + s0 ∓ s1 …), then width and mix.
            let a = 0.5 * (1 + widthValue), c = 0.5 * (1 - widthValue)
            var t = 0
            while t + 4 <= count {
                let (s0, s1, s2, s3) = Self.transposeInline(sums[t], sums[t &+ 1], sums[t &+ 2], sums[t &+ 3])
                let wetL = ((((SIMD4<Float>.zero + s0) - s1) + s2) - s3) * outputScale
                let wetR = ((((SIMD4<Float>.zero + s0) + s1) - s2) - s3) * outputScale
                let outL = a * wetL + c * wetR, outR = c * wetL + a * wetR
                let inL = UnsafeRawPointer(left + t).loadUnaligned(as: SIMD4<Float>.self)
                UnsafeMutableRawPointer(left + t).storeBytes(
                    of: (1 - mixValue) * inL + mixValue * outL, as: SIMD4<Float>.self)
                if stereo {
                    let inR = UnsafeRawPointer(right + t).loadUnaligned(as: SIMD4<Float>.self)
                    UnsafeMutableRawPointer(right + t).storeBytes(
                        of: (1 - mixValue) * inR + mixValue * outR, as: SIMD4<Float>.self)
                }
                t &+= 4
            }
            while t < count {
                let os = sums[t]
                let wetL = (os * signL).sum() * outputScale, wetR = (os * signR).sum() * outputScale
                let outL = a * wetL + c * wetR, outR = c * wetL + a * wetR
                let inL = left[t], inR = right[t]
                left[t] = (1 - mixValue) * inL + mixValue * outL
                if stereo { right[t] = (1 - mixValue) * inR + mixValue * outR }
                t &+= 1
            }
        } else {
            for t in 0..<count {
                mixValue += k * (targetMix - mixValue)
                widthValue += k * (targetWidth - widthValue)
                let diff = targetPre - pre
                pre = abs(diff) < 1e-4 ? targetPre : pre + min(0.2, max(-0.2, diff * 0.002))
                whole = Int(pre)
                frac = Float(pre - Double(whole))
                let inL = left[t], inR = right[t]
                let input = stereo ? 0.5 * (inL + inR) : inL
                // Predelay: write, then read `pre` frames back (linear interpolation).
                preLine[preW] = input
                let x1 = preLine[(preW &- whole) & preMask], x2 = preLine[(preW &- whole &- 1) & preMask]
                let delayed = (x1 + frac * (x2 - x1)) * inputScale
                preW = (preW &+ 1) & preMask
                // Line outputs through the absorbent filters.
                let row = scratch + 4 &* t
                let o0 = row[0], o1 = row[1], o2 = row[2], o3 = row[3]
                let os = (o0 + o1) + (o2 + o3)
                var wetL = (os * signL).sum(), wetR = (os * signR).sum()
                f0 = g0 * o0 + b0 * f0
                f1 = g1 * o1 + b1 * f1
                f2 = g2 * o2 + b2 * f2
                f3 = g3 * o3 + b3 * f3
                // Fast Walsh–Hadamard transform (orthonormal: ÷4), then feed back. Lines 4a + b are
                // vector a, lane b: the transform across the vectors, a transpose, the transform
                // across the vectors again (the same sums as within them), so the new inputs come
                // out transposed: vector b holds lines b, 4 + b, 8 + b, 12 + b (the scatter
                // below knows).
                let e0 = f0 + f1, e1 = f0 - f1, e2 = f2 + f3, e3 = f2 - f3
                let z0 = e0 + e2, z1 = e1 + e3, z2 = e0 - e2, z3 = e1 - e3
                let (t0, t1, t2, t3) = Self.transpose(z0, z1, z2, z3)
                let p0 = t0 + t2, p1 = t1 + t3, m0 = t0 - t2, m1 = t1 - t3
                let feed = signIn * delayed
                row[0] = 0.25 * (p0 + p1) + SIMD4(repeating: feed[0])
                row[1] = 0.25 * (p0 - p1) + SIMD4(repeating: feed[1])
                row[2] = 0.25 * (m0 + m1) + SIMD4(repeating: feed[2])
                row[3] = 0.25 * (m0 - m1) + SIMD4(repeating: feed[3])
                wetL *= outputScale
                wetR *= outputScale
                let a = 0.5 * (1 + widthValue), c = 0.5 * (1 - widthValue)
                let outL = a * wetL + c * wetR, outR = c * wetL + a * wetR
                left[t] = (1 - mixValue) * inL + mixValue * outL
                if stereo { right[t] = (1 - mixValue) * inR + mixValue * outR }
            }
        }
        filterState = ReverbLanes(a0: f0, a1: f1, a2: f2, a3: f3)
        // 3. Scatter the new line inputs back (line 4a + b from flat[t·16 + 4b + a]: vector b
        // of frame t holds lines b, 4 + b, 8 + b and 12 + b), four frames at a time up to the
        // first of those lines' wraps, then frame by frame; and advance.
        for b in 0..<4 {
            let (lines, firsts) = lineGroup(base, count, stride: 4, from: b)
            let together = firsts.min() & ~3
            var t = 0
            while t < together {
                let (l0, l1, l2, l3) = Self.transposeInline(
                    scratch[4 &* t &+ b], scratch[4 &* (t &+ 1) &+ b],
                    scratch[4 &* (t &+ 2) &+ b], scratch[4 &* (t &+ 3) &+ b])
                UnsafeMutableRawPointer(lines[0] + t).storeBytes(of: l0, as: SIMD4<Float>.self)
                UnsafeMutableRawPointer(lines[1] + t).storeBytes(of: l1, as: SIMD4<Float>.self)
                UnsafeMutableRawPointer(lines[2] + t).storeBytes(of: l2, as: SIMD4<Float>.self)
                UnsafeMutableRawPointer(lines[3] + t).storeBytes(of: l3, as: SIMD4<Float>.self)
                t &+= 4
            }
            for a in 0..<4 {
                let i = 4 &* a &+ b, line = lines[a], first = firsts[a]
                let slot = 4 &* b &+ a
                for t in together..<first { line[t] = flat[t &* n &+ slot] }
                if first < count { for t in first..<count { line[t &- first &- positions[i]] = flat[t &* n &+ slot] } }
            }
        }
        for i in 0..<n {
            let next = positions[i] + count
            positions[i] = next >= lengths[i] ? next - lengths[i] : next
        }
        currentMix = abs(mixValue - targetMix) < 1e-6 ? targetMix : mixValue
        currentWidth = abs(widthValue - targetWidth) < 1e-6 ? targetWidth : widthValue
        currentPredelay = pre
        preWrite = preW
    }
}

/// Four positions in the delay lines, without an array's allocation.
struct FourLines {
    var p0, p1, p2, p3: UnsafeMutablePointer<Float>
    init(_ p: UnsafeMutablePointer<Float>) { p0 = p; p1 = p; p2 = p; p3 = p }
    subscript(k: Int) -> UnsafeMutablePointer<Float> {
        get { k == 0 ? p0 : k == 1 ? p1 : k == 2 ? p2 : p3 }
        set {
            switch k {
            case 0: p0 = newValue;
            case 1: p1 = newValue;
            case 2: p2 = newValue;
            default: p3 = newValue
            }
        }
    }
}

/// Sixteen `Float` values, one per delay line, as four vectors of four lines.
struct ReverbLanes: Sendable {
    var a0 = SIMD4<Float>.zero, a1 = SIMD4<Float>.zero, a2 = SIMD4<Float>.zero, a3 = SIMD4<Float>.zero

    subscript(i: Int) -> Float {
        get {
            switch i >> 2 {
            case 0: return a0[i & 3]
            case 1: return a1[i & 3]
            case 2: return a2[i & 3]
            default: return a3[i & 3]
            }
        }
        set {
            switch i >> 2 {
            case 0: a0[i & 3] = newValue
            case 1: a1[i & 3] = newValue
            case 2: a2[i & 3] = newValue
            default: a3[i & 3] = newValue
            }
        }
    }
}
