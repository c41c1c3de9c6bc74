import ProducerDSP

extension Listener {
    /// The grid a take is judged against, and where it came from.
    struct Placement {
        var grid: BeatGrid?
        /// "click", "given", "reference", "estimated" or "none".
        var tempoSource: String
        /// "given", "found", "click", "reference" or "estimated"; nil without a grid.
        var downbeatSource: String?
        /// How far the reference part is moved to start at the take's first downbeat, seconds.
        var referenceShift: Double = 0
    }

    /// The beats and bars: from the click, a given tempo, the reference's own grid, or the beat of
    /// the take itself; the first downbeat where ``ListenOptions/downbeat`` says, or else found.
    func placement(duration: Double, onsetEnvelope: OnsetEnvelope, remarks: inout [String]) -> Placement {
        let perBar = Swift.max(1, options.beatsPerBar)
        /// The beat index of a bar:beat counted from the first beat.
        func index(bar: Int, beat: Int) -> Int { (bar - 1) * perBar + Swift.min(beat, perBar) - 1 }
        func nearest(_ beats: [Double], to time: Double) -> Int {
            beats.indices.min { abs(beats[$0] - time) < abs(beats[$1] - time) } ?? 0
        }

        if let clicks = options.clicks {
            if clicks.count >= 2 {
                var first = 0
                switch options.downbeat {
                case .time(let t): first = nearest(clicks, to: t)
                case .position(let bar, let beat): first = Swift.min(clicks.count - 1, index(bar: bar, beat: beat))
                case nil: break
                }
                return Placement(
                    grid: BeatGrid(beats: clicks, firstDownbeatIndex: first, beatsPerBar: perBar),
                    tempoSource: "click", downbeatSource: options.downbeat == nil ? "click" : "given")
            }
            remarks.append("The click track has fewer than two clicks; the beat is estimated from the take instead.")
        }
        if let tempo = options.tempo {
            let period = 60 / tempo
            switch options.downbeat {
            case .time(let t):
                let k = Int((t / period).rounded(.down))
                let grid = BeatGrid(
                    tempo: tempo, offset: t - Double(k) * period, duration: duration, beatsPerBar: perBar)
                return Placement(
                    grid: BeatGrid(beats: grid.beats, firstDownbeatIndex: k, beatsPerBar: perBar),
                    tempoSource: "given", downbeatSource: "given")
            case .position(let bar, let beat):
                let grid = BeatGrid(tempo: tempo, duration: duration, beatsPerBar: perBar)
                return Placement(
                    grid: BeatGrid(
                        beats: grid.beats, firstDownbeatIndex: index(bar: bar, beat: beat), beatsPerBar: perBar),
                    tempoSource: "given", downbeatSource: "given")
            case nil:
                let found = Self.phase(of: onsetEnvelope, period: period, beatsPerBar: perBar)
                let grid = BeatGrid(tempo: tempo, offset: found.offset, duration: duration, beatsPerBar: perBar)
                return Placement(
                    grid: BeatGrid(beats: grid.beats, firstDownbeatIndex: found.downbeat, beatsPerBar: perBar),
                    tempoSource: "given", downbeatSource: "found")
            }
        }
        if let referenceGrid = options.referenceGrid {
            // The reference's bar 1 moves to the take's first downbeat.
            var shift = 0.0
            switch options.downbeat {
            case .time(let t): shift = t
            case .position(let bar, let beat):
                let i = index(bar: bar, beat: beat)
                shift = i < referenceGrid.beats.count ? referenceGrid.beats[i] : 0
            case nil: break
            }
            var grid = referenceGrid
            grid.beats = grid.beats.map { $0 + shift }
            return Placement(
                grid: grid, tempoSource: "reference", downbeatSource: options.downbeat == nil ? "reference" : "given",
                referenceShift: shift)
        }
        let track = BeatTracker().track(onsetEnvelope, beatsPerBar: perBar)
        guard track.beats.count >= 2 else { return Placement(grid: nil, tempoSource: "none", downbeatSource: nil) }
        var first = track.downbeats.first.flatMap { d in track.beats.firstIndex { abs($0 - d) < 1e-6 } } ?? 0
        switch options.downbeat {
        case .time(let t): first = nearest(track.beats, to: t)
        case .position(let bar, let beat): first = Swift.min(track.beats.count - 1, index(bar: bar, beat: beat))
        case nil: break
        }
        return Placement(
            grid: BeatGrid(beats: track.beats, firstDownbeatIndex: first, beatsPerBar: perBar),
            tempoSource: "estimated", downbeatSource: options.downbeat == nil ? "estimated" : "given")
    }

    /// Where the beats of a known `period` (seconds) fall in a take: the offset (0 ..< period) at
    /// which the onset envelope, summed every period, is strongest (to a tenth of a frame), and
    /// which of every `beatsPerBar` beats carries the most accent (the downbeat, as a beat index).
    static func phase(of envelope: OnsetEnvelope, period: Double, beatsPerBar: Int) -> (offset: Double, downbeat: Int) {
        let v = envelope.values, fps = envelope.frameRate
        let n = v.count
        let span = period * fps  // frames per beat
        guard n > 0, span >= 2, span.isFinite else { return (0, 0) }
        func value(_ x: Double) -> Double {
            let i = Int(x.rounded(.down)), f = x - Double(i)
            guard i >= 0, i + 1 < n else { return i >= 0 && i < n ? Double(v[i]) : 0 }
            return Double(v[i]) * (1 - f) + Double(v[i + 1]) * f
        }
        // The strength of the beats at each offset, a tenth of a frame apart.
        let steps = Int((span * 10).rounded(.down))
        var best = 0, bestScore = -Double.infinity
        var scores = [Double](repeating: 0, count: steps)
        for j in 0..<steps {
            var sum = 0.0
            var x = Double(j) / 10
            while x < Double(n) { sum += value(x); x += span }
            scores[j] = sum
            if sum > bestScore { bestScore = sum; best = j }
        }
        let offset = Double(best) / 10 / fps
        // The downbeat: the beat of the bar with the most accent, low frequencies counting double.
        let low = envelope.lowFrequency
        var accents = [Double](repeating: 0, count: beatsPerBar)
        var k = 0
        var x = Double(best) / 10
        while x < Double(n) {
            let i = Int(x.rounded())
            if i < n { accents[k % beatsPerBar] += Double(v[i]) + (i < low.count ? Double(low[i]) : 0) }
            k += 1
            x += span
        }
        let downbeat = accents.indices.max { accents[$0] < accents[$1] } ?? 0
        return (offset, downbeat)
    }
}
