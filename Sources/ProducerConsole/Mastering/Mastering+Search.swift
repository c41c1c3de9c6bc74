import ProducerAudio
import RealModule

extension Mastering {
    /// Where the loudness search ended: the gain into the limiter (dB), its release (ms), and
    /// the passes it took.
    struct Search {
        var gain: Double
        var release: Double
        var passes: Int
        /// dLoudness/dGain at the end (for a later search to start from).
        var slope = 0.3
    }

    /// The gain that lands `shaped` on `loudness` through the limiter, the limited signal left in
    /// `limited`: a secant search on (gain, loudness after the limiter), which the limiter bends
    /// more the harder it is pushed, kept inside the bracket of gains found below and above the
    /// target. When a release cannot get there (sparse or very dynamic material: the gain
    /// reduction of each peak holds its tail down) the release is shortened step by step.
    /// `from` starts at an earlier search's gain and release; `tolerance` (LU) is how close is enough.
    static func search(
        _ shaped: [[Float]], loudness target: Double, ceiling: Double, sampleRate: Double,
        into limited: inout [[Float]],
        from earlier: Search? = nil, tolerance: Double = loudnessTolerance, progress: (Double) -> Void
    ) -> Search {
        let start = integrated(shaped, sampleRate: sampleRate)
        var gain = earlier?.gain ?? min(maximumGain, target - start)
        let ladder = Self.releases.filter { $0 <= (earlier?.release ?? Self.releases[0]) }
        var passes = 0
        var lastSlope = earlier?.slope ?? 0.3
        var best = (miss: Double.infinity, gain: gain, release: ladder[0])
        var last = (gain: gain, release: ladder[0])
        search: for r in ladder {
            var previous: (gain: Double, loudness: Double)? = nil
            var slope = r == (earlier?.release ?? -1) ? lastSlope : 0.3
            var lastMiss: Double? = nil, sameSide = false
            var below: (gain: Double, loudness: Double)? = nil, above: (gain: Double, loudness: Double)? = nil
            for pass in 0..<maximumPasses {
                passes += 1
                var limiter = Limiter(ceiling: ceiling, release: r, lookahead: lookahead(release: r))
                let loudness = limiterPass(
                    shaped, gain: gain, limiter: &limiter, into: &limited, sampleRate: sampleRate)
                last = (gain, r)
                let miss = target - loudness
                progress(min(1, Double(passes) / 6))
                if abs(miss) < abs(best.miss) { best = (miss, gain, r) }
                if abs(miss) < tolerance { break search }
                if let p = previous, abs(gain - p.gain) > 1e-6 {
                    slope = (loudness - p.loudness) / (gain - p.gain)
                    lastSlope = min(1, max(0.05, slope))
                }
                if miss > 0 {
                    if below == nil || gain > below!.gain { below = (gain, loudness) }
                } else if above == nil || gain < above!.gain {
                    above = (gain, loudness)
                }
                // Saturated: more gain buys almost no loudness at this release.
                if miss > 0 && above == nil && pass > 0 && (slope < 0.05 || gain >= maximumGain) { break }
                previous = (gain, loudness)
                sameSide = lastMiss.map { ($0 > 0) == (miss > 0) } ?? false
                lastMiss = miss
                var next = gain + miss / min(1, max(0.05, slope))
                // Too loud with nothing below yet: come down in steps of at most 6 dB (where the
                // limiter is saturated the slope is tiny and the secant step would be huge).
                if miss < 0 && below == nil { next = gain + max(-6, miss / min(1, max(0.3, slope))) }
                if let b = below, let a = above {
                    // Inside the bracket: interpolate, or halve it when the step would leave it or
                    // when the last two passes fell on the same side (interpolation creeping).
                    let t = (target - b.loudness) / (a.loudness - b.loudness)
                    next = b.gain + t * (a.gain - b.gain)
                    if !(next > b.gain && next < a.gain) || (sameSide && pass > 1) { next = (b.gain + a.gain) / 2 }
                }

                gain = min(maximumGain, max(gain - 24, min(gain + 24, next)))
            }
        }
        // The closest pass, run again if the search ended on another.
        if best.gain != last.gain || best.release != last.release {
            var limiter = Limiter(ceiling: ceiling, release: best.release, lookahead: lookahead(release: best.release))
            _ = limiterPass(shaped, gain: best.gain, limiter: &limiter, into: &limited, sampleRate: sampleRate)
            passes += 1
        }
        return Search(gain: best.gain, release: best.release, passes: passes, slope: lastSlope)
    }
}
