import RealModule

/// The mastering EQ: gain curves (dB on ``ToneProfile/grid``) for the mid and the side, applied
/// together by one linear-phase FIR per signal (8192 taps, Hann-windowed frequency sampling) in
/// a fast convolution where mid and side ride as the real and imaginary parts of one complex
/// signal.
///
/// With a reference, the mid's 1/3-octave levels are matched to the reference's after removing
/// the mean difference over 40 Hz … 16 kHz; the side is matched with the same offset, so the
/// width follows the reference's too. Cuts are limited to ``deepestCut`` dB; boosts to ``widest``
/// dB in bands where the mix has music (within 30 dB of its median band over 40 Hz … 16 kHz),
/// narrowing to ``limit`` dB for bands 50 dB or more under it, so that an empty band's noise is
/// not raised. Gains are refined
/// four times against the mix's fine-grid spectrum, so each band lands on its target (not just
/// its centre).
struct MatchEQ: Sendable {
    var midGain: [Double]
    var sideGain: [Double]
    /// High-pass on both (Hz, 0 for none) and on the side only (low end in mono).
    var highPass = 0.0
    var monoBelow = 0.0
    /// The largest boost and cut (dB, positive) at each grid point, of the mid and of the side.
    var midLimits = Limits.uniform(limit), sideLimits = Limits.uniform(limit)

    /// The largest boost and cut on the grid, dB.
    struct Limits: Sendable {
        var boost: [Double]
        var cut: [Double]

        static func uniform(_ x: Double) -> Limits {
            Limits(
                boost: [Double](repeating: x, count: ToneProfile.grid.count),
                cut: [Double](repeating: x, count: ToneProfile.grid.count))
        }
    }

    /// The largest boost in a band with little in it, dB.
    static let limit = 6.0
    /// The largest boost in a band with music in it, dB.
    static let widest = 12.0
    /// The largest cut, dB.
    static let deepestCut = 15.0
    static let taps = 8192

    static var flat: MatchEQ {
        MatchEQ(
            midGain: [Double](repeating: 0, count: ToneProfile.grid.count),
            sideGain: [Double](repeating: 0, count: ToneProfile.grid.count))
    }

    /// Per band: the largest boost for a band at `level` dB when the mix's median band is at
    /// `typical` (``widest`` within 30 dB of it, ``limit`` from 50 dB under, straight between).
    static func boostLimit(level: Double, typical: Double) -> Double {
        let t = min(1, max(0, (level - (typical - 50)) / 20))
        return limit + (widest - limit) * t
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

    /// Gains that bring `mix`'s bands `change` dB, within `boost` and `cut` (dB per band),
    /// refined against its fine spectrum.
    static func solve(
        _ density: [Double], change: [Double], active: [Bool], boost: [Double], cut: [Double]
    ) -> [Double] {
        let base = ToneProfile.bands(density)
        var gains = change.indices.map { active[$0] ? min(boost[$0], max(-cut[$0], change[$0])) : 0 }
        for _ in 0..<4 {
            let c = curve(gains)
            let shaped = density.indices.map { density[$0] * Double.pow(10, c[$0] / 10) }
            let now = ToneProfile.bands(shaped)
            for b in gains.indices where active[b] {
                gains[b] = min(boost[b], max(-cut[b], gains[b] + change[b] - (now[b] - base[b])))
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
        let levels = matched.map { mb[$0] }.sorted()
        let typical = levels[levels.count / 2]
        let cut = [Double](repeating: deepestCut, count: mb.count)
        let midBoost = mb.map { boostLimit(level: $0, typical: typical) }
        let sideBoost = ms.map { boostLimit(level: $0, typical: typical) }
        let mid = solve(mix.mid, change: midChange, active: active, boost: midBoost, cut: cut).map { $0 * amount }
        let side = solve(mix.side, change: sideChange, active: sideActive, boost: sideBoost, cut: cut).map {
            $0 * amount
        }
        var eq = MatchEQ(midGain: curve(mid), sideGain: curve(side))
        eq.midLimits = Limits(boost: curve(midBoost), cut: curve(cut))
        eq.sideLimits = Limits(boost: curve(sideBoost), cut: curve(cut))
        return eq
    }

    /// This EQ as a correction on top of `applied`: each gain trimmed so that the two together
    /// stay within `applied`'s limits.
    func correcting(_ applied: MatchEQ) -> MatchEQ {
        func trim(_ extra: [Double], _ base: [Double], _ limits: Limits) -> [Double] {
            extra.indices.map { i in
                min(limits.boost[i], max(-limits.cut[i], base[i] + extra[i])) - base[i]
            }
        }
        var fix = MatchEQ(
            midGain: trim(midGain, applied.midGain, applied.midLimits),
            sideGain: trim(sideGain, applied.sideGain, applied.sideLimits))
        fix.midLimits = applied.midLimits
        fix.sideLimits = applied.sideLimits
        return fix
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
