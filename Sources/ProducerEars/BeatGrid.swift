/// The beats a performance is judged against, with bars, and the grid of subdivisions between them.
public struct BeatGrid: Sendable, Hashable, Codable {
    /// Beat times, seconds, ascending.
    public var beats: [Double]
    /// Index into `beats` of a downbeat (the first beat of a bar).
    public var firstDownbeatIndex: Int
    /// Beats per bar.
    public var beatsPerBar: Int
    /// Subdivisions of a beat that notes may fall on (4 = sixteenths in 4/4).
    public var subdivisions: Int

    public init(beats: [Double], firstDownbeatIndex: Int = 0, beatsPerBar: Int = 4, subdivisions: Int = 4) {
        self.beats = beats
        self.firstDownbeatIndex = firstDownbeatIndex
        self.beatsPerBar = beatsPerBar
        self.subdivisions = subdivisions
    }

    /// A steady grid at `tempo` BPM from `offset` seconds, covering `duration` seconds.
    public init(tempo: Double, offset: Double = 0, duration: Double, beatsPerBar: Int = 4, subdivisions: Int = 4) {
        let period = 60 / tempo
        let count = Int((duration - offset) / period) + 2
        self.init(
            beats: (0..<Swift.max(count, 2)).map { offset + Double($0) * period },
            beatsPerBar: beatsPerBar, subdivisions: subdivisions)
    }

    /// Average tempo, BPM.
    public var tempo: Double {
        guard beats.count >= 2 else { return 0 }
        return 60 * Double(beats.count - 1) / (beats[beats.count - 1] - beats[0])
    }

    /// Downbeat times, seconds.
    public var downbeats: [Double] {
        stride(from: ((firstDownbeatIndex % beatsPerBar) + beatsPerBar) % beatsPerBar, to: beats.count, by: beatsPerBar)
            .map { beats[$0] }
    }

    /// The grid point (beat or subdivision) nearest to `time`, seconds.
    public func nearestGridPoint(to time: Double) -> Double {
        guard beats.count >= 2 else { return beats.first ?? time }
        let (i, f) = position(of: time)
        let sub = (f * Double(subdivisions)).rounded() / Double(subdivisions)
        return timeAt(beatIndex: i, fraction: sub)
    }

    /// Bar (from 1) and beat (from 1, with a fraction) at `time`, e.g. (17, 3.5).
    public func barBeat(at time: Double) -> (bar: Int, beat: Double) {
        guard beats.count >= 2 else { return (1, 1) }
        let (i, f) = position(of: time)
        let fromDownbeat = i - firstDownbeatIndex
        let bar = Int((Double(fromDownbeat) / Double(beatsPerBar)).rounded(.down))
        let beatInBar = fromDownbeat - bar * beatsPerBar
        return (bar + 1, Double(beatInBar) + 1 + f)
    }

    /// "17:3" or "17:3.50".
    public func barBeatText(at time: Double) -> String {
        let (bar, beat) = barBeat(at: time)
        let whole = beat.rounded(.down)
        let fraction = beat - whole
        if fraction < 0.005 || fraction > 0.995 {
            return "\(bar):\(Int(beat.rounded()))"
        }
        let hundredths = Int((fraction * 100).rounded())
        return "\(bar):\(Int(whole)).\(hundredths < 10 ? "0" : "")\(hundredths)"
    }

    /// The beat interval holding `time` and the fraction of the way through it (extrapolated past the ends).
    private func position(of time: Double) -> (Int, Double) {
        let n = beats.count
        if time <= beats[0] {
            let period = beats[1] - beats[0]
            let k = ((time - beats[0]) / period).rounded(.down)
            return (Int(k), (time - beats[0]) / period - k)
        }
        if time >= beats[n - 1] {
            let period = beats[n - 1] - beats[n - 2]
            let x = (time - beats[n - 1]) / period
            let k = x.rounded(.down)
            return (n - 1 + Int(k), x - k)
        }
        var lo = 0, hi = n - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if beats[mid] <= time { lo = mid } else { hi = mid }
        }
        return (lo, (time - beats[lo]) / (beats[lo + 1] - beats[lo]))
    }

    private func timeAt(beatIndex i: Int, fraction f: Double) -> Double {
        let n = beats.count
        if i < 0 { return beats[0] + (Double(i) + f) * (beats[1] - beats[0]) }
        if i >= n - 1 { return beats[n - 1] + (Double(i - (n - 1)) + f) * (beats[n - 1] - beats[n - 2]) }
        return beats[i] + f * (beats[i + 1] - beats[i])
    }
}
