import ProducerDSP
import Foundation

/// Hears whether a note has a second voice under it: another singer, a chord, a string ringing
/// on. The spectrum of the note's middle (about 90 ms) is searched for strong peaks that are no
/// harmonic of the note's pitch (a monophonic take, even with a band bleeding into the mic at
/// −20 dB, has none within ``threshold`` of its own strongest harmonic), and for a "pitch" whose
/// first two harmonics are missing: two voices a third or a fifth apart, heard as their common root.
struct SecondVoice {
    let sampleRate: Double
    private let size: Int
    private let fft: FFT
    private let window: [Float]
    /// How close (dB) to the strongest harmonic an inharmonic peak must come to count.
    var threshold = 12.0
    /// How far (dB) under the strongest harmonic the first two may lie before the pitch is taken
    /// for the common root of two voices rather than one voice's own.
    var missingFundamental = 20.0
    /// How far (cents) a peak must lie from every harmonic to count as another voice.
    var distanceCents = 70.0

    init(sampleRate: Double) {
        self.sampleRate = sampleRate
        var n = 1024
        while Double(n) < 0.09 * sampleRate { n *= 2 }
        size = n
        fft = FFT(size: n)
        window = (0..<n).map { Float(0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(n))) }
    }

    /// The samples a check needs, around `centre` (a sample index).
    var length: Int { size }

    /// Whether `samples` (``length`` of them, the middle of a note at `f0` Hz) hold a second voice.
    func hears(_ samples: UnsafeBufferPointer<Float>, f0: Double) -> Bool {
        guard samples.count == size, f0 > 0 else { return false }
        var input = [Float](repeating: 0, count: size)
        for i in 0..<size { input[i] = samples[i] * window[i] }
        let magnitude = fft.magnitude(input)
        let binHz = sampleRate / Double(size)
        let lo = Swift.max(2, Int(60 / binHz)), hi = Swift.min(magnitude.count - 2, Int(4000 / binHz))
        guard hi > lo else { return false }
        var harmonic: Float = 0, other: Float = 0, low: Float = 0
        for k in lo...hi {
            let m = magnitude[k]
            guard m > magnitude[k - 1], m >= magnitude[k + 1] else { continue }
            // The peak's frequency, by a parabola through its bin and its neighbours.
            let a = Double(magnitude[k - 1]), b = Double(m), c = Double(magnitude[k + 1])
            let den = a - 2 * b + c
            let hz = (Double(k) + (den < 0 ? 0.5 * (a - c) / den : 0)) * binHz
            let ratio = hz / f0
            let nearest = Swift.max(1, ratio.rounded())
            let cents = abs(1200 * log2(ratio / nearest))
            // Below the fundamental, anything strong is another voice.
            if ratio > 0.75 && cents < distanceCents {
                harmonic = Swift.max(harmonic, m)
                if nearest <= 2 { low = Swift.max(low, m) }
            } else if ratio > 0.75 && cents < 2 * distanceCents {
                continue  // between: a detuned or stretched harmonic, not counted either way
            } else {
                other = Swift.max(other, m)
            }
        }
        guard harmonic > 0 else { return false }
        // Two voices a simple interval apart (a third, a fifth) share a low common root that the
        // pitch tracker may take for the pitch: then the "fundamental" and its octave are missing.
        if 20 * log10(Double(Swift.max(low, 1e-12)) / Double(harmonic)) < -missingFundamental { return true }
        return 20 * log10(Double(other) / Double(harmonic)) > -threshold
    }
}
