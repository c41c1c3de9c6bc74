extension OctaveFilterBank {
    /// The half-band decimator's taps at offsets ±1, ±3, …, ±11 from its centre (whose tap is 1/2).
    static let halfBand: [Float] = {
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
        return h.map { Float($0 * 0.5 / s) }  // DC gain exactly 1
    }()

    /// 2 × the half-band taps, each splatted (the decimator's outputs are 2 × the half-band's).
    static let halfBandTaps: [SIMD4<Float>] = halfBand.map { SIMD4(repeating: 2 * $0) }

    /// Runs a band's three all-pole sections, 1/(1 + a1 z⁻¹ + a2 z⁻²) each, on eight lanes (two vectors of
    /// four, so that the two chains hide each other's latency) over the `2·pairs` rows from `from` of `t`
    /// (eight floats a row), storing the outputs as rows of eight at `out` when given. `z` holds the 12 state
    /// vectors, then the 6 coefficients splatted: built from scalars here, the compiler's SLP vectoriser
    /// regroups the lanes and the loop runs at half speed (so do small changes to this loop: measure them).
    @inline(__always)
    static func runPairs(
        _ t: UnsafePointer<Float>, from: Int, pairs: Int, _ z: UnsafeMutablePointer<SIMD4<Float>>,
        out: UnsafeMutablePointer<Float>?
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
        _ t: UnsafePointer<Float>, from: Int, pairs: Int, _ z: UnsafeMutablePointer<SIMD4<Float>>,
        out: UnsafeMutablePointer<Float>
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
    static func step(
        _ t: UnsafePointer<Float>, row i: Int, _ z: UnsafeMutablePointer<SIMD4<Float>>
    ) -> (SIMD4<Float>, SIMD4<Float>) {
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
        @inline(__always) func load(_ i: Int) -> SIMD4<Float> {
            raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD4<Float>.self)
        }
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
                out.storeBytes(
                    of: SIMD4(lowHalf: t0.lowHalf, highHalf: t1.lowHalf), toByteOffset: o, as: SIMD4<Float>.self)
                out.storeBytes(
                    of: SIMD4(lowHalf: t0.highHalf, highHalf: t1.highHalf), toByteOffset: o + 32, as: SIMD4<Float>.self)
                out.storeBytes(
                    of: SIMD4(lowHalf: t2.lowHalf, highHalf: t3.lowHalf), toByteOffset: o + 64, as: SIMD4<Float>.self)
                out.storeBytes(
                    of: SIMD4(lowHalf: t2.highHalf, highHalf: t3.highHalf), toByteOffset: o + 96, as: SIMD4<Float>.self)
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
                    e += measure(
                        rowsPointer, from: i, pairs: (end - i) / 2, z,
                        out: UnsafeMutableRawPointer(z + 18).assumingMemoryBound(to: Float.self))
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
        @inline(__always) func ev(_ i: Int) -> SIMD4<Float> {
            ep.loadUnaligned(fromByteOffset: 4 * i, as: SIMD4<Float>.self)
        }
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
}
