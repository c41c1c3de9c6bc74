/// What `producer analyze` reports about one audio file: its format, loudness and technical health.
///
/// Units: loudness in LUFS, loudness range and mono loss in LU, peaks and levels in dBFS, true
/// peak in dBTP, times in seconds. A value that does not exist for the file (the loudness of
/// digital silence, the phase correlation of a mono file) is `nil`, encoded as JSON `null`, and
/// `notes` says why.
public struct FileAnalysis: Sendable, Equatable {
    /// The file's path as given.
    public var file: String
    /// The container: wav, rf64, bw64, aiff or aifc.
    public var container: String
    /// The sample encoding, e.g. "24-bit integer" or "32-bit float".
    public var encoding: String
    /// Frames per second.
    public var sampleRate: Double
    /// Channels.
    public var channels: Int
    /// Frames (samples per channel).
    public var frames: Int64
    /// Length in seconds.
    public var duration: Double

    /// Integrated loudness (BS.1770-4, gated), LUFS.
    public var integratedLoudness: Double?
    /// Loudness range (EBU Tech 3342), LU.
    public var loudnessRange: Double?
    /// Highest momentary loudness (400 ms), LUFS.
    public var momentaryMax: Double?
    /// Highest short-term loudness (3 s), LUFS.
    public var shortTermMax: Double?
    /// Highest sample peak over all channels, dBFS.
    public var samplePeak: Double?
    /// Highest true peak (4× oversampled) over all channels, dBTP.
    public var truePeak: Double?
    /// True peak per channel, dBTP.
    public var truePeakPerChannel: [Double?]

    /// DC offset per channel, as a linear fraction of full scale (0.01 = 1 %).
    public var dcOffset: [Double]
    /// Runs of consecutive samples at or near full scale.
    public var clipping: [ClipEvent]
    /// How many clipped runs there were in all (``clipping`` may list only the first ones).
    public var clippingRunCount: Int
    /// Level of the quietest 5 % of 50 ms windows, dBFS RMS.
    public var noiseFloor: Double?
    /// Silence before the first sound, seconds.
    public var headSilence: Double
    /// Silence after the last sound, seconds.
    public var tailSilence: Double
    /// Phase correlation of the first two channels over the whole file (+1 mono-like, 0 wide, −1 out of phase).
    public var phaseCorrelation: Double?
    /// The lowest correlation over short windows (where a momentary phase problem shows).
    public var phaseCorrelationMin: Double?
    /// How much quieter the file gets folded to mono ((L+R)/2), LU; positive is a loss.
    public var monoLoss: Double?
    /// Right channel level minus left channel level, dB (positive: right is louder).
    public var balance: Double?
    /// Level of each octave band relative to the whole, dB.
    public var spectralBalance: [OctaveBand]
    /// The bit depth the file declares (nil for floating point files).
    public var bitDepth: Int?
    /// The resolution the audio actually uses, in bits (a 24-bit file holding 16-bit audio gives 16).
    public var effectiveBitDepth: Int?
    /// Things a person should know about the values above, in plain sentences.
    public var notes: [String]
    /// Problems worth fixing, most serious first, in plain sentences.
    public var warnings: [String]
    /// The same problems with their kind, severity and, where there is one, their time (not in
    /// the JSON, which carries the sentences as `warnings`).
    public var findings: [Finding] = []
}

/// A run of clipped samples in one channel.
public struct ClipEvent: Sendable, Equatable, Codable {
    /// Start time, seconds.
    public var start: Double
    /// End time, seconds.
    public var end: Double
    /// Channel index, from 0.
    public var channel: Int
    /// Consecutive clipped samples.
    public var samples: Int
}

/// The level of one octave band.
public struct OctaveBand: Sendable, Equatable, Codable {
    /// Centre frequency, Hz.
    public var centre: Double
    /// Band level relative to the whole signal, dB.
    public var relativeLevel: Double?
}

extension FileAnalysis: Codable {
    enum CodingKeys: String, CodingKey {
        case file, container, encoding, sampleRate, channels, frames, duration
        case integratedLoudness, loudnessRange, momentaryMax, shortTermMax, samplePeak, truePeak
        case truePeakPerChannel, dcOffset, clipping, clippingRunCount, noiseFloor, headSilence
        case tailSilence, phaseCorrelation, phaseCorrelationMin, monoLoss, balance, spectralBalance
        case bitDepth, effectiveBitDepth, notes, warnings
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encode(container, forKey: .container)
        try c.encode(encoding, forKey: .encoding)
        try c.encode(sampleRate, forKey: .sampleRate)
        try c.encode(channels, forKey: .channels)
        try c.encode(frames, forKey: .frames)
        try c.encode(duration, forKey: .duration)
        // Absent values are written as null, never left out and never -inf.
        func put(_ v: Double?, _ key: CodingKeys) throws {
            if let v, v.isFinite { try c.encode(v, forKey: key) } else { try c.encodeNil(forKey: key) }
        }
        try put(integratedLoudness, .integratedLoudness)
        try put(loudnessRange, .loudnessRange)
        try put(momentaryMax, .momentaryMax)
        try put(shortTermMax, .shortTermMax)
        try put(samplePeak, .samplePeak)
        try put(truePeak, .truePeak)
        try c.encode(truePeakPerChannel.map { $0.flatMap { $0.isFinite ? $0 : nil } }, forKey: .truePeakPerChannel)
        try c.encode(dcOffset, forKey: .dcOffset)
        try c.encode(clipping, forKey: .clipping)
        try c.encode(clippingRunCount, forKey: .clippingRunCount)
        try put(noiseFloor, .noiseFloor)
        try c.encode(headSilence, forKey: .headSilence)
        try c.encode(tailSilence, forKey: .tailSilence)
        try put(phaseCorrelation, .phaseCorrelation)
        try put(phaseCorrelationMin, .phaseCorrelationMin)
        try put(monoLoss, .monoLoss)
        try put(balance, .balance)
        try c.encode(spectralBalance, forKey: .spectralBalance)
        if let bitDepth { try c.encode(bitDepth, forKey: .bitDepth) } else { try c.encodeNil(forKey: .bitDepth) }
        if let effectiveBitDepth {
            try c.encode(effectiveBitDepth, forKey: .effectiveBitDepth)
        } else {
            try c.encodeNil(forKey: .effectiveBitDepth)
        }
        try c.encode(notes, forKey: .notes)
        try c.encode(warnings, forKey: .warnings)
    }
}
