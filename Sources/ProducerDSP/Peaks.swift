/// Sample and true peaks per channel, as linear amplitudes (1.0 = full scale).
public struct Peaks: Sendable, Codable, Equatable {
    /// The largest absolute sample value of each channel (linear).
    public var samplePeak: [Double]
    /// The largest absolute value of each channel's 4× oversampled signal (linear), per
    /// ITU-R BS.1770-4 Annex 2; never below `samplePeak`.
    public var truePeak: [Double]

    /// Makes a result from linear per-channel peaks.
    public init(samplePeak: [Double], truePeak: [Double]) {
        self.samplePeak = samplePeak
        self.truePeak = truePeak
    }
}

extension Peaks {
    /// The largest sample peak over all channels in dBFS; `nil` for digital silence.
    public var samplePeakDecibels: Double? {
        guard let m = samplePeak.max(), m > 0 else { return nil }
        return decibels(amplitude: m)
    }

    /// The largest true peak over all channels in dBTP; `nil` for digital silence.
    public var truePeakDecibels: Double? {
        guard let m = truePeak.max(), m > 0 else { return nil }
        return decibels(amplitude: m)
    }
}
