public import ProducerDSP
import RealModule

/// Second-order filter designs from Robert Bristow-Johnson's *Audio EQ Cookbook*, and
/// Butterworth cascades of them for steeper high- and low-pass slopes.
///
/// With `A = 10^(gain/40)`, `w0 = 2π·f0/fs` and `α = sin(w0)/(2Q)`, each function returns the
/// cookbook's coefficients divided through by `a0`. Frequencies are in Hz and must lie strictly
/// between 0 and the Nyquist frequency; gains are in dB; `q` is positive.
public enum FilterDesign {
    /// Slopes, in dB per octave, that ``highPass(frequency:slope:sampleRate:)`` and
    /// ``lowPass(frequency:slope:sampleRate:)`` build: 12, 24, 36 and 48.
    public static let slopes = [12, 24, 36, 48]

    /// A second-order low-pass (−12 dB/octave); `q` = 1/√2 is Butterworth.
    public static func lowPass(
        frequency: Double, q: Double = 0.5.squareRoot(), sampleRate: Double
    ) -> BiquadCoefficients {
        let (cosW, alpha) = omega(frequency, q, sampleRate)
        let b1 = 1 - cosW
        return BiquadCoefficients(b0: b1 / 2, b1: b1, b2: b1 / 2, a0: 1 + alpha, a1: -2 * cosW, a2: 1 - alpha)
    }

    /// A second-order high-pass (−12 dB/octave); `q` = 1/√2 is Butterworth.
    public static func highPass(
        frequency: Double, q: Double = 0.5.squareRoot(), sampleRate: Double
    ) -> BiquadCoefficients {
        let (cosW, alpha) = omega(frequency, q, sampleRate)
        let b1 = -(1 + cosW)
        return BiquadCoefficients(b0: -b1 / 2, b1: b1, b2: -b1 / 2, a0: 1 + alpha, a1: -2 * cosW, a2: 1 - alpha)
    }

    /// A band-pass with a constant 0 dB peak at `frequency`; `q` sets the bandwidth.
    public static func bandPass(frequency: Double, q: Double, sampleRate: Double) -> BiquadCoefficients {
        let (cosW, alpha) = omega(frequency, q, sampleRate)
        return BiquadCoefficients(b0: alpha, b1: 0, b2: -alpha, a0: 1 + alpha, a1: -2 * cosW, a2: 1 - alpha)
    }

    /// A notch (band-reject) at `frequency`; `q` sets the width.
    public static func notch(frequency: Double, q: Double, sampleRate: Double) -> BiquadCoefficients {
        let (cosW, alpha) = omega(frequency, q, sampleRate)
        return BiquadCoefficients(b0: 1, b1: -2 * cosW, b2: 1, a0: 1 + alpha, a1: -2 * cosW, a2: 1 - alpha)
    }

    /// A peaking (bell) band: `gain` dB at `frequency`, 0 dB far from it. 0 dB gain is the identity.
    public static func peak(frequency: Double, gain: Double, q: Double, sampleRate: Double) -> BiquadCoefficients {
        let a = Double.pow(10, gain / 40)
        let (cosW, alpha) = omega(frequency, q, sampleRate)
        return BiquadCoefficients(
            b0: 1 + alpha * a, b1: -2 * cosW, b2: 1 - alpha * a,
            a0: 1 + alpha / a, a1: -2 * cosW, a2: 1 - alpha / a)
    }

    /// A low shelf: `gain` dB below `frequency` (the midpoint of the shelf, at half the gain in dB),
    /// 0 dB above. `q` = 1/√2 is the steepest shelf without overshoot (the cookbook's S = 1).
    public static func lowShelf(
        frequency: Double, gain: Double, q: Double = 0.5.squareRoot(), sampleRate: Double
    ) -> BiquadCoefficients {
        let a = Double.pow(10, gain / 40)
        let (cosW, alpha) = omega(frequency, q, sampleRate)
        let k = 2 * a.squareRoot() * alpha
        return BiquadCoefficients(
            b0: a * ((a + 1) - (a - 1) * cosW + k),
            b1: 2 * a * ((a - 1) - (a + 1) * cosW),
            b2: a * ((a + 1) - (a - 1) * cosW - k),
            a0: (a + 1) + (a - 1) * cosW + k,
            a1: -2 * ((a - 1) + (a + 1) * cosW),
            a2: (a + 1) + (a - 1) * cosW - k)
    }

    /// A low shelf with the cookbook's shelf slope `S` (1 = steepest without overshoot) instead of `Q`.
    public static func lowShelf(
        frequency: Double, gain: Double, shelfSlope: Double, sampleRate: Double
    ) -> BiquadCoefficients {
        lowShelf(
            frequency: frequency, gain: gain, q: shelfQ(gain: gain, shelfSlope: shelfSlope), sampleRate: sampleRate)
    }

    /// A high shelf: `gain` dB above `frequency` (the midpoint of the shelf), 0 dB below.
    public static func highShelf(
        frequency: Double, gain: Double, q: Double = 0.5.squareRoot(), sampleRate: Double
    ) -> BiquadCoefficients {
        let a = Double.pow(10, gain / 40)
        let (cosW, alpha) = omega(frequency, q, sampleRate)
        let k = 2 * a.squareRoot() * alpha
        return BiquadCoefficients(
            b0: a * ((a + 1) + (a - 1) * cosW + k),
            b1: -2 * a * ((a - 1) + (a + 1) * cosW),
            b2: a * ((a + 1) + (a - 1) * cosW - k),
            a0: (a + 1) - (a - 1) * cosW + k,
            a1: 2 * ((a - 1) - (a + 1) * cosW),
            a2: (a + 1) - (a - 1) * cosW - k)
    }

    /// A high shelf with the cookbook's shelf slope `S` (1 = steepest without overshoot) instead of `Q`.
    public static func highShelf(
        frequency: Double, gain: Double, shelfSlope: Double, sampleRate: Double
    ) -> BiquadCoefficients {
        highShelf(
            frequency: frequency, gain: gain, q: shelfQ(gain: gain, shelfSlope: shelfSlope), sampleRate: sampleRate)
    }

    /// The `Q` of each second-order section of a Butterworth filter of even `order`:
    /// `Q_k = 1 / (2 cos((2k − 1)π / (2·order)))`, k = 1 … order/2 (0.7071 for order 2;
    /// 0.5412 and 1.3066 for order 4).
    public static func butterworthQ(order: Int) -> [Double] {
        precondition(order >= 2 && order % 2 == 0, "Butterworth order must be even and at least 2")
        return (1...order / 2).map { k in
            1 / (2 * Double.cos(Double(2 * k - 1) * .pi / Double(2 * order)))
        }
    }

    /// A Butterworth high-pass of `slope` dB/octave (12, 24, 36 or 48) as cascaded sections,
    /// each at `frequency` with its Butterworth `Q`; the cascade is −3 dB at `frequency`.
    public static func highPass(frequency: Double, slope: Int, sampleRate: Double) -> [BiquadCoefficients] {
        butterworthQ(order: order(slope: slope)).map { highPass(frequency: frequency, q: $0, sampleRate: sampleRate) }
    }

    /// A Butterworth low-pass of `slope` dB/octave (12, 24, 36 or 48) as cascaded sections.
    public static func lowPass(frequency: Double, slope: Int, sampleRate: Double) -> [BiquadCoefficients] {
        butterworthQ(order: order(slope: slope)).map { lowPass(frequency: frequency, q: $0, sampleRate: sampleRate) }
    }

    /// The magnitude in dB of a cascade of sections at `frequency`.
    public static func responseDecibels(
        of sections: [BiquadCoefficients], atFrequency frequency: Double, sampleRate: Double
    ) -> Double {
        var db = 0.0
        for s in sections {
            db += 20 * Double.log10(s.response(atFrequency: frequency, sampleRate: sampleRate).magnitude)
        }
        return db
    }

    /// The filter order for a slope in dB/octave, rounded to a supported slope (12…48).
    static func order(slope: Int) -> Int {
        let s = min(48, max(12, slope))
        return 2 * ((s + 6) / 12)
    }

    /// The cookbook's `Q` for shelf slope `S`: `1/Q = √((A + 1/A)(1/S − 1) + 2)`.
    static func shelfQ(gain: Double, shelfSlope: Double) -> Double {
        let a = Double.pow(10, gain / 40)
        return 1 / max(1e-9, ((a + 1 / a) * (1 / shelfSlope - 1) + 2)).squareRoot()
    }

    @inline(__always)
    static func omega(_ frequency: Double, _ q: Double, _ sampleRate: Double) -> (cosW: Double, alpha: Double) {
        let f = min(max(frequency, 1e-3), sampleRate * 0.4999)
        let w0 = 2 * Double.pi * f / sampleRate
        return (Double.cos(w0), Double.sin(w0) / (2 * max(q, 1e-3)))
    }
}
