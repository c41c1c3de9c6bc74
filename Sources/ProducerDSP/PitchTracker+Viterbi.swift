import RealModule

extension PitchTracker {
    /// Viterbi over one unvoiced state and one voiced state per candidate. Returns, per frame, the
    /// global index of the chosen candidate, or -1 for unvoiced.
    ///
    /// A voiced state stands for the pitch bin of its candidate; the bins without a candidate have
    /// zero observation probability and so can never lie on the best path, which makes the usual
    /// banded update over all bins reduce to the few candidates of consecutive frames.
    func decode(_ c: Candidates) -> [Int32] {
        let frames = c.voicing.count
        guard frames > 0 else { return [] }
        let logStay = Double.log(1 - voicingSwitchProbability)
        let logSwitch = Double.log(voicingSwitchProbability)
        let jump = pitchJumpProbability
        let smooth = 1 - pitchJumpProbability
        let kernelWidth = 120.0  // cents: the triangle reaches zero at 6 bins of 20 cents
        // (peak-normalised: the unvoiced states of a per-bin model pay the same kernel weight, so
        // the normalisation cancels)
        let logBias = Double.log(unvoicedBias)

        var back = [Int32](repeating: -1, count: c.lag.count)
        var backU = [Int32](repeating: -1, count: frames)
        var score = [Double](repeating: -.infinity, count: c.lag.count)
        var logLag = [Double](repeating: 0, count: c.lag.count)
        for i in 0..<c.lag.count { logLag[i] = Double.log2(c.lag[i]) * 1200 }
        var scoreU = 0.0

        c.frameStart.withUnsafeBufferPointer { fs in
            c.probability.withUnsafeBufferPointer { prob in
                back.withUnsafeMutableBufferPointer { bp in
                    score.withUnsafeMutableBufferPointer { sc in
                        logLag.withUnsafeBufferPointer { cents in
                            // First frame: even odds of voicing.
                            do {
                                let a = Int(fs[0]), b = Int(fs[1])
                                for j in a..<b { sc[j] = Double.log(0.5 * prob[j]) }
                                scoreU = Double.log(0.5) + Double.log(max(1e-9, 1 - c.voicing[0])) + logBias
                            }
                            for t in 1..<frames {
                                let pa = Int(fs[t - 1]), pb = Int(fs[t])
                                let a = pb, b = Int(fs[t + 1])
                                var top = -Double.infinity
                                for j in a..<b {
                                    var best = scoreU + logSwitch
                                    var from: Int32 = -1
                                    for i in pa..<pb {
                                        let dc = abs(cents[j] - cents[i])
                                        let tri = max(0, 1 - dc / kernelWidth)
                                        let s = sc[i] + logStay + Double.log(smooth * tri + jump)
                                        if s > best { best = s; from = Int32(i) }
                                    }
                                    sc[j] = best + Double.log(prob[j])
                                    bp[j] = from
                                    top = max(top, sc[j])
                                }
                                var bestU = scoreU + logStay
                                var fromU: Int32 = -1
                                for i in pa..<pb {
                                    let s = sc[i] + logSwitch
                                    if s > bestU { bestU = s; fromU = Int32(i) }
                                }
                                scoreU = bestU + Double.log(max(1e-9, 1 - c.voicing[t])) + logBias
                                backU[t] = fromU
                                top = max(top, scoreU)
                                // Renormalise to keep the numbers small.
                                for j in a..<b { sc[j] -= top }
                                scoreU -= top
                            }
                        }
                    }
                }
            }
        }

        // Backtrack.
        var path = [Int32](repeating: -1, count: frames)
        var state: Int32 = -1
        var best = scoreU
        let a = Int(c.frameStart[frames - 1]), b = Int(c.frameStart[frames])
        for j in a..<b where score[j] > best { best = score[j]; state = Int32(j) }
        var t = frames - 1
        while t >= 0 {
            path[t] = state
            if t == 0 { break }
            state = state >= 0 ? back[Int(state)] : backU[t]
            t -= 1
        }
        return path
    }

    /// Turns the Viterbi path into frames, refining each chosen lag at the full sample rate.
    func refine(_ c: Candidates, path: [Int32], input x: UnsafePointer<Float>, count n: Int) -> [PitchFrame] {
        let d = decimation
        let wf = window * d
        var frames = [PitchFrame]()
        frames.reserveCapacity(path.count)
        let maxLagFull = (maximumLag + 2 + oneSidedShift) * d + 8
        // The frame's centre from the window's start, and the one-sided windows, at the full rate.
        let centreOffset = ((window + 2 * maximumLag + 1) / 2 - maximumLag + oneSidedShift) * d
        let hf = halfWindow * d
        // The ending window: a whole window ending at the frame's centre (not moved).
        let endOffset = centreOffset - oneSidedShift * d
        let extra = max(0, wf - endOffset)  // how far it starts before the centred window
        var scratch = [Float](repeating: 0, count: wf + 2 * maxLagFull + extra + 16)
        scratch.withUnsafeMutableBufferPointer { sb in
            let buf = sb.baseAddress!
            for t in 0..<path.count {
                let time = Double(t) * hopSeconds
                let k = Int(path[t])
                guard k >= 0 else {
                    frames.append(PitchFrame(time: time, f0: 0, voicing: c.voicing[t])); continue
                }
                let coarse = c.lag[k] * Double(d)
                var f0 = sampleRate / coarse
                var centre = Int(coarse.rounded())
                let reach = centre + 5  // the largest lag the search may use
                let w0 = reach + extra  // the centred window's start in the scratch buffer
                let start = (c.analysisStart[t] + maximumLag) * d - w0
                let need = wf + 2 * reach + extra + oneSidedShift * d
                if centre >= 3 && need <= sb.count {
                    // Copy the samples (zero outside the input).
                    buf.update(repeating: 0, count: need)
                    let lo = max(0, -start), hi = min(need, n - start)
                    if hi > lo { (buf + lo).update(from: x + (start + lo), count: hi - lo) }
                    let diff: (Int) -> Double
                    switch Side(rawValue: c.side[k]) ?? .centred {
                    case .centred: diff = { Self.difference(buf + w0, lag: $0, window: wf) }
                    case .past: diff = { Self.oneSidedDifference(buf + w0 + centreOffset - hf, lag: -$0, window: hf) }
                    case .future: diff = { Self.oneSidedDifference(buf + w0 + centreOffset, lag: $0, window: hf) }
                    case .ending: diff = { Self.oneSidedDifference(buf + w0 + endOffset - wf, lag: -$0, window: wf) }
                    }
                    var y0 = diff(centre - 1), y1 = diff(centre), y2 = diff(centre + 1)
                    var steps = 0
                    while steps < 3 {
                        if y0 < y1 && y0 <= y2 && centre - 2 >= 1 {
                            centre -= 1; y2 = y1; y1 = y0; y0 = diff(centre - 1)
                        } else if y2 < y1 && y2 < y0 {
                            centre += 1; y0 = y1; y1 = y2; y2 = diff(centre + 1)
                        } else {
                            break
                        }
                        steps += 1
                    }
                    let den = y0 - 2 * y1 + y2
                    if y1 <= y0 && y1 <= y2 && den > 0 {
                        let fine = Double(centre) + 0.5 * (y0 - y2) / den
                        if abs(fine - coarse) < 0.03 * coarse + 1 { f0 = sampleRate / fine }
                    }
                }
                frames.append(PitchFrame(time: time, f0: f0, voicing: c.voicing[t]))
            }
        }
        return frames
    }

    /// Σ_{j < window} (x_j − x_{j+lag})² + (x_j − x_{j−lag})², vectorised; `x` must be readable
    /// from `-lag` to `window + lag`.
    static func difference(_ x: UnsafePointer<Float>, lag: Int, window: Int) -> Double {
        var acc = SIMD8<Float>()
        let raw = UnsafeRawPointer(x)
        let stride = MemoryLayout<Float>.stride
        var j = 0
        while j + 8 <= window {
            let a = raw.loadUnaligned(fromByteOffset: j * stride, as: SIMD8<Float>.self)
            let b = raw.loadUnaligned(fromByteOffset: (j + lag) * stride, as: SIMD8<Float>.self)
            let c = raw.loadUnaligned(fromByteOffset: (j - lag) * stride, as: SIMD8<Float>.self)
            let e = a - b, f = a - c
            acc += e * e + f * f
            j += 8
        }
        var sum = Double(acc.sum())
        while j < window {
            let e = Double(x[j] - x[j + lag]), f = Double(x[j] - x[j - lag])
            sum += e * e + f * f; j += 1
        }
        return sum
    }
}
