public import ProducerAudio
public import ProducerDSP

/// One filter of any cookbook type: high- and low-pass with a slope, band-pass, notch, peak and
/// shelves.
///
/// Parameters (names as a session file writes them):
/// - `freq`: Hz, 10 … 0.49 × sample rate (default 1000). Smoothed in log frequency, ~10 ms.
/// - `gain`: dB, −30 … +30 (peak and shelves only; default 0). Smoothed, ~10 ms.
/// - `q`: 0.1 … 20 (default 0.7071; ignored by the Butterworth high- and low-pass cascades
///   of 24 dB/octave and more, whose sections take their own Q). Smoothed, ~10 ms.
/// - `slope`: dB/octave, 12, 24, 36 or 48 (high- and low-pass only; default 12). Not smoothed.
///
/// Coefficients follow the ramps every 16 frames while a parameter moves, so automation never
/// zippers; at rest the filter is exactly ``coefficients``.
public struct Filter: Processor {
    /// The filter's shape, named as a session file names it.
    public enum Kind: String, Sendable, CaseIterable {
        case lowPass = "lowpass", highPass = "highpass", bandPass = "bandpass", notch, peak
        case lowShelf = "lowshelf", highShelf = "highshelf"
    }

    /// The filter's shape.
    public let kind: Kind
    /// Target centre or corner frequency, Hz.
    public var frequency: Double { freq.target }
    /// Target gain, dB (peak and shelves).
    public var gain: Double { gainRamp.target }
    /// Target Q.
    public var q: Double { qRamp.target }
    /// Slope in dB/octave (12, 24, 36, 48) of a high- or low-pass.
    public private(set) var slope: Int

    private var freq: FilterRamp
    private var gainRamp: FilterRamp
    private var qRamp: FilterRamp
    private var sampleRate = 48_000.0
    private var channelCount = 2
    private var keep = FilterRamp.keep(frames: Filter.rampFrames, sampleRate: 48_000)
    private var cascade = FilterCascade(count: 4)

    static let rampFrames = 16

    /// Makes a filter; see the type's documentation for the parameters' units and ranges.
    public init(kind: Kind, frequency: Double = 1000, gain: Double = 0, q: Double = 0.5.squareRoot(), slope: Int = 12) {
        self.kind = kind
        self.slope = FilterDesign.order(slope: slope) * 6
        freq = FilterRamp(Self.clampFrequency(frequency), logarithmic: true)
        gainRamp = FilterRamp(min(30, max(-30, gain)))
        qRamp = FilterRamp(min(20, max(0.1, q)), logarithmic: true)
        updateCoefficients()
    }

    /// The sections of the filter at its current (smoothed) parameters.
    public var coefficients: [BiquadCoefficients] {
        design(frequency: min(freq.current, sampleRate * 0.49), gain: gainRamp.current, q: qRamp.current)
    }

    public mutating func prepare(sampleRate: Double, channelCount: Int, maximumBlockFrames: Int) {
        self.sampleRate = sampleRate
        self.channelCount = min(2, max(1, channelCount))
        keep = FilterRamp.keep(frames: Self.rampFrames, sampleRate: sampleRate)
        freq.jump(to: freq.target); gainRamp.jump(to: gainRamp.target); qRamp.jump(to: qRamp.target)
        cascade.reset()
        updateCoefficients()
    }

    @discardableResult
    public mutating func setParameter(_ name: String, to value: Double) -> Bool {
        switch name {
        case "freq", "frequency": freq.target = Self.clampFrequency(value)
        case "gain": gainRamp.target = min(30, max(-30, value))
        case "q": qRamp.target = min(20, max(0.1, value))
        case "slope":
            let s = FilterDesign.order(slope: Int(value.rounded())) * 6
            if s != slope { slope = s; cascade.reset(); updateCoefficients() }
        default: return false
        }
        return true
    }

    public mutating func process(_ block: inout AudioBuffer, sidechain: AudioBuffer?) {
        let frames = block.frameCount, capacity = block.frameCapacity
        let stereo = block.channelCount > 1 && channelCount > 1
        block.withUnsafeMutableStorage { storage in
            guard let l = storage.baseAddress else { return }
            let r = stereo ? l + capacity : l
            var offset = 0
            while offset < frames {
                var count = frames - offset
                if freq.isMoving || gainRamp.isMoving || qRamp.isMoving {
                    count = min(count, Self.rampFrames)
                    freq.step(keep: keep); gainRamp.step(keep: keep); qRamp.step(keep: keep)
                    updateCoefficients()
                }
                cascade.process(left: l + offset, right: r + offset, count: count)
                offset += count
            }
        }
    }

    private mutating func updateCoefficients() {
        let c = coefficients
        for i in 0..<4 {
            if i < c.count {
                cascade.sections[i].setCoefficients(c[i])
                if !cascade.sections[i].isActive { cascade.sections[i].isActive = true; cascade.sections[i].reset() }
            } else {
                cascade.sections[i].isActive = false
            }
        }
    }

    private func design(frequency f: Double, gain g: Double, q: Double) -> [BiquadCoefficients] {
        let fs = sampleRate
        switch kind {
        case .lowPass:
            return slope == 12
                ? [FilterDesign.lowPass(frequency: f, q: q, sampleRate: fs)]
                : FilterDesign.lowPass(frequency: f, slope: slope, sampleRate: fs)
        case .highPass:
            return slope == 12
                ? [FilterDesign.highPass(frequency: f, q: q, sampleRate: fs)]
                : FilterDesign.highPass(frequency: f, slope: slope, sampleRate: fs)
        case .bandPass: return [FilterDesign.bandPass(frequency: f, q: q, sampleRate: fs)]
        case .notch: return [FilterDesign.notch(frequency: f, q: q, sampleRate: fs)]
        case .peak: return [FilterDesign.peak(frequency: f, gain: g, q: q, sampleRate: fs)]
        case .lowShelf: return [FilterDesign.lowShelf(frequency: f, gain: g, q: q, sampleRate: fs)]
        case .highShelf: return [FilterDesign.highShelf(frequency: f, gain: g, q: q, sampleRate: fs)]
        }
    }

    private static func clampFrequency(_ f: Double) -> Double { min(100_000, max(10, f)) }
}
