import RealModule

/// Pitch-class energy ("chroma") of a signal: spectral peaks between ``minimumFrequency`` and
/// ``maximumFrequency`` are placed on the equal-tempered semitone grid (relative to a tuning
/// estimated from the peaks themselves, or A440), weighted by how close they lie to a
/// semitone, log-compressed frame by frame and summed over time.
public struct ChromaExtractor: Sendable {
    /// The lowest frequency counted, in Hz.
    public var minimumFrequency: Double = 55
    /// The highest frequency counted, in Hz.
    public var maximumFrequency: Double = 4000
    /// Whether to estimate the tuning (otherwise A = 440 Hz).
    public var estimatesTuning = true

    /// An extractor over 55 Hz–4 kHz with tuning estimation.
    public init() {}

    /// The frame size for `sampleRate`: the power of two giving bins no wider than ~2.7 Hz
    /// (16384 at 44.1 kHz), enough to tell semitones apart near 55 Hz.
    public static func frameSize(sampleRate: Double) -> Int {
        var n = 1024
        while sampleRate / Double(n) > 2.7 * 1.4142 { n *= 2 }
        return n
    }

    /// The summed chroma of mono `samples`, index 0 = C … 11 = B, and the tuning offset found
    /// (semitones from A440, within ±0.5).
    public func chroma(_ samples: [Float], sampleRate: Double) -> (chroma: [Double], tuning: Double) {
        let frameSize = Self.frameSize(sampleRate: sampleRate)
        let stft = STFT(frameSize: frameSize, hop: frameSize / 2)
        let binHz = sampleRate / Double(frameSize)
        let lo = max(2, Int(minimumFrequency / binHz)), hi = min(frameSize / 2 - 2, Int(maximumFrequency / binHz) + 1)
        // Peaks: (frame, pitch in semitones from A440, magnitude).
        var frames: [Int32] = [], pitches: [Float] = [], mags: [Float] = []
        guard hi > lo else { return ([Double](repeating: 0, count: 12), 0) }
        samples.withUnsafeBufferPointer { s in
            stft.forEachFrame(s) { f, m in
                var top: Float = 0
                for k in lo...hi { top = max(top, m[k]) }
                guard top > 1e-3 else { return }
                let floor = top * 0.01
                for k in lo...hi {
                    let b = m[k]
                    guard b > floor, b > m[k - 1], b >= m[k + 1] else { continue }
                    let a = m[k - 1], c = m[k + 1]
                    let denom = a - 2 * b + c
                    let shift = denom < 0 ? 0.5 * (a - c) / denom : 0
                    let hz = (Double(k) + Double(shift)) * binHz
                    frames.append(Int32(f))
                    pitches.append(Float(12 * Double.log2(hz / 440)))
                    mags.append(b)
                }
            }
        }
        // Tuning: the magnitude-weighted circular mean of the peaks' offsets from the grid.
        var tuning = 0.0
        if estimatesTuning && !pitches.isEmpty {
            var cs = 0.0, sn = 0.0
            for i in pitches.indices {
                let angle = 2 * Double.pi * Double(pitches[i])
                cs += Double(mags[i]) * Double.cos(angle)
                sn += Double(mags[i]) * Double.sin(angle)
            }
            if cs * cs + sn * sn > 0 { tuning = Double.atan2(y: sn, x: cs) / (2 * Double.pi) }
        }
        var total = [Double](repeating: 0, count: 12)
        var frame = [Double](repeating: 0, count: 12)
        var current: Int32 = -1
        func flush() {
            for p in 0..<12 { total[p] += Double.log(1 + frame[p]); frame[p] = 0 }
        }
        for i in pitches.indices {
            if frames[i] != current { flush(); current = frames[i] }
            let pitch = Double(pitches[i]) - tuning
            let nearest = pitch.rounded()
            let c = Double.cos(Double.pi * (pitch - nearest))
            // Semitones from A: A = 9 in C-based pitch classes.
            let pc = ((Int(nearest) + 9) % 12 + 12) % 12
            frame[pc] += c * c * Double(mags[i])
        }
        flush()
        return (total, tuning)
    }
}
