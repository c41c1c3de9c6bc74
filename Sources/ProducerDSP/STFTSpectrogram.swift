/// A spectrogram: `frameCount` frames of `binCount` non-negative values, stored frame by frame.
public struct STFTSpectrogram: Sendable {
    /// The values, frame after frame (`values[frame * binCount + bin]`).
    public var values: [Float]
    /// Values per frame (FFT bins or filterbank bands).
    public let binCount: Int
    /// Frames per second.
    public let frameRate: Double

    /// Wraps `values` (a whole number of frames of `binCount`).
    public init(values: [Float], binCount: Int, frameRate: Double) {
        precondition(binCount > 0 && values.count % binCount == 0)
        self.values = values
        self.binCount = binCount
        self.frameRate = frameRate
    }

    /// The number of frames.
    public var frameCount: Int { values.count / binCount }

    /// The value of `bin` in `frame`.
    public subscript(frame: Int, bin: Int) -> Float { values[frame * binCount + bin] }
}
