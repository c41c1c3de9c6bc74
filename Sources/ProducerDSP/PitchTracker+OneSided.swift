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

    /// How the step from one frame's chosen state to the next marks the frames around it for a
    /// second look (``revisit(frame:ending:signal:signalStart:signalEnd:candidates:scratch:)``): 1 for
    /// a note change (a step of more than a semitone) or an onset, 2 for the end of a voiced
    /// stretch, 0 for none. `previous` and `lag` are the two frames' chosen lags, nil when unvoiced.
    /// The frames from 3 before the step's frame to 2 after it are marked.
    static func transitionKind(from previous: Double?, to lag: Double?) -> UInt8 {
        switch (previous, lag) {
        case (nil, nil): 0
        case (nil, _): 1
        case (_, nil): 2
        case (let a?, let b?): abs(Double.log2(a / b)) > 1.0 / 12 ? 1 : 0
        }
    }

    /// Scratch space of ``revisit(frame:ending:signal:signalStart:signalEnd:candidates:scratch:)``.
    struct OneSidedScratch: Sendable {
        var buffer: [Float]
        var dp: [Double]
        var troughLag = [Double](repeating: 0, count: 64)
        var troughValue = [Double](repeating: 0, count: 64)
        var newLag: [Double] = [], newProbability: [Double] = []

        init(_ tracker: PitchTracker) {
            let h = tracker.halfWindow, pad = tracker.maximumLag + 1
            buffer = [Float](repeating: 0, count: max(h, tracker.window) + h + 2 * pad + tracker.oneSidedShift + 8)
            dp = [Double](repeating: 1, count: tracker.maximumLag + 2)
        }
    }

    /// The decimated samples ``revisit(frame:ending:signal:signalStart:signalEnd:candidates:scratch:)``
    /// reads for frame `frame`, as global indices.
    func oneSidedSpan(_ frame: Int) -> Range<Int> {
        let h = halfWindow, pad = maximumLag + 1, lead = max(h, window)
        let centre = Int((Double(frame) * (hopSeconds * analysisRate)).rounded())
        return (centre - lead - pad)..<(centre + h + pad + oneSidedShift)
    }

    /// Second look at a frame near a note change (a step of more than a semitone) or voicing
    /// boundary of the decoded path: its centred window spans two notes (or a note and silence), so
    /// YIN is run again on the half window before the frame's centre (compared with the signal τ
    /// earlier) and on the half window after it (compared with the signal τ later), both moved by
    /// ``oneSidedShift`` and with the gain fitted (``oneSidedDifference(_:lag:window:)``). Each
    /// one-sided candidate is merged with one of `candidates` within 50 cents (the more probable
    /// measurement wins) or added as a new state; the frame's voicing becomes the largest of the
    /// three.
    ///
    /// Frames near the end of a voiced stretch (and no note change or onset; `ending`) use a whole
    /// window ending at the frame's centre, not moved, instead of the half window before it
    /// (``Side/ending``): there the note fades (a release of tens of milliseconds), and its last
    /// audible frames are faint against breath noise, so the louder audio just before the centre
    /// and a window of several periods are what tell their pitch, as pYIN's long centred window
    /// does. Moving that window later, as for a note change, would only measure more of the fade.
    ///
    /// The decimated samples from global index `signalStart` on are at `signal` (those at or after
    /// `signalEnd`, and before 0, count as zero); it reads ``oneSidedSpan(_:)``.
    func revisit(
        frame t: Int, ending: Bool, signal: UnsafePointer<Float>, signalStart: Int, signalEnd: Int,
        candidates out: inout (lag: [Double], probability: [Double], side: [UInt8], voicing: Double),
        scratch: inout OneSidedScratch
    ) {
        let h = halfWindow, maxLag = maximumLag, minLag = minimumLag
        let pad = maxLag + 1
        let cdf = thresholdCDF
        let shift = oneSidedShift
        let ew = window
        let lead = max(h, ew)  // the buffer starts `lead + pad` before the centre
        // Copy centre − lead − pad ..< centre + h + pad + shift (zero outside the signal).
        let start = oneSidedSpan(t).lowerBound
        let need = lead + h + 2 * pad + shift
        scratch.buffer.withUnsafeMutableBufferPointer { bp in
            bp.baseAddress!.update(repeating: 0, count: need)
            let lo = max(0, -start), hi = min(need, signalEnd - start)
            assert(hi <= lo || start + lo >= signalStart, "revisit reads samples that were dropped")
            if hi > lo { (bp.baseAddress! + lo).update(from: signal + (start + lo - signalStart), count: hi - lo) }
        }
        for side in [ending ? Side.ending : .past, .future] {
            scratch.newLag.removeAll(keepingCapacity: true)
            scratch.newProbability.removeAll(keepingCapacity: true)
            // The window's start in the buffer.
            let offset: Int
            switch side {
            case .ending: offset = pad + lead - ew
            case .past: offset = pad + lead - h + shift
            default: offset = pad + lead + shift
            }
            let len = side == .ending ? ew : h
            var voicing = 0.0
            scratch.buffer.withUnsafeBufferPointer { bp in
                scratch.dp.withUnsafeMutableBufferPointer { dpB in
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
                        troughLag: &scratch.troughLag, troughValue: &scratch.troughValue,
                        lag: &scratch.newLag, probability: &scratch.newProbability)
                    voicing = added.voicing
                }
            }
            out.voicing = max(out.voicing, min(1, voicing))
            // Merge with the frame's candidates so far.
            for (lag, p) in zip(scratch.newLag, scratch.newProbability) {
                var match = -1
                for j in 0..<out.lag.count where abs(Double.log2(out.lag[j] / lag)) < 50.0 / 1200 {
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
