/// One frame of a pitch track from ``PitchTracker``.
public struct PitchFrame: Sendable, Hashable, Codable {
    /// The frame's centre in seconds from the start of the input.
    public var time: Double
    /// The fundamental frequency in Hz, or 0 when the tracker decided the frame is unvoiced.
    public var f0: Double
    /// How likely the frame is to be voiced, 0…1: the total probability that pYIN's threshold prior
    /// gives to the frame's pitch candidates (see ``PitchTracker``). The voiced/unvoiced decision
    /// itself (``isVoiced``) comes from the Viterbi path and also weighs the neighbouring frames.
    public var voicing: Double

    /// A frame at `time` s with fundamental `f0` Hz (0 = unvoiced) and voicing probability `voicing`.
    public init(time: Double, f0: Double, voicing: Double) {
        self.time = time; self.f0 = f0; self.voicing = voicing
    }

    /// Whether the tracker chose a pitch for this frame (`f0 > 0`).
    public var isVoiced: Bool { f0 > 0 }
}
