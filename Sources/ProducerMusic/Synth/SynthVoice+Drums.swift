/// The sounds of the synthesised General MIDI drum kit.
enum DrumSound: Equatable {
    case kick, rim, snare, clap, closedHat, openHat, crash, ride
    /// A tom tuned to `hertz`.
    case tom(hertz: Float)

    /// The sound for a General MIDI percussion key; keys the kit does not have take the nearest one.
    init(key: Int) {
        let kit: [(Int, DrumSound)] = [
            (35, .kick), (36, .kick), (37, .rim), (38, .snare), (39, .clap), (40, .snare),
            (41, .tom(hertz: 82)), (42, .closedHat), (43, .tom(hertz: 98)), (44, .closedHat),
            (45, .tom(hertz: 115)), (46, .openHat), (47, .tom(hertz: 135)), (48, .tom(hertz: 158)),
            (49, .crash), (50, .tom(hertz: 185)), (51, .ride), (52, .crash), (53, .ride), (55, .crash),
            (57, .crash), (59, .ride),
        ]
        var best = kit[0]
        for entry in kit where abs(entry.0 - key) < abs(best.0 - key) { best = entry }
        self = best.1
    }

    /// The decay's time constant in seconds at `bright` (velocity, 0…1): the voice ends about
    /// 6.9 of these later (60 dB down), then fades in a few ms.
    func decay(bright: Float) -> Double {
        let b = Double(bright)
        switch self {
        case .kick: return 0.16 + 0.06 * b
        case .snare: return 0.11 + 0.05 * b
        case .clap: return 0.12
        case .closedHat: return 0.035 + 0.015 * b
        case .openHat: return 0.3
        case .crash: return 1.1
        case .ride: return 0.75
        case .tom(let hz): return 0.12 + 24 / Double(hz)
        case .rim: return 0.018
        }
    }

    /// How long a hit at full velocity may sound, seconds.
    var ringSeconds: Double { decay(bright: 1) * 6.91 + 0.02 }

    /// Where the sound sits in the stereo image (−1 left … 1 right), as seen from the audience.
    var pan: Float {
        switch self {
        case .kick, .snare, .rim, .clap: 0
        case .closedHat, .openHat: 0.3
        case .crash: -0.35
        case .ride: 0.4
        case .tom(let hz): (hz - 130) / 120
        }
    }
}

extension SynthVoice {
    /// Sets the voice up for drum `key` at `velocity`.
    mutating func startDrum(key: Int, velocity: Int, start: Int64, sampleRate fs: Double, seed: UInt32) {
        self = SynthVoice()
        active = true
        pitch = key
        startFrame = start
        endFrame = Int64.max
        bright = Float(min(127, max(1, velocity))) / 127
        noise = SynthNoise(state: seed | 1)
        drum = DrumSound(key: key)
        let v = Self.loudness(velocity), ffs = Float(fs)
        let pan = drum.pan
        gainLeft = min(1, 1 - pan)
        gainRight = min(1, 1 + pan)
        func env(_ decay: Double) -> SynthEnvelope {
            SynthEnvelope(attack: 0.0008, decay: decay, sustain: 0, release: 0.01, sampleRate: fs)
        }
        switch drum {
        case .kick:
            level = 0.95 * v
            envelope = env(drum.decay(bright: bright))
            increment0 = 48 / fs  // settles at 48 Hz
            sweep = 115 + 60 * bright  // Hz above that, decaying
            sweepDecay = SynthMath.decay(0.032, fs)
            aux = 0.5 * bright  // click
            auxDecay = SynthMath.decay(0.0025, fs)
        case .snare:
            level = 0.6 * v
            envelope = env(drum.decay(bright: bright))
            increment0 = 185 / fs
            increment1 = 330 / fs
            aux = 0.9  // tone's own faster decay
            auxDecay = SynthMath.decay(0.05, fs)
            filterLeft.set(cutoff: 1400 + 2200 * bright, damping: 1.3, sampleRate: ffs)
        case .clap:
            level = 0.55 * v
            envelope = env(drum.decay(bright: bright))
            filterLeft.set(cutoff: 1150, damping: 0.9, sampleRate: ffs)
            auxDecay = SynthMath.decay(0.0035, fs)
            aux = 1
        case .closedHat, .openHat:
            level = 0.26 * v
            envelope = env(drum.decay(bright: bright))
            filterLeft.set(cutoff: 6000 + 3000 * bright, damping: 1.2, sampleRate: ffs)
            metallic(fs)
        case .crash, .ride:
            level = (drum == .crash ? 0.3 : 0.22) * v
            envelope = env(drum.decay(bright: bright))
            filterLeft.set(cutoff: drum == .crash ? 4200 + 2500 * bright : 5500, damping: 1.0, sampleRate: ffs)
            metallic(fs)
            if drum == .ride {
                increment2 = 2620 / fs  // the bell
                aux = 0.35
                auxDecay = SynthMath.decay(0.25, fs)
            }
        case .tom(let hz):
            level = 0.7 * v
            envelope = env(drum.decay(bright: bright))
            increment0 = Double(hz) / fs
            sweep = hz * 0.6
            sweepDecay = SynthMath.decay(0.06, fs)
            aux = 0.3 * bright
            auxDecay = SynthMath.decay(0.008, fs)
        case .rim:
            level = 0.45 * v
            envelope = env(drum.decay(bright: bright))
            increment0 = 1700 / fs
            increment1 = 820 / fs
            aux = 0.5
            auxDecay = SynthMath.decay(0.003, fs)
        }
    }

    /// Square waves at inharmonic ratios (a TR-808 cymbal's six, folded into two phases sweeping
    /// at different rates) mixed with noise, for hats and cymbals.
    private mutating func metallic(_ fs: Double) {
        increment0 = 540 / fs
        increment1 = 800 / fs
        sweep = 0.35  // share of the metallic squares against noise
    }

    /// Renders a drum voice: a one-shot that ignores the key's release. The sound is chosen
    /// once per call, each with a loop of its own.
    mutating func renderDrum(
        _ left: UnsafeMutablePointer<Float>, _ right: UnsafeMutablePointer<Float>, _ count: Int, _ fs: Float
    ) {
        var env = envelope, filter = filterLeft, rng = noise
        var p0 = phase0, p1 = phase1, p2 = phase2
        let i0 = increment0, i1 = increment1, i2 = increment2
        var extra = aux, sw = sweep
        let extraDecay = auxDecay, sweepFactor = sweepDecay
        let gl = level * gainLeft, gr = level * gainRight
        var previous = lastNoise
        /// Adds one sample under the envelope; false once the envelope is done.
        @inline(__always) func emit(_ j: Int, _ y: Float) -> Bool {
            let v = y * env.next()
            left[j] += v * gl
            right[j] += v * gr
            return env.stage != .done
        }
        switch drum {
        case .kick, .tom:
            let perHertz = 1 / Double(fs)
            for j in 0..<count {
                p0 += i0 + Double(sw) * perHertz
                if p0 >= 1 { p0 -= 1 }
                sw *= sweepFactor
                let w = rng.next()
                let y = SynthMath.sine(Float(p0)) + (w - previous) * extra
                previous = w
                extra *= extraDecay
                if !emit(j, y) { break }
            }
        case .snare:
            for j in 0..<count {
                p0 += i0
                if p0 >= 1 { p0 -= 1 }
                p1 += i1
                if p1 >= 1 { p1 -= 1 }
                let tone = (0.6 * SynthMath.sine(Float(p0)) + 0.35 * SynthMath.sine(Float(p1))) * extra
                extra *= extraDecay
                if !emit(j, tone + 0.8 * filter.highPass(rng.next())) { break }
            }
        case .clap:
            // Three quick bursts, then the tail.
            let cycle = Int(0.011 * fs)
            let clapTail = 3 * cycle
            for j in 0..<count {
                let n = age + j
                if n < clapTail && n % cycle == 0 { extra = 1 }
                let burst = n < clapTail ? extra : 0.6
                extra *= extraDecay
                if !emit(j, 1.6 * filter.bandPass(rng.next()) * burst) { break }
            }
        case .closedHat, .openHat, .crash, .ride:
            let metalShare = 0.25 * sw, noiseShare = 1 - sw
            for j in 0..<count {
                p0 += i0
                if p0 >= 1 { p0 -= 1 }
                p1 += i1
                if p1 >= 1 { p1 -= 1 }
                let q0 = Float(p0), q1 = Float(p1)
                // Four squares from two phases (at f, f·1.48 and g, g·1.71): a TR-808-like metal.
                let r0 = q0 * 1.48, r1 = q1 * 1.71
                var metal: Float = (q0 < 0.5 ? 1 : -1) + (q1 < 0.5 ? 1 : -1)
                metal += (r0 - Float(Int32(r0)) < 0.5 ? 1 : -1)
                metal += (r1 - Float(Int32(r1)) < 0.5 ? 1 : -1)
                var y = filter.highPass(metalShare * metal + noiseShare * rng.next())
                if i2 > 0 {
                    p2 += i2
                    if p2 >= 1 { p2 -= 1 }
                    y += SynthMath.sine(Float(p2)) * extra
                    extra *= extraDecay
                }
                if !emit(j, y) { break }
            }
        case .rim:
            for j in 0..<count {
                p0 += i0
                if p0 >= 1 { p0 -= 1 }
                p1 += i1
                if p1 >= 1 { p1 -= 1 }
                let w = rng.next()
                let y = 0.6 * SynthMath.sine(Float(p0)) + 0.4 * SynthMath.sine(Float(p1)) + (w - previous) * extra
                previous = w
                extra *= extraDecay
                if !emit(j, y) { break }
            }
        }
        envelope = env
        filterLeft = filter
        noise = rng
        phase0 = p0
        phase1 = p1
        phase2 = p2
        aux = extra
        sweep = sw
        lastNoise = previous
    }
}
