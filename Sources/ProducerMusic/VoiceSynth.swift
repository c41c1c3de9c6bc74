import RealModule

/// A vocal-like synthesiser that renders ``SungNote``s together with their ground-truth pitch:
/// test material with a known answer for pitch trackers and note detectors.
///
/// The source is a band-limited glottal-like pulse train (harmonics up to just under Nyquist,
/// amplitude falling about 12 dB per octave) with a phase-continuous fundamental that follows
/// each note's glide and vibrato. It passes through a cascade of formant resonators whose vowel
/// rotates note by note ("a", "o", "e" by default), under an attack/release envelope (notes that
/// join without a gap are sung legato, without a dip). Optional breath noise and consonant bursts
/// make the material harder. Rendering is deterministic for a given seed.
public struct VoiceSynth: Sendable {
    /// The result of ``render(_:duration:)``: audio and the ground-truth pitch track.
    public struct Rendering: Sendable, Hashable {
        /// Mono samples at the synth's sample rate, peak below 1.
        public var samples: [Float]
        /// Ground-truth fundamental frequency in Hz every 10 ms (entry `i` is at `t = i · 0.01` s),
        /// 0 where nothing is sung: rests and consonant bursts, and the first and last few
        /// milliseconds of a detached note, where its attack or release envelope is more than
        /// 20 dB below the note's level (about 8 ms of the 40 ms attack and 10 ms of the 50 ms release).
        public var f0: [Double]
        /// The spacing of ``f0`` in seconds (0.01).
        public static let f0Hop = 0.01
    }

    /// Sample rate in Hz.
    public let sampleRate: Double
    /// Seed of the deterministic noise generator.
    public var seed: UInt64
    /// Signal-to-noise ratio in dB of breath-like band-passed noise added throughout (rests
    /// included), relative to the RMS of the sung parts; `nil` for none.
    public var breathNoiseSNR: Double?
    /// When true, some note onsets that follow a rest get a short unvoiced noise burst (20–60 ms,
    /// like "s", "t", "k") just before the note, in the rest.
    public var consonantBursts: Bool
    /// The vowels to rotate through, one per note in order; each is a list of formants.
    public var vowelFormants: [[VoiceFormant]]
    /// The highest harmonic rendered (fewer when Nyquist comes first).
    public var maximumHarmonics: Int
    /// Jitter: the relative standard deviation of each glottal cycle's length (a real voice:
    /// 0.005–0.01); 0 for none.
    public var jitter: Double = 0
    /// Shimmer: the relative standard deviation of each glottal cycle's amplitude (a real voice:
    /// 0.03–0.08); 0 for none.
    public var shimmer: Double = 0

    /// A synth at `sampleRate` Hz whose noise comes from `seed`.
    public init(sampleRate: Double, seed: UInt64 = 1) {
        self.sampleRate = sampleRate
        self.seed = seed
        self.breathNoiseSNR = nil
        self.consonantBursts = false
        self.vowelFormants = [VoiceFormant.vowelA, VoiceFormant.vowelO, VoiceFormant.vowelE]
        self.maximumHarmonics = 48
    }

    /// SplitMix64.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        /// Uniform in -1 ..< 1.
        mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 52) * 2 - 1 }
    }

    /// A two-pole resonator with unity gain at DC (Klatt): `y = a x + b y1 + c y2`.
    struct Resonator {
        var a = 1.0, b = 0.0, c = 0.0, y1 = 0.0, y2 = 0.0
        mutating func set(frequency: Double, bandwidth: Double, sampleRate: Double) {
            let r = Double.exp(-Double.pi * bandwidth / sampleRate)
            c = -r * r
            b = 2 * r * Double.cos(2 * Double.pi * min(frequency, 0.45 * sampleRate) / sampleRate)
            a = 1 - b - c
        }
        mutating func process(_ x: Double) -> Double {
            let y = a * x + b * y1 + c * y2
            y2 = y1; y1 = y
            return y
        }
    }

    /// Renders `notes` (non-overlapping; a later note cuts an earlier one short) to audio and ground
    /// truth. The length is `duration` seconds, or by default the end of the last note plus 0.3 s.
    public func render(_ notes: [SungNote], duration: Double? = nil) -> Rendering {
        let fs = sampleRate
        let sorted = notes.sorted { $0.start < $1.start }
        var spans: [(note: SungNote, end: Double)] = []
        for (i, n) in sorted.enumerated() {
            let cut = i + 1 < sorted.count ? min(n.end, sorted[i + 1].start) : n.end
            if cut > n.start { spans.append((n, cut)) }
        }
        let total = duration ?? ((spans.map(\.end).max() ?? 0) + 0.3)
        let count = max(0, Int((total * fs).rounded()))
        var voice = [Double](repeating: 0, count: count)
        let attack = 0.04, release = 0.05, legatoGap = 0.001
        var phase = 0.0
        var resonators = [Resonator](repeating: Resonator(), count: 5)
        var voicedPower = 0.0, voicedCount = 0

        // Jitter and shimmer: each cycle's length and amplitude drawn anew as a cycle begins.
        var cycles = Random(state: seed ^ 0x6A09_E667_F3BC_C908)
        let perturbs = jitter > 0 || shimmer > 0
        var cycleLength = 1.0, cycleAmplitude = 1.0
        voice.withUnsafeMutableBufferPointer { out in
            var gain = 0.0
            var previousFormants: [VoiceFormant] = []
            for (k, span) in spans.enumerated() {
                let n = span.note
                let legatoIn = k > 0 && spans[k - 1].end >= n.start - legatoGap
                let legatoOut = k + 1 < spans.count && spans[k + 1].note.start <= span.end + legatoGap
                let formants = Array((vowelFormants.isEmpty ? [] : vowelFormants[k % vowelFormants.count]).prefix(5))
                let from = legatoIn && previousFormants.count == formants.count ? previousFormants : formants
                previousFormants = formants
                if !legatoIn { resonators = [Resonator](repeating: Resonator(), count: 5) }
                // Equal loudness per note (the formants would otherwise favour notes near F1), × velocity.
                let target =
                    n.velocity
                    / Self.predictedRMS(
                        frequency: 440 * Double.exp2((n.midi - 69) / 12), formants: formants,
                        maximumHarmonics: maximumHarmonics, sampleRate: fs)
                if !legatoIn { gain = target }
                let smoothing = 1 - Double.exp(-1 / (0.01 * fs))  // 10 ms glide of the gain between legato notes
                let i0 = max(0, Int((n.start * fs).rounded(.up)))
                let i1 = min(count, Int((span.end * fs).rounded(.up)))
                if i0 >= i1 { continue }
                for i in i0..<i1 {
                    let t = Double(i) / fs
                    if (i - i0) % 16 == 0 {
                        // Vowel changes between legato notes take 50 ms.
                        let x = Self.ramp((t - n.start) / 0.05)
                        for (j, f) in formants.enumerated() {
                            let g = from[j]
                            resonators[j].set(
                                frequency: g.frequency + (f.frequency - g.frequency) * x,
                                bandwidth: g.bandwidth + (f.bandwidth - g.bandwidth) * x, sampleRate: fs)
                        }
                    }
                    let f0 = n.frequency(at: t)
                    phase += f0 / cycleLength / fs
                    if phase >= 1 && perturbs {
                        // Uniform draws in −1…1, scaled to the given standard deviations.
                        let u = Double(cycles.next() >> 11) / Double(1 << 52) - 1
                        let v = Double(cycles.next() >> 11) / Double(1 << 52) - 1
                        cycleLength = 1 + jitter * 3.0.squareRoot() * u
                        cycleAmplitude = 1 + shimmer * 3.0.squareRoot() * v
                    }
                    phase -= phase.rounded(.down)
                    // Band-limited pulse: sum of sin(k θ) / k², harmonics below 0.45 fs.
                    let harmonics = max(1, min(maximumHarmonics, Int(0.45 * fs / f0)))
                    let theta = 2 * Double.pi * phase
                    let s1 = Double.sin(theta), c1 = Double.cos(theta)
                    var sPrev = 0.0, sCur = s1, sum = s1
                    var kk = 1
                    while kk < harmonics {
                        let sNext = 2 * c1 * sCur - sPrev
                        sPrev = sCur; sCur = sNext
                        kk += 1
                        sum += sCur / Double(kk * kk)
                    }
                    var y = sum
                    for j in 0..<formants.count { y = resonators[j].process(y) }
                    gain += (target - gain) * smoothing
                    var env = gain
                    if !legatoIn { env *= Self.ramp((t - n.start) / attack) }
                    if !legatoOut { env *= Self.ramp((span.end - t) / release) }
                    out[i] = y * env * cycleAmplitude
                }
                voicedPower += n.velocity * n.velocity * Double(i1 - i0)
                voicedCount += i1 - i0
            }
        }
        // Normalise the voice so that its peak is 0.7 × the loudest velocity.
        var peak = 0.0
        for v in voice { peak = max(peak, abs(v)) }
        let maxVelocity = spans.map(\.note.velocity).max() ?? 0
        let gain = peak > 0 ? 0.7 * min(1, maxVelocity) / peak : 0
        var samples = [Float](repeating: 0, count: count)
        for i in 0..<count { samples[i] = Float(voice[i] * gain) }
        let voiceRMS = voicedCount > 0 ? (voicedPower / Double(voicedCount)).squareRoot() * gain : 0
        var random = Random(state: seed)

        if consonantBursts {
            var lastEnd = -Double.infinity
            for (k, span) in spans.enumerated() {
                defer { lastEnd = span.end }
                let draw = random.next()
                guard k % 2 == 0 || draw % 3 == 0 else { continue }
                let length = 0.02 + 0.04 * Double(draw >> 11) / Double(1 << 53)
                guard span.note.start - length >= lastEnd + 0.02, span.note.start - length >= 0 else { continue }
                let b0 = Int(((span.note.start - length) * fs).rounded(.up)),
                    b1 = min(count, Int((span.note.start * fs).rounded(.down)))
                var hp = Resonator()
                hp.set(frequency: 5000, bandwidth: 3000, sampleRate: fs)
                var burst = [Double]()
                var prev = 0.0, power = 0.0
                for i in b0..<max(b0, b1) {
                    let u = Double(i - b0) / Double(max(1, b1 - b0))
                    let w = random.uniform()
                    let x = hp.process(w - prev) * Double.sin(Double.pi * u)
                    prev = w
                    burst.append(x); power += x * x
                }
                // A burst as loud (RMS) as the sung parts.
                let rms = burst.isEmpty ? 0 : (power / Double(burst.count)).squareRoot()
                let scale = rms > 0 ? voiceRMS / rms : 0
                for (j, x) in burst.enumerated() { samples[b0 + j] += Float(x * scale) }
            }
        }

        if let snr = breathNoiseSNR, voiceRMS > 0 {
            var noise = [Double](repeating: 0, count: count)
            var bp1 = Resonator(), bp2 = Resonator()
            bp1.set(frequency: 1500, bandwidth: 2500, sampleRate: fs)
            bp2.set(frequency: 3000, bandwidth: 3000, sampleRate: fs)
            var prev = 0.0, power = 0.0
            for i in 0..<count {
                let w = random.uniform()
                let y = bp2.process(bp1.process(w - prev))  // differentiated: no DC, band-passed
                prev = w
                noise[i] = y
                power += y * y
            }
            let rms = count > 0 ? (power / Double(count)).squareRoot() : 0
            let scale = rms > 0 ? voiceRMS * Double.pow(10, -snr / 20) / rms : 0
            for i in 0..<count { samples[i] += Float(noise[i] * scale) }
        }

        // Keep the peak below 1 whatever the noise added.
        var finalPeak: Float = 0
        for v in samples { finalPeak = max(finalPeak, abs(v)) }
        if finalPeak > 0.95 {
            let g = 0.95 / finalPeak
            for i in 0..<count { samples[i] *= g }
        }

        // Ground truth every 10 ms.
        let frames = Int((total / Rendering.f0Hop).rounded(.down)) + 1
        var f0 = [Double](repeating: 0, count: max(0, frames))
        var k = 0
        for i in 0..<f0.count {
            let t = Double(i) * Rendering.f0Hop
            while k < spans.count && spans[k].end <= t { k += 1 }
            if k < spans.count && spans[k].note.start <= t && t < spans[k].end {
                let span = spans[k], n = span.note
                // Voiced where the voice is actually heard: the envelope within 20 dB of the note's level.
                let legatoIn = k > 0 && spans[k - 1].end >= n.start - legatoGap
                let legatoOut = k + 1 < spans.count && spans[k + 1].note.start <= span.end + legatoGap
                var env = 1.0
                if !legatoIn { env *= Self.ramp((t - n.start) / attack) }
                if !legatoOut { env *= Self.ramp((span.end - t) / release) }
                if env >= 0.1 { f0[i] = n.frequency(at: t) }
            }
        }
        return Rendering(samples: samples, f0: f0)
    }

    /// The RMS of the pulse train at `frequency` Hz through the formant cascade.
    static func predictedRMS(
        frequency: Double, formants: [VoiceFormant], maximumHarmonics: Int, sampleRate fs: Double
    ) -> Double {
        var resonators = [Resonator](repeating: Resonator(), count: formants.count)
        for (j, f) in formants.enumerated() {
            resonators[j].set(frequency: f.frequency, bandwidth: f.bandwidth, sampleRate: fs)
        }
        let harmonics = max(1, min(maximumHarmonics, Int(0.45 * fs / frequency)))
        var power = 0.0
        for h in 1...harmonics {
            let w = 2 * Double.pi * Double(h) * frequency / fs
            var g = 1.0 / Double(h * h)
            for r in resonators {
                // |1 - b e^{-iw} - c e^{-2iw}|
                let re = 1 - r.b * Double.cos(w) - r.c * Double.cos(2 * w)
                let im = r.b * Double.sin(w) + r.c * Double.sin(2 * w)
                g *= r.a / (re * re + im * im).squareRoot()
            }
            power += 0.5 * g * g
        }
        return max(power.squareRoot(), 1e-12)
    }

    /// A raised-cosine ramp: 0 at x ≤ 0, 1 at x ≥ 1.
    static func ramp(_ x: Double) -> Double {
        x <= 0 ? 0 : x >= 1 ? 1 : 0.5 - 0.5 * Double.cos(Double.pi * x)
    }
}
