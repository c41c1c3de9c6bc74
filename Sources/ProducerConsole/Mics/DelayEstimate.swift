/// One measurement of a mic against the reference mic over a stretch of the recording.
///
/// Sign convention: a positive delay means the mic hears the source *later* than the reference
/// (it is farther away); aligning moves it earlier by that much.
public struct DelayEstimate: Sendable, Codable, Equatable {
    /// The delay in samples, fractional.
    public var samples: Double
    /// Whether the mic's polarity is inverted against the reference.
    public var inverted: Bool
    /// The correlation of the reference with the aligned mic, 0…1 (1: the same signal but for gain
    /// and colouration; noise, bleed and colouration lower it).
    public var correlation: Double
    /// How far the correlation peak stands above the next highest peak, in dB (PHAT-weighted
    /// correlation, peaks more than 3 samples apart); near 0 dB two lags fit nearly as well (a periodic sound).
    public var peakRatio: Double

    public init(samples: Double, inverted: Bool, correlation: Double, peakRatio: Double) {
        self.samples = samples
        self.inverted = inverted
        self.correlation = correlation
        self.peakRatio = peakRatio
    }
}

/// A point of the delay curve of a moving source: the delay measured in a window centred at `time`.
public struct DelayPoint: Sendable, Codable, Equatable {
    /// The window's centre, seconds from the start.
    public var time: Double
    /// The delay there, samples (positive: the mic is later).
    public var samples: Double
    /// The correlation in that window, 0…1.
    public var correlation: Double

    public init(time: Double, samples: Double, correlation: Double) {
        self.time = time
        self.samples = samples
        self.correlation = correlation
    }
}
