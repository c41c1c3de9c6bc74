import ProducerConsole

/// What `producer align` found and did, per mic.
public struct AlignReport: Sendable, Codable, Equatable {
    /// The reference mic's file.
    public var reference: String
    /// The sample rate of all the files, Hz.
    public var sampleRate: Double
    /// How to read the delays.
    public var signConvention: String
    /// One entry per mic, in the order given.
    public var mics: [Mic]

    /// One mic's measurement, the file written and what the sum with the reference gained.
    public struct Mic: Sendable, Codable, Equatable {
        /// The mic's file.
        public var mic: String
        /// The aligned file written.
        public var output: String
        /// The delay against the reference, samples (positive: the mic is later).
        public var delaySamples: Double
        /// The same in milliseconds.
        public var delayMilliseconds: Double
        /// "normal" or "inverted".
        public var polarity: String
        /// The correlation of the reference with the aligned mic, 0…1.
        public var correlation: Double
        /// How far the correlation peak stands above the next, dB.
        public var peakRatio: Double
        /// Whether the measurement is clear enough to trust: correlation ≥ 0.15 (a wrong lag leaves
        /// next to none) and a peak ratio ≥ 1 dB (two near-equal peaks: a periodic sound, the lag
        /// may be a period off).
        public var confident: Bool
        /// The first comb-filter notches of reference + mic as recorded, Hz.
        public var notchesBefore: [Double]
        /// The same after alignment, from the delay measured again on the written file (usually none
        /// below Nyquist).
        public var notchesAfter: [Double]
        /// The delay measured again between the reference and the written file, samples.
        public var residualSamples: Double
        /// Level of reference + mic below 200 Hz before and after alignment, dB, and the gain.
        public var lowBandBefore: Double
        public var lowBandAfter: Double
        public var lowBandGain: Double
        /// Whether the source moved (the delay curve spans more than a quarter sample), so the
        /// aligned file follows the curve.
        public var moving: Bool
        /// The delay curve (with `--window`): window centre (s) → delay (samples).
        public var curve: [DelayPoint]
        /// Doubts about the measurement.
        public var warnings: [String]
    }
}
