import RealModule

/// A short-time Fourier transform: Hann-windowed frames of `frameSize` samples every `hop`
/// samples, each turned into `frameSize/2 + 1` magnitudes.
///
/// Frame `i` is centred on sample `i·hop` (so its time is `i·hop / sampleRate`); samples before
/// the start and after the end count as zero. A signal of `count` samples gives
/// `count / hop + 1` frames.
public struct STFT: Sendable {
    /// Samples in one frame (a power of two).
    public let frameSize: Int
    /// Samples between the centres of consecutive frames.
    public let hop: Int
    /// The analysis window: a periodic Hann window of `frameSize` samples, peak 1.
    public let window: [Float]

    /// Prepares frames of `frameSize` samples (a power of two ≥ 4) every `hop` samples.
    public init(frameSize: Int, hop: Int) {
        precondition(frameSize >= 4 && frameSize & (frameSize - 1) == 0, "frameSize must be a power of two")
        precondition(hop >= 1, "hop must be positive")
        self.frameSize = frameSize
        self.hop = hop
        window = (0..<frameSize).map { Float(0.5 - 0.5 * _cos(2 * Double.pi * Double($0) / Double(frameSize))) }
    }

    /// The number of frames for a signal of `sampleCount` samples.
    public func frameCount(sampleCount: Int) -> Int { sampleCount / hop + 1 }

    /// Calls `body` with each frame's index and magnitudes (`frameSize/2 + 1` values, valid
    /// only during the call), in order.
    public func forEachFrame(
        _ samples: UnsafeBufferPointer<Float>,
        _ body: (Int, UnsafeBufferPointer<Float>) -> Void
    ) {
        let fft = FFT(size: frameSize)
        let n = frameSize, halfFrame = frameSize / 2, count = samples.count
        let frame = UnsafeMutablePointer<Float>.allocate(capacity: n)
        let mags = UnsafeMutablePointer<Float>.allocate(capacity: n / 2 + 1)
        defer { frame.deallocate(); mags.deallocate() }
        let frames = frameCount(sampleCount: count)
        window.withUnsafeBufferPointer { wb in
            let w = wb.baseAddress!
            let x = samples.baseAddress
            for f in 0..<frames {
                let start = f &* hop &- halfFrame
                if start >= 0 && start &+ n <= count, let x {
                    let s = x + start
                    for i in 0..<n { frame[i] = s[i] * w[i] }
                } else {
                    for i in 0..<n {
                        let j = start &+ i
                        frame[i] = (j >= 0 && j < count) ? samples[j] * w[i] : 0
                    }
                }
                fft.magnitude(
                    UnsafeBufferPointer(start: frame, count: n),
                    into: UnsafeMutableBufferPointer(start: mags, count: n / 2 + 1))
                body(f, UnsafeBufferPointer(start: mags, count: n / 2 + 1))
            }
        }
    }

    /// The magnitude spectrogram of `samples`, frames × (`frameSize/2 + 1`) bins.
    public func magnitudes(_ samples: [Float], sampleRate: Double) -> STFTSpectrogram {
        let bins = frameSize / 2 + 1
        var values = [Float](repeating: 0, count: frameCount(sampleCount: samples.count) * bins)
        values.withUnsafeMutableBufferPointer { out in
            let o = out.baseAddress!
            samples.withUnsafeBufferPointer { s in
                forEachFrame(s) { f, m in (o + f * bins).update(from: m.baseAddress!, count: bins) }
            }
        }
        return STFTSpectrogram(values: values, binCount: bins, frameRate: sampleRate / Double(hop))
    }

    /// The spectrogram of `samples` through `filterbank`, compressed as `log10(1 + scale·x)`.
    public func logFiltered(
        _ samples: [Float], sampleRate: Double, filterbank: STFTFilterbank,
        scale: Float = 1
    ) -> STFTSpectrogram {
        precondition(filterbank.inputBinCount == frameSize / 2 + 1, "filterbank made for another frame size")
        let bands = filterbank.bandCount
        var values = [Float](repeating: 0, count: frameCount(sampleCount: samples.count) * bands)
        values.withUnsafeMutableBufferPointer { out in
            let o = out.baseAddress!
            samples.withUnsafeBufferPointer { s in
                forEachFrame(s) { f, m in
                    let row = UnsafeMutableBufferPointer(start: o + f * bands, count: bands)
                    filterbank.apply(m, into: row)
                    for b in 0..<bands { row[b] = stftLog10(1 + scale * row[b]) }
                }
            }
        }
        return STFTSpectrogram(values: values, binCount: bands, frameRate: sampleRate / Double(hop))
    }
}

/// log10 for Float without Foundation.
@inline(__always) private func stftLog10(_ x: Float) -> Float { Float.log10(x) }
