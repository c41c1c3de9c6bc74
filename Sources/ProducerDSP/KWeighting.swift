import RealModule

/// The K-weighting filter of ITU-R BS.1770-4: a high shelf (stage 1, the head's acoustic effect)
/// followed by a high-pass (stage 2, the "RLB" curve).
///
/// The coefficients are derived for any sample rate from the analog prototypes behind the
/// standard's 48 kHz tables (the derivation libebur128 and pyloudnorm use); at 48 kHz they
/// reproduce BS.1770 Tables 1 and 2 to better than 1e-9.
public enum KWeighting {
    /// Stage 1 (high shelf) centre frequency in Hz.
    public static let shelfFrequency = 1681.974450955533
    /// Stage 1 gain in dB.
    public static let shelfGainDecibels = 3.999843853973347
    /// Stage 1 quality factor.
    public static let shelfQ = 0.7071752369554196
    /// Stage 2 (high-pass) corner frequency in Hz.
    public static let highPassFrequency = 38.13547087602444
    /// Stage 2 quality factor.
    public static let highPassQ = 0.5003270373238773

    /// The stage 1 (high shelf) coefficients for a sample rate in Hz.
    public static func shelf(sampleRate: Double) -> BiquadCoefficients {
        let k = Double.tan(Double.pi * shelfFrequency / sampleRate)
        let vh = Double.pow(10, shelfGainDecibels / 20)
        let vb = Double.pow(vh, 0.4996667741545416)
        let a0 = 1 + k / shelfQ + k * k
        return BiquadCoefficients(
            b0: (vh + vb * k / shelfQ + k * k) / a0,
            b1: 2 * (k * k - vh) / a0,
            b2: (vh - vb * k / shelfQ + k * k) / a0,
            a1: 2 * (k * k - 1) / a0,
            a2: (1 - k / shelfQ + k * k) / a0)
    }

    /// The stage 2 (high-pass) coefficients for a sample rate in Hz.
    public static func highPass(sampleRate: Double) -> BiquadCoefficients {
        let k = Double.tan(Double.pi * highPassFrequency / sampleRate)
        let a0 = 1 + k / highPassQ + k * k
        return BiquadCoefficients(
            b0: 1, b1: -2, b2: 1,
            a1: 2 * (k * k - 1) / a0,
            a2: (1 - k / highPassQ + k * k) / a0)
    }
}
