import RealModule

/// The mastering EQ: gain curves (dB on ``ToneProfile/grid``) for the mid and the side, applied
/// together by one linear-phase FIR per signal (8192 taps, Hann-windowed frequency sampling) in
/// a fast convolution where mid and side ride as the real and imaginary parts of one complex
/// signal.
///
/// With a reference, the mid's 1/3-octave levels are matched to the reference's after removing
/// the mean difference over 40 Hz … 16 kHz; the side is matched with the same offset, so the
/// width follows the reference's too. Gains are limited to ±``limit`` dB and refined four times
/// against the mix's fine-grid spectrum, so each band lands on its target (not just its centre).
struct MatchEQ: Sendable {
    var midGain: [Double]
    var sideGain: [Double]
    /// High-pass on both (Hz, 0 for none) and on the side only (low end in mono).
    var highPass = 0.0
    var monoBelow = 0.0

    /// The largest boost or cut, dB.
    static let limit = 6.0
    static let taps = 8192

    static var flat: MatchEQ {
        MatchEQ(
            midGain: [Double](repeating: 0, count: ToneProfile.grid.count),
            sideGain: [Double](repeating: 0, count: ToneProfile.grid.count))
    }

    var isIdentity: Bool {
        highPass == 0 && monoBelow == 0 && midGain.allSatisfy { abs($0) < 0.01 }
            && sideGain.allSatisfy { abs($0) < 0.01 }
    }

    /// Band gains (dB at the band centres) spread over the grid: linear in log-frequency between
    /// centres, held beyond the outermost bands.
    static func curve(_ bandGains: [Double]) -> [Double] {
        let centres = ToneProfile.bandCentres.map { Double.log2($0) }
        return ToneProfile.grid.map { f in
            let x = Double.log2(f)
            if x <= centres[0] { return bandGains[0] }
            if x >= centres[centres.count - 1] { return bandGains[centres.count - 1] }
            var b = 0
            while centres[b + 1] < x { b += 1 }
            let t = (x - centres[b]) / (centres[b + 1] - centres[b])
            return bandGains[b] * (1 - t) + bandGains[b + 1] * t
        }
    }

    /// Gains that bring `mix`'s bands `targetChange` dB, refined against its fine spectrum.
    static func solve(_ density: [Double], change: [Double], active: [Bool]) -> [Double] {
        let base = ToneProfile.bands(density)
        var gains = change.indices.map { active[$0] ? min(limit, max(-limit, change[$0])) : 0 }
        for _ in 0..<4 {
            let c = curve(gains)
            let shaped = density.indices.map { density[$0] * Double.pow(10, c[$0] / 10) }
            let now = ToneProfile.bands(shaped)
            for b in gains.indices where active[b] {
                gains[b] = min(limit, max(-limit, gains[b] + change[b] - (now[b] - base[b])))
            }
        }
        // Inactive bands follow their nearest active neighbour, so the curve has no step.
        if let first = active.firstIndex(of: true), let last = active.lastIndex(of: true) {
            for b in 0..<first { gains[b] = gains[first] }
            for b in (last + 1)..<gains.count { gains[b] = gains[last] }
        }
        return gains
    }

    /// The EQ that moves `mix` toward `reference` (scaled by `amount`, 0 … 1); flat without one.
    static func design(mix: ToneProfile, reference: ToneProfile?, sampleRate: Double, amount: Double) -> MatchEQ {
        guard let reference, amount > 0 else { return flat }
        let mb = mix.midBands, rb = reference.midBands, ms = mix.sideBands, rs = reference.sideBands
        let nyquist = 0.45 * sampleRate
        let active = ToneProfile.bandCentres.indices.map { b in
            ToneProfile.bandCentres[b] < nyquist && mb[b] > rb.max()! - 120 && rb[b] > rb.max()! - 120
        }
        let matched = ToneProfile.matchedBands.filter { active[$0] }
        guard !matched.isEmpty else { return flat }
        let offset = matched.reduce(0.0) { $0 + rb[$1] - mb[$1] } / Double(matched.count)
        let midChange = mb.indices.map { rb[$0] - mb[$0] - offset }
        let sideActive = active.indices.map { b in active[b] && ms[b] > mb[b] - 50 && rs[b] > rb[b] - 50 }
        let sideChange = ms.indices.map { rs[$0] - ms[$0] - offset }
        let mid = solve(mix.mid, change: midChange, active: active).map { $0 * amount }
        let side = solve(mix.side, change: sideChange, active: sideActive).map { $0 * amount }
        return MatchEQ(midGain: curve(mid), sideGain: curve(side))
    }

    /// This EQ as a correction on top of `applied`: each gain trimmed so that the two together
    /// stay within ±``limit`` dB.
    func correcting(_ applied: MatchEQ) -> MatchEQ {
        func trim(_ extra: [Double], _ base: [Double]) -> [Double] {
            zip(extra, base).map { e, b in min(Self.limit, max(-Self.limit, b + e)) - b }
        }
        return MatchEQ(midGain: trim(midGain, applied.midGain), sideGain: trim(sideGain, applied.sideGain))
    }

    /// The band gains actually applied (dB at the band centres), mid and side.
    var midBandGains: [Double] { ToneProfile.bands(midGain.map { Double.pow(10, $0 / 10) }) }
    var sideBandGains: [Double] { ToneProfile.bands(sideGain.map { Double.pow(10, $0 / 10) }) }

    /// The linear magnitude at `f` Hz of the mid (side: `side`) filter.
    func magnitude(_ f: Double, side: Bool) -> Double {
        let grid = ToneProfile.grid
        let g = side ? sideGain : midGain
        let x = Double.log2(max(f, grid[0]) / grid[0]) * ToneProfile.perOctave
        let i = min(grid.count - 2, Int(x)), t = min(1, x - Double(i))
        var m = Double.pow(10, (g[i] * (1 - t) + g[i + 1] * t) / 20)
        // Fourth-order Butterworth high-pass magnitudes.
        if highPass > 0 { m /= (1 + Double.pow(highPass / max(f, 1e-3), 8)).squareRoot() }
        if side && monoBelow > 0 { m /= (1 + Double.pow(monoBelow / max(f, 1e-3), 8)).squareRoot() }
        return m
    }
}
