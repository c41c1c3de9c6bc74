public import ProducerAudio
public import ProducerDSP

/// A channel-strip EQ: an optional high-pass, up to four parametric bands and an optional
/// low-pass, in that order — the session's
/// `eq: { highpass: 80, lowpass: 18000, bands: [{ freq: 3000, gain: 2.0, q: 1.0, type: peak }] }`.
///
/// Parameters (names as a session file writes them; `N` is 1…4, the band's place in `bands`):
/// - `highpass`: Hz, 10 … 0.49 × sample rate; 0 turns the high-pass off. Smoothed (log), ~10 ms.
/// - `highpass_slope`: dB/octave, 12, 24, 36 or 48 (Butterworth; default 12).
/// - `lowpass`: Hz, 10 … 0.49 × sample rate; 0 turns the low-pass off. Smoothed (log), ~10 ms.
/// - `lowpass_slope`: dB/octave, 12, 24, 36 or 48 (Butterworth; default 12).
/// - `bandN.freq`: Hz, 10 … 0.49 × sample rate. Smoothed (log), ~10 ms.
/// - `bandN.gain`: dB, −30 … +30. Smoothed, ~10 ms. A band at 0 dB costs nothing.
/// - `bandN.q`: 0.1 … 20 (for shelves, 0.7071 is the steepest shelf without overshoot). Smoothed.
///
/// Coefficients follow the ramps every 16 frames while a parameter moves; at rest each band is
/// exactly its cookbook design (see ``sectionCoefficients``).
///
/// - Complexity: per frame, one second-order section per active band plus one per 12 dB/octave
///   of each pass filter, both channels at once in `SIMD2<Double>`.
public struct Equalizer: Processor {
    /// One parametric band.
    public struct Band: Sendable, Hashable {
        /// The band's shape, named as a session file names it.
        public enum Kind: String, Sendable, CaseIterable {
            case peak, lowShelf = "lowshelf", highShelf = "highshelf"
        }
        /// Centre (peak) or midpoint (shelf) frequency, Hz.
        public var frequency: Double
        /// Gain at `frequency` (peak) or of the shelf, dB.
        public var gain: Double
        /// Q (bandwidth of a peak; a shelf's corner, 0.7071 = the cookbook's S = 1).
        public var q: Double
        /// The band's shape.
        public var type: Kind

        public init(frequency: Double, gain: Double = 0, q: Double = 1, type: Kind = .peak) {
            self.frequency = frequency; self.gain = gain; self.q = q; self.type = type
        }
    }

    /// The most bands an equalizer has.
    public static let maximumBandCount = 4

    /// Target high-pass frequency in Hz, or nil when off.
    public var highpass: Double? { hpOn ? hpFreq.target : nil }
    /// High-pass slope, dB/octave.
    public private(set) var highpassSlope: Int
    /// Target low-pass frequency in Hz, or nil when off.
    public var lowpass: Double? { lpOn ? lpFreq.target : nil }
    /// Low-pass slope, dB/octave.
    public private(set) var lowpassSlope: Int
    /// The bands, at their target settings.
    public var bands: [Band] {
        (0..<bandTypes.count).map {
            Band(frequency: bandFreq[$0].target, gain: bandGain[$0].target, q: bandQ[$0].target, type: bandTypes[$0])
        }
    }

    private var hpOn: Bool, lpOn: Bool
    private var hpFreq: FilterRamp, lpFreq: FilterRamp
    private var bandTypes: [Band.Kind]
    private var bandFreq: [FilterRamp], bandGain: [FilterRamp], bandQ: [FilterRamp]
    private var sampleRate = 48_000.0
    private var channelCount = 2
    private var keep = FilterRamp.keep(frames: Equalizer.rampFrames, sampleRate: 48_000)
    /// Slots 0–3 high-pass, 4–7 bands, 8–11 low-pass.
    private var cascade = FilterCascade(count: 12)

    static let rampFrames = 16

    /// Makes an equalizer; see the type's documentation for units and ranges.
    /// - Parameters:
    ///   - highpass: high-pass corner in Hz, or nil for none.
    ///   - highpassSlope: 12, 24, 36 or 48 dB/octave.
    ///   - lowpass: low-pass corner in Hz, or nil for none.
    ///   - lowpassSlope: 12, 24, 36 or 48 dB/octave.
    ///   - bands: up to four bands (more are ignored).
    public init(
        highpass: Double? = nil, highpassSlope: Int = 12,
        lowpass: Double? = nil, lowpassSlope: Int = 12,
        bands: [Band] = []
    ) {
        hpOn = (highpass ?? 0) > 0
        lpOn = (lowpass ?? 0) > 0
        hpFreq = FilterRamp(Self.clampFrequency(highpass ?? 20), logarithmic: true)
        lpFreq = FilterRamp(Self.clampFrequency(lowpass ?? 20_000), logarithmic: true)
        self.highpassSlope = FilterDesign.order(slope: highpassSlope) * 6
        self.lowpassSlope = FilterDesign.order(slope: lowpassSlope) * 6
        let used = bands.prefix(Self.maximumBandCount)
        bandTypes = used.map(\.type)
        bandFreq = used.map { FilterRamp(Self.clampFrequency($0.frequency), logarithmic: true) }
        bandGain = used.map { FilterRamp(Self.clampGain($0.gain)) }
        bandQ = used.map { FilterRamp(Self.clampQ($0.q), logarithmic: true) }
        updateAll()
    }

    /// The active sections in processing order, at the current (smoothed) parameters.
    public var sectionCoefficients: [BiquadCoefficients] {
        var all: [BiquadCoefficients] = []
        if hpOn { all += highPassDesign() }
        for b in 0..<bandTypes.count where bandGain[b].current != 0 { all.append(bandDesign(b)) }
        if lpOn { all += lowPassDesign() }
        return all
    }

    public mutating func prepare(sampleRate: Double, channelCount: Int, maximumBlockFrames: Int) {
        self.sampleRate = sampleRate
        self.channelCount = min(2, max(1, channelCount))
        keep = FilterRamp.keep(frames: Self.rampFrames, sampleRate: sampleRate)
        hpFreq.jump(to: hpFreq.target); lpFreq.jump(to: lpFreq.target)
        for b in 0..<bandTypes.count {
            bandFreq[b].jump(to: bandFreq[b].target)
            bandGain[b].jump(to: bandGain[b].target)
            bandQ[b].jump(to: bandQ[b].target)
        }
        cascade.reset()
        updateAll()
    }

    @discardableResult
    public mutating func setParameter(_ name: String, to value: Double) -> Bool {
        switch name {
        case "highpass":
            if value <= 0 {
                hpOn = false; updateHighPass()
            } else if !hpOn {
                hpOn = true; hpFreq.jump(to: Self.clampFrequency(value)); updateHighPass(reset: true)
            } else {
                hpFreq.target = Self.clampFrequency(value)
            }
        case "lowpass":
            if value <= 0 {
                lpOn = false; updateLowPass()
            } else if !lpOn {
                lpOn = true; lpFreq.jump(to: Self.clampFrequency(value)); updateLowPass(reset: true)
            } else {
                lpFreq.target = Self.clampFrequency(value)
            }
        case "highpass_slope", "highpassSlope":
            let s = FilterDesign.order(slope: Int(value.rounded())) * 6
            if s != highpassSlope { highpassSlope = s; updateHighPass(reset: true) }
        case "lowpass_slope", "lowpassSlope":
            let s = FilterDesign.order(slope: Int(value.rounded())) * 6
            if s != lowpassSlope { lowpassSlope = s; updateLowPass(reset: true) }
        default:
            guard name.hasPrefix("band"), let dot = name.firstIndex(of: "."),
                let n = Int(name[name.index(name.startIndex, offsetBy: 4)..<dot]),
                n >= 1, n <= bandTypes.count
            else { return false }
            let b = n - 1
            switch name[name.index(after: dot)...] {
            case "freq", "frequency": bandFreq[b].target = Self.clampFrequency(value)
            case "gain": bandGain[b].target = Self.clampGain(value)
            case "q": bandQ[b].target = Self.clampQ(value)
            default: return false
            }
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
                if stepRamps() { count = min(count, Self.rampFrames) }
                cascade.process(left: l + offset, right: r + offset, count: count)
                offset += count
            }
        }
    }

    /// Steps every moving ramp by one sub-block and refreshes the affected sections;
    /// returns whether anything moved.
    private mutating func stepRamps() -> Bool {
        var moved = false
        if hpFreq.step(keep: keep) { updateHighPass(); moved = true }
        if lpFreq.step(keep: keep) { updateLowPass(); moved = true }
        for b in 0..<bandTypes.count {
            let f = bandFreq[b].step(keep: keep)
            let g = bandGain[b].step(keep: keep)
            let q = bandQ[b].step(keep: keep)
            if f || g || q { updateBand(b); moved = true }
        }
        return moved
    }

    private mutating func updateAll() {
        updateHighPass(reset: true)
        updateLowPass(reset: true)
        for b in 0..<Self.maximumBandCount { updateBand(b) }
    }

    private mutating func updateHighPass(reset: Bool = false) {
        setSlots(0, hpOn ? highPassDesign() : [], reset: reset)
    }

    private mutating func updateLowPass(reset: Bool = false) {
        setSlots(8, lpOn ? lowPassDesign() : [], reset: reset)
    }

    private mutating func updateBand(_ b: Int) {
        let slot = 4 + b
        guard b < bandTypes.count, bandGain[b].current != 0 else {
            // 0 dB is the identity (whose state is zero), so the band is skipped.
            cascade.sections[slot].isActive = false
            cascade.sections[slot].reset()
            return
        }
        cascade.sections[slot].setCoefficients(bandDesign(b))
        cascade.sections[slot].isActive = true
    }

    private mutating func setSlots(_ first: Int, _ design: [BiquadCoefficients], reset: Bool) {
        for i in 0..<4 {
            let slot = first + i
            if i < design.count {
                cascade.sections[slot].setCoefficients(design[i])
                if reset || !cascade.sections[slot].isActive { cascade.sections[slot].reset() }
                cascade.sections[slot].isActive = true
            } else {
                cascade.sections[slot].isActive = false
            }
        }
    }

    private func highPassDesign() -> [BiquadCoefficients] {
        FilterDesign.highPass(
            frequency: min(hpFreq.current, sampleRate * 0.49), slope: highpassSlope, sampleRate: sampleRate)
    }

    private func lowPassDesign() -> [BiquadCoefficients] {
        FilterDesign.lowPass(
            frequency: min(lpFreq.current, sampleRate * 0.49), slope: lowpassSlope, sampleRate: sampleRate)
    }

    private func bandDesign(_ b: Int) -> BiquadCoefficients {
        let f = min(bandFreq[b].current, sampleRate * 0.49), g = bandGain[b].current, q = bandQ[b].current
        switch bandTypes[b] {
        case .peak: return FilterDesign.peak(frequency: f, gain: g, q: q, sampleRate: sampleRate)
        case .lowShelf: return FilterDesign.lowShelf(frequency: f, gain: g, q: q, sampleRate: sampleRate)
        case .highShelf: return FilterDesign.highShelf(frequency: f, gain: g, q: q, sampleRate: sampleRate)
        }
    }

    private static func clampFrequency(_ f: Double) -> Double { min(100_000, max(10, f)) }
    private static func clampGain(_ g: Double) -> Double { min(30, max(-30, g)) }
    private static func clampQ(_ q: Double) -> Double { min(20, max(0.1, q)) }
}
