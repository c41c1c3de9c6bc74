extension OctaveFilterBank {
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
    static func bandPass(centre: Double, sampleRate: Double) -> [BiquadCoefficients] {
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
}
