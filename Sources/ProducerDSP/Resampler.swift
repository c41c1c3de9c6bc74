import RealModule

/// Sample-rate conversion by a rational ratio L/M (48000 → 44100 is 147/160) with a polyphase
/// Kaiser-windowed sinc.
///
/// The prototype low-pass passes up to ``passband`` Hz (20 kHz, or 0.45 of the lower rate when
/// that is less) and stops from the lower rate minus the passband edge, so that whatever folds
/// over lands above the passband; the Kaiser window (β for ``stopbandAttenuation`` dB) sets the
/// rejection there. Each of the L phases is normalised to unit gain at DC. Output sample m sits
/// at input time m·M/L; its phase is (m·M) mod L, so the whole file is converted by dot
/// products of `tapsPerPhase` samples, without any rounding of time.
///
/// The output is aligned with the input (the filter is symmetric and centred), and a file of n
/// frames becomes ⌈n·L/M⌉ frames.
public struct Resampler: Sendable {
    /// The input and output rates, Hz.
    public let inputRate: Double, outputRate: Double
    /// The ratio in lowest terms: L output samples for every M input samples.
    public let up: Int, down: Int
    /// The passband edge, Hz.
    public let passband: Double
    /// The stopband rejection the window is designed for, dB.
    public static let stopbandAttenuation = 110.0
    /// Taps per phase (a multiple of 16).
    public let tapsPerPhase: Int
    /// Phase p's taps at `p * tapsPerPhase`: tap j multiplies x[n0 − half + 1 + j].
    let table: [Float]

    /// Designs a converter.
    /// - Precondition: both rates are whole numbers of hertz, 1000 … 768000.
    public init(from inputRate: Double, to outputRate: Double) {
        precondition(inputRate >= 1000 && outputRate >= 1000 && inputRate <= 768_000 && outputRate <= 768_000)
        let a = Int(inputRate.rounded()), b = Int(outputRate.rounded())
        var x = a, y = b
        while y != 0 { (x, y) = (y, x % y) }
        self.inputRate = inputRate
        self.outputRate = outputRate
        up = b / x
        down = a / x
        let lower = min(inputRate, outputRate)
        let pass = min(20_000, 0.45 * lower)
        passband = pass
        let stop = lower - pass
        let cutoff = (pass + stop) / 2
        let transition = (stop - pass) / inputRate
        let attenuation = Self.stopbandAttenuation
        let beta = 0.1102 * (attenuation - 8.7)
        var taps = Int(((attenuation - 7.95) / (14.36 * transition)).rounded(.up)) + 1
        taps = (taps + 15) / 16 * 16  // whole SIMD16 steps
        tapsPerPhase = taps
        let half = taps / 2
        let fc = 2 * cutoff / inputRate
        func bessel(_ x: Double) -> Double {
            var sum = 1.0, term = 1.0, k = 1.0
            while term > 1e-12 * sum {
                term *= (x / (2 * k)) * (x / (2 * k))
                sum += term
                k += 1
            }
            return sum
        }
        let norm = bessel(beta)
        var table = [Float](repeating: 0, count: up * taps)
        for p in 0..<up {
            let frac = Double(p) / Double(up)
            var h = [Double](repeating: 0, count: taps)
            for j in 0..<taps {
                let t = Double(j - half + 1) - frac
                let r = t / Double(half)
                let w = abs(r) >= 1 ? 0 : bessel(beta * (1 - r * r).squareRoot()) / norm
                let s = t == 0 ? 1 : Double.sin(Double.pi * fc * t) / (Double.pi * fc * t)
                h[j] = fc * s * w
            }
            let sum = h.reduce(0, +)
            for j in 0..<taps { table[p * taps + j] = Float(h[j] / sum) }
        }
        self.table = table
    }

    /// The number of output frames for `frames` input frames.
    public func outputCount(_ frames: Int) -> Int { (frames * up + down - 1) / down }

    /// Converts one channel.
    public func process(_ input: [Float]) -> [Float] {
        let n = input.count, taps = tapsPerPhase, half = taps / 2
        let count = outputCount(n)
        guard count > 0 else { return [] }
        // The input with `half` zeros before and `taps` after, so every window is in range.
        var padded = [Float](repeating: 0, count: n + half + taps + 8)
        padded.withUnsafeMutableBufferPointer { p in
            input.withUnsafeBufferPointer { x in (p.baseAddress! + half).update(from: x.baseAddress!, count: n) }
        }
        var output = [Float](repeating: 0, count: count)
        let up = self.up, down = self.down
        padded.withUnsafeBufferPointer { xp in
            table.withUnsafeBufferPointer { tp in
                output.withUnsafeMutableBufferPointer { yp in
                    let x = xp.baseAddress!, t = tp.baseAddress!, y = yp.baseAddress!
                    var n0 = 0, phase = 0
                    for m in 0..<count {
                        // x[n0 − half + 1 + j] is padded[n0 + 1 + j].
                        let w = UnsafeRawPointer(x + n0 + 1)
                        let h = UnsafeRawPointer(t + phase * taps)
                        var a = SIMD8<Float>.zero, b = SIMD8<Float>.zero
                        var j = 0
                        while j + 16 <= taps {
                            a +=
                                w.loadUnaligned(fromByteOffset: 4 * j, as: SIMD8<Float>.self)
                                * h.loadUnaligned(fromByteOffset: 4 * j, as: SIMD8<Float>.self)
                            b +=
                                w.loadUnaligned(fromByteOffset: 4 * j + 32, as: SIMD8<Float>.self)
                                * h.loadUnaligned(fromByteOffset: 4 * j + 32, as: SIMD8<Float>.self)
                            j += 16
                        }
                        var sum = (a + b).sum()
                        while j < taps {
                            sum += x[n0 + 1 + j] * t[phase * taps + j]
                            j += 1
                        }
                        y[m] = sum
                        phase += down
                        while phase >= up { phase -= up; n0 += 1 }
                    }
                }
            }
        }
        return output
    }
}
