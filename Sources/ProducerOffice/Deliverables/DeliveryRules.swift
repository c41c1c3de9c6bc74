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
    /// Samples quieter than this (dBFS) are silence, for the head and the tail.
    public var silenceDBFS: Double
    /// A file whose last `cutOffMilliseconds` still peak above `cutOffDBFS` was cut off.
    public var cutOffMilliseconds: Double
    /// The level (dBFS) that counts as still sounding at the very end.
    public var cutOffDBFS: Double
    /// This many consecutive samples at full scale in one channel count as clipping.
    public var clipRunSamples: Int

    public init(
        sampleRates: [Int] = [48_000, 96_000], bitDepths: [Int] = [24, 32], maximumPeakDBFS: Double = -0.1,
        maximumHeadSeconds: Double = 2, minimumTailSeconds: Double = 1,
        naming: String = "{artist}_{song}_{deliverable}_{rate}_{bits}.wav", silenceDBFS: Double = -60,
        cutOffMilliseconds: Double = 50, cutOffDBFS: Double = -50, clipRunSamples: Int = 3
    ) {
        self.sampleRates = sampleRates
        self.bitDepths = bitDepths
        self.maximumPeakDBFS = maximumPeakDBFS
        self.maximumHeadSeconds = maximumHeadSeconds
        self.minimumTailSeconds = minimumTailSeconds
        self.naming = naming
        self.silenceDBFS = silenceDBFS
        self.cutOffMilliseconds = cutOffMilliseconds
        self.cutOffDBFS = cutOffDBFS
        self.clipRunSamples = clipRunSamples
    }

    /// Reads rules stored before a field existed: each missing field takes its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = DeliveryRules()
        sampleRates = try c.decodeIfPresent([Int].self, forKey: .sampleRates) ?? d.sampleRates
        bitDepths = try c.decodeIfPresent([Int].self, forKey: .bitDepths) ?? d.bitDepths
        maximumPeakDBFS = try c.decodeIfPresent(Double.self, forKey: .maximumPeakDBFS) ?? d.maximumPeakDBFS
        maximumHeadSeconds = try c.decodeIfPresent(Double.self, forKey: .maximumHeadSeconds) ?? d.maximumHeadSeconds
        minimumTailSeconds = try c.decodeIfPresent(Double.self, forKey: .minimumTailSeconds) ?? d.minimumTailSeconds
        naming = try c.decodeIfPresent(String.self, forKey: .naming) ?? d.naming
        silenceDBFS = try c.decodeIfPresent(Double.self, forKey: .silenceDBFS) ?? d.silenceDBFS
        cutOffMilliseconds = try c.decodeIfPresent(Double.self, forKey: .cutOffMilliseconds) ?? d.cutOffMilliseconds
        cutOffDBFS = try c.decodeIfPresent(Double.self, forKey: .cutOffDBFS) ?? d.cutOffDBFS
        clipRunSamples = try c.decodeIfPresent(Int.self, forKey: .clipRunSamples) ?? d.clipRunSamples
    }
}
