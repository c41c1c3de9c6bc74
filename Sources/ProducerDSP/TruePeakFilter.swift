import RealModule

/// The 4× polyphase interpolating low-pass of ``TruePeakMeter``: a Kaiser-windowed sinc
/// (β = 4) of 64 taps, cut off at the input's Nyquist frequency, split into 4 phases of 16.
///
/// Phase 0 is then an exact delay of 8 samples (the input itself); phases 1–3 are normalised to
/// unit gain at 0 Hz. The response is flat to within 0.02 dB up to 20 kHz at 48 kHz and the
/// images are at least 45 dB down from 28 kHz on.
struct TruePeakFilter: Sendable {
    /// Interpolation factor.
    static let factor = 4
    /// Taps per phase (history of each channel: `tapsPerPhase − 1` samples).
    static let tapsPerPhase = 16
    /// The Kaiser window's β.
    static let beta = 4.0

    /// Phases 1, 2, 3 one after another, each in time-reversed order: output `j` of phase `p`
    /// is `Σ_m reversedTaps[(p − 1)·16 + m] · x[j − 15 + m]`.
    let reversedTaps: [Float]
    /// The same taps for the vectorised kernel: entry `3·m + (p − 1)` is tap `m` (time-reversed)
    /// of phase `p`, repeated in all 8 lanes.
    let splattedTaps: [SIMD8<Float>]
    /// The largest sum of |taps| over the four phases: no output exceeds the largest |input|
    /// within the last 16 samples times this.
    let worstPhaseGain: Float

    init() {
        let l = Self.factor, t = Self.tapsPerPhase
        let n = l * t
        let centre = n / 2
        var h = [Double](repeating: 0, count: n)
        let i0Beta = Self.besselI0(Self.beta)
        for m in 0..<n {
            let x = Double(m - centre)
            let arg = Double.pi * x / Double(l)
            let sinc = m == centre ? 1 : Double.sin(arg) / arg
            let r = x / Double(centre)
            let window = Self.besselI0(Self.beta * Swift.max(0, 1 - r * r).squareRoot()) / i0Beta
            h[m] = sinc * window
        }
        var taps: [Float] = []
        var worst = 1.0  // phase 0: a pure delay
        for p in 1..<l {
            let phase = (0..<t).map { h[p + l * $0] }
            let gain = phase.reduce(0, +)
            worst = Swift.max(worst, phase.reduce(0) { $0 + abs($1) } / abs(gain))
            taps += phase.reversed().map { Float($0 / gain) }
        }
        reversedTaps = taps
        var splatted: [SIMD8<Float>] = []
        for m in 0..<t {
            for p in 0..<(l - 1) { splatted.append(SIMD8(repeating: taps[p * t + m])) }
        }
        splattedTaps = splatted
        // Rounded up a little so the bound stays safe in Float arithmetic.
        worstPhaseGain = Float(worst * (1 + 1e-5))
    }

    /// The modified Bessel function of the first kind, order 0 (power series).
    static func besselI0(_ x: Double) -> Double {
        var sum = 1.0, term = 1.0
        let q = x * x / 4
        var k = 1.0
        while term > sum * 1e-17 {
            term *= q / (k * k)
            sum += term
            k += 1
        }
        return sum
    }
}
