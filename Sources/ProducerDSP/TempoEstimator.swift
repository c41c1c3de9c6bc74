import RealModule

/// Estimates the tempo of an onset envelope (after Ellis 2007, as librosa does): the
/// autocorrelation of the envelope, averaged over overlapping Hann-windowed stretches, weighted
/// by a log-Gaussian prior around ``preferredTempo``; the best lag is refined to a fraction of a
/// frame by parabolic interpolation.
///
/// Each candidate period is scored by a two-tooth comb, in the spirit of meter templates (e.g.
/// Peeters 2007): the autocorrelation at the period plus that at half the period,
/// its binary subdivision. A beat in simple meter has support at both; a period of three
/// subdivisions (a dotted beat, e.g. three sixteenths in 4/4) has none at its half and no longer
/// competes with the beat on the strength of its own peak alone. (Compound meter, whose beat
/// divides in three, is therefore counted at a binary level of its pulse.) Between a beat and
/// twice its rate, equally supported, the prior decides.
///
/// ``BeatTracker`` refines this first estimate further from the beats it finds.
public struct TempoEstimator: Sendable {
    /// The centre of the prior, in BPM.
    public var preferredTempo: Double = 120
    /// The prior's standard deviation, in octaves.
    public var spread: Double = 1
    /// The slowest tempo considered, in BPM.
    public var minimumTempo: Double = 40
    /// The fastest tempo considered, in BPM.
    public var maximumTempo: Double = 240
    /// The length of each autocorrelation stretch, in seconds.
    public var windowSeconds: Double = 8
    /// The beat is taken to be twice as fast when the autocorrelation at half the period is
    /// at least this share of that at the period (and the faster level is not itself evenly
    /// subdivided; see ``subdivisionRatio``).
    public var halfPulseRatio: Double = 0.85
    /// A level whose own half-period autocorrelation reaches this share of its own is evenly
    /// subdivided: the envelope is then isochronous over two binary levels, which says nothing
    /// about which of them is the beat, and the prior's choice stands.
    public var subdivisionRatio: Double = 0.5

    /// An estimator with librosa's defaults (prior 120 BPM, one octave).
    public init() {}

    /// The tempo in BPM, or nil when the envelope is too short or has no periodicity.
    public func tempo(_ envelope: OnsetEnvelope) -> Double? {
        guard let period = period(envelope) else { return nil }
        return 60 * envelope.frameRate / period
    }

    /// The beat period in frames (fractional), or nil.
    public func period(_ envelope: OnsetEnvelope) -> Double? {
        let acf = autocorrelation(envelope)
        let fps = envelope.frameRate
        let minLag = max(1, Int((60 * fps / maximumTempo).rounded(.down)))
        let maxLag = min(acf.count - 2, Int((60 * fps / minimumTempo).rounded(.up)))
        guard maxLag > minLag else { return nil }
        var best = -1, bestScore = 0.0
        for lag in minLag...maxLag where acf[lag] > 0 && acf[lag] >= acf[lag - 1] && acf[lag] >= acf[lag + 1] {
            let bpm = 60 * fps / Double(lag)
            let octaves = Double.log2(bpm / preferredTempo) / spread
            // The comb: the pulse at the period and at its binary subdivision.
            let comb = acf[lag] + (Self.peak(acf, near: Double(lag) / 2).map { acf[$0] } ?? 0)
            let score = comb * Double.exp(-0.5 * octaves * octaves)
            if score > bestScore { bestScore = score; best = lag }
        }
        guard best > 0 else { return nil }
        // A pulse as strong halfway between the beats means the beat is twice as fast: the
        // prior (and the comb) alone would prefer the slower level for fast, even click
        // tracks. Not so when the faster level is itself evenly subdivided (dense, even
        // sixteenths): the envelope is then isochronous over both levels, the step would be
        // as justified again at the next, and the prior's level stands.
        while true {
            let h = Double(best) / 2
            guard 60 * fps / h <= maximumTempo, h >= 2, let m = Self.peak(acf, near: h) else { break }
            guard acf[m] >= halfPulseRatio * acf[best] else { break }
            if let q = Self.peak(acf, near: Double(m) / 2), acf[q] >= subdivisionRatio * acf[m] { break }
            best = m
        }
        let a = acf[best - 1], b = acf[best], c = acf[best + 1]
        let denom = a - 2 * b + c
        let shift = denom < 0 ? max(-0.5, min(0.5, 0.5 * (a - c) / denom)) : 0
        return Double(best) + shift
    }

    /// The lag of the largest value within a frame of the fractional lag `h`, if in range.
    static func peak(_ acf: [Double], near h: Double) -> Int? {
        let lo = Int(h.rounded(.down)) - 1, hi = Int(h.rounded(.up)) + 1
        guard lo >= 1, hi < acf.count else { return nil }
        var m = lo + 1
        for k in lo...hi where acf[k] > acf[m] { m = k }
        return m
    }

    /// The averaged, normalised autocorrelation of the envelope (index = lag in frames).
    public func autocorrelation(_ envelope: OnsetEnvelope) -> [Double] {
        let v = envelope.values, n = v.count, fps = envelope.frameRate
        let maxLag = Int((60 * fps / minimumTempo).rounded(.up)) + 2
        guard n > 8 else { return [] }
        // Remove the local mean (±0.5 s) so that the correlation sees the pulses only.
        let half = max(1, Int(0.5 * fps))
        var prefix = [Double](repeating: 0, count: n + 1)
        for i in 0..<n { prefix[i + 1] = prefix[i] + Double(v[i]) }
        var pulses = [Float](repeating: 0, count: n)
        for i in 0..<n {
            let lo = max(0, i - half), hi = min(n, i + half + 1)
            pulses[i] = max(0, v[i] - Float((prefix[hi] - prefix[lo]) / Double(hi - lo)))
        }
        // Smooth by a Gaussian of ~15 ms so that a period between two whole frames still
        // correlates fully (its peaks spread over both neighbouring lags).
        let sigma = max(1, 0.015 * fps), reach = Int((3 * sigma).rounded(.up))
        let kernel = (-reach...reach).map { Float(Double.exp(-0.5 * Double($0 * $0) / (sigma * sigma))) }
        var x = [Float](repeating: 0, count: n)
        for i in 0..<n where pulses[i] > 0 {
            for k in max(-reach, -i)...min(reach, n - 1 - i) { x[i + k] += pulses[i] * kernel[k + reach] }
        }
        let w = min(n, max(Int(windowSeconds * fps), 2 * maxLag))
        let hop = max(1, w / 2)
        let lags = min(maxLag, w - 1)
        var sum = [Double](repeating: 0, count: lags + 1)
        let window = (0..<w).map { Float(0.5 - 0.5 * Double.cos(2 * Double.pi * (Double($0) + 0.5) / Double(w))) }
        var frame = [Float](repeating: 0, count: w)
        var start = 0
        while true {
            let s = min(start, n - w)
            frame.withUnsafeMutableBufferPointer { f in
                x.withUnsafeBufferPointer { xb in
                    window.withUnsafeBufferPointer { wb in
                        for i in 0..<w { f[i] = xb[s + i] * wb[i] }
                    }
                }
                var r0: Float = 0
                for i in 0..<w { r0 += f[i] * f[i] }
                guard r0 > 0 else { return }
                let p = f.baseAddress!
                for lag in 0...lags {
                    var acc: Float = 0
                    let q = p + lag
                    for i in 0..<(w - lag) { acc += p[i] * q[i] }
                    sum[lag] += Double(acc / r0)
                }
            }
            if s + w >= n { break }
            start += hop
        }
        return sum
    }
}
