import RealModule

/// Tracks beats with Ellis' dynamic programming (2007; the method behind librosa's
/// `beat_track`) and marks downbeats.
///
/// The tempo comes from ``TempoEstimator``. The envelope, scaled by its standard deviation and
/// smoothed with a Gaussian a fraction of a beat wide, is the local score; each frame's best
/// predecessor lies ½…2 periods back and pays `tightness · log(interval / period)²`. The best
/// chain ending in a strong late frame is traced back, weak beats at either end are trimmed,
/// each beat is moved to the interpolated peak of the score near it, and the tempo is refined
/// by a least-squares line through the beats. The bar's phase is the one whose beats carry the
/// strongest onset and low-frequency accents.
public struct BeatTracker: Sendable {
    /// How strongly beats are held to the tempo (librosa's default 100).
    public var tightness: Double = 100
    /// The first tempo estimate.
    public var tempoEstimator = TempoEstimator()
    /// Makes the onset envelope for ``track(_:sampleRate:beatsPerBar:)``.
    public var onsetDetector = OnsetDetector()

    /// A tracker with the default settings.
    public init() {}

    /// The beats of mono `samples`.
    public func track(_ samples: [Float], sampleRate: Double, beatsPerBar: Int = 4) -> BeatTrack {
        track(onsetDetector.strength(samples, sampleRate: sampleRate), beatsPerBar: beatsPerBar)
    }

    /// The beats of an onset envelope, with bars of `beatsPerBar` beats (4 unless told).
    public func track(_ envelope: OnsetEnvelope, beatsPerBar: Int = 4) -> BeatTrack {
        let fps = envelope.frameRate
        guard let period = tempoEstimator.period(envelope) else { return BeatTrack(tempo: 0, beats: [], downbeats: []) }
        let score = localScore(envelope.values, period: period)
        var frames = dynamicProgram(score, period: period)
        frames = trim(frames, score)
        guard !frames.isEmpty else { return BeatTrack(tempo: 60 * fps / period, beats: [], downbeats: []) }
        let refined = frames.map { refine($0, score) }
        let beats = refined.map { $0 / fps }
        let tempo = refinedTempo(refined, period: period).map { 60 * fps / $0 } ?? 60 * fps / period
        let downbeats = self.downbeats(frames, beats, envelope, beatsPerBar: max(1, beatsPerBar))
        return BeatTrack(tempo: tempo, beats: beats, downbeats: downbeats)
    }

    /// The local score: the envelope over its standard deviation, smoothed by a Gaussian with
    /// a standard deviation of period/32.
    public func localScore(_ values: [Float], period: Double) -> [Double] {
        let n = values.count
        guard n > 1 else { return values.map(Double.init) }
        let mean = values.reduce(0.0) { $0 + Double($1) } / Double(n)
        let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(n - 1)
        let scale = variance > 0 ? 1 / variance.squareRoot() : 1
        let half = Int(period.rounded())
        let kernel = (-half...half).map { k -> Double in
            let z = Double(k) * 32 / period
            return Double.exp(-0.5 * z * z)
        }
        var out = [Double](repeating: 0, count: n)
        values.withUnsafeBufferPointer { v in
            kernel.withUnsafeBufferPointer { kb in
                for i in 0..<n {
                    var acc = 0.0
                    for k in max(-half, -i)...min(half, n - 1 - i) {
                        let w = kb[k + half]
                        if w > 1e-6 { acc += w * Double(v[i + k]) }
                    }
                    out[i] = acc * scale
                }
            }
        }
        return out
    }

    /// Ellis' dynamic program; returns beat frames, ascending.
    public func dynamicProgram(_ score: [Double], period: Double) -> [Int] {
        let n = score.count
        guard n > 0 else { return [] }
        let lo = Int((2 * period).rounded()), hi = max(1, Int((period / 2).rounded()))
        let offsets = Array(stride(from: lo, through: hi, by: -1))  // frames back
        let penalty = offsets.map { d -> Double in
            let l = Double.log(Double(d) / period)
            return -tightness * l * l
        }
        var cumulative = [Double](repeating: 0, count: n)
        var backlink = [Int](repeating: -1, count: n)
        let threshold = 0.01 * (score.max() ?? 0)
        var firstBeat = true
        for i in 0..<n {
            var best = -Double.infinity, arg = -1
            for (k, d) in offsets.enumerated() where i - d >= 0 {
                let v = cumulative[i - d] + penalty[k]
                if v > best { best = v; arg = i - d }
            }
            if arg >= 0 { cumulative[i] = score[i] + best; backlink[i] = arg } else { cumulative[i] = score[i] }
            if firstBeat && score[i] < threshold {
                backlink[i] = -1; cumulative[i] = score[i]
            } else {
                firstBeat = false
            }
        }
        // The last beat: the last local maximum of the cumulative score above half their median.
        var maxima: [Int] = []
        for i in 1..<max(1, n - 1) where cumulative[i] > cumulative[i - 1] && cumulative[i] >= cumulative[i + 1] {
            maxima.append(i)
        }
        guard !maxima.isEmpty else { return [] }
        let sorted = maxima.map { cumulative[$0] }.sorted()
        let median = sorted[sorted.count / 2]
        guard let latest = maxima.last(where: { cumulative[$0] >= 0.5 * median }) else { return [] }
        // Of the strong maxima in the last two periods, the highest: a weak late frame (a
        // soft off-beat) may be a later maximum that reaches back past the real last beat.
        var last = latest
        for m in maxima where m > latest - Int(2 * period) && m <= latest && cumulative[m] > cumulative[last] {
            last = m
        }
        var beats: [Int] = []
        var i = last
        while i >= 0 { beats.append(i); i = backlink[i] }
        return beats.reversed()
    }

    /// Drops weak beats at the start and end (librosa's trim).
    public func trim(_ beats: [Int], _ score: [Double]) -> [Int] {
        guard beats.count > 2 else { return beats }
        let raw = beats.map { score[$0] }
        let hann = [0.25, 0.75, 1.0, 0.75, 0.25]
        var smooth = [Double](repeating: 0, count: raw.count)
        for i in 0..<raw.count {
            for k in -2...2 where i + k >= 0 && i + k < raw.count { smooth[i] += hann[k + 2] * raw[i + k] }
        }
        let rms = (smooth.reduce(0) { $0 + $1 * $1 } / Double(smooth.count)).squareRoot()
        let threshold = 0.5 * rms
        guard let first = smooth.firstIndex(where: { $0 >= threshold }),
            let last = smooth.lastIndex(where: { $0 >= threshold })
        else { return beats }
        return Array(beats[first...last])
    }

    /// The beat's frame moved to the interpolated peak of the score within ±2 frames.
    func refine(_ frame: Int, _ score: [Double]) -> Double {
        let n = score.count
        var p = frame
        for k in max(1, frame - 2)...max(1, min(n - 2, frame + 2)) where k < n - 1 && score[k] > score[p] { p = k }
        guard p > 0, p < n - 1 else { return Double(frame) }
        let a = score[p - 1], b = score[p], c = score[p + 1]
        let denom = a - 2 * b + c
        guard denom < 0 else { return Double(p) }
        return Double(p) + max(-0.5, min(0.5, 0.5 * (a - c) / denom))
    }

    /// The period (frames) of the least-squares line through the beats, if they keep near
    /// `period` throughout.
    func refinedTempo(_ beats: [Double], period: Double) -> Double? {
        guard beats.count >= 4 else { return nil }
        // Index each beat by how many periods it lies from the first (gaps count).
        var index = [Double](), time = [Double]()
        var k = 0
        for (i, b) in beats.enumerated() {
            if i > 0 {
                let steps = Int(((b - beats[i - 1]) / period).rounded())
                guard steps >= 1 else { return nil }
                k += steps
            }
            index.append(Double(k)); time.append(b)
        }
        let m = Double(index.count)
        let mx = index.reduce(0, +) / m, my = time.reduce(0, +) / m
        var sxy = 0.0, sxx = 0.0
        for i in 0..<index.count { sxy += (index[i] - mx) * (time[i] - my); sxx += (index[i] - mx) * (index[i] - mx) }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        return abs(slope / period - 1) < 0.1 ? slope : nil
    }

    /// The beats that begin bars: the phase whose beats have the strongest accents.
    func downbeats(_ frames: [Int], _ beats: [Double], _ envelope: OnsetEnvelope, beatsPerBar: Int) -> [Double] {
        guard beatsPerBar > 1, frames.count >= beatsPerBar else {
            return beatsPerBar == 1 ? beats : Array(beats.prefix(1))
        }
        func peak(_ v: [Float], _ f: Int) -> Double {
            var m: Float = 0
            for k in max(0, f - 2)...min(v.count - 1, f + 2) { m = max(m, v[k]) }
            return Double(m)
        }
        var accents = frames.map { peak(envelope.values, $0) }
        let mean = accents.reduce(0, +) / Double(accents.count)
        if mean > 0 { accents = accents.map { $0 / mean } }
        if envelope.lowFrequency.count == envelope.values.count {
            let low = frames.map { peak(envelope.lowFrequency, $0) }
            let lowMean = low.reduce(0, +) / Double(low.count)
            // The bass (kick drums, bass notes) marks bars far more reliably than the
            // overall attack, which snares and hi-hats dominate.
            if lowMean > 0 { for i in accents.indices { accents[i] = 0.25 * accents[i] + low[i] / lowMean } }
        }
        var best = 0, bestScore = -Double.infinity
        for phase in 0..<beatsPerBar {
            var sum = 0.0, count = 0
            for i in stride(from: phase, to: accents.count, by: beatsPerBar) { sum += accents[i]; count += 1 }
            let score = count > 0 ? sum / Double(count) : 0
            if score > bestScore { bestScore = score; best = phase }
        }
        return Array(stride(from: best, to: beats.count, by: beatsPerBar).map { beats[$0] })
    }
}
