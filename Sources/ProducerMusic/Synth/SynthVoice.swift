import RealModule

/// One sounding note of an ``InstrumentSynth``: oscillators, filters and envelopes.
///
/// Oscillator phases are accumulated in `Double` (cycles), so a note's pitch is exact to far
/// below a cent however long it lasts; waveforms are computed in `Float`.
struct SynthVoice {
    var active = false
    /// The key was released (or the note died away).
    var released = false
    /// The voice was taken for another note and is fading out.
    var killed = false
    var pitch = 0
    var startFrame: Int64 = 0
    var endFrame: Int64 = 0
    /// Velocity as loudness (with the instrument's gain) and as brightness, 0…1.
    var level: Float = 0
    var bright: Float = 0
    var gainLeft: Float = 1, gainRight: Float = 1
    var envelope = SynthEnvelope()
    /// Phases (cycles) and increments (cycles per sample).
    var phase0 = 0.0, phase1 = 0.0, phase2 = 0.0
    var increment0 = 0.0, increment1 = 0.0, increment2 = 0.0
    var filterLeft = SynthFilter(), filterRight = SynthFilter()
    /// Decaying modulation: FM index (cycles, above `modulationFloor`) or filter envelope.
    var modulation: Float = 0, modulationDecay: Float = 1, modulationFloor: Float = 0
    var modulation2: Float = 0, modulation2Decay: Float = 1
    /// Cutoff at rest and the envelope's reach (Hz), damping.
    var cutoff: Float = 0, cutoffReach: Float = 0, damping: Float = 1.4
    /// Vibrato (strings, lead): phase and increment (cycles), depth as a frequency ratio, delay in samples.
    var vibratoPhase: Float = 0, vibratoIncrement: Float = 0, vibratoDepth: Float = 0
    var vibratoDelay = 0, vibratoRamp = 1
    /// Samples since the note started.
    var age = 0
    var noise = SynthNoise(state: 1)
    var drum = DrumSound.kick
    /// Drum state: a second envelope (noise, tone) and pitch sweep.
    var sweep: Float = 0, sweepDecay: Float = 1, sweepFloor: Float = 0
    var aux: Float = 0, auxDecay: Float = 1
    var lastNoise: Float = 0

    /// Level from velocity: 1 → −42 dB, 64 → −11 dB, 127 → 0 dB; monotonic.
    static func loudness(_ velocity: Int) -> Float {
        let x = Float(min(127, max(1, velocity))) / 127
        return x * x * (0.3 + 0.7 * x)
    }

    /// Sets the voice up for `pitch` at `velocity` on a pitched instrument.
    mutating func start(
        instrument: Instrument, pitch: Int, velocity: Int, start: Int64, end: Int64, sampleRate fs: Double, seed: UInt32
    ) {
        self = SynthVoice()
        active = true
        self.pitch = pitch
        startFrame = start
        endFrame = end
        bright = Float(min(127, max(1, velocity))) / 127
        noise = SynthNoise(state: seed | 1)
        let f = SynthMath.frequency(pitch)
        increment0 = f / fs
        let ffs = Float(fs)
        let v = Self.loudness(velocity)
        switch instrument {
        case .bass:
            level = 0.42 * v
            envelope = SynthEnvelope(attack: 0.003, decay: 0.8, sustain: 0.7, release: 0.07, sampleRate: fs)
            cutoff = Float(f) * 1.5 + 120
            cutoffReach = 600 + 3400 * bright
            modulation = 1
            modulationDecay = SynthMath.decay(0.12, fs / 16)  // stepped every 16 samples
            damping = 0.55
            filterLeft.set(cutoff: cutoff + cutoffReach, damping: damping, sampleRate: ffs)
        case .keys:
            level = 0.34 * v
            let lengthScale = max(0.35, 1 - Double(pitch - 48) / 60)
            envelope = SynthEnvelope(
                attack: 0.0015, decay: 2.2 * lengthScale, sustain: 0, release: 0.22, sampleRate: fs)
            // Body: 1:1 modulator, index decaying to a floor; tine: 14:1, gone in ~50 ms.
            modulationFloor = 0.12 / (2 * .pi)
            modulation = (0.25 + 0.55 * bright) / (2 * .pi) * 2.2 - modulationFloor
            modulationDecay = SynthMath.decay(0.7, fs)
            modulation2 = (0.6 + 1.6 * bright) / (2 * .pi) * 2
            modulation2Decay = SynthMath.decay(0.05, fs)
            aux = 0.35 + 0.25 * bright
            auxDecay = SynthMath.decay(0.3, fs)
        case .guitar:
            level = 0.38 * v
            let lengthScale = max(0.3, 1 - Double(pitch - 40) / 55)
            envelope = SynthEnvelope(attack: 0.001, decay: 1.3 * lengthScale, sustain: 0, release: 0.09, sampleRate: fs)
            modulationFloor = 0.15 / (2 * .pi)
            modulation = (0.6 + 2.2 * bright) / (2 * .pi) - modulationFloor
            modulationDecay = SynthMath.decay(0.09 + 0.05 * Double(bright), fs)
            aux = 0.25 * bright  // the pick's click
            auxDecay = SynthMath.decay(0.002, fs)
        case .pad:
            level = 0.16 * v
            envelope = SynthEnvelope(attack: 0.45, decay: 1.0, sustain: 0.85, release: 0.9, sampleRate: fs)
            increment1 = increment0 * Double.exp2(-7 / 1200)
            increment2 = increment0 * Double.exp2(7 / 1200)
            phase1 = 0.31
            phase2 = 0.67
            cutoff = min(Float(f) * 3 + 900 + 1800 * bright, 0.45 * ffs)
            filterLeft.set(cutoff: cutoff, damping: 1.2, sampleRate: ffs)
            filterRight = filterLeft
        case .strings:
            level = 0.15 * v
            envelope = SynthEnvelope(attack: 0.22, decay: 1.0, sustain: 0.9, release: 0.45, sampleRate: fs)
            increment1 = increment0 * Double.exp2(-9 / 1200)
            increment2 = increment0 * Double.exp2(9 / 1200)
            phase1 = 0.43
            phase2 = 0.19
            cutoff = min(Float(f) * 4 + 1800 + 3200 * bright, 0.45 * ffs)
            filterLeft.set(cutoff: cutoff, damping: 1.0, sampleRate: ffs)
            filterRight = filterLeft
            vibrato(rate: 5.2, cents: 11, delay: 0.3, ramp: 0.5, fs)
        case .lead:
            level = 0.26 * v
            envelope = SynthEnvelope(attack: 0.006, decay: 0.5, sustain: 0.8, release: 0.1, sampleRate: fs)
            cutoff = min(Float(f) * 2 + 1500 + 4500 * bright, 0.45 * ffs)
            filterLeft.set(cutoff: cutoff, damping: 0.9, sampleRate: ffs)
            vibrato(rate: 5.6, cents: 14, delay: 0.35, ramp: 0.4, fs)
        case .drums:
            break
        }
    }

    private mutating func vibrato(rate: Double, cents: Double, delay: Double, ramp: Double, _ fs: Double) {
        vibratoIncrement = Float(rate / fs)
        // A linear frequency ratio (not cents): its mean is exactly 1, so the note's average pitch is exact.
        vibratoDepth = Float(Double.exp2(cents / 1200) - 1)
        vibratoDelay = Int(delay * fs)
        vibratoRamp = max(1, Int(ramp * fs))
    }

    /// Adds `count` samples of the voice to `left` and `right`; the voice ends itself when its envelope is done.
    mutating func render(
        instrument: Instrument, left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int,
        sampleRate: Float
    ) {
        switch instrument {
        case .bass: renderBass(left, right, count, sampleRate)
        case .keys: renderFM(left, right, count, tine: true)
        case .guitar: renderFM(left, right, count, tine: false)
        case .pad, .strings: renderEnsemble(left, right, count, sampleRate)
        case .lead: renderLead(left, right, count)
        case .drums: renderDrum(left, right, count, sampleRate)
        }
        age += count
        if envelope.stage == .done { active = false }
    }

    /// Saw and square through a resonant low-pass whose cutoff follows a decaying envelope.
    private mutating func renderBass(
        _ left: UnsafeMutablePointer<Float>, _ right: UnsafeMutablePointer<Float>, _ count: Int, _ fs: Float
    ) {
        var ph = phase0
        let inc = increment0, dt = Float(inc)
        var env = envelope, filter = filterLeft
        let gain = level
        var i = 0
        while i < count {
            // The filter follows its envelope every 16 samples of the note's age, so that the
            // sound does not depend on how the render is cut into blocks.
            let step = (age + i) & 15
            if step == 0 {
                modulation *= modulationDecay
                filter.set(cutoff: cutoff + cutoffReach * modulation, damping: damping, sampleRate: fs)
            }
            let m = min(16 - step, count - i)
            for j in i..<(i + m) {
                ph += inc
                if ph >= 1 { ph -= 1 }
                let t = Float(ph)
                let x = 0.6 * SynthMath.saw(t, dt) + 0.4 * SynthMath.square(t, dt)
                let y = filter.lowPass(x) * env.next() * gain
                left[j] += y
                right[j] += y
            }
            i += m
            if env.stage == .done { break }
        }
        phase0 = ph
        envelope = env
        filterLeft = filter
    }

    /// Two-operator FM: a 1:1 modulator with a decaying index (the body; a guitar-like pluck
    /// alone) and, for the electric piano, a 14:1 modulator that fades in tens of ms (the tine).
    private mutating func renderFM(
        _ left: UnsafeMutablePointer<Float>, _ right: UnsafeMutablePointer<Float>, _ count: Int, tine: Bool
    ) {
        var ph = phase0
        let inc = increment0
        var env = envelope
        var index = modulation
        let floor = modulationFloor, decay = modulationDecay
        var index2 = modulation2
        let decay2 = modulation2Decay
        var tineLevel = aux
        let tineDecay = auxDecay
        var rng = noise
        var previous = lastNoise
        let gain = level
        for j in 0..<count {
            ph += inc
            if ph >= 1 { ph -= 1 }
            let p = Float(ph)
            let m = SynthMath.sine(p)
            var y = SynthMath.sine(p + (floor + index) * m)
            index *= decay
            if tine {
                // Once the 14:1 index has faded (< 0.001 cycle), the tine is a plain sine at the
                // pitch: the body's modulator, already computed.
                let t = index2 > 0.001 ? SynthMath.sine(p + index2 * SynthMath.sine(p * 14)) : m
                y = 0.8 * y + tineLevel * t
                index2 *= decay2
                tineLevel *= tineDecay
            } else if tineLevel > 1e-6 {
                let w = rng.next()
                y += (w - previous) * tineLevel
                previous = w
                tineLevel *= tineDecay
            }
            let out = y * env.next() * gain
            left[j] += out
            right[j] += out
            if env.stage == .done { break }
        }
        phase0 = ph
        envelope = env
        modulation = index
        modulation2 = index2
        aux = tineLevel
        noise = rng
        lastNoise = previous
    }

    /// Three detuned saws (centre in both channels, the others left and right) through a gentle
    /// low-pass; strings add a vibrato that grows in after the onset.
    private mutating func renderEnsemble(
        _ left: UnsafeMutablePointer<Float>, _ right: UnsafeMutablePointer<Float>, _ count: Int, _ fs: Float
    ) {
        var p0 = phase0, p1 = phase1, p2 = phase2
        let i0 = increment0, i1 = increment1, i2 = increment2
        let d0 = Float(i0), d1 = Float(i1), d2 = Float(i2)
        var env = envelope
        var fl = filterLeft, fr = filterRight
        let gain = level
        var vp = vibratoPhase
        var i = 0
        while i < count {
            let step = (age + i) & 31, chunk = age + i - step  // steps of the note's age, as for the bass
            let m = min(32 - step, count - i)
            var depth: Float = 0
            if vibratoDepth > 0 && chunk > vibratoDelay {
                depth = vibratoDepth * Float(min(1, Double(chunk - vibratoDelay) / Double(vibratoRamp)))
            }
            for j in i..<(i + m) {
                var k = 1.0
                if depth > 0 {
                    k += Double(depth * SynthMath.sine(vp))
                    vp += vibratoIncrement
                    if vp >= 1 { vp -= 1 }
                }
                p0 += i0 * k
                if p0 >= 1 { p0 -= 1 }
                p1 += i1 * k
                if p1 >= 1 { p1 -= 1 }
                p2 += i2 * k
                if p2 >= 1 { p2 -= 1 }
                let c = SynthMath.saw(Float(p0), d0)
                let a = SynthMath.saw(Float(p1), d1)
                let b = SynthMath.saw(Float(p2), d2)
                let e = env.next() * gain
                left[j] += fl.lowPass(c + 0.6 * a) * e
                right[j] += fr.lowPass(c + 0.6 * b) * e
            }
            i += m
            if env.stage == .done { break }
        }
        phase0 = p0
        phase1 = p1
        phase2 = p2
        vibratoPhase = vp
        envelope = env
        filterLeft = fl
        filterRight = fr
    }

    /// Square and saw, a low-pass by velocity, and a vibrato after the onset.
    private mutating func renderLead(
        _ left: UnsafeMutablePointer<Float>, _ right: UnsafeMutablePointer<Float>, _ count: Int
    ) {
        var ph = phase0
        let inc = increment0, dt = Float(inc)
        var env = envelope, filter = filterLeft
        let gain = level
        var vp = vibratoPhase
        var i = 0
        while i < count {
            let step = (age + i) & 31, chunk = age + i - step
            let m = min(32 - step, count - i)
            var depth: Float = 0
            if chunk > vibratoDelay {
                depth = vibratoDepth * Float(min(1, Double(chunk - vibratoDelay) / Double(vibratoRamp)))
            }
            for j in i..<(i + m) {
                var k = 1.0
                if depth > 0 {
                    k += Double(depth * SynthMath.sine(vp))
                    vp += vibratoIncrement
                    if vp >= 1 { vp -= 1 }
                }
                ph += inc * k
                if ph >= 1 { ph -= 1 }
                let t = Float(ph)
                let x = 0.55 * SynthMath.square(t, dt) + 0.45 * SynthMath.saw(t, dt)
                let y = filter.lowPass(x) * env.next() * gain
                left[j] += y
                right[j] += y
            }
            i += m
            if env.stage == .done { break }
        }
        phase0 = ph
        vibratoPhase = vp
        envelope = env
        filterLeft = filter
    }
}
