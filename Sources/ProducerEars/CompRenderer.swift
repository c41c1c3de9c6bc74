import Foundation

/// Renders a comp: the chosen take for each phrase, joined with short equal-power crossfades
/// placed in the rests between phrases, at the quietest point near the boundary.
public struct CompRenderer: Sendable {
    /// Crossfade length, seconds.
    public var crossfadeSeconds: Double = 0.01
    /// How far (seconds) from the middle of a rest an edit may move to find a quiet, zero-crossing-friendly point.
    public var searchSeconds: Double = 0.05

    public init() {}

    /// An edit in a comp: where the comp switches from one take to another.
    public struct Edit: Sendable, Codable, Equatable {
        /// The centre of the crossfade, seconds.
        public var time: Double
        /// Takes (indices as given) before and after.
        public var from: Int
        public var to: Int
    }

    /// Renders the comp of `takes` (same rate, same timeline) following `phrases`.
    /// - Returns: the comp's samples (as long as the longest take) and its edits.
    public func render(takes: [Take], phrases: [TakeRanking.Phrase]) -> (samples: [Float], edits: [Edit]) {
        guard let first = takes.first else { return ([], []) }
        let rate = first.sampleRate
        let length = takes.map(\.samples.count).max() ?? 0
        guard !phrases.isEmpty else { return (first.samples, []) }
        let sorted = phrases.sorted { $0.start < $1.start }
        // Which take plays where: switch points halfway through the rests between phrases.
        var switches: [(frame: Int, from: Int, to: Int)] = []
        for k in 1..<sorted.count where sorted[k].takeIndex != sorted[k - 1].takeIndex {
            let middle = (sorted[k - 1].end + sorted[k].start) / 2
            let a = sorted[k - 1].takeIndex, b = sorted[k].takeIndex
            switches.append((quietestPoint(near: middle, takes: [takes[a], takes[b]], rate: rate), a, b))
        }
        var out = [Float](repeating: 0, count: length)
        var current = sorted[0].takeIndex
        var position = 0
        let half = Swift.max(1, Int(crossfadeSeconds * rate / 2))
        func sample(_ t: Int, _ i: Int) -> Float { i < takes[t].samples.count ? takes[t].samples[i] : 0 }
        for s in switches {
            let fadeStart = Swift.max(position, s.frame - half), fadeEnd = Swift.min(length, s.frame + half)
            for i in position..<fadeStart { out[i] = sample(current, i) }
            let span = Double(Swift.max(1, fadeEnd - fadeStart))
            for i in fadeStart..<fadeEnd {
                let theta = Double(i - fadeStart) / span * Double.pi / 2
                out[i] = Float(cos(theta)) * sample(s.from, i) + Float(sin(theta)) * sample(s.to, i)
            }
            position = fadeEnd
            current = s.to
        }
        for i in position..<length { out[i] = sample(current, i) }
        return (out, switches.map { Edit(time: Double($0.frame) / rate, from: $0.from, to: $0.to) })
    }

    /// The frame near `time` where both takes are quietest (1 ms windows), so the fade is inaudible.
    private func quietestPoint(near time: Double, takes: [Take], rate: Double) -> Int {
        let centre = Int(time * rate), reach = Int(searchSeconds * rate), window = Swift.max(1, Int(rate / 1000))
        var best = centre, bestEnergy = Float.infinity
        var i = Swift.max(window, centre - reach)
        while i <= centre + reach {
            var e: Float = 0
            for t in takes {
                for k in (i - window)..<(i + window) where k >= 0 && k < t.samples.count {
                    e += t.samples[k] * t.samples[k]
                }
            }
            // Prefer quieter points; on a tie, the one nearer the middle of the rest.
            if e < bestEnergy * 0.999 { bestEnergy = e; best = i }
            i += window
        }
        return best
    }
}
