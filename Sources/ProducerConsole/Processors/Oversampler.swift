import RealModule

/// A linear-phase 2ˣ up/down sampler for one channel: a cascade of polyphase half-band
/// FIR stages (Kaiser-windowed sinc), used around non-linear processing (``Saturation``).
///
/// Stage 0 (base rate ↔ 2×) is 79 taps, β = 8.5: flat to 20 kHz at 48 kHz and ≥ 80 dB down
/// from 28 kHz, so harmonics above the base Nyquist frequency do not fold back. Later stages
/// only have to remove images far above the audio band and are shorter (27 and 15 taps).
/// Half the taps of a half-band filter are zero and one phase of each interpolator is a pure
/// delay, so only the non-zero taps are evaluated.
///
/// Each stage's delay is padded to a whole number of base-rate frames, so `upsample` followed
/// by `downsample` is a pure delay of exactly ``latencyFrames`` frames for band-limited input.
struct Oversampler: Sendable {
    /// The oversampling factor: 1 (bypass), 2, 4 or 8.
    let factor: Int
    /// The delay, in base-rate frames, of `upsample` followed by `downsample`.
    let latencyFrames: Int

    var stages: [OversamplerHalfBand]
    var scratchA: [Float] = []
    var scratchB: [Float] = []

    /// Half-lengths (odd) of the half-band prototype per stage, from the base rate up.
    static let halfLengths = [39, 13, 7]
    static let betas = [8.5, 8.0, 8.0]

    /// Makes an oversampler. `factor` is rounded to 1, 2, 4 or 8.
    init(factor: Int) {
        let f = factor >= 8 ? 8 : factor >= 4 ? 4 : factor >= 2 ? 2 : 1
        self.factor = f
        var stages: [OversamplerHalfBand] = []
        var latency = 0
        var s = 0
        while (1 << s) < f {
            // Pad the delay (in this stage's high-rate samples) to a multiple of 2^s, so that
            // up + down (2·delay high-rate samples) is whole base-rate frames.
            let n = Self.halfLengths[s]
            let unit = 1 << s
            let delay = (n + unit - 1) / unit * unit
            stages.append(OversamplerHalfBand(halfLength: n, beta: Self.betas[s], pad: delay - n))
            latency += delay / unit
            s += 1
        }
        self.stages = stages
        self.latencyFrames = latency
    }

    /// Allocates scratch space for blocks of up to `maximumFrames` base-rate frames and clears the state.
    mutating func prepare(maximumFrames: Int) {
        let size = max(1, maximumFrames) * factor
        scratchA = [Float](repeating: 0, count: size)
        scratchB = [Float](repeating: 0, count: size)
        reset()
    }

    /// Clears the filters' memory.
    mutating func reset() {
        for i in stages.indices { stages[i].reset() }
    }

    /// Interpolates `count` frames of `input` into `count · factor` frames of `output`.
    /// `count` must not exceed the `maximumFrames` given to ``prepare(maximumFrames:)``.
    mutating func upsample(_ input: UnsafePointer<Float>, count: Int, into output: UnsafeMutablePointer<Float>) {
        if stages.isEmpty { output.update(from: input, count: count); return }
        precondition(count * factor <= scratchA.count, "prepare(maximumFrames:) first")
        var a = scratchA; scratchA = []
        a.withUnsafeMutableBufferPointer { buffer in
            let tmp = buffer.baseAddress!
            var source = input
            var n = count
            for s in stages.indices {
                let last = s == stages.count - 1
                // Alternate between output and tmp so that the last stage lands in output.
                let remaining = stages.count - 1 - s
                let destination = last ? output : (remaining % 2 == 1 ? tmp : output)
                stages[s].upsample(source, count: n, into: destination)
                source = UnsafePointer(destination)
                n *= 2
            }
        }
        scratchA = a
    }

    /// Filters and decimates `count · factor` frames of `input` into `count` frames of `output`.
    /// `input` is used as scratch space and is overwritten.
    mutating func downsample(_ input: UnsafeMutablePointer<Float>, into output: UnsafeMutablePointer<Float>, count: Int)
    {
        if stages.isEmpty { output.update(from: input, count: count); return }
        precondition(count * factor <= scratchB.count, "prepare(maximumFrames:) first")
        var b = scratchB; scratchB = []
        b.withUnsafeMutableBufferPointer { buffer in
            let tmp = buffer.baseAddress!
            var source = input
            var n = count * factor
            for s in stages.indices.reversed() {
                let destination = s == 0 ? output : (source == tmp ? input : tmp)
                stages[s].downsample(source, count: n / 2, into: destination)
                source = destination
                n /= 2
            }
        }
        scratchB = b
    }
}

/// One half-band stage of ``Oversampler``: a 2× interpolator and a 2× decimator sharing a
/// prototype of `2·halfLength + 1` taps (delayed by `pad` extra samples), each with its memory.
struct OversamplerHalfBand: Sendable {
    /// Interpolator: output 2n + p = Σ coeff · x[n − offset], per phase p.
    let upOffsets: [[Int]]
    let upCoeffs: [[Float]]
    /// Decimator: y[n] = Σ coeff · v[2n − offset].
    let downOffsets: [Int]
    let downCoeffs: [Float]
    let upHistory: Int
    let downHistory: Int
    static let chunk = 512
    var upLine: [Float]
    var downLine: [Float]

    init(halfLength n: Int, beta: Double, pad: Int) {
        // Centred prototype h[k], k = −n…n: ½·sinc(k/2)·Kaiser; zero at even k ≠ 0.
        var h = [Double](repeating: 0, count: 2 * n + 1)
        let i0b = Self.besselI0(beta)
        var oddSum = 0.0
        for k in -n...n where k % 2 != 0 {
            let x = Double.pi * Double(k) / 2
            let r = Double(k) / Double(n + 1)
            let w = Self.besselI0(beta * max(0, 1 - r * r).squareRoot()) / i0b
            h[k + n] = Double.sin(x) / x * w
            oddSum += h[k + n]
        }
        // Odd taps sum to ½ and the centre is ½: both interpolator phases have unit DC gain.
        for k in -n...n where k % 2 != 0 { h[k + n] *= 0.5 / oddSum }
        h[n] = 0.5
        // Causal taps, delayed by `pad`.
        var causal = [Double](repeating: 0, count: pad)
        causal += h
        let length = causal.count
        var upOffsets: [[Int]] = [[], []], upCoeffs: [[Float]] = [[], []]
        var downOffsets: [Int] = [], downCoeffs: [Float] = []
        for j in 0..<length where causal[j] != 0 {
            upOffsets[j % 2].append(j / 2)
            upCoeffs[j % 2].append(Float(2 * causal[j]))
            downOffsets.append(j)
            downCoeffs.append(Float(causal[j]))
        }
        self.upOffsets = upOffsets
        self.upCoeffs = upCoeffs
        self.downOffsets = downOffsets
        self.downCoeffs = downCoeffs
        upHistory = (length - 1) / 2 + 1
        downHistory = length
        upLine = [Float](repeating: 0, count: upHistory + Self.chunk)
        downLine = [Float](repeating: 0, count: downHistory + 2 * Self.chunk)
    }

    mutating func reset() {
        upLine.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        downLine.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    /// `count` samples in, `2·count` out.
    mutating func upsample(_ input: UnsafePointer<Float>, count: Int, into output: UnsafeMutablePointer<Float>) {
        let hist = upHistory
        upLine.withUnsafeMutableBufferPointer { lineBuffer in
            let line = lineBuffer.baseAddress!
            upOffsets[0].withUnsafeBufferPointer { o0 in
                upOffsets[1].withUnsafeBufferPointer { o1 in
                    upCoeffs[0].withUnsafeBufferPointer { c0 in
                        upCoeffs[1].withUnsafeBufferPointer { c1 in
                            var done = 0
                            while done < count {
                                let n = min(Self.chunk, count - done)
                                (line + hist).update(from: input + done, count: n)
                                let out = output + 2 * done
                                for t in 0..<n {
                                    let base = line + hist + t
                                    var a: Float = 0, b: Float = 0
                                    for k in 0..<o0.count { a += c0[k] * base[-o0[k]] }
                                    for k in 0..<o1.count { b += c1[k] * base[-o1[k]] }
                                    out[2 * t] = a
                                    out[2 * t + 1] = b
                                }
                                line.update(from: line + n, count: hist)
                                done += n
                            }
                        }
                    }
                }
            }
        }
    }

    /// `2·count` samples in, `count` out.
    mutating func downsample(_ input: UnsafePointer<Float>, count: Int, into output: UnsafeMutablePointer<Float>) {
        let hist = downHistory
        downLine.withUnsafeMutableBufferPointer { lineBuffer in
            let line = lineBuffer.baseAddress!
            downOffsets.withUnsafeBufferPointer { offsets in
                downCoeffs.withUnsafeBufferPointer { coeffs in
                    var done = 0
                    while done < count {
                        let n = min(Self.chunk, count - done)
                        (line + hist).update(from: input + 2 * done, count: 2 * n)
                        for t in 0..<n {
                            let base = line + hist + 2 * t
                            var y: Float = 0
                            for k in 0..<offsets.count { y += coeffs[k] * base[-offsets[k]] }
                            output[done + t] = y
                        }
                        line.update(from: line + 2 * n, count: hist)
                        done += n
                    }
                }
            }
        }
    }

    /// The modified Bessel function of the first kind, order 0.
    static func besselI0(_ x: Double) -> Double {
        var sum = 1.0, term = 1.0, k = 1.0
        let q = x * x / 4
        while term > sum * 1e-17 {
            term *= q / (k * k)
            sum += term
            k += 1
        }
        return sum
    }
}
