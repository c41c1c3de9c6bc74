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
/// the unit circle), energies are summed in `Double`. The 6th-order band-pass is run as the shared
/// numerator (1 − z⁻²)³ followed by three all-pole sections, on four stretches of each 8192-sample chunk
/// side by side in SIMD lanes; each stretch starts from a cleared state that long before it (a warm-up
/// by which the filter's memory has decayed below 10⁻⁹), so a lane picks up exactly where the previous one
/// stands. Chunks lie at absolute positions, so results do not depend on blocking; memory is constant.
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
    @usableFromInline let gains: [Double]        // b0 of each band's sections multiplied, applied to the energy at the end
    @usableFromInline let poles: [Float]         // a1, a2 of each band's three sections (6 a band)
    @usableFromInline let firstBand: [Int]       // the bands of level l are firstBand[l]..<firstBand[l + 1] (at most 2)
    @usableFromInline let warmUps: [Int]         // warm-up of each level's lanes
    @usableFromInline let levels: Int
    @usableFromInline let period: Int?
    @usableFromInline let skip: Int
    @usableFromInline let measure: Int
    @usableFromInline var buffers: [Float]       // per level: `history` samples of history, then up to `chunk` new ones
    @usableFromInline var counts: [Int]          // new samples waiting in each level
    @usableFromInline var processed: [Int]       // samples measured in each level
    @usableFromInline var energy: [Double]       // per band, before its gain
    @usableFromInline var total = 0.0
    @usableFromInline var frames = 0

    /// Samples a level processes at a time, and the history kept before them.
    @usableFromInline static let chunk = 4096
    @usableFromInline let history: Int
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
        // The level of a band: the deepest whose rate is at least 4 × the centre. Bands are stored
        // highest first so that each level's bands are adjacent.
        var gains = [Double](repeating: 0, count: centres.count)
        var poles = [Float](repeating: 0, count: 6 * centres.count)
        var firstBand: [Int] = [], warmUps: [Int] = []
        var levelOf: [Int] = []
        for c in centres.reversed() {
            var l = 0
            while sampleRate / Double(1 << (l + 1)) >= 4 * c.1 { l += 1 }
            levelOf.append(l)
        }
        let levels = (levelOf.last ?? 0) + 1
        var slot = 0
        for l in 0..<levels {
            firstBand.append(slot)
            var radius = 0.0
            for (r, c) in centres.reversed().enumerated() where levelOf[r] == l {
                let q = Self.bandPass(centre: c.1, sampleRate: sampleRate / Double(1 << l))
                for s in 0..<3 {
                    poles[6 * slot + 2 * s] = Float(q[s].a1); poles[6 * slot + 2 * s + 1] = Float(q[s].a2)
                    radius = max(radius, q[s].a2.squareRoot())
                }
                gains[slot] = q[0].b0 * q[1].b0 * q[2].b0
                slot += 1
            }
            // Memory decays as about n²·rⁿ: below 1e-9 after W samples.
            var w = 8
            if radius > 0 { while Double(w * w) * _pow(radius, Double(w)) > 1e-9 { w += 4 } }
            warmUps.append(w)
        }
        firstBand.append(slot)
        self.gains = gains
        self.poles = poles
        self.firstBand = firstBand
        self.warmUps = warmUps
        self.levels = levels
        history = max(24, warmUps.max()! + 8)
        buffers = [Float](repeating: 0, count: levels * (history + Self.chunk))
        counts = [Int](repeating: 0, count: levels)
        processed = [Int](repeating: 0, count: levels)
        energy = [Double](repeating: 0, count: centres.count)
        if let periodSeconds {
            let p = max(1, Int((periodSeconds * sampleRate).rounded()))
            skip = min(p - 1, max(0, Int((warmUpSeconds * sampleRate).rounded())))
            measure = min(p - skip, max(1, Int((measureSeconds * sampleRate).rounded())))
            period = p
        } else {
            period = nil; skip = 0; measure = 0
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

    /// A band's three sections, (1 − z⁻²)/(1 + a1 z⁻¹ + a2 z⁻²) each in direct form II, on four lanes.
    @usableFromInline
    struct Lanes {
        @usableFromInline var a1: SIMD4<Float>, a2: SIMD4<Float>, b1: SIMD4<Float>, b2: SIMD4<Float>
        @usableFromInline var c1: SIMD4<Float>, c2: SIMD4<Float>
        @usableFromInline var x1 = SIMD4<Float>(), x2 = SIMD4<Float>(), y1 = SIMD4<Float>(), y2 = SIMD4<Float>()
        @usableFromInline var z1 = SIMD4<Float>(), z2 = SIMD4<Float>()

        @inlinable init(_ k: UnsafePointer<Float>) {
            a1 = .init(repeating: k[0]); a2 = .init(repeating: k[1]); b1 = .init(repeating: k[2])
            b2 = .init(repeating: k[3]); c1 = .init(repeating: k[4]); c2 = .init(repeating: k[5])
        }

        @inlinable @inline(__always)
        mutating func step(_ input: SIMD4<Float>) -> SIMD4<Float> {
            let u = input - a1 * x1 - a2 * x2
            let x = u - x2
            x2 = x1; x1 = u
            let v = x - b1 * y1 - b2 * y2
            let y = v - y2
            y2 = y1; y1 = v
            let w = y - c1 * z1 - c2 * z2
            let z = w - z2
            z2 = z1; z1 = w
            return z
        }
    }

    /// The energies of one or two bands (coefficients at `k`, 6 a band) over `x[0..<n]`, where `x`
    /// holds `warmUp` samples of history before 0. Lane j runs the stretch [j·S, (j + 1)·S), S = n / 4,
    /// from a cleared state `warmUp` samples before it; lane 3 also runs the rest. `t` is scratch for
    /// 4·(warmUp + n) floats, where the lanes' inputs are laid side by side.
    @inlinable
    static func bandEnergies(
        _ x: UnsafePointer<Float>, n: Int, warmUp: Int, bands: Int, _ k: UnsafePointer<Float>,
        scratch t: UnsafeMutablePointer<Float>
    ) -> (Double, Double) {
        let s = n / 4
        let steps = warmUp + n - 3 * s
        let p0 = x - warmUp, p1 = p0 + s, p2 = p1 + s, p3 = p2 + s
        for i in 0..<steps {
            t[4 * i] = p0[i]; t[4 * i + 1] = p1[i]; t[4 * i + 2] = p2[i]; t[4 * i + 3] = p3[i]
        }
        let raw = UnsafeRawPointer(t)
        @inline(__always) func load(_ i: Int) -> SIMD4<Float> { raw.loadUnaligned(fromByteOffset: 16 * i, as: SIMD4<Float>.self) }
        var f = Lanes(k)
        var e = SIMD4<Float>(), r = SIMD4<Float>()
        if bands == 2 {
            var g = Lanes(k + 6)
            var e2 = SIMD4<Float>(), r2 = SIMD4<Float>()
            for i in 0..<warmUp { let v = load(i); _ = f.step(v); _ = g.step(v) }
            for i in warmUp..<(warmUp + s) {
                let v = load(i); let y = f.step(v), z = g.step(v); e += y * y; e2 += z * z
            }
            for i in (warmUp + s)..<steps {
                let v = load(i); let y = f.step(v), z = g.step(v); r += y * y; r2 += z * z
            }
            return (Double(e.sum()) + Double(r[3]), Double(e2.sum()) + Double(r2[3]))
        }
        for i in 0..<warmUp { _ = f.step(load(i)) }
        for i in warmUp..<(warmUp + s) { let y = f.step(load(i)); e += y * y }
        for i in (warmUp + s)..<steps { let y = f.step(load(i)); r += y * y }
        return (Double(e.sum()) + Double(r[3]), 0)
    }

    /// Measures and decimates the first `n` new samples of level `l`.
    @usableFromInline
    mutating func process(level l: Int, n: Int) {
        let h = history, c = Self.chunk, stride = h + c
        let w = warmUps[l]
        let bands = firstBand[l]..<firstBand[l + 1]
        let phase = processed[l] & 1
        let next = l + 1 < levels
        let nextCount = next ? counts[l + 1] : 0
        var outCount = 0
        var e0 = 0.0, e1 = 0.0, sumSquares = 0.0
        let coefficients = poles
        buffers.withUnsafeMutableBufferPointer { all in
            let x = all.baseAddress! + l * stride + h
            if l == 0 {
                var acc = SIMD4<Float>(), i = 0
                var t = 0.0
                while i + 4 <= n {
                    let u = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD4<Float>.self)
                    acc += u * u; i += 4
                    if i & 1023 == 0 { t += Double(acc.sum()); acc = .zero }
                }
                t += Double(acc.sum())
                while i < n { t += Double(x[i]) * Double(x[i]); i += 1 }
                sumSquares = t
            }
            if !bands.isEmpty {
                withUnsafeTemporaryAllocation(of: Float.self, capacity: 4 * (w + n)) { t in
                    coefficients.withUnsafeBufferPointer { k in
                        (e0, e1) = Self.bandEnergies(
                            UnsafePointer(x), n: n, warmUp: w, bands: bands.count, k.baseAddress! + 6 * bands.lowerBound,
                            scratch: t.baseAddress!)
                    }
                }
            }
            if next {
                let y = all.baseAddress! + (l + 1) * stride + h + nextCount
                Self.halfBand.withUnsafeBufferPointer { hb in
                    let k1 = hb[0], k3 = hb[1], k5 = hb[2], k7 = hb[3], k9 = hb[4], k11 = hb[5]
                    var i = phase, m = 0
                    let raw = UnsafeRawPointer(x)
                    // Four outputs at a time: the inputs at even offsets from i − 11 + o, o odd or 0.
                    @inline(__always) func even(_ o: Int) -> SIMD4<Float> {
                        let a = raw.loadUnaligned(fromByteOffset: 4 * o, as: SIMD8<Float>.self)
                        return SIMD4(a[0], a[2], a[4], a[6])
                    }
                    while i + 7 < n {
                        let c = i - 11
                        var s = 0.5 * even(c)
                        s += k1 * (even(c - 1) + even(c + 1)) + k3 * (even(c - 3) + even(c + 3))
                        s += k5 * (even(c - 5) + even(c + 5)) + k7 * (even(c - 7) + even(c + 7))
                        s += k9 * (even(c - 9) + even(c + 9)) + k11 * (even(c - 11) + even(c + 11))
                        UnsafeMutableRawPointer(y + m).storeBytes(of: s, as: SIMD4<Float>.self)
                        i += 8; m += 4
                    }
                    while i < n {
                        let p = x + i - 11
                        var s = 0.5 * p[0]
                        s += k1 * (p[-1] + p[1]) + k3 * (p[-3] + p[3]) + k5 * (p[-5] + p[5])
                        s += k7 * (p[-7] + p[7]) + k9 * (p[-9] + p[9]) + k11 * (p[-11] + p[11])
                        y[m] = s
                        i += 2; m += 1
                    }
                    outCount = m
                }
            }
            // Keep the last `h` samples as history (forward copy: the regions may overlap).
            let src = x + n - h, dst = x - h
            for i in 0..<h { dst[i] = src[i] }
        }
        if !bands.isEmpty { energy[bands.lowerBound] += e0 }
        if bands.count == 2 { energy[bands.lowerBound + 1] += e1 }
        if l == 0 { total += sumSquares }
        processed[l] += n
        counts[l] = 0
        if next {
            counts[l + 1] += outCount
            precondition(counts[l + 1] <= c)
            if counts[l + 1] == c { process(level: l + 1, n: c) }
        }
    }

    /// Folds frames `from..<to` of the block to mono and feeds them to level 0.
    @usableFromInline
    mutating func feed(_ base: UnsafePointer<Float>, stride: Int, from: Int, to: Int) {
        var i = from
        let channels = channelCount, scale = 1 / Float(channels)
        let h = history, c = Self.chunk
        while i < to {
            let k = min(to - i, c - counts[0])
            let start = counts[0]
            buffers.withUnsafeMutableBufferPointer { all in
                let out = all.baseAddress! + h + start
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
            if counts[0] == c { process(level: 0, n: c) }
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

    /// The spectral balance of the frames measured so far.
    public func result() -> Result {
        var m = self
        for l in 0..<levels where m.counts[l] > 0 { m.process(level: l, n: m.counts[l]) }
        let total = m.total / Double(max(m.processed[0], 1))
        var bands: [Band] = []
        for (k, c) in centres.enumerated() {
            let slot = centres.count - 1 - k
            var level = 0
            while m.firstBand[level + 1] <= slot { level += 1 }
            let e = m.energy[slot] * gains[slot] * gains[slot] / Double(max(m.processed[level], 1))
            bands.append(Band(
                nominalFrequency: c.nominal, centreFrequency: c.exact,
                levelDBFS: e > 0 ? decibels(power: e) : nil,
                relativeDB: e > 0 && total > 0 ? decibels(power: e / total) : nil))
        }
        return Result(bands: bands, totalDBFS: total > 0 ? decibels(power: total) : nil,
                      measuredSeconds: Double(m.processed[0]) / sampleRate)
    }
}
