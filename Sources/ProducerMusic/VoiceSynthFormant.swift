/// One vocal-tract resonance used by ``VoiceSynth``: a centre frequency and a bandwidth in Hz.
public struct VoiceFormant: Sendable, Hashable, Codable {
    /// Centre frequency in Hz.
    public var frequency: Double
    /// -3 dB bandwidth in Hz.
    public var bandwidth: Double

    /// A formant at `frequency` Hz with `bandwidth` Hz.
    public init(frequency: Double, bandwidth: Double) {
        self.frequency = frequency; self.bandwidth = bandwidth
    }

    /// The vowel "a" (as in "father"): five formants.
    public static let vowelA: [VoiceFormant] = [
        .init(frequency: 730, bandwidth: 90), .init(frequency: 1090, bandwidth: 110),
        .init(frequency: 2440, bandwidth: 160), .init(frequency: 3400, bandwidth: 250),
        .init(frequency: 4200, bandwidth: 300),
    ]
    /// The vowel "o" (as in "go"): five formants.
    public static let vowelO: [VoiceFormant] = [
        .init(frequency: 450, bandwidth: 80), .init(frequency: 800, bandwidth: 100),
        .init(frequency: 2830, bandwidth: 160), .init(frequency: 3500, bandwidth: 250),
        .init(frequency: 4200, bandwidth: 300),
    ]
    /// The vowel "e" (as in "bed"): five formants.
    public static let vowelE: [VoiceFormant] = [
        .init(frequency: 530, bandwidth: 80), .init(frequency: 1840, bandwidth: 120),
        .init(frequency: 2480, bandwidth: 160), .init(frequency: 3500, bandwidth: 250),
        .init(frequency: 4200, bandwidth: 300),
    ]
}
