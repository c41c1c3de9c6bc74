/// The loudness of a programme per ITU-R BS.1770-4 and EBU R128 / Tech 3341 / Tech 3342.
///
/// Every value is `nil` when it cannot be measured: the programme is shorter than the window,
/// or nothing in it passes the gates (digital silence).
public struct Loudness: Sendable, Codable, Equatable {
    /// Integrated (programme) loudness in LUFS: 400 ms blocks with 75 % overlap, absolute gate
    /// −70 LUFS, relative gate −10 LU. `nil` when no block passes the absolute gate.
    public var integrated: Double?
    /// Loudness range in LU (EBU Tech 3342): 95th minus 10th percentile of the short-term
    /// loudness (at 10 Hz) that passes the −70 LUFS and −20 LU gates.
    public var loudnessRange: Double?
    /// The largest momentary loudness (400 ms window) in LUFS.
    public var momentaryMax: Double?
    /// The largest short-term loudness (3 s window) in LUFS.
    public var shortTermMax: Double?
    /// The momentary loudness (LUFS) of the last complete 400 ms window, at a 100 ms boundary.
    public var momentaryLast: Double?
    /// The short-term loudness (LUFS) of the last complete 3 s window, at a 100 ms boundary.
    public var shortTermLast: Double?
    /// Integrated loudness in LUFS of the first two channels folded to mono, (L + R) / 2 played on
    /// both speakers (the mono signal with weight 2), gated like ``integrated``; compare with
    /// ``integrated`` for the loss of a mono fold. `nil` unless measured
    /// (``LoudnessMeter/measuresMonoFold``) or when nothing of the fold passes the gates.
    public var monoFoldIntegrated: Double?

    /// Makes a result from its values (LUFS and LU).
    public init(
        integrated: Double?, loudnessRange: Double?, momentaryMax: Double?, shortTermMax: Double?,
        momentaryLast: Double? = nil, shortTermLast: Double? = nil, monoFoldIntegrated: Double? = nil
    ) {
        self.integrated = integrated
        self.loudnessRange = loudnessRange
        self.momentaryMax = momentaryMax
        self.shortTermMax = shortTermMax
        self.momentaryLast = momentaryLast
        self.shortTermLast = shortTermLast
        self.monoFoldIntegrated = monoFoldIntegrated
    }
}
