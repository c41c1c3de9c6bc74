/// What the aligner measured for one mic: its delay and polarity against the reference and, when
/// measured in windows, the delay curve of a moving source.
public struct MicAlignment: Sendable, Codable, Equatable {
    /// The sample rate both recordings share, Hz.
    public var sampleRate: Double
    /// The delay over the whole recording (positive: the mic is later).
    public var delay: DelayEstimate
    /// The delay measured in overlapping windows (empty unless windows were asked for).
    public var curve: [DelayPoint]
    /// Whether the curve moves (by more than ``MicAligner/movingThreshold`` samples), so that the
    /// mic is aligned by a delay that follows it.
    public var moving: Bool

    public init(sampleRate: Double, delay: DelayEstimate, curve: [DelayPoint] = [], moving: Bool = false) {
        self.sampleRate = sampleRate
        self.delay = delay
        self.curve = curve
        self.moving = moving
    }

    /// The delay in milliseconds.
    public var milliseconds: Double { delay.samples / sampleRate * 1000 }

    /// The delay to remove at frame `n`, samples: the whole-recording delay, or for a moving source
    /// the curve interpolated linearly between the windows' centres (held before the first and
    /// after the last).
    public func delay(atFrame n: Int) -> Double {
        guard moving, let first = curve.first, let last = curve.last else { return delay.samples }
        let t = Double(n) / sampleRate
        if t <= first.time { return first.samples }
        if t >= last.time { return last.samples }
        var lo = 0
        var hi = curve.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if curve[mid].time <= t { lo = mid } else { hi = mid }
        }
        let a = curve[lo], b = curve[hi]
        guard b.time > a.time else { return a.samples }
        let u = (t - a.time) / (b.time - a.time)
        return a.samples + u * (b.samples - a.samples)
    }

    /// The first `count` comb-filter notches of the sum reference + mic for a delay of
    /// `samples` and the given polarity, Hz, below Nyquist: `f = (2k+1)/(2τ)` for the same
    /// polarity, `f = k/τ` (from 0 Hz) for opposite polarity.
    public static func notches(samples: Double, inverted: Bool, sampleRate: Double, count: Int = 5) -> [Double] {
        let tau = abs(samples) / sampleRate
        var result: [Double] = []
        var k = 0
        while result.count < count {
            let f: Double
            if inverted {
                f = Double(k) / max(tau, 1e-12)
            } else {
                guard tau > 0 else { break }
                f = Double(2 * k + 1) / (2 * tau)
            }
            if f >= sampleRate / 2 { break }
            result.append(f)
            k += 1
        }
        return result
    }
}
