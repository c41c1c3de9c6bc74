import ProducerMusic

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

    /// The grid point (beat or ``subdivisions`` of it) nearest to `time`, seconds.
    public func nearestGridPoint(to time: Double) -> Double {
        nearestPoint(to: time, perBeat: subdivisions)
    }

    /// The point nearest to `time` of a grid with `perBeat` points to a beat, seconds.
    public func nearestPoint(to time: Double, perBeat: Int) -> Double {
        guard beats.count >= 2 else { return beats.first ?? time }
        let (i, f) = position(of: time)
        let n = Double(Swift.max(1, perBeat))
        return timeAt(beatIndex: i, fraction: (f * n).rounded() / n)
    }

    /// The length of the beat holding `time`, seconds.
    public func beatLength(at time: Double) -> Double {
        guard beats.count >= 2 else { return 0.5 }
        let (i, _) = position(of: time)
        return timeAt(beatIndex: i, fraction: 1) - timeAt(beatIndex: i, fraction: 0)
    }

    /// The bar:beat position of `time`, to the hundredth of a beat (rounded, so a note a few
    /// milliseconds before a downbeat is at that downbeat, `3:1`, never `2:5`). Beats run 1…N of an
    /// N-beat bar; bars count from the first downbeat, 1, with 0 and below before it (a pickup or
    /// a count-in).
    public func position(at time: Double) -> BarBeat {
        guard beats.count >= 2, beatsPerBar > 0 else { return BarBeat(bar: 1, beat: 1) }
        let (i, f) = position(of: time)
        let total = Swift.min(1e12, Swift.max(-1e12, Double(i - firstDownbeatIndex) + f))
        let hundredths = Int((total * 100).rounded())
        let perBar = beatsPerBar * 100
        let bars = hundredths >= 0 ? hundredths / perBar : -((-hundredths + perBar - 1) / perBar)
        let inBar = hundredths - bars * perBar
        return BarBeat(bar: bars + 1, beat: inBar / 100 + 1, fraction: Double(inBar % 100) / 100)
    }

    /// Bar (from 1) and beat (from 1, with a fraction) at `time`, e.g. (17, 3.5); see ``position(at:)``.
    public func barBeat(at time: Double) -> (bar: Int, beat: Double) {
        let p = position(at: time)
        return (p.bar, Double(p.beat) + p.fraction)
    }

    /// "17:3" or "17:3.50"; see ``position(at:)``.
    public func barBeatText(at time: Double) -> String {
        position(at: time).description
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
