public import ProducerAudio

/// Measures the long-term spectral balance in octave bands.
///
/// Method: the channels are folded to mono (their mean). Each octave band (nominal centres
/// 31.5, 63, 125, 250, 500, 1k, 2k, 4k, 8k, 16k Hz; exact centres 1000·2^k Hz; only bands whose
/// centre is below 0.9 × Nyquist) is a 6th-order Butterworth band-pass (three biquads; the
/// IEC 61260 style of octave filter): flat top, -3 dB at the octave edges centre/√2 and
/// centre·√2, about -19.6 dB one octave from the centre, so adjacent bands add up to the whole. A band's energy is the mean square
/// of its output; it is reported in dBFS and relative to the mean square of the mono fold.
/// All bands run side by side in SIMD lanes, in `Double`.
///
/// Running ten 4th-order band-passes on every frame is the most expensive health meter, so by
/// default the meter measures a 1 s stretch in every `periodSeconds` (default 16 s), after a 0.25 s
/// warm-up from a cleared filter state; positions are absolute, so results do not depend on
/// blocking. A long-term average spectrum from a sixteenth of the programme should differ from the full
/// one by a fraction of a dB for music; pass `periodSeconds: nil` to measure every frame.
public struct SpectralBalanceMeter: Meter, Sendable {
    /// One octave band.
    public struct Band: Sendable, Codable, Equatable {
        /// The nominal centre frequency in Hz (31.5, 63, 125, …).
        public var nominalFrequency: Double
        /// The exact centre frequency in Hz (1000·2^k).
        public var centreFrequency: Double
        /// The band's mean-square level in dBFS, or nil when the band holds no energy.
        public var levelDBFS: Double?
        /// The band's level relative to the whole mono fold in dB, or nil.
        public var relativeDB: Double?
    }

    /// The spectral balance.
    public struct Result: Sendable, Codable, Equatable {
        /// The bands, lowest first.
        public var bands: [Band]
        /// The mean-square level of the mono fold over the measured frames in dBFS, or nil when silent.
        public var totalDBFS: Double?
        /// How much audio was measured, in seconds.
        public var measuredSeconds: Double
    }

    /// The nominal octave-band centres.
    public static let nominalCentres: [Double] = [31.5, 63, 125, 250, 500, 1000, 2000, 4000, 8000, 16000]

    /// The sample rate in Hz.
    public let sampleRate: Double
    /// The number of channels.
    public let channelCount: Int
    /// The bands measured (nominal, exact centre).
    public let centres: [(nominal: Double, exact: Double)]
    @usableFromInline let gains: [Double]       // b0 of each band, applied to the energy at the end
    @usableFromInline let bank: [PairCoefficients]
    @usableFromInline let period: Int?
    @usableFromInline let warmUp: Int
    @usableFromInline let measure: Int
    @usableFromInline var state = [PairState](repeating: PairState(), count: pairs)
    @usableFromInline var total = 0.0
    @usableFromInline var frames = 0
    @usableFromInline var measured = 0

    /// Bands are run two at a time in SIMD2 lanes (pair k holds bands 2k and 2k+1), one pair at a
    /// time over a stretch of frames, so that a pair's state and coefficients stay in registers.
    @usableFromInline static let pairs = 5

    /// A band pair's three section denominators.
    @usableFromInline
    struct PairCoefficients: Sendable {
        @usableFromInline var a1 = SIMD2<Double>.zero, a2 = SIMD2<Double>.zero
        @usableFromInline var b1 = SIMD2<Double>.zero, b2 = SIMD2<Double>.zero
        @usableFromInline var c1 = SIMD2<Double>.zero, c2 = SIMD2<Double>.zero
        @usableFromInline init() {}
    }

    /// A band pair's filter state (two per section) and energy.
    @usableFromInline
    struct PairState: Sendable {
        @usableFromInline var a1 = SIMD2<Double>.zero, a2 = SIMD2<Double>.zero
        @usableFromInline var b1 = SIMD2<Double>.zero, b2 = SIMD2<Double>.zero
        @usableFromInline var c1 = SIMD2<Double>.zero, c2 = SIMD2<Double>.zero
        @usableFromInline var energy = SIMD2<Double>.zero
        @usableFromInline init() {}
        @usableFromInline mutating func clearFilters() { let e = energy; self = PairState(); energy = e }
    }

    /// Makes a spectral balance meter.
    /// - Parameters:
    ///   - periodSeconds: measure `measureSeconds` in every this many seconds; nil measures everything.
    ///   - measureSeconds: the stretch measured in each period (default 1 s).
    ///   - warmUpSeconds: filter warm-up before each stretch, not measured (default 0.25 s).
    public init(
        sampleRate: Double, channelCount: Int, periodSeconds: Double? = 16, measureSeconds: Double = 1,
        warmUpSeconds: Double = 0.25
    ) {
        precondition(channelCount >= 1 && sampleRate > 0)
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        var centres: [(Double, Double)] = []
        for (k, nominal) in Self.nominalCentres.enumerated() {
            let exact = 1000 * _pow(2, Double(k - 5))
            if exact < 0.9 * sampleRate / 2 { centres.append((nominal, exact)) }
        }
        self.centres = centres
        var bank = [PairCoefficients](repeating: PairCoefficients(), count: Self.pairs)
        var gains: [Double] = []
        for (k, c) in centres.enumerated() {
            let q = Self.bandPass(centre: c.1, sampleRate: sampleRate)
            let (j, l) = (k / 2, k % 2)
            bank[j].a1[l] = q[0].a1; bank[j].a2[l] = q[0].a2
            bank[j].b1[l] = q[1].a1; bank[j].b2[l] = q[1].a2
            bank[j].c1[l] = q[2].a1; bank[j].c2[l] = q[2].a2
            gains.append(q[0].b0 * q[1].b0 * q[2].b0)
        }
        self.gains = gains
        self.bank = bank
        if let periodSeconds {
            let p = max(1, Int((periodSeconds * sampleRate).rounded()))
            warmUp = min(p, Int((warmUpSeconds * sampleRate).rounded()))
            measure = min(p - warmUp, max(1, Int((measureSeconds * sampleRate).rounded())))
            period = p
        } else {
            period = nil; warmUp = 0; measure = 0
        }
    }

    /// The octave band-pass centred on `centre` Hz: a 6th-order Butterworth band-pass (3rd-order
    /// Butterworth low-pass prototype, band edges centre/√2 and centre·√2, bilinear transform with
    /// the edges prewarped), as three biquads with numerator b0·(1 − z⁻²), scaled for 0 dB at the centre.
    public static func bandPass(centre: Double, sampleRate: Double) -> [BiquadCoefficients] {
        let fs2 = 2 * sampleRate
        let w1 = fs2 * _tan(Double.pi * centre / 2.squareRoot() / sampleRate)
        let w2 = fs2 * _tan(Double.pi * min(centre * 2.squareRoot(), 0.499 * sampleRate) / sampleRate)
        let w0sq = w1 * w2, bw = w2 - w1
        var sections: [BiquadCoefficients] = []
        // z = (2fs + s) / (2fs − s)
        func bilinear(_ pr: Double, _ pi: Double) -> (Double, Double) {
            let nr = fs2 + pr, ni = pi, dr = fs2 - pr, di = -pi
            let d = dr * dr + di * di
            return ((nr * dr + ni * di) / d, (ni * dr - nr * di) / d)
        }
        // Prototype poles -1 and -1/2 + j√3/2 (its conjugate gives the conjugate band-pass poles).
        // Each pole p gives band-pass poles s = (p·B ± √(p²B² − 4ω0²)) / 2.
        for (pr, pi) in [(-1.0, 0.0), (-0.5, 0.75.squareRoot())] {
            let br = pr * bw, bi = pi * bw
            let dr = br * br - bi * bi - 4 * w0sq, di = 2 * br * bi
            let m = (dr * dr + di * di).squareRoot().squareRoot()
            let phase = _atan2(di, dr) / 2
            let sr = m * _cos(phase), si = m * _sin(phase)
            let roots = [((br + sr) / 2, (bi + si) / 2), ((br - sr) / 2, (bi - si) / 2)]
            if pi == 0 {
                if dr >= 0 {
                    // Two real poles: one section.
                    let z1 = bilinear(roots[0].0, 0).0, z2 = bilinear(roots[1].0, 0).0
                    sections.append(BiquadCoefficients(b0: 1, b1: 0, b2: -1, a1: -(z1 + z2), a2: z1 * z2))
                } else {
                    let z = bilinear(roots[0].0, abs(roots[0].1))
                    sections.append(BiquadCoefficients(b0: 1, b1: 0, b2: -1, a1: -2 * z.0, a2: z.0 * z.0 + z.1 * z.1))
                }
            } else {
                for (rr, ri) in roots {
                    let z = bilinear(rr, abs(ri))
                    sections.append(BiquadCoefficients(b0: 1, b1: 0, b2: -1, a1: -2 * z.0, a2: z.0 * z.0 + z.1 * z.1))
                }
            }
        }
        // Share the gain for 0 dB at the centre equally.
        var g = 1.0
        for s in sections { g *= s.response(atFrequency: centre, sampleRate: sampleRate).magnitude }
        let k = 1 / _pow(g, 1.0 / Double(sections.count))
        return sections.map { BiquadCoefficients(b0: k, b1: 0, b2: -k, a1: $0.a1, a2: $0.a2) }
    }

    /// The mono fold of frame `i`.
    @inlinable @inline(__always)
    static func fold(_ base: UnsafePointer<Float>, stride: Int, channels: Int, scale: Double, _ i: Int) -> Double {
        var x = Double(base[i])
        if channels > 1 {
            for c in 1..<channels { x += Double(base[c * stride + i]) }
            x *= scale
        }
        return x
    }

    /// Runs one band pair over the mono fold of frames `from..<to`, adding energy when `accumulate`.
    @inlinable
    static func run(
        _ base: UnsafePointer<Float>, stride: Int, channels: Int, from: Int, to: Int, accumulate: Bool,
        coefficients k: PairCoefficients, state: inout PairState
    ) {
        var s = state
        let scale = 1 / Double(channels)
        for i in from..<to {
            let x = SIMD2<Double>(repeating: fold(base, stride: stride, channels: channels, scale: scale, i))
            // Each section is (1 − z⁻²)/(1 + a1 z⁻¹ + a2 z⁻²) in transposed direct form II; the
            // band's overall gain (product of the b0s) is applied to the energy afterwards.
            let y = x + s.a1
            s.a1 = s.a2 - k.a1 * y
            s.a2 = -x - k.a2 * y
            let u = y + s.b1
            s.b1 = s.b2 - k.b1 * u
            s.b2 = -y - k.b2 * u
            let z = u + s.c1
            s.c1 = s.c2 - k.c1 * z
            s.c2 = -u - k.c2 * z
            if accumulate { s.energy += z * z }
        }
        state = s
    }

    /// Runs the whole bank (the pairs in use) and the total energy over frames `from..<to`.
    @inlinable
    mutating func runBank(_ base: UnsafePointer<Float>, stride: Int, from: Int, to: Int, accumulate: Bool) {
        let used = (centres.count + 1) / 2
        for j in 0..<used {
            var st = state[j]
            Self.run(base, stride: stride, channels: channelCount, from: from, to: to, accumulate: accumulate,
                     coefficients: bank[j], state: &st)
            state[j] = st
        }
        if accumulate {
            let scale = 1 / Double(channelCount)
            var t = total
            for i in from..<to {
                let x = Self.fold(base, stride: stride, channels: channelCount, scale: scale, i)
                t += x * x
            }
            total = t
        }
    }

    /// Consumes the valid frames of `block`.
    public mutating func consume(_ block: AudioBuffer) {
        precondition(block.channelCount == channelCount, "channel count mismatch")
        let n = block.frameCount
        guard n > 0 else { return }
        let origin = frames
        var measuredHere = 0
        block.withUnsafeStorage { all in
            guard let base = all.baseAddress else { return }
            let stride = block.frameCapacity
            guard let period else {
                runBank(base, stride: stride, from: 0, to: n, accumulate: true)
                measuredHere = n
                return
            }
            var i = 0
            while i < n {
                let phase = (origin + i) % period
                if phase == 0 { for j in 0..<Self.pairs { state[j].clearFilters() } }
                let end: Int, accumulate: Bool
                if phase < warmUp {
                    end = min(n, i + warmUp - phase); accumulate = false
                } else if phase < warmUp + measure {
                    end = min(n, i + warmUp + measure - phase); accumulate = true
                } else {
                    i = min(n, i + period - phase)
                    continue
                }
                runBank(base, stride: stride, from: i, to: end, accumulate: accumulate)
                if accumulate { measuredHere += end - i }
                i = end
            }
        }
        measured += measuredHere
        frames += n
    }

    /// The spectral balance of the frames measured so far.
    public func result() -> Result {
        let n = Double(max(measured, 1))
        let total = self.total / n
        var bands: [Band] = []
        for (k, c) in centres.enumerated() {
            let e = state[k / 2].energy[k % 2] * gains[k] * gains[k] / n
            bands.append(Band(
                nominalFrequency: c.nominal, centreFrequency: c.exact,
                levelDBFS: e > 0 ? decibels(power: e) : nil,
                relativeDB: e > 0 && total > 0 ? decibels(power: e / total) : nil))
        }
        return Result(bands: bands, totalDBFS: total > 0 ? decibels(power: total) : nil,
                      measuredSeconds: Double(measured) / sampleRate)
    }
}
