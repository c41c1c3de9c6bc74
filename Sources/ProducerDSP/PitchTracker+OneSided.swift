import RealModule

extension PitchTracker {
    /// The part of the signal a pitch candidate was measured on.
    enum Side: UInt8 {
        /// The centred window, compared with the signal both τ later and τ earlier.
        case centred = 0
        /// The half window just before the frame's centre, compared with the signal τ earlier.
        case past = 1
        /// The half window just after the frame's centre, compared with the signal τ later.
        case future = 2
        /// A whole window ending at the frame's centre (not moved), compared with the signal τ
        /// earlier: for the frames at the end of a voiced stretch, where the note fades into silence.
        case ending = 3
    }

    /// The length of a one-sided window at the decimated rate.
    var halfWindow: Int { window / 2 }

    /// How far both one-sided windows are moved later (3 ms), in decimated samples. A voice's
    /// formant resonances delay the audible change of a note by a few milliseconds behind the change
    /// of its source's pitch, which is where a reference (and a listener tapping along) puts it; a
    /// frame is thus compared with the audio a little after its centre, so that the new note is
    /// reported from the frame where it starts rather than one frame late.
    var oneSidedShift: Int { Int((0.003 * analysisRate).rounded()) }

    /// Second look at the frames around each note change (a step of more than a semitone) and
    /// voicing boundary of the decoded `path`: their centred window spans two notes (or a note and
    /// silence), so YIN is run again on the half window before the frame's centre (compared with the
    /// signal τ earlier) and on the half window after it (compared with the signal τ later), both
    /// moved by ``oneSidedShift`` and with the gain fitted (``oneSidedDifference(_:lag:window:)``).
    /// Each one-sided candidate is merged with a centred one within 50 cents (the more probable
    /// measurement wins) or added as a new state; the frame's voicing becomes the largest of the
    /// three. Returns `nil` when the path has no such frames.
    ///
    /// Frames near the end of a voiced stretch (and no note change or onset) use a whole window
    /// ending at the frame's centre, not moved, instead of the half window before it (``Side/ending``):
    /// there the note fades (a release of tens of milliseconds), and its last audible frames are
    /// faint against breath noise, so the louder audio just before the centre and a window of
    /// several periods are what tell their pitch, as pYIN's long centred window does. Moving that
    /// window later, as for a note change, would only measure more of the fade.
    func revisit(_ c: Candidates, path: [Int32], signal: [Float]) -> Candidates? {
        let frames = path.count
        guard frames > 1 else { return nil }
        // Per frame: near a note change or onset (1), near the end of a voiced stretch (2).
        var marked = [UInt8](repeating: 0, count: frames)
        var any = false
        for t in 1..<frames {
            let a = Int(path[t - 1]), b = Int(path[t])
            let kind: UInt8
            if (a >= 0) != (b >= 0) {
                kind = a >= 0 ? 2 : 1
            } else if a >= 0 {
                kind = abs(Double.log2(c.lag[a] / c.lag[b])) > 1.0 / 12 ? 1 : 0
            } else {
                kind = 0
            }
            if kind != 0 {
                any = true
                for k in max(0, t - 3)...min(frames - 1, t + 2) { marked[k] |= kind }
            }
        }
        guard any else { return nil }

        let h = halfWindow, maxLag = maximumLag, minLag = minimumLag
        let pad = maxLag + 1
        let hopRate = hopSeconds * analysisRate
        let cdf = thresholdCDF
        let shift = oneSidedShift
        let ew = window
        let lead = max(h, ew)  // the buffer starts `lead + pad` before the centre
        var buffer = [Float](repeating: 0, count: lead + h + 2 * pad + shift + 8)
        var dp = [Double](repeating: 1, count: maxLag + 2)
        var troughLag = [Double](repeating: 0, count: 64)
        var troughValue = [Double](repeating: 0, count: 64)
        var newLag = [Double](), newProbability = [Double]()

        var out = Candidates()
        out.lag.reserveCapacity(c.lag.count + 1024)
        out.probability.reserveCapacity(c.lag.count + 1024)
        out.side.reserveCapacity(c.lag.count + 1024)
        out.frameStart.reserveCapacity(frames + 1)
        out.analysisStart = c.analysisStart
        out.voicing = c.voicing

        for t in 0..<frames {
            let a = Int(c.frameStart[t]), b = Int(c.frameStart[t + 1])
            let first = out.lag.count
            out.lag.append(contentsOf: c.lag[a..<b])
            out.probability.append(contentsOf: c.probability[a..<b])
            out.side.append(contentsOf: c.side[a..<b])
            if marked[t] != 0 {
                let ending = marked[t] == 2
                // Copy centre − lead − pad ..< centre + h + pad + shift (zero outside the signal).
                let centre = Int((Double(t) * hopRate).rounded())
                let start = centre - lead - pad
                let need = lead + h + 2 * pad + shift
                buffer.withUnsafeMutableBufferPointer { bp in
                    bp.baseAddress!.update(repeating: 0, count: need)
                    let lo = max(0, -start), hi = min(need, signal.count - start)
                    if hi > lo {
                        signal.withUnsafeBufferPointer { sp in
                            (bp.baseAddress! + lo).update(from: sp.baseAddress! + (start + lo), count: hi - lo)
                        }
                    }
                }
                for side in [ending ? Side.ending : .past, .future] {
                    newLag.removeAll(keepingCapacity: true)
                    newProbability.removeAll(keepingCapacity: true)
                    // The window's start in the buffer.
                    let offset: Int
                    switch side {
                    case .ending: offset = pad + lead - ew
                    case .past: offset = pad + lead - h + shift
                    default: offset = pad + lead + shift
                    }
                    let len = side == .ending ? ew : h
                    var voicing = 0.0
                    buffer.withUnsafeBufferPointer { bp in
                        dp.withUnsafeMutableBufferPointer { dpB in
                            let x = bp.baseAddress! + offset
                            var energy = 0.0
                            for j in 0..<len { energy += Double(x[j]) * Double(x[j]) }
                            guard energy > 1e-10 * Double(len) else { return }
                            var running = 0.0
                            dpB[0] = 1
                            for tau in 1...maxLag {
                                let v = Self.oneSidedDifference(x, lag: side == .future ? tau : -tau, window: len)
                                running += v
                                dpB[tau] = running > 0 ? v * Double(tau) / running : 1
                            }
                            dpB[maxLag + 1] = dpB[maxLag]
                            let added = Self.thresholdCandidates(
                                dpB.baseAddress!, minLag: minLag, maxLag: maxLag, cdf: cdf,
                                troughLag: &troughLag, troughValue: &troughValue,
                                lag: &newLag, probability: &newProbability)
                            voicing = added.voicing
                        }
                    }
                    out.voicing[t] = max(out.voicing[t], min(1, voicing))
                    // Merge with the frame's candidates so far.
                    for (lag, p) in zip(newLag, newProbability) {
                        var match = -1
                        for j in first..<out.lag.count where abs(Double.log2(out.lag[j] / lag)) < 50.0 / 1200 {
                            if match < 0 || out.probability[j] > out.probability[match] { match = j }
                        }
                        if match >= 0 {
                            if p > out.probability[match] {
                                out.lag[match] = lag; out.probability[match] = p; out.side[match] = side.rawValue
                            }
                        } else {
                            out.lag.append(lag); out.probability.append(p); out.side.append(side.rawValue)
                        }
                    }
                }
            }
            out.frameStart.append(Int32(out.lag.count))
        }
        return out
    }

    /// The YIN difference with the gain fitted, min_{g ≥ 0} Σ_{j < window} (x_j − g·x_{j+lag})²
    /// = E_x − max(0, c)² / E_lag, vectorised: unlike the plain difference it does not grow while a
    /// note swells or fades (attacks, legato joins), where the one-sided windows are used. `x` must be
    /// readable from `min(0, lag)` to `window + max(0, lag)`.
    static func oneSidedDifference(_ x: UnsafePointer<Float>, lag: Int, window: Int) -> Double {
        var xx = SIMD8<Float>(), yy = SIMD8<Float>(), xy = SIMD8<Float>()
        let raw = UnsafeRawPointer(x)
        let stride = MemoryLayout<Float>.stride
        var j = 0
        while j + 8 <= window {
            let a = raw.loadUnaligned(fromByteOffset: j * stride, as: SIMD8<Float>.self)
            let b = raw.loadUnaligned(fromByteOffset: (j + lag) * stride, as: SIMD8<Float>.self)
            xx += a * a; yy += b * b; xy += a * b
            j += 8
        }
        var ex = Double(xx.sum()), ey = Double(yy.sum()), c = Double(xy.sum())
        while j < window {
            let a = Double(x[j]), b = Double(x[j + lag])
            ex += a * a; ey += b * b; c += a * b; j += 1
        }
        guard c > 0, ey > 0 else { return ex }
        return max(0, ex - c * c / ey)
    }
}
