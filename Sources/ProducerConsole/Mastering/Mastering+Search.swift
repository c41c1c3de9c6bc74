import ProducerAudio
import RealModule

extension Mastering {
    /// Where the loudness search ended: the gain into the limiter (dB), its release (ms), the
    /// limiter passes it rendered, and the model's error at the last pass (LU).
    struct Search {
        var gain: Double
        var release: Double
        var passes: Int
        /// The rendered loudness less the model's prediction (for a later search to start from).
        var bias = 0.0
    }

    /// The gain that lands `shaped` on `loudness` through the limiter, the limited signal left in
    /// `limited`. The gain is solved on a ``LimiterModel`` of `shaped` (no audio rendered), then
    /// one limiter pass renders it and measures the real loudness; the difference corrects the
    /// model and, if the pass missed by more than `tolerance` (LU), the gain is solved and
    /// rendered again. Releases are tried longest first: a shorter one only when the model says
    /// the longer cannot reach the target (sparse or very dynamic material, where the gain
    /// reduction of each peak holds its tail down). `from` carries an earlier search's model error.
    static func search(
        _ shaped: [[Float]], loudness target: Double, ceiling: Double, sampleRate: Double,
        into limited: inout [[Float]],
        from earlier: Search? = nil, tolerance: Double = loudnessTolerance, progress: (Double) -> Void
    ) -> Search {
        var model = LimiterModel(shaped, sampleRate: sampleRate)
        var bias = earlier?.bias ?? 0
        var passes = 0
        var best = (miss: Double.infinity, gain: 0.0, release: releases[0], bias: bias)
        var last: (gain: Double, release: Double)? = nil
        search: for r in releases {
            let la = lookahead(release: r)
            func predicted(_ g: Double) -> Double {
                model.loudness(gain: g, ceiling: ceiling, release: r, lookahead: la)
            }
            // The most this release gives: past it, more gain buys almost no loudness.
            let most = predicted(maximumGain)
            if most + bias < target - tolerance && r != releases.last { continue }
            for _ in 0..<maximumRenders {
                let g = solve(target - bias, upTo: maximumGain, predicted)
                passes += 1
                var limiter = Limiter(ceiling: ceiling, release: r, lookahead: la)
                let loudness = limiterPass(shaped, gain: g, limiter: &limiter, into: &limited, sampleRate: sampleRate)
                progress(min(1, Double(passes) / 3))
                last = (g, r)
                bias = loudness - predicted(g)
                let miss = target - loudness
                if abs(miss) < abs(best.miss) { best = (miss, g, r, bias) }
                if abs(miss) < tolerance { break search }
                // Out of reach at this release after all: a shorter one.
                if most + bias < target - tolerance && r != releases.last { continue search }
            }
            break
        }
        // The closest pass, rendered again if the search ended on another.
        if let last, best.gain != last.gain || best.release != last.release {
            var limiter = Limiter(ceiling: ceiling, release: best.release, lookahead: lookahead(release: best.release))
            _ = limiterPass(shaped, gain: best.gain, limiter: &limiter, into: &limited, sampleRate: sampleRate)
            passes += 1
        }
        return Search(gain: best.gain, release: best.release, passes: passes, bias: best.bias)
    }

    /// The gain (dB, −60 … `most`) at which the non-decreasing `loudness` reaches `target`, by
    /// bisection to 0.005 dB; `most` when it never does.
    static func solve(_ target: Double, upTo most: Double, _ loudness: (Double) -> Double) -> Double {
        var low = -60.0, high = most
        if loudness(high) <= target { return high }
        while high - low > 0.005 {
            let mid = (low + high) / 2
            if loudness(mid) < target { low = mid } else { high = mid }
        }
        return (low + high) / 2
    }
}
