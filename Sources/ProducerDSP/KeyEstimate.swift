/// A key found in a take.
public struct KeyEstimate: Sendable, Equatable {
    /// The tonic's pitch class: 0 = C … 11 = B.
    public var tonic: Int
    /// Whether the key is minor.
    public var isMinor: Bool
    /// How far the best key's correlation lies above the runner-up's (0…2; larger is surer).
    public var confidence: Double
    /// The correlation of the chroma with each key: 0…11 major keys on C…B, 12…23 minor keys
    /// on C…B.
    public var correlations: [Double]

    /// A key estimate.
    public init(tonic: Int, isMinor: Bool, confidence: Double, correlations: [Double]) {
        self.tonic = tonic
        self.isMinor = isMinor
        self.confidence = confidence
        self.correlations = correlations
    }

    /// The key's name, e.g. "C major", "F♯ minor" (sharps for black keys).
    public var name: String {
        let names = ["C", "C♯", "D", "E♭", "E", "F", "F♯", "G", "A♭", "A", "B♭", "B"]
        return names[tonic] + (isMinor ? " minor" : " major")
    }
}
