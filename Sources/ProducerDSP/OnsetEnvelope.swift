/// An onset strength signal: one value per analysis frame, large where notes and hits begin.
public struct OnsetEnvelope: Sendable, Equatable {
    /// The strength of each frame (non-negative; frame `i` is at `i / frameRate` seconds).
    public var values: [Float]
    /// Frames per second.
    public var frameRate: Double
    /// The same strength measured only below ~200 Hz (kick drums, bass notes), used to find
    /// accents such as downbeats; empty when not measured.
    public var lowFrequency: [Float]

    /// Wraps a strength signal.
    public init(values: [Float], frameRate: Double, lowFrequency: [Float] = []) {
        self.values = values
        self.frameRate = frameRate
        self.lowFrequency = lowFrequency
    }

    /// The time of frame `index`, in seconds.
    public func time(ofFrame index: Double) -> Double { index / frameRate }
    /// Its length in seconds.
    public var duration: Double { Double(values.count) / frameRate }
}
