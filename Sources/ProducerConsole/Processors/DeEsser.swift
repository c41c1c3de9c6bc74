public import ProducerAudio
public import ProducerDSP
import RealModule

/// A split-band de-esser: compresses only the band above `frequency`.
///
/// The high band `h` is a second-order Butterworth high-pass of the input at `frequency`; the
/// low band is the rest, `x − h`, so the two sum back to the input exactly and the output is
/// `x − (1 − g)·h`: with no reduction (`g` = 1) the de-esser is transparent. The detector is the
/// RMS of the high band (both channels, 5 ms); above `threshold` it is reduced by
/// `(level − threshold)(1 − 1/ratio)` dB, at most `range` dB, following the `attack` and
/// `release` time constants.
///
/// Parameters (names as a session file writes them):
/// - `frequency` (or `freq`): Hz, 1000 … 16000 (default 6000). Smoothed (log), ~10 ms.
/// - `threshold`: dBFS of the high band's RMS, −80 … 0 (default −30).
/// - `ratio`: 1 … 100 (default 4).
/// - `range`: dB, 0 … 40 (default 12): the most the high band is reduced.
/// - `attack`: ms, 0 … 100 (default 1). `release`: ms, 0 … 1000 (default 60).
public struct DeEsser: Processor {
    /// Split frequency, Hz.
    public var frequency: Double { freq.target }
    /// Threshold for the high band's RMS level, dBFS.
    public private(set) var threshold: Double
    /// Ratio above the threshold.
    public private(set) var ratio: Double
    /// Largest reduction of the high band, dB.
    public private(set) var range: Double
    /// Attack time constant, ms.
    public private(set) var attack: Double
    /// Release time constant, ms.
    public private(set) var release: Double
    /// The high band's reduction at the end of the last block, dB (≥ 0), for metering.
    public private(set) var gainReductionDecibels: Double = 0

    private var freq: FilterRamp
    private var sampleRate = 48_000.0
    private var channelCount = 2
    private var section = FilterSection()
    private var keep = FilterRamp.keep(frames: 16, sampleRate: 48_000)
    private var meanSquare: Float = 0
    private var reduction: Float = 0

    /// Makes a de-esser; see the type's documentation for units and ranges.
    public init(
        frequency: Double = 6000, threshold: Double = -30, ratio: Double = 4, range: Double = 12,
        attack: Double = 1, release: Double = 60
    ) {
        freq = FilterRamp(min(16_000, max(1000, frequency)), logarithmic: true)
        self.threshold = min(0, max(-80, threshold))
        self.ratio = min(100, max(1, ratio))
        self.range = min(40, max(0, range))
        self.attack = min(100, max(0, attack))
        self.release = min(1000, max(0, release))
        section.setCoefficients(splitCoefficients)
    }

    /// The high-band filter at the current (smoothed) frequency.
    public var splitCoefficients: BiquadCoefficients {
        FilterDesign.highPass(frequency: min(freq.current, sampleRate * 0.45), sampleRate: sampleRate)
    }

    public mutating func prepare(sampleRate: Double, channelCount: Int, maximumBlockFrames: Int) {
        self.sampleRate = sampleRate
        self.channelCount = min(2, max(1, channelCount))
        keep = FilterRamp.keep(frames: 16, sampleRate: sampleRate)
        freq.jump(to: freq.target)
        section = FilterSection(splitCoefficients)
        meanSquare = 0; reduction = 0; gainReductionDecibels = 0
    }

    @discardableResult
    public mutating func setParameter(_ name: String, to value: Double) -> Bool {
        switch name {
        case "frequency", "freq": freq.target = min(16_000, max(1000, value))
        case "threshold": threshold = min(0, max(-80, value))
        case "ratio": ratio = min(100, max(1, value))
        case "range": range = min(40, max(0, value))
        case "attack": attack = min(100, max(0, value))
        case "release": release = min(1000, max(0, value))
        default: return false
        }
        return true
    }

    public mutating func process(_ block: inout AudioBuffer, sidechain: AudioBuffer?) {
        let frames = block.frameCount, capacity = block.frameCapacity
        guard frames > 0 else { return }
        let stereo = block.channelCount > 1 && channelCount > 1
        block.withUnsafeMutableStorage { storage in
            let l = storage.baseAddress!, r = stereo ? l + capacity : l
            var offset = 0
            while offset < frames {
                var n = frames - offset
                if freq.isMoving {
                    n = min(n, 16)
                    freq.step(keep: keep)
                    section.setCoefficients(splitCoefficients)
                }
                run(l + offset, r + offset, n)
                offset += n
            }
        }
        section.flushDenormals()
        gainReductionDecibels = Double(reduction)
    }

    private mutating func run(_ l: UnsafeMutablePointer<Float>, _ r: UnsafeMutablePointer<Float>, _ count: Int) {
        let t = Float(threshold), slope = Float(1 - 1 / ratio), most = Float(range)
        let floorSquare = Float(Double.pow(10, threshold / 10))
        let aA = CompressorMath.coefficient(milliseconds: attack, sampleRate: sampleRate)
        let aR = CompressorMath.coefficient(milliseconds: release, sampleRate: sampleRate)
        let aW = CompressorMath.coefficient(milliseconds: 5, sampleRate: sampleRate)
        let c = section
        var s1 = c.s1, s2 = c.s2, ms = meanSquare, yL = reduction
        let halfDb = 0.5 * CompressorMath.decibelsPerOctave, toOct = -CompressorMath.octavesPerDecibel
        let stereo = r != l
        for i in 0..<count {
            let x = SIMD2(Double(l[i]), Double(r[i]))
            let h = c.b0 * x + s1
            s1 = c.b1 * x - c.a1 * h + s2
            s2 = c.b2 * x - c.a2 * h
            let h0 = Float(h[0]), h1 = Float(h[1])
            ms = aW * ms + (1 - aW) * (stereo ? 0.5 * (h0 * h0 + h1 * h1) : h0 * h0)
            var xL: Float = 0
            if ms > floorSquare { xL = min(most, slope * (halfDb * CompressorMath.log2(ms) - t)) }
            let a = xL > yL ? aA : aR
            yL = xL + (yL - xL) * a
            if yL > 1e-6 {
                let cut = 1 - CompressorMath.exp2(toOct * yL)  // 1 − g
                l[i] -= cut * h0
                if stereo { r[i] -= cut * h1 }
            }
        }
        if yL <= 1e-6 { yL = 0 }
        if ms < 1e-30 { ms = 0 }
        section.s1 = s1; section.s2 = s2; meanSquare = ms; reduction = yL
    }
}
