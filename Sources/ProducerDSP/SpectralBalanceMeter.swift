public import ProducerAudio

/// Measures the long-term spectral balance in octave bands, over every frame.
///
/// Method: the channels are folded to mono (their mean). Each octave band (nominal centres
/// 31.5, 63, 125, 250, 500, 1k, 2k, 4k, 8k, 16k Hz; exact centres 1000·2^k Hz; only bands whose
/// centre is below 0.9 × Nyquist) is a 6th-order Butterworth band-pass (three biquads; the
/// IEC 61260 style of octave filter): flat top, -3 dB at the octave edges centre/√2 and
/// centre·√2, about -19.6 dB one octave from the centre, so adjacent bands add up to the whole.
/// A band's energy is the mean square of its output; it is reported in dBFS and relative to the
/// mean square of the mono fold.
///
/// The bands run in a multirate filter bank (the classic IEC 61260 arrangement): level 0 holds
/// the mono fold at the sample rate, and each further level is the level above low-passed by a
/// 23-tap half-band FIR (odd taps zero apart from the centre, Kaiser window, about -70 dB from
/// 0.35 × its rate) and decimated by 2. A band runs at the deepest level whose rate is still at
/// least four times its centre, so every band sits between 1/8 and 1/4 of its level's rate (the top
/// one or two at the full rate): the same normalised filter at every level, and nothing that the
/// half-band lets alias (above 0.35 of the rate above, folded below 0.15) reaches it except far down its
/// skirt. The mean square is a power average, so decimation leaves it unchanged. The whole bank
/// costs about three band filters at the full rate.
///
/// Inner loops run in `Float` (every filter sits well inside its Nyquist band, so its poles are far from
/// the unit circle), energies are summed in `Double`. The 6th-order band-pass is run as the numerator
/// (1 − z⁻²)³, shared by a level's bands, followed by three all-pole sections, on eight stretches of each
/// chunk (16384 samples or more) side by side in SIMD lanes; each stretch starts from a cleared state a
/// warm-up before it (the length after which the band's impulse response holds less than 10⁻¹² of its
/// energy), so a lane picks up where the previous one stands. Chunks lie at absolute positions, so results
/// do not depend on blocking; memory is constant. At the end, zeros are pushed through the decimators
/// (on a copy) until every level has delivered its samples up to the end of the input, and each level is
/// measured only up to there, so the low bands cover the same audio as the high ones.
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
    // Bands live in slots, highest first (slot s is centre centres.count − 1 − s), so each level's are adjacent.
    @usableFromInline let poles: [Float]         // a1, a2 of each slot's three sections (6 a slot)
    @usableFromInline let warmUps: [Int]         // each slot's warm-up
    @usableFromInline let gains: [Double]        // each slot's energy factor: (b0 of its sections multiplied)² / 4^level
    @usableFromInline let slotLevel: [Int]
    @usableFromInline let firstBand: [Int]       // the bands of level l are firstBand[l]..<firstBand[l + 1]
    @usableFromInline let levels: Int
    @usableFromInline let chunks: [Int]          // samples each level processes at a time
    @usableFromInline let histories: [Int]       // samples of history kept before each level's new ones
    @usableFromInline let offsets: [Int]         // where each level's first new sample sits in `store`
    @usableFromInline let period: Int?
    @usableFromInline let skip: Int
    @usableFromInline let measure: Int
    @usableFromInline var store: [Float]         // per level: history, then its new samples
    @usableFromInline var lanes: [Float]         // scratch: a level's input laid out in eight lanes
    @usableFromInline var numerator: [Float]     // scratch: a level's input through the bands' shared numerator
    @usableFromInline var even: [Float]          // scratch: the decimator's even and odd phases
    @usableFromInline var odd: [Float]
    @usableFromInline var counts: [Int]          // new samples waiting in each level
    @usableFromInline var processed: [Int]       // samples processed in each level
    @usableFromInline var energy: [Double]       // per slot, before its gain
    @usableFromInline var total = 0.0
    @usableFromInline var frames = 0
    @usableFromInline var limits: [Int]          // per level: band outputs are summed only below this index
    @usableFromInline var realFrames = Int.max   // level 0's squares are summed only below this index

    /// The half-band decimator's taps at offsets ±1, ±3, …, ±11 from its centre (whose tap is 1/2).
    @usableFromInline static let halfBand: [Float] = {
        func i0(_ x: Double) -> Double {
            var sum = 1.0, term = 1.0
            for k in 1..<40 { term *= (x / 2) / Double(k); sum += term * term }
            return sum
        }
        let beta = 6.8, half = 11.0
        var h: [Double] = []
        for j in 1...6 {
            let k = Double(2 * j - 1)
            let sinc = (j % 2 == 1 ? 1.0 : -1.0) / (Double.pi * k)
            let r = k / half
            h.append(sinc * i0(beta * (1 - r * r).squareRoot()) / i0(beta))
        }
        let s = 2 * h.reduce(0, +)
        return h.map { Float($0 * 0.5 / s) }   // DC gain exactly 1
    }()

    /// 2 × the half-band taps, each splatted (the decimator's outputs are 2 × the half-band's).
    @usableFromInline static let halfBandTaps: [SIMD4<Float>] = halfBand.map { SIMD4(repeating: 2 * $0) }

    /// Makes a spectral balance meter.
    /// - Parameters:
    ///   - periodSeconds: nil (the default) measures every frame; otherwise only `measureSeconds` in every
    ///     this many seconds, starting `warmUpSeconds` into each period, are measured (joined end to end).
    ///   - measureSeconds: the stretch measured in each period (default 1 s).
    ///   - warmUpSeconds: where in each period the stretch starts (default 0.25 s).
    public init(
        sampleRate: Double, channelCount: Int, periodSeconds: Double? = nil, measureSeconds: Double = 1,
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
        // The level of a band: the deepest whose rate is at least 4 × the centre.
        var slotLevel: [Int] = []
        for c in centres.reversed() {
            var l = 0
            while sampleRate / Double(1 << (l + 1)) >= 4 * c.1 { l += 1 }
            slotLevel.append(l)
        }
        let levels = (slotLevel.last ?? 0) + 1
        var poles: [Float] = [], gains: [Double] = [], warmUps: [Int] = []
        for (slot, c) in centres.reversed().enumerated() {
            let l = slotLevel[slot]
            let q = Self.bandPass(centre: c.1, sampleRate: sampleRate / Double(1 << l))
            for s in q { poles.append(Float(s.a1)); poles.append(Float(s.a2)) }
            let g = q[0].b0 * q[1].b0 * q[2].b0
            gains.append(g * g / Double(1 << (2 * l)))
            warmUps.append(Self.warmUp(poles: Array(poles[(6 * slot)...])))
        }
        var firstBand: [Int] = [], chunks: [Int] = [], histories: [Int] = [], offsets: [Int] = []
        var position = 0, lanesSize = 0, phaseSize = 0, numeratorSize = 0
        for l in 0..<levels {
            firstBand.append(slotLevel.firstIndex { $0 >= l } ?? slotLevel.count)
            let w = zip(slotLevel, warmUps).filter { $0.0 == l }.map(\.1).max() ?? 0
            // Eight lanes each warm up for w samples: keep that below 1/8 of the chunk where memory allows.
            var c = Self.chunk
            while c < 64 * w && c < 8 * Self.chunk { c *= 2 }
            let h = (max(22, w + 6) + 7) & ~7
            let capacity = c + (l > 0 ? chunks[l - 1] / 2 + 2 : 0) + 32
            chunks.append(c); histories.append(h)
            offsets.append(position + h)
            position += h + capacity
            lanesSize = max(lanesSize, 8 * (w + c / 8 + 32))
            phaseSize = max(phaseSize, c / 2 + 32)
            numeratorSize = max(numeratorSize, w + c + 32)
        }
        firstBand.append(slotLevel.count)
        self.poles = poles
        self.warmUps = warmUps
        self.gains = gains
        self.slotLevel = slotLevel
        self.firstBand = firstBand
        self.levels = levels
        self.chunks = chunks
        self.histories = histories
        self.offsets = offsets
        store = [Float](repeating: 0, count: position)
        lanes = [Float](repeating: 0, count: lanesSize)
        numerator = [Float](repeating: 0, count: numeratorSize)
        even = [Float](repeating: 0, count: phaseSize)
        odd = [Float](repeating: 0, count: phaseSize)
        counts = [Int](repeating: 0, count: levels)
        processed = [Int](repeating: 0, count: levels)
        limits = [Int](repeating: .max, count: levels)
        energy = [Double](repeating: 0, count: slotLevel.count)
        if let periodSeconds {
            let p = max(1, Int((periodSeconds * sampleRate).rounded()))
            skip = min(p - 1, max(0, Int((warmUpSeconds * sampleRate).rounded())))
            measure = min(p - skip, max(1, Int((measureSeconds * sampleRate).rounded())))
            period = p
        } else {
            period = nil; skip = 0; measure = 0
        }
    }

    /// The smallest chunk a level processes at a time (larger where its bands need a long warm-up).
    @usableFromInline static let chunk = 16384

    /// The warm-up of a band whose three sections have the poles `k` (a1, a2 each): the length after
    /// which its impulse response (numerator included) holds less than 10⁻¹² of its energy, so that a
    /// lane started from a cleared state that long before its stretch measures it as if it had run all along.
    static func warmUp(poles k: [Float]) -> Int {
        var radius = 0.0
        for s in 0..<3 {
            let a1 = Double(k[2 * s]), a2 = Double(k[2 * s + 1])
            let d = a1 * a1 - 4 * a2
            radius = max(radius, d < 0 ? a2.squareRoot() : (abs(a1) + d.squareRoot()) / 2)
        }
        // Long enough that the response beyond it is far below the threshold.
        var length = 64
        while length < 1 << 18 && Double(length * length) * _pow(radius, Double(length)) > 1e-16 { length *= 2 }
        var h = [Double](repeating: 0, count: length)
        h[0] = 1
        for s in 0..<3 {
            let a1 = Double(k[2 * s]), a2 = Double(k[2 * s + 1])
            var u1 = 0.0, u2 = 0.0
            for i in 0..<length {
                let u = h[i] - a1 * u1 - a2 * u2
                h[i] = u - u2
                u2 = u1; u1 = u
            }
        }
        let energy = h.reduce(0) { $0 + $1 * $1 }
        var tail = 0.0, w = length
        while w > 0 && tail + h[w - 1] * h[w - 1] <= 1e-12 * energy { w -= 1; tail += h[w] * h[w] }
        return max(8, (w + 3) & ~3)
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

    /// Runs a band's three all-pole sections, 1/(1 + a1 z⁻¹ + a2 z⁻²) each, on eight lanes (two vectors of
    /// four, so that the two chains hide each other's latency) over the `2·pairs` rows from `from` of `t`
    /// (eight floats a row), storing the outputs as rows of eight at `out` when given. `z` holds the 12 state
    /// vectors, then the 6 coefficients splatted: built from scalars here, the compiler's SLP vectoriser
    /// regroups the lanes and the loop runs at half speed (so do small changes to this loop: measure them).
    @inline(__always)
    static func runPairs(
        _ t: UnsafePointer<Float>, from: Int, pairs: Int, _ z: UnsafeMutablePointer<SIMD4<Float>>, out: UnsafeMutablePointer<Float>?
    ) {
        var u1 = z[0], u2 = z[1], v1 = z[2], v2 = z[3], w1 = z[4], w2 = z[5]
        var p1 = z[6], p2 = z[7], q1 = z[8], q2 = z[9], r1 = z[10], r2 = z[11]
        var x = UnsafeRawPointer(t + 8 * from)
        var o = UnsafeMutableRawPointer(out ?? UnsafeMutablePointer(mutating: t))
        for _ in 0..<(2 * pairs) {
            // Read every turn (the stores to `out` may alias them): memory operands, not registers.
            let a1 = z[12], a2 = z[13], b1 = z[14], b2 = z[15], c1 = z[16], c2 = z[17]
            let xa = x.load(as: SIMD4<Float>.self), xb = x.load(fromByteOffset: 16, as: SIMD4<Float>.self)
            let u = (xa - a2 * u2) - a1 * u1
            let p = (xb - a2 * p2) - a1 * p1
            u2 = u1; u1 = u; p2 = p1; p1 = p
            let v = (u - b2 * v2) - b1 * v1
            let q = (p - b2 * q2) - b1 * q1
            v2 = v1; v1 = v; q2 = q1; q1 = q
            let w = (v - c2 * w2) - c1 * w1
            let r = (q - c2 * r2) - c1 * r1
            w2 = w1; w1 = w; r2 = r1; r1 = r
            if out != nil {
                o.storeBytes(of: w, as: SIMD4<Float>.self); o.storeBytes(of: r, toByteOffset: 16, as: SIMD4<Float>.self)
                o += 32
            }
            x += 32
        }
        z[0] = u1; z[1] = u2; z[2] = v1; z[3] = v2; z[4] = w1; z[5] = w2
        z[6] = p1; z[7] = p2; z[8] = q1; z[9] = q2; z[10] = r1; z[11] = r2
    }

    /// Runs `2·pairs` rows without measuring.
    @inline(never)
    static func warm(_ t: UnsafePointer<Float>, from: Int, pairs: Int, _ z: UnsafeMutablePointer<SIMD4<Float>>) {
        runPairs(t, from: from, pairs: pairs, z, out: nil)
    }

    /// Runs `2·pairs` rows (at most 512), outputs to `out`, and returns the sum of their squares.
    @inline(never)
    static func measure(
        _ t: UnsafePointer<Float>, from: Int, pairs: Int, _ z: UnsafeMutablePointer<SIMD4<Float>>, out: UnsafeMutablePointer<Float>
    ) -> Double {
        runPairs(t, from: from, pairs: pairs, z, out: out)
        let raw = UnsafeRawPointer(out)
        var a = SIMD4<Float>(), b = SIMD4<Float>(), c = SIMD4<Float>(), d = SIMD4<Float>()
        for k in 0..<pairs {
            let w = raw.load(fromByteOffset: 64 * k, as: SIMD4<Float>.self)
            let x = raw.load(fromByteOffset: 64 * k + 16, as: SIMD4<Float>.self)
            let y = raw.load(fromByteOffset: 64 * k + 32, as: SIMD4<Float>.self)
            let v = raw.load(fromByteOffset: 64 * k + 48, as: SIMD4<Float>.self)
            a += w * w; b += x * x; c += y * y; d += v * v
        }
        return SIMD4<Double>((a + b) + (c + d)).sum()
    }

    /// One step on row `i`: returns the outputs of lanes 0–3 and 4–7.
    @inline(never)
    static func step(_ t: UnsafePointer<Float>, row i: Int, _ z: UnsafeMutablePointer<SIMD4<Float>>) -> (SIMD4<Float>, SIMD4<Float>) {
        let x = UnsafeRawPointer(t + 8 * i)
        let xa = x.load(as: SIMD4<Float>.self), xb = x.load(fromByteOffset: 16, as: SIMD4<Float>.self)
        let u = (xa - z[13] * z[1]) - z[12] * z[0], p = (xb - z[13] * z[7]) - z[12] * z[6]
        z[1] = z[0]; z[0] = u; z[7] = z[6]; z[6] = p
        let v = (u - z[15] * z[3]) - z[14] * z[2], q = (p - z[15] * z[9]) - z[14] * z[8]
        z[3] = z[2]; z[2] = v; z[9] = z[8]; z[8] = q
        let w = (v - z[17] * z[5]) - z[16] * z[4], r = (q - z[17] * z[11]) - z[16] * z[10]
        z[5] = z[4]; z[4] = w; z[11] = z[10]; z[10] = r
        return (w, r)
    }

    /// v[i] = x[i] − 3·x[i − 2] + 3·x[i − 4] − x[i − 6] for i in 0..<count (four at a time: v holds 3 more).
    @inline(never)
    static func numerator(_ x: UnsafePointer<Float>, count: Int, into v: UnsafeMutablePointer<Float>) {
        let raw = UnsafeRawPointer(x), out = UnsafeMutableRawPointer(v)
        @inline(__always) func load(_ i: Int) -> SIMD4<Float> { raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD4<Float>.self) }
        var i = 0
        while i < count {
            let d = (load(i) - load(i - 6)) + (load(i - 4) - load(i - 2)) * 3
            out.storeBytes(of: d, toByteOffset: 4 * i, as: SIMD4<Float>.self)
            i += 4
        }
    }

    /// Lays out eight lanes of `rows` samples, lane j starting at v[j·stride], as rows of eight floats in
    /// `t` (four rows at a time: reads up to 3 past each lane, writes up to 3 rows more).
    @inline(never)
    static func transpose(_ v: UnsafePointer<Float>, stride s: Int, rows: Int, into t: UnsafeMutablePointer<Float>) {
        let out = UnsafeMutableRawPointer(t)
        @inline(__always) func load(_ q: UnsafePointer<Float>) -> SIMD4<Float> {
            UnsafeRawPointer(q).loadUnaligned(as: SIMD4<Float>.self)
        }
        var r = 0
        while r < rows {
            for g in 0..<2 {
                let q = v + r + 4 * g * s
                let r0 = load(q), r1 = load(q + s), r2 = load(q + 2 * s), r3 = load(q + 3 * s)
                let t0 = SIMD4(r0[0], r1[0], r0[1], r1[1]), t1 = SIMD4(r2[0], r3[0], r2[1], r3[1])
                let t2 = SIMD4(r0[2], r1[2], r0[3], r1[3]), t3 = SIMD4(r2[2], r3[2], r2[3], r3[3])
                let o = 32 * r + 16 * g
                out.storeBytes(of: SIMD4(lowHalf: t0.lowHalf, highHalf: t1.lowHalf), toByteOffset: o, as: SIMD4<Float>.self)
                out.storeBytes(of: SIMD4(lowHalf: t0.highHalf, highHalf: t1.highHalf), toByteOffset: o + 32, as: SIMD4<Float>.self)
                out.storeBytes(of: SIMD4(lowHalf: t2.lowHalf, highHalf: t3.lowHalf), toByteOffset: o + 64, as: SIMD4<Float>.self)
                out.storeBytes(of: SIMD4(lowHalf: t2.highHalf, highHalf: t3.highHalf), toByteOffset: o + 96, as: SIMD4<Float>.self)
            }
            r += 4
        }
    }

    /// Adds the energies of the bands in `slots` over `x[0..<n]` to `energy`; `x` holds `warmUp` + 6 samples
    /// of history before 0. Lane j runs the stretch [j·S, (j + 1)·S), S = n / 8, from a cleared state its
    /// band's warm-up before it; lane 7 also runs the rest. The numerator (1 − z⁻²)³ is shared by the bands:
    /// it is applied to the contiguous samples (into `v`), which are then laid out in lanes (row i of `t`
    /// holds the eight lanes' i-th samples).
    static func bandEnergies(
        _ x: UnsafePointer<Float>, n: Int, warmUp w: Int, slots: Range<Int>, poles k: UnsafePointer<Float>,
        warmUps: UnsafePointer<Int>, lanes t: UnsafeMutablePointer<Float>, numerator v: UnsafeMutablePointer<Float>,
        energy: UnsafeMutablePointer<Double>
    ) {
        let s = n / 8
        let steps = w + n - 7 * s
        // The numerator on the contiguous samples: v[k] = x[k] − 3·x[k − 2] + 3·x[k − 4] − x[k − 6] for
        // k in −w..<n, at numerator + w + k; then laid out in lanes, row i of lane j being v[j·s − w + i].
        numerator(x - w, count: w + n, into: v)
        transpose(v, stride: s, rows: steps, into: t)
        let rowsPointer = UnsafePointer(t)
        for slot in slots {
            let k = k + 6 * slot
            withUnsafeTemporaryAllocation(of: SIMD4<Float>.self, capacity: 18 + 2 * 512) { zb in
                let z = zb.baseAddress!
                z.initialize(repeating: .zero, count: 12)
                for j in 0..<6 { (z + 12 + j).initialize(to: SIMD4(repeating: k[j])) }
                // Warm-ups are multiples of 4, so every run of pairs ends on a whole row.
                warm(rowsPointer, from: w - warmUps[slot], pairs: warmUps[slot] / 2, z)
                var e = 0.0, i = w
                while i + 1 < w + s {
                    let end = min(w + s, i + 512)
                    e += measure(rowsPointer, from: i, pairs: (end - i) / 2, z, out: UnsafeMutableRawPointer(z + 18).assumingMemoryBound(to: Float.self))
                    i += (end - i) & ~1
                }
                if i < w + s {
                    let (a, b) = step(rowsPointer, row: i, z)
                    e += SIMD4<Double>(a * a + b * b).sum()
                    i += 1
                }
                // The rest: lane 7 only.
                while i < steps {
                    let b = step(rowsPointer, row: i, z).1
                    e += Double(b[3] * b[3])
                    i += 1
                }
                energy[slot] += e
            }
        }
    }

    /// Decimates level data `x[0..<n]` (22 samples of history before 0) by 2 into `y`: outputs at the
    /// indices i with i + `phase` even, i.e. (n + 1 − phase) / 2 of them, each 2 × the half-band's output
    /// (centre tap 1). Returns their number. `e` and `o` are scratch for the even and odd phases.
    @inline(never)
    static func decimate(
        _ x: UnsafePointer<Float>, n: Int, phase: Int, into y: UnsafeMutablePointer<Float>,
        even e: UnsafeMutablePointer<Float>, odd o: UnsafeMutablePointer<Float>, taps: UnsafePointer<SIMD4<Float>>
    ) -> Int {
        let m = (n + 1 - phase) / 2
        guard m > 0 else { return 0 }
        // Output j takes b[2j ... 2j + 22]: its centre b[2j + 11] = o[j + 5], its pairs at even offsets.
        let b = UnsafeRawPointer(x + phase - 22)
        let er = UnsafeMutableRawPointer(e), or = UnsafeMutableRawPointer(o)
        var j = 0
        while j < m + 11 {
            let a = b.loadUnaligned(fromByteOffset: 8 * j, as: SIMD4<Float>.self)
            let c = b.loadUnaligned(fromByteOffset: 8 * j + 16, as: SIMD4<Float>.self)
            er.storeBytes(of: SIMD4(a[0], a[2], c[0], c[2]), toByteOffset: 4 * j, as: SIMD4<Float>.self)
            or.storeBytes(of: SIMD4(a[1], a[3], c[1], c[3]), toByteOffset: 4 * j, as: SIMD4<Float>.self)
            j += 4
        }
        // The taps come splatted from memory: built from scalars, the compiler mixes lanes.
        let g1 = taps[0], g2 = taps[1], g3 = taps[2], g4 = taps[3], g5 = taps[4], g6 = taps[5]
        let ep = UnsafeRawPointer(e), op = UnsafeRawPointer(o), yr = UnsafeMutableRawPointer(y)
        @inline(__always) func ev(_ i: Int) -> SIMD4<Float> { ep.loadUnaligned(fromByteOffset: 4 * i, as: SIMD4<Float>.self) }
        j = 0
        while j < m {
            let s0 = op.loadUnaligned(fromByteOffset: 4 * (j + 5), as: SIMD4<Float>.self) + g1 * (ev(j + 5) + ev(j + 6))
            let s1 = g2 * (ev(j + 4) + ev(j + 7)) + g3 * (ev(j + 3) + ev(j + 8))
            let s2 = g4 * (ev(j + 2) + ev(j + 9)) + g5 * (ev(j + 1) + ev(j + 10))
            let s3 = g6 * (ev(j) + ev(j + 11))
            yr.storeBytes(of: (s0 + s1) + (s2 + s3), toByteOffset: 4 * j, as: SIMD4<Float>.self)
            j += 4
        }
        return m
    }

    /// Measures the `n` samples of level `l` at `off` and decimates them into the next level.
    @usableFromInline
    mutating func processChunk(level l: Int, at off: Int, n: Int) {
        let position = processed[l]
        let next = l + 1 < levels
        let slots = firstBand[l]..<firstBand[l + 1]
        let nb = max(0, min(n, limits[l] - position))
        let ns = l == 0 ? max(0, min(n, realFrames - position)) : 0
        let w = slots.map { warmUps[$0] }.max() ?? 0
        let nextOffset = next ? offsets[l + 1] + counts[l + 1] : 0
        var sumSquares = 0.0, outCount = 0
        let xOffset = offsets[l] + off
        store.withUnsafeMutableBufferPointer { st in
            let x = st.baseAddress! + xOffset
            if ns > 0 {
                var acc = SIMD4<Float>(), i = 0
                let raw = UnsafeRawPointer(x)
                while i + 4 <= ns {
                    let u = raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD4<Float>.self)
                    acc += u * u; i += 4
                    if i & 1023 == 0 { sumSquares += SIMD4<Double>(acc).sum(); acc = .zero }
                }
                sumSquares += SIMD4<Double>(acc).sum()
                while i < ns { sumSquares += Double(x[i]) * Double(x[i]); i += 1 }
            }
            if nb > 0 && !slots.isEmpty {
                lanes.withUnsafeMutableBufferPointer { t in
                  numerator.withUnsafeMutableBufferPointer { v in
                    energy.withUnsafeMutableBufferPointer { e in
                        poles.withUnsafeBufferPointer { k in
                            warmUps.withUnsafeBufferPointer { ws in
                                Self.bandEnergies(
                                    UnsafePointer(x), n: nb, warmUp: w, slots: slots, poles: k.baseAddress!,
                                    warmUps: ws.baseAddress!, lanes: t.baseAddress!, numerator: v.baseAddress!,
                                    energy: e.baseAddress!)
                            }
                        }
                    }
                  }
                }
            }
            if next {
                even.withUnsafeMutableBufferPointer { e in
                    odd.withUnsafeMutableBufferPointer { o in
                        Self.halfBandTaps.withUnsafeBufferPointer { hb in
                            outCount = Self.decimate(
                                UnsafePointer(x), n: n, phase: position & 1, into: st.baseAddress! + nextOffset,
                                even: e.baseAddress!, odd: o.baseAddress!, taps: hb.baseAddress!)
                        }
                    }
                }
            }
        }
        total += sumSquares
        processed[l] += n
        if next { counts[l + 1] += outCount }
    }

    /// Processes every whole chunk waiting in level `l`, then keeps its history and the rest.
    @usableFromInline
    mutating func processLevel(_ l: Int) {
        let c = chunks[l]
        var off = 0
        while counts[l] - off >= c {
            processChunk(level: l, at: off, n: c)
            off += c
            if l + 1 < levels && counts[l + 1] >= chunks[l + 1] { processLevel(l + 1) }
        }
        guard off > 0 else { return }
        let h = histories[l], rest = counts[l] - off, start = offsets[l]
        store.withUnsafeMutableBufferPointer { st in
            let x = st.baseAddress! + start
            // Forward copy: the regions may overlap, the destination first.
            let src = x + off - h, dst = x - h
            for i in 0..<(h + rest) { dst[i] = src[i] }
        }
        counts[l] = rest
    }

    /// Folds frames `from..<to` of the block to mono and feeds them to level 0.
    @usableFromInline
    mutating func feed(_ base: UnsafePointer<Float>, stride: Int, from: Int, to: Int) {
        var i = from
        let channels = channelCount, scale = 1 / Float(channels)
        let c = chunks[0], start0 = offsets[0]
        while i < to {
            let k = min(to - i, c - counts[0])
            let start = start0 + counts[0]
            store.withUnsafeMutableBufferPointer { all in
                let out = all.baseAddress! + start
                let src = base + i
                if channels == 1 {
                    for f in 0..<k { out[f] = src[f] }
                } else if channels == 2 {
                    let r = src + stride
                    for f in 0..<k { out[f] = (src[f] + r[f]) * 0.5 }
                } else {
                    for f in 0..<k { out[f] = src[f] }
                    for ch in 1..<channels {
                        let s = src + ch * stride
                        for f in 0..<k { out[f] += s[f] }
                    }
                    for f in 0..<k { out[f] *= scale }
                }
            }
            counts[0] += k
            i += k
            if counts[0] == c { processLevel(0) }
        }
    }

    /// Consumes the valid frames of `block`.
    public mutating func consume(_ block: AudioBuffer) {
        precondition(block.channelCount == channelCount, "channel count mismatch")
        let n = block.frameCount
        guard n > 0 else { return }
        let origin = frames
        block.withUnsafeStorage { all in
            guard let base = all.baseAddress else { return }
            let stride = block.frameCapacity
            guard let period else {
                feed(base, stride: stride, from: 0, to: n)
                return
            }
            var i = 0
            while i < n {
                let phase = (origin + i) % period
                if phase < skip {
                    i = min(n, i + skip - phase)
                } else if phase < skip + measure {
                    let end = min(n, i + skip + measure - phase)
                    feed(base, stride: stride, from: i, to: end)
                    i = end
                } else {
                    i = min(n, i + period - phase)
                }
            }
        }
        frames += n
    }

    /// Ends the measurement: pushes zeros through the decimators until every level has produced its
    /// samples up to the end of the input, and sums each level's bands only up to there. Level l's
    /// sample j stands for input time 2^l·j − 11·(2^l − 1) (each decimator delays by 11 samples of its input).
    @usableFromInline
    mutating func finish() {
        let n = processed[0] + counts[0]
        guard n > 0 else { return }
        realFrames = n
        var needed = [Int](repeating: 0, count: levels)
        for l in 0..<levels { limits[l] = (n + 11 * ((1 << l) - 1) - 1) >> l + 1 }
        for l in stride(from: levels - 1, through: 0, by: -1) {
            needed[l] = l == levels - 1 ? limits[l] : max(limits[l], 2 * needed[l + 1] - 1)
        }
        var zeros = needed[0] - n
        let c = chunks[0], start0 = offsets[0]
        while zeros > 0 {
            let k = min(zeros, c - counts[0]), start = start0 + counts[0]
            store.withUnsafeMutableBufferPointer { all in
                let out = all.baseAddress! + start
                for f in 0..<k { out[f] = 0 }
            }
            counts[0] += k
            zeros -= k
            if counts[0] == c { processLevel(0) }
        }
        for l in 0..<levels {
            if counts[l] >= chunks[l] { processLevel(l) }
            if counts[l] > 0 {
                processChunk(level: l, at: 0, n: counts[l])
                counts[l] = 0
            }
        }
    }

    /// The spectral balance of the frames measured so far.
    public func result() -> Result {
        let n = processed[0] + counts[0]
        var m = self
        m.finish()
        let total = m.total / Double(max(n, 1))
        var bands: [Band] = []
        for (k, c) in centres.enumerated() {
            let slot = centres.count - 1 - k
            let e = m.energy[slot] * gains[slot] * Double(1 << slotLevel[slot]) / Double(max(n, 1))
            bands.append(Band(
                nominalFrequency: c.nominal, centreFrequency: c.exact,
                levelDBFS: e > 0 ? decibels(power: e) : nil,
                relativeDB: e > 0 && total > 0 ? decibels(power: e / total) : nil))
        }
        return Result(bands: bands, totalDBFS: total > 0 ? decibels(power: total) : nil,
                      measuredSeconds: Double(n) / sampleRate)
    }
}
