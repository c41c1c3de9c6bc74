/// Finds the exact start of a note near a rough time, from a fine energy envelope.
///
/// A pitch tracker knows a note is there only once a period or two has sounded, and its frames
/// are 10 ms apart; the envelope, in 1 ms steps, shows where the sound actually begins.
struct OnsetRefiner {
    private let envelope: [Float]
    private let step: Double

    init(samples: [Float], sampleRate: Double, stepSeconds: Double = 0.001, windowSeconds: Double = 0.008) {
        let hop = Swift.max(1, Int(sampleRate * stepSeconds))
        step = Double(hop) / sampleRate
        let count = samples.count / hop
        // Mean square per step, then an RMS over `windowSeconds` centred on each step, long enough
        // to span a period of a low voice so the envelope does not ripple with the waveform.
        var power = [Float](repeating: 0, count: count)
        samples.withUnsafeBufferPointer { x in
            for i in 0..<count {
                var sum: Float = 0
                let base = i * hop
                for k in 0..<hop { let v = x[base + k]; sum += v * v }
                power[i] = sum / Float(hop)
            }
        }
        let half = Swift.max(0, Int((windowSeconds / step / 2).rounded()))
        var env = [Float](repeating: 0, count: count)
        var running: Float = 0
        var n = 0
        var lo = 0, hi = -1
        for i in 0..<count {
            while hi < Swift.min(count - 1, i + half) { hi += 1; running += power[hi]; n += 1 }
            while lo < i - half { running -= power[lo]; lo += 1; n -= 1 }
            env[i] = (Swift.max(0, running) / Float(Swift.max(1, n))).squareRoot()
        }
        envelope = env
    }

    /// The start of the sound near `time` (seconds): the attack that rises from the quietest point
    /// of the 150 ms before `time`; nil when there is no clear attack (the level rises less than
    /// 6 dB: a legato change).
    func refine(near time: Double) -> Double? {
        guard envelope.count > 2 else { return nil }
        let centre = Swift.min(envelope.count - 1, Swift.max(0, Int(time / step)))
        let lo = Swift.max(0, centre - Int(0.15 / step))
        // The valley: the quietest point before `time` (the latest, where several are as quiet).
        var valley = lo
        for i in lo...centre where envelope[i] <= envelope[valley] { valley = i }
        // The attack's peak: after the valley, up to 80 ms past `time`.
        let peakEnd = Swift.min(envelope.count - 1, centre + Int(0.08 / step))
        guard valley < peakEnd else { return nil }
        var peakIndex = valley
        for i in valley...peakEnd where envelope[i] > envelope[peakIndex] { peakIndex = i }
        let peak = envelope[peakIndex]
        guard peak > 0, envelope[valley] < peak * 0.5 else { return nil }
        // Where the attack crosses 10 % and 50 % of its rise. Voices and bowed or blown notes
        // rise smoothly (S-shaped); the line through the two crossings, extended back by
        // 0.694 of their distance (exact for a raised-cosine rise), lands where the rise begins, however long it is.
        let base = Swift.min(envelope[valley], peak * 0.1)
        let rise = peak - base
        guard let t50 = crossing(below: base + rise * 0.5, from: peakIndex, to: valley),
            let t10 = crossing(below: base + rise * 0.1, from: peakIndex, to: valley)
        else { return nil }
        return Swift.max(Double(valley) * step, t10 - (t50 - t10) * 0.694)
    }

    /// Walking back from `from` to `to`, the time (interpolated) where the envelope falls under `level`.
    private func crossing(below level: Float, from: Int, to: Int) -> Double? {
        var i = from
        while i > to && envelope[i - 1] > level { i -= 1 }
        guard i > 0, envelope[i] != envelope[i - 1] else { return Double(i) * step }
        let f = Double((level - envelope[i - 1]) / (envelope[i] - envelope[i - 1]))
        // Envelope point i stands for the middle of its step.
        return (Double(i - 1) + Swift.min(1, Swift.max(0, f)) + 0.5) * step
    }
}
