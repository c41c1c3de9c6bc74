/// Finds the key of a take: its ``ChromaExtractor`` chroma correlated (Pearson) with a
/// ``KeyProfile`` in all 24 rotations; the best-correlated rotation is the key.
public struct KeyDetector: Sendable {
    /// The key profiles.
    public var profile: KeyProfile = .temperley
    /// Makes the chroma.
    public var chromaExtractor = ChromaExtractor()

    /// A detector with Temperley's profiles (Krumhansl–Kessler's take the dominant for the
    /// tonic on plain I–IV–V–I cadences of harmonic tones).
    public init() {}

    /// The key of mono `samples`.
    public func key(_ samples: [Float], sampleRate: Double) -> KeyEstimate {
        key(chroma: chromaExtractor.chroma(samples, sampleRate: sampleRate).chroma)
    }

    /// The key of a 12-bin chroma (0 = C).
    public func key(chroma: [Double]) -> KeyEstimate {
        precondition(chroma.count == 12)
        var correlations = [Double](repeating: 0, count: 24)
        for (mode, shape) in [profile.major, profile.minor].enumerated() {
            for tonic in 0..<12 {
                let rotated = (0..<12).map { shape[(($0 - tonic) % 12 + 12) % 12] }
                correlations[mode * 12 + tonic] = Self.pearson(chroma, rotated)
            }
        }
        let order = correlations.indices.sorted { correlations[$0] > correlations[$1] }
        let best = order[0]
        return KeyEstimate(
            tonic: best % 12, isMinor: best >= 12,
            confidence: correlations[best] - correlations[order[1]], correlations: correlations)
    }

    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my)
        }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : 0
    }
}
