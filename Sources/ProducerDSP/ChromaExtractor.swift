import RealModule

/// Pitch-class energy ("chroma") of a signal: spectral peaks between ``minimumFrequency`` and
/// ``maximumFrequency`` are placed on the equal-tempered semitone grid (relative to a tuning
/// estimated from the peaks themselves, or A440), weighted by how close they lie to a
/// semitone, log-compressed frame by frame and summed over time.
public struct ChromaExtractor: Sendable {
    /// The lowest frequency counted, in Hz.
    public var minimumFrequency: Double = 55
    /// The highest frequency counted, in Hz.
    public var maximumFrequency: Double = 4000
    /// Whether to estimate the tuning (otherwise A = 440 Hz).
    public var estimatesTuning = true

    /// An extractor over 55 Hz–4 kHz with tuning estimation.
    public init() {}

    /// The frame size for `sampleRate`: the power of two giving bins no wider than ~2.7 Hz
    /// (16384 at 44.1 kHz), enough to tell semitones apart near 55 Hz.
    public static func frameSize(sampleRate: Double) -> Int {
        var n = 1024
        while sampleRate / Double(n) > 2.7 * 1.4142 { n *= 2 }
        return n
    }

    /// The summed chroma of mono `samples`, index 0 = C … 11 = B, and the tuning offset found
    /// (semitones from A440, within ±0.5).
    public func chroma(_ samples: [Float], sampleRate: Double) -> (chroma: [Double], tuning: Double) {
        var stream = stream(sampleRate: sampleRate, tuningSeconds: .infinity)
        samples.withUnsafeBufferPointer { stream.consume($0) }
        return stream.finish()
    }
}
