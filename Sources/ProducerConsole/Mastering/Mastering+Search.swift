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
        /// The rendered pass's distance from the target, LU (positive: short of it).
        var miss = 0.0
        /// The model's gain-reduction swing at the chosen gain and release, dB (see
        /// ``LimiterModel/gainReductionSwing(gain:ceiling:release:lookahead:)``).
        var swing = 0.0
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
            // Out of reach, or reached only past the point where 1 dB more gain buys less than
            // ``minimumSlope`` LU (the limiter only squashes harder): a shorter release. The
            // shortest is held to that point (the soft clipper takes over from there).
            let most = predicted(maximumGain)
            if most + bias < target - tolerance && r != releases.last { continue }
            var useful = maximumGain
            let first = solve(target - bias, upTo: maximumGain, predicted)
            // Checked in 2 dB steps from where limiting starts (the slope can rise again past a
            // saturation, as a quiet passage comes up into the gated blocks).
            var g = max(-60, model.limitingOnset(ceiling: ceiling))
            var saturated: Double? = nil
            while saturated == nil {
                let at = min(g, first)
                if predicted(at + 0.5) - predicted(at - 0.5) < minimumSlope { saturated = at }
                if g >= first { break }
                g += 2
            }
            if let saturated {
                if r != releases.last { continue }
                useful = saturated
            }
            // A release whose gain swings between peaks (pumping): a shorter one.
            if r != releases.last {
                let swing = model.gainReductionSwing(gain: first, ceiling: ceiling, release: r, lookahead: la)
                if swing > pumpingLimit { continue }
            }
            for _ in 0..<maximumRenders {
                let g = solve(target - bias, upTo: useful, predicted)
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
        let swing = model.gainReductionSwing(
            gain: best.gain, ceiling: ceiling, release: best.release, lookahead: lookahead(release: best.release))
        return Search(
            gain: best.gain, release: best.release, passes: passes, bias: best.bias, miss: best.miss, swing: swing)
    }

    /// The gain (dB, −60 … `most`) at which the non-decreasing `loudness` reaches `target`, by
    /// regula falsi (Illinois) to 0.002 LU; `most` when it never does.
    static func solve(_ target: Double, upTo most: Double, _ loudness: (Double) -> Double) -> Double {
        var a = -60.0, b = most
        var fa = loudness(a) - target, fb = loudness(b) - target
        if fb <= 0 { return b }
        if fa >= 0 { return a }
        var side = 0
        for _ in 0..<60 {
            let c = min(b, max(a, (a * fb - b * fa) / (fb - fa)))
            let fc = loudness(c) - target
            if abs(fc) < 0.002 || b - a < 0.002 { return c }
            if fc > 0 {
                b = c
                fb = fc
                if side == 1 { fa /= 2 }
                side = 1
            } else {
                a = c
                fa = fc
                if side == -1 { fb /= 2 }
                side = -1
            }
        }
        return (a + b) / 2
    }
}
