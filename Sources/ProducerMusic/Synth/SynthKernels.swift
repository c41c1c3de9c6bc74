import RealModule

/// An attack / decay / sustain / release envelope, one sample at a time.
///
/// The attack is a linear ramp; the decay falls exponentially towards the sustain level (with a
/// sustain of 0 the note dies away by itself, as a plucked or struck string does, and the
/// voice ends once it is 60 dB down); the release falls exponentially, reaching −80 dB at
/// the release time, and the envelope is exactly 0 a little after (at −100 dB), so a note
/// never ends on a step.
struct SynthEnvelope {
    enum Stage: UInt8 { case attack, decay, release, done }
    var value: Float = 0
    var stage: Stage = .attack
    var attackStep: Float = 1
    var decayCoefficient: Float = 1
    var sustain: Float = 1
    var releaseCoefficient: Float = 0
    var fastCoefficient: Float = 0

    /// `attack` seconds (ramp), `decay` seconds (time constant), `release` seconds to −80 dB.
    init(attack: Double, decay: Double, sustain: Float, release: Double, sampleRate fs: Double) {
        attackStep = Float(1 / max(1, attack * fs))
        decayCoefficient = decay > 0 ? Float(Double.exp(-1 / (decay * fs))) : 0
        self.sustain = sustain
        releaseCoefficient = Self.coefficient(toMinus80In: release, sampleRate: fs)
        fastCoefficient = Self.coefficient(toMinus80In: 0.006, sampleRate: fs)
    }

    init() {}

    static func coefficient(toMinus80In seconds: Double, sampleRate fs: Double) -> Float {
        Float(Double.exp(Double.log(1e-4) / max(1, seconds * fs)))
    }

    @inline(__always) mutating func next() -> Float {
        switch stage {
        case .attack:
            value += attackStep
            if value >= 1 {
                value = 1
                stage = .decay
            }
        case .decay:
            value = sustain + (value - sustain) * decayCoefficient
            // A note that dies away by itself ends once 60 dB down, quickly and smoothly.
            if sustain == 0 && value < 1e-3 {
                releaseCoefficient = fastCoefficient
                stage = .release
            }
        case .release:
            value *= releaseCoefficient
            if value < 1e-5 {
                value = 0
                stage = .done
            }
        case .done: break
        }
        return value
    }

    /// The key is released.
    mutating func release() { if stage != .done { stage = .release } }

    /// The voice is taken for another note (or a hi-hat is choked): a 6 ms fade.
    mutating func kill() {
        if stage != .done {
            releaseCoefficient = fastCoefficient
            stage = .release
        }
    }
}

/// A topology-preserving state-variable filter (Zavalishin): stable at any cutoff and
/// resonance, with low-, band- and high-pass outputs.
struct SynthFilter {
    var ic1: Float = 0, ic2: Float = 0
    var a1: Float = 1, a2: Float = 0, a3: Float = 0
    /// 1/Q: 2 is no resonance at all, 1.41 Butterworth, 0.3 a strong peak.
    var damping: Float = 1.414

    mutating func set(cutoff: Float, damping k: Float, sampleRate fs: Float) {
        let fc = min(max(cutoff, 10), 0.45 * fs)
        let g = Float.tan(Float.pi * fc / fs)
        damping = k
        a1 = 1 / (1 + g * (g + k))
        a2 = g * a1
        a3 = g * a2
    }

    /// Returns (low-pass, band-pass) for input `v0`.
    @inline(__always) mutating func process(_ v0: Float) -> (low: Float, band: Float) {
        let v3 = v0 - ic2
        let v1 = a1 * ic1 + a2 * v3
        let v2 = ic2 + a2 * ic1 + a3 * v3
        ic1 = 2 * v1 - ic1
        ic2 = 2 * v2 - ic2
        return (v2, v1)
    }

    @inline(__always) mutating func lowPass(_ x: Float) -> Float { process(x).low }

    @inline(__always) mutating func highPass(_ x: Float) -> Float {
        let (low, band) = process(x)
        return x - damping * band - low
    }

    @inline(__always) mutating func bandPass(_ x: Float) -> Float { process(x).band }
}

enum SynthMath {
    /// sin(2π·cycles) to about 0.1 %: a parabola refined once. `cycles` within ±2³¹.
    @inline(__always) static func sine(_ cycles: Float) -> Float {
        // The fraction by truncation (a conversion instruction, where `rounded(.down)` may be a
        // library call on baseline x86-64).
        var f = cycles - Float(Int32(cycles))
        if f < 0 { f += 1 }
        let x = 2 * f - 1  // −1 ..< 1; sin(2π·cycles) = −sin(π·x)
        let y = 4 * x * (1 - abs(x))
        return -(0.225 * (y * abs(y) - y) + y)
    }

    /// The polyBLEP correction of a step at phase 0 for phase `t` and increment `dt` (cycles).
    @inline(__always) static func blep(_ t: Float, _ dt: Float) -> Float {
        if t < dt {
            let x = t / dt
            return x + x - x * x - 1
        }
        if t > 1 - dt {
            let x = (t - 1) / dt
            return x * x + x + x + 1
        }
        return 0
    }

    /// A band-limited sawtooth (−1…1) at phase `t` (cycles, 0 ..< 1).
    @inline(__always) static func saw(_ t: Float, _ dt: Float) -> Float { 2 * t - 1 - blep(t, dt) }

    /// A band-limited square (−1…1) at phase `t`.
    @inline(__always) static func square(_ t: Float, _ dt: Float) -> Float {
        var h = t + 0.5
        if h >= 1 { h -= 1 }
        return (t < 0.5 ? 1 : -1) + blep(t, dt) - blep(h, dt)
    }

    /// The frequency of MIDI note `pitch` in equal temperament, A4 = 440 Hz.
    static func frequency(_ pitch: Int) -> Double { 440 * Double.exp2(Double(pitch - 69) / 12) }

    /// A per-sample multiplier that decays by 1/e in `seconds`.
    static func decay(_ seconds: Double, _ fs: Double) -> Float { Float(Double.exp(-1 / max(1, seconds * fs))) }
}

/// A 32-bit xorshift generator for noise: deterministic per voice.
struct SynthNoise {
    var state: UInt32
    @inline(__always) mutating func next() -> Float {
        state ^= state << 13
        state ^= state >> 17
        state ^= state << 5
        return Float(Int32(bitPattern: state)) * (1 / 2_147_483_648)
    }
}
