import Foundation

/// What a delivered audio file must be for the project to accept it: its format, its level, its
/// head and tail, and its name.
public struct DeliveryRules: Hashable, Sendable, Codable {
    /// Sample rates accepted, in hertz.
    public var sampleRates: [Int]
    /// Bit depths accepted (24, 32 for float).
    public var bitDepths: [Int]
    /// The highest sample peak allowed, in dBFS (−0.1): a file at 0 dBFS has clipped.
    public var maximumPeakDBFS: Double
    /// The longest silence allowed before the music starts, in seconds.
    public var maximumHeadSeconds: Double
    /// The least silence (or decay) required after the music ends, in seconds.
    public var minimumTailSeconds: Double
    /// The file name every delivery must follow, with `{artist}`, `{song}`, `{deliverable}`,
    /// `{rate}` and `{bits}` filled in.
    public var naming: String

    public init(
        sampleRates: [Int] = [44_100, 48_000, 96_000], bitDepths: [Int] = [24, 32], maximumPeakDBFS: Double = -0.1,
        maximumHeadSeconds: Double = 2, minimumTailSeconds: Double = 1,
        naming: String = "{artist}_{song}_{deliverable}_{rate}_{bits}.wav"
    ) {
        self.sampleRates = sampleRates
        self.bitDepths = bitDepths
        self.maximumPeakDBFS = maximumPeakDBFS
        self.maximumHeadSeconds = maximumHeadSeconds
        self.minimumTailSeconds = minimumTailSeconds
        self.naming = naming
    }
}
