public import ProducerAudio
import RealModule

/// A pan law: how much a mono source is attenuated in each channel at the centre.
public enum PanLaw: String, Sendable, CaseIterable {
    /// Constant power, −3 dB at the centre: gL = cos((p + 1)π/4), gR = sin((p + 1)π/4).
    case constantPower = "-3dB"
    /// −4.5 dB at the centre (exactly −4.515 dB): the geometric mean of the −3 dB and −6 dB laws.
    case minus4_5dB = "-4.5dB"
    /// Linear, −6 dB at the centre: gL = (1 − p)/2, gR = (1 + p)/2 (constant voltage).
    case linear = "-6dB"
    /// 0 dB at the centre (balance): gL = min(1, 1 − p), gR = min(1, 1 + p).
    case balance = "0dB"
}

/// A panner: what a strip's `pan` does under the session's `panLaw` (the engine's strips use
/// its gains, so one knob behaves one way). Not an insert of its own.
///
/// A stereo block is treated as a stereo source and balanced: each channel is scaled by the
/// law's gain divided by its centre gain, at most 1, so the centre is unchanged bit for bit and
/// the far side fades out along the law's curve (at +1 the left channel is silent and the
/// right unchanged). With `monoSource`, a stereo block is taken as a mono source on two
/// channels: ½(L + R) is panned with the law's gains (times ``compensationAtCentre(law:)`` when
/// `compensated`, so a centred source comes out unchanged). A one-channel block cannot be
/// spread over two and is left unchanged: the engine places mono tracks with
/// ``gains(pan:law:)``.
///
/// Parameter (session name): `pan`, −1 (left) … +1 (right) (default 0), smoothed per sample (10 ms).
struct Pan: Processor {
    /// Position, −1 … +1.
    var pan: Double { didSet { pan = min(1, max(-1, pan)) } }
    /// The pan law.
    let law: PanLaw
    /// Whether a stereo block holds a mono source (see the type's documentation).
    let monoSource: Bool
    /// Whether mono-source gains are multiplied by the law's centre compensation.
    let compensated: Bool
    var current = 0.0
    var smooth = 1.0

    /// Makes a panner.
    /// - Parameters:
    ///   - pan: −1 … +1.
    ///   - law: default constant power (−3 dB).
    ///   - monoSource: treat a stereo block as a mono source (default false: balance).
    ///   - compensated: scale mono-source gains so the centre is unity (default false).
    init(pan: Double = 0, law: PanLaw = .constantPower, monoSource: Bool = false, compensated: Bool = false) {
        self.pan = min(1, max(-1, pan))
        self.law = law
        self.monoSource = monoSource
        self.compensated = compensated
    }

    /// The gains of a mono source panned to `pan` (−1 … +1) under `law`.
    static func gains(pan: Double, law: PanLaw) -> (left: Double, right: Double) {
        let p = min(1, max(-1, pan))
        switch law {
        case .constantPower:
            // Exact at the ends and the centre (cos(π/2) is not exactly 0 in floating point).
            if p == -1 { return (1, 0) }
            if p == 1 { return (0, 1) }
            if p == 0 { return (0.5.squareRoot(), 0.5.squareRoot()) }
            let theta = (p + 1) * Double.pi / 4
            return (Double.cos(theta), Double.sin(theta))
        case .minus4_5dB:
            let c = gains(pan: p, law: .constantPower)
            return ((c.left * (1 - p) / 2).squareRoot(), (c.right * (1 + p) / 2).squareRoot())
        case .linear:
            return ((1 - p) / 2, (1 + p) / 2)
        case .balance:
            return (Swift.min(1, 1 - p), Swift.min(1, 1 + p))
        }
    }

    /// The gain that brings the law's centre back to unity: √2 (−3 dB), 2^(3/4) ≈ 1.682
    /// (−4.5 dB), 2 (−6 dB), 1 (0 dB). Multiply both gains by it to render a centred source
    /// unchanged ("pan law compensated").
    static func compensationAtCentre(law: PanLaw) -> Double {
        1 / gains(pan: 0, law: law).left
    }

    /// Balance gains for a stereo source: the law's gains over its centre gain, at most 1.
    static func balanceGains(pan: Double, law: PanLaw) -> (left: Double, right: Double) {
        if pan == 0 { return (1, 1) }
        let g = gains(pan: pan, law: law), c = compensationAtCentre(law: law)
        return (Swift.min(1, g.left * c), Swift.min(1, g.right * c))
    }

    func channelGains(_ p: Double) -> (Float, Float) {
        if monoSource {
            let g = Self.gains(pan: p, law: law)
            let c = compensated ? Self.compensationAtCentre(law: law) : 1
            return (Float(g.left * c), Float(g.right * c))
        }
        let g = Self.balanceGains(pan: p, law: law)
        return (Float(g.left), Float(g.right))
    }

    mutating func prepare(sampleRate: Double, channelCount: Int, maximumBlockFrames: Int) {
        current = pan
        smooth = 1 - Double.exp(-1 / (0.010 * sampleRate))
    }

    @discardableResult
    mutating func setParameter(_ name: String, to value: Double) -> Bool {
        guard name == "pan" else { return false }
        pan = value
        return true
    }

    mutating func process(_ block: inout AudioBuffer, sidechain: AudioBuffer?) {
        guard block.channelCount >= 2, block.frameCount > 0 else { return }
        let frames = block.frameCount, stride = block.frameCapacity
        let target = pan, k = smooth, mono = monoSource
        var p = current
        var gains = channelGains(p)
        block.withUnsafeMutableStorage { storage in
            let left = storage.baseAddress!, right = left + stride
            for i in 0..<frames {
                if p != target {
                    p += k * (target - p)
                    if abs(p - target) < 1e-7 { p = target }
                    gains = channelGains(p)
                }
                if mono {
                    let m = 0.5 * (left[i] + right[i])
                    left[i] = gains.0 * m
                    right[i] = gains.1 * m
                } else {
                    left[i] *= gains.0
                    right[i] *= gains.1
                }
            }
        }
        current = p
    }
}
