extension PitchTracker {
    /// Scratch space of ``refine(frame:lag:side:analysisStart:voicing:input:inputStart:inputEnd:scratch:)``.
    struct RefineScratch: Sendable {
        var buffer: [Float]
        /// A placeholder holding nothing.
        static var empty: RefineScratch { RefineScratch(buffer: []) }
        private init(buffer: [Float]) { self.buffer = buffer }
        init(_ tracker: PitchTracker) {
            let d = tracker.decimation
            let maxLagFull = (tracker.maximumLag + 2 + tracker.oneSidedShift) * d + 8
            buffer = [Float](repeating: 0, count: tracker.window * d + 2 * maxLagFull + tracker.refineExtra + 16)
        }
    }

    /// The frame's centre from the window's start, at the full rate.
    var refineCentreOffset: Int { ((window + 2 * maximumLag + 1) / 2 - maximumLag + oneSidedShift) * decimation }
    /// How far the ending window (a whole window ending at the frame's centre) starts before the
    /// centred window, at the full rate.
    var refineExtra: Int { max(0, window * decimation - (refineCentreOffset - oneSidedShift * decimation)) }

    /// The input samples (global indices) that refining a frame whose analysis span starts at
    /// decimated sample `analysisStart` may read, whatever its candidate.
    func refineSpan(analysisStart: Int) -> Range<Int> {
        let d = decimation
        let base = (analysisStart + maximumLag) * d
        let reach = maximumLag * d + 6  // the largest lag the search may use, and one more
        return (base - reach - refineExtra)..<(base + window * d + reach + oneSidedShift * d)
    }

    /// The frame `t` of the chosen state (`lag` in decimated samples and its `side`, or nil when
    /// unvoiced), its frequency refined at the full sample rate by a parabola through the raw
    /// difference function (of the candidate's own window) around its lag. The input samples from
    /// global index `inputStart` on are at `x` (those at or after `inputEnd`, and before 0, count
    /// as zero); it reads within ``refineSpan(analysisStart:)``.
    func refine(
        frame t: Int, lag: Double?, side: UInt8, analysisStart: Int, voicing: Double,
        input x: UnsafePointer<Float>, inputStart: Int, inputEnd n: Int, scratch: inout RefineScratch
    ) -> PitchFrame {
        let time = Double(t) * hopSeconds
        guard let lag else { return PitchFrame(time: time, f0: 0, voicing: voicing) }
        let d = decimation
        let wf = window * d
        let centreOffset = refineCentreOffset
        let hf = halfWindow * d
        // The ending window: a whole window ending at the frame's centre (not moved).
        let endOffset = centreOffset - oneSidedShift * d
        let extra = refineExtra  // how far it starts before the centred window
        let coarse = lag * Double(d)
        var f0 = sampleRate / coarse
        var centre = Int(coarse.rounded())
        let reach = centre + 5  // the largest lag the search may use
        let w0 = reach + extra  // the centred window's start in the scratch buffer
        let start = (analysisStart + maximumLag) * d - w0
        let need = wf + 2 * reach + extra + oneSidedShift * d
        scratch.buffer.withUnsafeMutableBufferPointer { sb in
            let buf = sb.baseAddress!
            guard centre >= 3 && need <= sb.count else { return }
            // Copy the samples (zero outside the input).
            buf.update(repeating: 0, count: need)
            let lo = max(0, -start), hi = min(need, n - start)
            assert(hi <= lo || start + lo >= inputStart, "refine reads input that was dropped")
            if hi > lo { (buf + lo).update(from: x + (start + lo - inputStart), count: hi - lo) }
            let diff: (Int) -> Double
            switch Side(rawValue: side) ?? .centred {
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
        return PitchFrame(time: time, f0: f0, voicing: voicing)
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
