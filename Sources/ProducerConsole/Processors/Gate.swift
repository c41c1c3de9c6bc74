public import ProducerAudio
import RealModule

/// A gate / downward expander with hysteresis and hold, keyed by its input or a `sidechain`.
///
/// The key's peak (the larger |sample| of its channels) opens the gate when it rises above
/// `threshold`; while open, every sample above `threshold − hysteresis` restarts the hold
/// timer, and the gate closes `hold` ms after the last such sample. Open, the gain is 0 dB;
/// closed, it is `−range` dB (a gate, `ratio` ≥ 100) or the expander's
/// `(level − threshold)·(ratio − 1)` dB, never below `−range` (the level is the key's peak
/// envelope, released over 10 ms). The gain moves towards its target with the `attack`
/// (opening) and `release` (closing) time constants, in the linear domain.
///
/// Parameters (names as a session file writes them):
/// - `threshold`: dBFS, −100 … 0 (default −40), where the gate opens.
/// - `hysteresis`: dB, 0 … 40 (default 4): the gate closes below `threshold − hysteresis`.
/// - `ratio`: 1 … 100 (default 100 = a gate; 2 is a gentle expander).
/// - `attack`: ms, 0 … 500 (default 0.5).
/// - `hold`: ms, 0 … 5000 (default 20).
/// - `release`: ms, 0 … 5000 (default 100).
/// - `range`: dB, 0 … 120 (default 80): the most the gate attenuates.
public struct Gate: Processor {
    /// Opening threshold, dBFS.
    public private(set) var threshold: Double
    /// Closing threshold below the opening one, dB.
    public private(set) var hysteresis: Double
    /// Expander ratio (≥ 100 is a gate).
    public private(set) var ratio: Double
    /// Attack (opening) time constant, ms.
    public private(set) var attack: Double
    /// Hold time, ms.
    public private(set) var hold: Double
    /// Release (closing) time constant, ms.
    public private(set) var release: Double
    /// Largest attenuation, dB (positive).
    public private(set) var range: Double
    /// Whether the gate was open at the end of the last block.
    public private(set) var isOpen = false
    /// The gain at the end of the last block, dB (≤ 0), for metering.
    public var gainDecibels: Double { 20 * Double.log10(Double(max(gain, 1e-9))) }

    private var sampleRate = 48_000.0
    private var channelCount = 2
    private var gain: Float = 0
    private var envelope: Float = 0
    private var holdRemaining = 0

    /// Makes a gate; see the type's documentation for units and ranges.
    public init(
        threshold: Double = -40, hysteresis: Double = 4, ratio: Double = 100,
        attack: Double = 0.5, hold: Double = 20, release: Double = 100, range: Double = 80
    ) {
        self.threshold = min(0, max(-100, threshold))
        self.hysteresis = min(40, max(0, hysteresis))
        self.ratio = min(100, max(1, ratio))
        self.attack = min(500, max(0, attack))
        self.hold = min(5000, max(0, hold))
        self.release = min(5000, max(0, release))
        self.range = min(120, max(0, range))
        gain = Float(Double.pow(10, -self.range / 20))
    }

    public mutating func prepare(sampleRate: Double, channelCount: Int, maximumBlockFrames: Int) {
        self.sampleRate = sampleRate
        self.channelCount = min(2, max(1, channelCount))
        isOpen = false; holdRemaining = 0; envelope = 0
        gain = Float(Double.pow(10, -range / 20))
    }

    @discardableResult
    public mutating func setParameter(_ name: String, to value: Double) -> Bool {
        switch name {
        case "threshold": threshold = min(0, max(-100, value))
        case "hysteresis": hysteresis = min(40, max(0, value))
        case "ratio": ratio = min(100, max(1, value))
        case "attack": attack = min(500, max(0, value))
        case "hold": hold = min(5000, max(0, value))
        case "release": release = min(5000, max(0, value))
        case "range": range = min(120, max(0, value))
        default: return false
        }
        return true
    }

    public mutating func process(_ block: inout AudioBuffer, sidechain: AudioBuffer?) {
        let stereo = block.channelCount > 1 && channelCount > 1
        withKeyedChannels(&block, sidechain: sidechain, stereo: stereo) { l, r, kl, kr, n in
            run(l, r, kl, kr, n)
        }
    }

    private mutating func run(
        _ l: UnsafeMutablePointer<Float>, _ r: UnsafeMutablePointer<Float>,
        _ kl: UnsafePointer<Float>, _ kr: UnsafePointer<Float>, _ count: Int
    ) {
        let openLevel = Float(Double.pow(10, threshold / 20))
        let closeLevel = Float(Double.pow(10, (threshold - hysteresis) / 20))
        let floorGain = Float(Double.pow(10, -range / 20))
        let holdFrames = Int((hold * 0.001 * sampleRate).rounded())
        let aA = CompressorMath.coefficient(milliseconds: attack, sampleRate: sampleRate)
        let aR = CompressorMath.coefficient(milliseconds: release, sampleRate: sampleRate)
        let aE = CompressorMath.coefficient(milliseconds: 10, sampleRate: sampleRate)
        let isGate = ratio >= 100
        let expansion = Float(ratio - 1), t = Float(threshold)
        let stereo = r != l
        var open = isOpen, remaining = holdRemaining, g = gain, env = envelope
        for i in 0..<count {
            let peak = max(abs(kl[i]), abs(kr[i]))
            env = max(peak, env * aE)
            if peak > openLevel {
                open = true; remaining = holdFrames
            } else if open {
                if peak > closeLevel {
                    remaining = holdFrames
                } else if remaining > 0 {
                    remaining -= 1
                } else {
                    open = false
                }
            }
            var target: Float = 1
            if !open {
                if isGate || env <= 0 {
                    target = floorGain
                } else {
                    let db = (CompressorMath.decibelsPerOctave * CompressorMath.log2(env) - t) * expansion
                    target = max(floorGain, min(1, CompressorMath.exp2(db * CompressorMath.octavesPerDecibel)))
                }
            }
            let c = target > g ? aA : aR
            g = target + (g - target) * c
            l[i] *= g
            if stereo { r[i] *= g }
        }
        if env < 1e-20 { env = 0 }
        isOpen = open; holdRemaining = remaining; gain = g; envelope = env
    }
}
