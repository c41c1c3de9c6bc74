import RealModule

/// A bank of triangular filters on logarithmically spaced centre frequencies, applied to the
/// magnitude bins of an ``STFT`` frame (as in madmom's `LogarithmicFilterbank`, which SuperFlux
/// uses).
///
/// Centres lie `bandsPerOctave` to the octave around A440, between `minFrequency` and
/// `maxFrequency`, rounded to FFT bins with duplicates removed (so the lowest bands are one bin
/// each). Each triangle rises from the previous centre's bin to its own and falls to the next;
/// each is normalised to unit area.
public struct STFTFilterbank: Sendable {
    /// The number of FFT bins a frame must have (`frameSize/2 + 1`).
    public let inputBinCount: Int
    /// The number of bands.
    public var bandCount: Int { starts.count }
    /// The centre frequency of each band, in Hz.
    public let centreFrequencies: [Double]
    private let starts: [Int]
    private let offsets: [Int]
    private let weights: [Float]

    /// A filterbank for frames of `frameSize` samples at `sampleRate`.
    public init(
        frameSize: Int, sampleRate: Double, bandsPerOctave: Int = 24,
        minFrequency: Double = 30, maxFrequency: Double = 17_000
    ) {
        let bins = frameSize / 2 + 1
        inputBinCount = bins
        let binHz = sampleRate / Double(frameSize)
        let top = min(maxFrequency, sampleRate / 2 - binHz)
        // Log-spaced frequencies relative to A440, then to unique bins.
        let lo = Int((Double(bandsPerOctave) * Double.log2(minFrequency / 440)).rounded(.down))
        let hi = Int((Double(bandsPerOctave) * Double.log2(top / 440)).rounded(.up))
        var centres: [Int] = []
        for k in lo...hi {
            let f = 440 * Double.pow(2, Double(k) / Double(bandsPerOctave))
            guard f >= minFrequency, f <= top else { continue }
            let b = Int((f / binHz).rounded())
            if b >= 1, b < bins - 1, centres.last != b { centres.append(b) }
        }
        var starts: [Int] = [], offsets: [Int] = [0], weights: [Float] = [], freqs: [Double] = []
        // Triangles from centres[i-1] to centres[i+1] peaking at centres[i].
        for i in 1..<(centres.count - 1) {
            let l = centres[i - 1], c = centres[i], r = centres[i + 1]
            var w: [Float] = []
            for b in l...r {
                let v: Double
                if b == c {
                    v = 1
                } else if b < c {
                    v = Double(b - l) / Double(c - l)
                } else {
                    v = Double(r - b) / Double(r - c)
                }
                w.append(Float(v))
            }
            // Drop zero ends; normalise the area to 1.
            var first = 0, last = w.count - 1
            while first < last && w[first] == 0 { first += 1 }
            while last > first && w[last] == 0 { last -= 1 }
            let kept = Array(w[first...last])
            let sum = kept.reduce(0, +)
            starts.append(l + first)
            weights.append(contentsOf: kept.map { $0 / sum })
            offsets.append(weights.count)
            freqs.append(Double(c) * binHz)
        }
        self.starts = starts
        self.offsets = offsets
        self.weights = weights
        centreFrequencies = freqs
    }

    /// Writes the band values of one frame of magnitudes.
    public func apply(_ magnitudes: UnsafeBufferPointer<Float>, into bands: UnsafeMutableBufferPointer<Float>) {
        precondition(magnitudes.count >= inputBinCount && bands.count >= bandCount)
        let m = magnitudes.baseAddress!, o = bands.baseAddress!
        starts.withUnsafeBufferPointer { sb in
            offsets.withUnsafeBufferPointer { ob in
                weights.withUnsafeBufferPointer { wb in
                    let w = wb.baseAddress!
                    for b in 0..<sb.count {
                        let s = m + sb[b]
                        var acc: Float = 0
                        for k in ob[b]..<ob[b + 1] { acc += w[k] * s[k - ob[b]] }
                        o[b] = acc
                    }
                }
            }
        }
    }
}
