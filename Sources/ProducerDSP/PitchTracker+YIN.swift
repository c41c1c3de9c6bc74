extension PitchTracker {
    /// Pitch candidates of every frame, in flat arrays: frame `i` owns entries
    /// `frameStart[i] ..< frameStart[i + 1]`.
    struct Candidates {
        var frameStart: [Int32] = [0]
        /// Lag in decimated samples (fractional, parabola-refined).
        var lag: [Double] = []
        /// Probability from the threshold prior.
        var probability: [Double] = []
        /// Which part of the signal the candidate was measured on: ``Side``'s raw value.
        var side: [UInt8] = []
        /// Per frame: the sum of its candidates' probabilities (capped at 1).
        var voicing: [Double] = []
        /// Per frame: the first decimated sample of its analysis span.
        var analysisStart: [Int] = []
    }

    /// The most candidates kept per frame (those of highest probability).
    static var maximumCandidates: Int { 8 }

    /// Runs YIN with pYIN's threshold prior over every frame of the decimated signal.
    func analyse(_ signal: [Float], frameCount: Int) -> Candidates {
        let n = fftSize, m = n / 2
        let w = window, maxLag = maximumLag, minLag = minimumLag
        let span = w + 2 * maxLag + 1
        let a0 = maxLag  // the window's offset in the span
        var out = Candidates()
        out.lag.reserveCapacity(frameCount * 3)
        out.probability.reserveCapacity(frameCount * 3)
        out.voicing.reserveCapacity(frameCount)
        out.analysisStart.reserveCapacity(frameCount)
        out.frameStart.reserveCapacity(frameCount + 1)

        var re = [Float](repeating: 0, count: n), im = [Float](repeating: 0, count: n)
        var cr = [Float](repeating: 0, count: m + 1), ci = [Float](repeating: 0, count: m + 1)
        var energy = [Double](repeating: 0, count: span + 1)
        var dprime = [Double](repeating: 1, count: maxLag + 2)
        let cdf = thresholdCDF
        // e^{+2πik/n} for k < n/2, from the last stage's twiddles of the n-point FFT.
        let twiddleOffset = m - 1
        let hopRate = hopSeconds * analysisRate
        let signalCount = signal.count

        signal.withUnsafeBufferPointer { sig in
            re.withUnsafeMutableBufferPointer { reB in
                im.withUnsafeMutableBufferPointer { imB in
                    cr.withUnsafeMutableBufferPointer { crB in
                        ci.withUnsafeMutableBufferPointer { ciB in
                            energy.withUnsafeMutableBufferPointer { eB in
                                dprime.withUnsafeMutableBufferPointer { dB in
                                    fft.cosines.withUnsafeBufferPointer { twC in
                                        fft.sines.withUnsafeBufferPointer { twS in
                                            let re = reB.baseAddress!, im = imB.baseAddress!
                                            let cr = crB.baseAddress!, ci = ciB.baseAddress!
                                            let e = eB.baseAddress!, dp = dB.baseAddress!
                                            let tc = twC.baseAddress! + twiddleOffset,
                                                ts = twS.baseAddress! + twiddleOffset
                                            var troughLag = [Double](repeating: 0, count: 64)
                                            var troughValue = [Double](repeating: 0, count: 64)

                                            for frame in 0..<frameCount {
                                                let centre = Int((Double(frame) * hopRate).rounded())
                                                let start = centre - span / 2
                                                out.analysisStart.append(start)
                                                // Load the span into im (b) and its centre `w` samples into re (a); zero the rest.
                                                (re + 0).update(repeating: 0, count: n)
                                                (im + 0).update(repeating: 0, count: n)
                                                let lo = max(0, -start), hi = min(span, signalCount - start)
                                                if hi > lo {
                                                    (im + lo).update(
                                                        from: sig.baseAddress! + (start + lo), count: hi - lo)
                                                    let aLo = max(lo, a0), aHi = min(a0 + w, hi)
                                                    if aHi > aLo {
                                                        (re + aLo).update(
                                                            from: sig.baseAddress! + (start + aLo), count: aHi - aLo)
                                                    }
                                                }
                                                // Running energy of b.
                                                var acc = 0.0
                                                e[0] = 0
                                                for j in 0..<span {
                                                    let v = Double(im[j]); acc += v * v; e[j + 1] = acc
                                                }
                                                let e0 = e[a0 + w] - e[a0]
                                                var count = 0
                                                var voicing = 0.0
                                                if e0 > 1e-10 * Double(w) {
                                                    fft.forward(re, im)
                                                    // C_k = conj(A_k) B_k for k = 0 … m.
                                                    for k in 0...m {
                                                        let k2 = (n - k) & (n - 1)
                                                        let zr = re[k], zi = im[k], wr = re[k2], wi = im[k2]
                                                        let ar = 0.5 * (zr + wr), ai = 0.5 * (zi - wi)
                                                        let br = 0.5 * (zi + wi), bi = 0.5 * (wr - zr)
                                                        cr[k] = ar * br + ai * bi
                                                        ci[k] = ar * bi - ai * br
                                                    }
                                                    // Pack the Hermitian spectrum into an m-point complex sequence (conjugated, for the inverse).
                                                    for k in 0..<m {
                                                        let xr = cr[k], xi = ci[k], yr = cr[m - k], yi = -ci[m - k]
                                                        let er = 0.5 * (xr + yr), ei = 0.5 * (xi + yi)
                                                        let dr = 0.5 * (xr - yr), di = 0.5 * (xi - yi)
                                                        let c = tc[k], s = -ts[k]  // e^{+2πik/n}
                                                        let or = dr * c - di * s, oi = dr * s + di * c
                                                        // Y = E + i·O; store conj(Y).
                                                        re[k] = er - oi
                                                        im[k] = -(ei + or)
                                                    }
                                                    halfFFT.forward(re, im)
                                                    // c(2j) = Re/m, c(2j+1) = -Im/m (conjugate of the forward result); c(-τ) = c(n - τ).
                                                    let scale = 1 / Double(m)
                                                    var running = 0.0
                                                    dp[0] = 1
                                                    for tau in 1...maxLag {
                                                        let h = tau >> 1
                                                        let later = (tau & 1 == 0 ? Double(re[h]) : -Double(im[h]))
                                                        let back = n - tau, hb = back >> 1
                                                        let earlier = (back & 1 == 0 ? Double(re[hb]) : -Double(im[hb]))
                                                        let c = (later + earlier) * scale
                                                        let energies =
                                                            2 * e0 + (e[a0 + tau + w] - e[a0 + tau])
                                                            + (e[a0 - tau + w] - e[a0 - tau])
                                                        let d = max(0, energies - 2 * c)
                                                        running += d
                                                        dp[tau] = running > 0 ? d * Double(tau) / running : 1
                                                    }
                                                    dp[maxLag + 1] = dp[maxLag]
                                                    let added = Self.thresholdCandidates(
                                                        dp, minLag: minLag, maxLag: maxLag, cdf: cdf,
                                                        troughLag: &troughLag, troughValue: &troughValue,
                                                        lag: &out.lag, probability: &out.probability)
                                                    count = added.count
                                                    voicing = added.voicing
                                                    out.side.append(contentsOf: repeatElement(0, count: count))
                                                    // Keep the most probable ones.
                                                    while count > Self.maximumCandidates {
                                                        let base = out.lag.count - count
                                                        var worst = base
                                                        for j in base..<out.lag.count
                                                        where out.probability[j] < out.probability[worst] { worst = j }
                                                        voicing -= out.probability[worst]
                                                        out.lag.remove(at: worst); out.probability.remove(at: worst);
                                                        out.side.remove(at: worst)
                                                        count -= 1
                                                    }
                                                }
                                                out.voicing.append(min(1, voicing))
                                                out.frameStart.append(Int32(out.lag.count))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// pYIN's threshold prior over the troughs of the cumulative-mean-normalised difference `dp`
    /// (`dp[0 ... maxLag + 1]`): appends each trough's parabola-refined lag and its probability,
    /// and returns how many were appended and their total probability.
    @inline(__always)
    static func thresholdCandidates(
        _ dp: UnsafePointer<Double>, minLag: Int, maxLag: Int, cdf: [Double],
        troughLag: inout [Double], troughValue: inout [Double],
        lag: inout [Double], probability: inout [Double]
    ) -> (count: Int, voicing: Double) {
        // Troughs with a strictly falling running minimum become candidates.
        var troughs = 0
        var best = Double.infinity
        var tau = max(minLag, 2)
        while tau < maxLag {
            let y1 = dp[tau]
            if y1 < best && y1 < dp[tau - 1] && y1 <= dp[tau + 1] {
                let y0 = dp[tau - 1], y2 = dp[tau + 1]
                let den = y0 - 2 * y1 + y2
                var delta = 0.0, value = y1
                if den > 0 {
                    delta = max(-0.5, min(0.5, 0.5 * (y0 - y2) / den))
                    value = max(0, y1 - 0.25 * (y0 - y2) * delta)
                }
                if value < best, troughs < troughLag.count {
                    troughLag[troughs] = Double(tau) + delta
                    troughValue[troughs] = value
                    troughs += 1
                    best = value
                }
            }
            tau += 1
        }
        // Threshold mass: trough k takes thresholds s with v_k < s ≤ v_{k-1}.
        var previousIndex = 100
        var count = 0, voicing = 0.0
        for t in 0..<troughs {
            let v = troughValue[t]
            let index = v >= 1 ? 100 : max(0, Int(v * 100))
            var p = cdf[previousIndex] - cdf[index]
            if t == troughs - 1 { p += 0.01 * cdf[index] }  // pYIN: the rest to the global minimum, ×0.01
            previousIndex = index
            if p > 1e-5 {
                lag.append(troughLag[t])
                probability.append(p)
                voicing += p
                count += 1
            }
        }
        return (count, voicing)
    }
}
