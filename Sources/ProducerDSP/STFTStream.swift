/// An ``STFT`` fed in blocks: the same frames, in the same order and with the same values, as
/// ``STFT/forEachFrame(_:_:)`` gives for the whole signal, but holding only about one frame of
/// samples.
///
/// Frame `i` is centred on sample `i·hop`; a frame is computed as soon as its last sample has
/// arrived, and ``finish(_:)`` computes the last ones with zeros after the end (a signal of
/// `count` samples gives `count / hop + 1` frames, as ``STFT`` does).
public struct STFTStream {
    /// The transform whose frames this computes.
    public let stft: STFT
    private let fft: FFT
    /// Samples from global index `base` on that later frames still need.
    private var pending: [Float] = []
    private var base = 0
    /// Samples received so far.
    public private(set) var sampleCount = 0
    /// The index of the next frame to compute.
    public private(set) var nextFrame = 0
    private var frame: [Float]
    private var magnitudes: [Float]

    /// A stream of frames of `stft`.
    public init(_ stft: STFT) {
        self.stft = stft
        fft = FFT(size: stft.frameSize)
        frame = [Float](repeating: 0, count: stft.frameSize)
        magnitudes = [Float](repeating: 0, count: stft.frameSize / 2 + 1)
        pending.reserveCapacity(2 * stft.frameSize)
    }

    /// Adds samples and calls `body` with the index and magnitudes (valid only during the call)
    /// of every frame they complete.
    public mutating func consume(
        _ samples: UnsafeBufferPointer<Float>, _ body: (Int, UnsafeBufferPointer<Float>) -> Void
    ) {
        pending.append(contentsOf: samples)
        sampleCount += samples.count
        let half = stft.frameSize / 2
        while nextFrame &* stft.hop &+ half <= sampleCount {
            compute(nextFrame, body)
            nextFrame += 1
        }
        trim()
    }

    /// Calls `body` with the frames still to come, up to `sampleCount / hop`, counting samples
    /// after the end as zero.
    public mutating func finish(_ body: (Int, UnsafeBufferPointer<Float>) -> Void) {
        let last = stft.frameCount(sampleCount: sampleCount) - 1
        while nextFrame <= last {
            compute(nextFrame, body)
            nextFrame += 1
        }
        pending.removeAll()
        base = sampleCount
    }

    /// Drops the samples no later frame needs.
    private mutating func trim() {
        let firstNeeded = nextFrame &* stft.hop &- stft.frameSize / 2
        let drop = min(pending.count, firstNeeded - base)
        if drop > 0 && drop >= pending.count / 2 {
            pending.removeFirst(drop)
            base += drop
        }
    }

    private mutating func compute(_ f: Int, _ body: (Int, UnsafeBufferPointer<Float>) -> Void) {
        let n = stft.frameSize
        let start = f &* stft.hop &- n / 2
        let count = sampleCount, base = self.base
        stft.window.withUnsafeBufferPointer { w in
            pending.withUnsafeBufferPointer { p in
                frame.withUnsafeMutableBufferPointer { out in
                    for i in 0..<n {
                        let j = start &+ i
                        out[i] = (j >= 0 && j < count) ? p[j - base] * w[i] : 0
                    }
                }
            }
        }
        frame.withUnsafeBufferPointer { input in
            magnitudes.withUnsafeMutableBufferPointer { output in
                fft.magnitude(input, into: output)
            }
        }
        magnitudes.withUnsafeBufferPointer { body(f, $0) }
    }
}
