extension PitchTracker {
    /// Pitch candidates of a sliding range of frames, addressed by global frame and candidate
    /// indices: frame `i` owns candidates `range(i)`.
    struct Candidates: Sendable {
        /// Per frame: the global index of its first candidate.
        var first = SlidingBuffer<Int>()
        /// Per frame: the sum of its candidates' probabilities (capped at 1).
        var voicing = SlidingBuffer<Double>()
        /// Per frame: the first decimated sample of its analysis span.
        var analysisStart = SlidingBuffer<Int>()
        /// Lag in decimated samples (fractional, parabola-refined).
        var lag = SlidingBuffer<Double>()
        /// Probability from the threshold prior.
        var probability = SlidingBuffer<Double>()
        /// Which part of the signal the candidate was measured on: ``Side``'s raw value.
        var side = SlidingBuffer<UInt8>()

        /// The global index after the last frame added.
        var frameEnd: Int { first.end }

        /// The global indices of frame `frame`'s candidates.
        func range(_ frame: Int) -> Range<Int> {
            first[frame]..<(frame + 1 < first.end ? first[frame + 1] : lag.end)
        }

        /// Adds the next frame.
        mutating func append(
            lag l: some Sequence<Double>, probability p: some Sequence<Double>, side s: some Sequence<UInt8>,
            voicing v: Double, analysisStart a: Int
        ) {
            first.append(lag.end)
            lag.append(contentsOf: l); probability.append(contentsOf: p); side.append(contentsOf: s)
            voicing.append(v); analysisStart.append(a)
        }

        /// Forgets the frames before `frame` and their candidates.
        mutating func drop(before frame: Int) {
            let candidate = frame < first.end ? first[frame] : lag.end
            lag.drop(before: candidate); probability.drop(before: candidate); side.drop(before: candidate)
            first.drop(before: frame); voicing.drop(before: frame); analysisStart.drop(before: frame)
        }
    }

    /// The most candidates kept per frame (those of highest probability).
    static var maximumCandidates: Int { 8 }

    /// Scratch space of the per-frame YIN analysis, and the frame's candidates.
    struct YINScratch: Sendable {
        var re: [Float], im: [Float], cr: [Float], ci: [Float]
        var energy: [Double], dprime: [Double]
        var troughLag = [Double](repeating: 0, count: 64)
        var troughValue = [Double](repeating: 0, count: 64)
        var lag: [Double] = [], probability: [Double] = []

        init(_ tracker: PitchTracker) {
            let n = tracker.fftSize
            re = [Float](repeating: 0, count: n); im = re
            cr = [Float](repeating: 0, count: n / 2 + 1); ci = cr
            energy = [Double](repeating: 0, count: tracker.window + 2 * tracker.maximumLag + 2)
            dprime = [Double](repeating: 1, count: tracker.maximumLag + 2)
        }
    }

    /// The first decimated sample of frame `frame`'s analysis span (its centre is at
    /// `frame · hopSeconds`).
    func analysisStart(_ frame: Int) -> Int {
        let span = window + 2 * maximumLag + 1
        return Int((Double(frame) * (hopSeconds * analysisRate)).rounded()) - span / 2
    }

    /// Runs YIN with pYIN's threshold prior on frame `frame` of the decimated signal, whose samples
    /// from global index `signalStart` on are at `signal` (those at or after `signalEnd`, and
    /// before 0, count as zero; the frame's span must not start before `signalStart` unless before
    /// 0). Leaves the candidates in `scratch.lag` and `scratch.probability` and returns the frame's
    /// voicing.
    func analyse(
        frame: Int, signal sig: UnsafePointer<Float>, signalStart: Int, signalEnd: Int, scratch: inout YINScratch
    ) -> Double {
        let n = fftSize, m = n / 2
        let w = window, maxLag = maximumLag, minLag = minimumLag
        let span = w + 2 * maxLag + 1
        let a0 = maxLag  // the window's offset in the span
        let cdf = thresholdCDF
        // e^{+2πik/n} for k < n/2, from the last stage's twiddles of the n-point FFT.
        let twiddleOffset = m - 1
        let start = analysisStart(frame)
        scratch.lag.removeAll(keepingCapacity: true)
        scratch.probability.removeAll(keepingCapacity: true)
        var voicing = 0.0
        scratch.re.withUnsafeMutableBufferPointer { reB in
            scratch.im.withUnsafeMutableBufferPointer { imB in
                scratch.cr.withUnsafeMutableBufferPointer { crB in
                    scratch.ci.withUnsafeMutableBufferPointer { ciB in
                        scratch.energy.withUnsafeMutableBufferPointer { eB in
                            scratch.dprime.withUnsafeMutableBufferPointer { dB in
                                fft.cosines.withUnsafeBufferPointer { twC in
                                    fft.sines.withUnsafeBufferPointer { twS in
                                        let re = reB.baseAddress!, im = imB.baseAddress!
                                        let cr = crB.baseAddress!, ci = ciB.baseAddress!
                                        let e = eB.baseAddress!, dp = dB.baseAddress!
                                        let tc = twC.baseAddress! + twiddleOffset,
                                            ts = twS.baseAddress! + twiddleOffset
                                        // Load the span into im (b) and its centre `w` samples into re (a); zero the rest.
                                        (re + 0).update(repeating: 0, count: n)
                                        (im + 0).update(repeating: 0, count: n)
                                        let lo = max(0, -start), hi = min(span, signalEnd - start)
                                        if hi > lo {
                                            assert(start + lo >= signalStart, "YIN reads samples that were dropped")
                                            let from = sig + (start + lo - signalStart)
                                            (im + lo).update(from: from, count: hi - lo)
                                            let aLo = max(lo, a0), aHi = min(a0 + w, hi)
                                            if aHi > aLo {
                                                (re + aLo).update(from: from + (aLo - lo), count: aHi - aLo)
                                            }
                                        }
                                        // Running energy of b.
                                        var acc = 0.0
                                        e[0] = 0
                                        for j in 0..<span {
                                            let v = Double(im[j]); acc += v * v; e[j + 1] = acc
                                        }
                                        let e0 = e[a0 + w] - e[a0]
                                        guard e0 > 1e-10 * Double(w) else { return }
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
                                            troughLag: &scratch.troughLag, troughValue: &scratch.troughValue,
                                            lag: &scratch.lag, probability: &scratch.probability)
                                        var count = added.count
                                        voicing = added.voicing
                                        // Keep the most probable ones.
                                        while count > Self.maximumCandidates {
                                            var worst = 0
                                            for j in 0..<count where scratch.probability[j] < scratch.probability[worst]
                                            {
                                                worst = j
                                            }
                                            voicing -= scratch.probability[worst]
                                            scratch.lag.remove(at: worst); scratch.probability.remove(at: worst)
                                            count -= 1
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return min(1, voicing)
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
