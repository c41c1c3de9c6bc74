/// Gating blocks kept in constant memory: a histogram of loudness in bins of 0.01 LU from the
/// absolute gate (−70 LUFS) to +30 LUFS plus one overflow bin, each bin holding its block count
/// and the exact sum of its blocks' energies (weighted mean squares).
///
/// Sums over whole bins are exact, so integrated loudness is exact except for the one bin that
/// holds the relative gate (taken whole when its mean lies above the gate), far under 0.01 LU.
struct LoudnessHistogram: Sendable {
    /// Loudness (LUFS) of the lower edge of bin 0; also the absolute gate.
    static let floor = -70.0
    /// Bins per LU.
    static let binsPerLU = 100.0
    /// Regular bins (−70 ... +30 LUFS); one more bin holds everything louder.
    static let regularBinCount = 10_000

    private(set) var counts: [Int]
    private(set) var energies: [Double]
    private(set) var totalCount = 0
    private(set) var totalEnergy = 0.0

    init() {
        counts = [Int](repeating: 0, count: Self.regularBinCount + 1)
        energies = [Double](repeating: 0, count: Self.regularBinCount + 1)
    }

    /// The bin for a loudness above the floor.
    static func bin(ofLoudness lufs: Double) -> Int {
        let x = (lufs - floor) * binsPerLU
        if !(x >= 0) { return 0 }
        if x >= Double(regularBinCount) { return regularBinCount }
        return Int(x)
    }

    /// Adds a block of the given energy (weighted mean square) if it passes the absolute gate.
    mutating func add(energy: Double) {
        let lufs = LoudnessMeter.loudness(energy: energy)
        guard lufs > Self.floor else { return }
        let b = Self.bin(ofLoudness: lufs)
        counts[b] += 1
        energies[b] += energy
        totalCount += 1
        totalEnergy += energy
    }

    /// The first bin at or above a relative gate (LUFS): the bin holding the gate is included
    /// when its blocks' mean loudness lies above the gate.
    private func firstBin(above gate: Double) -> Int {
        guard gate > Self.floor else { return 0 }
        let b = Self.bin(ofLoudness: gate)
        if counts[b] > 0, LoudnessMeter.loudness(energy: energies[b] / Double(counts[b])) > gate { return b }
        return b + 1
    }

    /// Integrated loudness (LUFS) with the given relative gate (LU below the absolutely gated
    /// loudness); `nil` when nothing passes.
    func gatedLoudness(relativeGate: Double) -> Double? {
        guard totalCount > 0 else { return nil }
        let gate = LoudnessMeter.loudness(energy: totalEnergy / Double(totalCount)) + relativeGate
        var n = 0
        var e = 0.0
        for b in firstBin(above: gate)..<counts.count where counts[b] > 0 {
            n += counts[b]
            e += energies[b]
        }
        guard n > 0 else { return nil }
        return LoudnessMeter.loudness(energy: e / Double(n))
    }

    /// Loudness range (LU) per EBU Tech 3342: relative gate −20 LU, then the 95th minus the
    /// 10th percentile, nearest rank on the sorted values (index round((n − 1)·p), as
    /// libebur128); each percentile is the loudness of its bin's mean energy.
    func loudnessRange() -> Double? {
        guard totalCount > 0 else { return nil }
        let gate = LoudnessMeter.loudness(energy: totalEnergy / Double(totalCount)) - 20
        let start = firstBin(above: gate)
        var n = 0
        for b in start..<counts.count { n += counts[b] }
        guard n > 0 else { return nil }
        let lowRank = Int(Double(n - 1) * 0.10 + 0.5)
        let highRank = Int(Double(n - 1) * 0.95 + 0.5)
        var low: Double?
        var high: Double?
        var seen = 0
        for b in start..<counts.count where counts[b] > 0 {
            let next = seen + counts[b]
            let value = LoudnessMeter.loudness(energy: energies[b] / Double(counts[b]))
            if low == nil, lowRank < next { low = value }
            if highRank < next { high = value; break }
            seen = next
        }
        guard let low, let high else { return nil }
        return high - low
    }
}
