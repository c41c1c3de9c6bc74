import RealModule

/// What `producer master` did and measured: before and after, the tone against the reference,
/// what each platform's normalisation will do to the master, and honest warnings.
public struct MasterReport: Sendable, Codable, Equatable {
    /// Loudness and peaks of one signal.
    public struct Measurement: Sendable, Codable, Equatable {
        /// Integrated loudness, LUFS (nil for silence).
        public var integrated: Double?
        /// True peak, dBTP; sample peak, dBFS (nil for silence).
        public var truePeak: Double?, samplePeak: Double?
        /// Loudness range, LU.
        public var loudnessRange: Double?
        /// Sample rate, Hz.
        public var sampleRate: Double
        /// Peak-to-loudness ratio, true peak minus integrated loudness, dB.
        public var plr: Double? {
            guard let p = truePeak, let i = integrated else { return nil }
            return p - i
        }

        private enum CodingKeys: String, CodingKey {
            case integrated, truePeak, samplePeak, loudnessRange, sampleRate, plr
        }

        public init(
            integrated: Double?, truePeak: Double?, samplePeak: Double?, loudnessRange: Double?, sampleRate: Double
        ) {
            self.integrated = integrated
            self.truePeak = truePeak
            self.samplePeak = samplePeak
            self.loudnessRange = loudnessRange
            self.sampleRate = sampleRate
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            integrated = try c.decodeIfPresent(Double.self, forKey: .integrated)
            truePeak = try c.decodeIfPresent(Double.self, forKey: .truePeak)
            samplePeak = try c.decodeIfPresent(Double.self, forKey: .samplePeak)
            loudnessRange = try c.decodeIfPresent(Double.self, forKey: .loudnessRange)
            sampleRate = try c.decode(Double.self, forKey: .sampleRate)
        }

        /// Encodes the measurements and the PLR derived from them (so a report's PLR is the JSON's).
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(integrated, forKey: .integrated)
            try c.encodeIfPresent(truePeak, forKey: .truePeak)
            try c.encodeIfPresent(samplePeak, forKey: .samplePeak)
            try c.encodeIfPresent(loudnessRange, forKey: .loudnessRange)
            try c.encode(sampleRate, forKey: .sampleRate)
            try c.encodeIfPresent(plr, forKey: .plr)
        }
    }

    /// One 1/3-octave band against the reference (levels aside: the mean difference over the
    /// bands is removed).
    public struct Band: Sendable, Codable, Equatable {
        /// Centre, Hz.
        public var centre: Double
        /// The mix's and the master's level against the reference's, dB.
        public var mixVsReference: Double, masterVsReference: Double
        /// The EQ's mid and side gains at the centre, dB.
        public var midGain: Double, sideGain: Double
    }

    /// The tone against the reference.
    public struct Tone: Sendable, Codable, Equatable {
        /// 40 Hz … 16 kHz.
        public var bands: [Band]
        /// RMS of the band differences, dB, before and after.
        public var distanceBefore: Double, distanceAfter: Double
    }

    /// What one platform's player will do to the master.
    public struct Platform: Sendable, Codable, Equatable {
        /// The target's name.
        public var name: String
        /// The gain its normalisation applies, dB.
        public var gain: Double
        /// The loudness and true peak it then plays at.
        public var loudness: Double, truePeak: Double
        /// Over its true-peak advice once normalised (only when it turns up).
        public var overCeiling: Bool
    }

    /// The target mastered to.
    public var target: MasteringTarget
    /// The amount applied, 0 … 1.
    public var amount: Double
    /// The mix, and the delivered master.
    public var before: Measurement, after: Measurement
    /// Gain into the limiter, dB, and the passes it took to land on the loudness.
    public var gain: Double
    public var passes: Int
    /// The limiter's release, ms (shortened from 250 ms only when the target or pumping needed it).
    public var limiterRelease: Double
    /// How far the loudest true peak went over the limiter's ceiling, dB (the most limiting).
    public var peakLimiting: Double
    /// How much the limiter's release makes the gain swing between peaks, dB (heard as pumping):
    /// per 400 ms of the loud passages, the spread of the reduction still applied where no peak
    /// needs any; the 95th percentile over them. The release is shortened until it is at most
    /// ``Mastering/pumpingLimit``; nil when the limiter was not used.
    public var gainReductionSwing: Double?
    /// How far under the peaks (dB) a soft clipper before the limiter had to start, when the
    /// limiter alone could not reach the target; nil when none was used.
    public var softClip: Double?
    /// The bus compressor's threshold (dBFS) and ratio (nil threshold: bypassed).
    public var compressionThreshold: Double?
    public var compressionRatio: Double
    /// The delivered format.
    public var deliveredRate: Double
    public var deliveredBits: Int
    /// The loudness of the before/after listening pair, LUFS.
    public var listeningLoudness: Double
    /// Full-scale runs (two or more samples) in the mix.
    public var clippedRuns: Int, clippedSamples: Int
    /// The tone against the reference (nil without one).
    public var tone: Tone?
    /// Every named platform on this master.
    public var platforms: [Platform] = []
    /// Plain-words warnings.
    public var warnings: [String] = []

    init(
        target: MasteringTarget, amount: Double, before: Measurement, after: Measurement, gain: Double, passes: Int,
        limiterRelease: Double,
        peakLimiting: Double, compressionThreshold: Double?, compressionRatio: Double, deliveredRate: Double,
        deliveredBits: Int, listeningLoudness: Double, clippedRuns: Int, clippedSamples: Int, tone: Tone?,
        gainReductionSwing: Double? = nil, softClip: Double? = nil
    ) {
        self.gainReductionSwing = gainReductionSwing
        self.softClip = softClip
        self.target = target
        self.amount = amount
        self.before = before
        self.after = after
        self.gain = gain
        self.passes = passes
        self.limiterRelease = limiterRelease
        self.peakLimiting = peakLimiting
        self.compressionThreshold = compressionThreshold
        self.compressionRatio = compressionRatio
        self.deliveredRate = deliveredRate
        self.deliveredBits = deliveredBits
        self.listeningLoudness = listeningLoudness
        self.clippedRuns = clippedRuns
        self.clippedSamples = clippedSamples
        self.tone = tone
        if let i = after.integrated, let p = after.truePeak {
            platforms = MasteringTarget.all.map { t in
                let g = t.playbackGain(integrated: i, truePeak: p)
                return Platform(
                    name: t.name, gain: g, loudness: i + g, truePeak: p + g, overCeiling: p + g > t.ceiling + 0.05)
            }
        }
        warnings = makeWarnings()
    }

    /// A release this short (ms) or shorter is reported (it distorts the low end).
    static let shortRelease = 15.0
    /// More limiting than this (dB) is reported.
    static let heavyLimiting = 6.0

    func makeWarnings() -> [String] {
        var w: [String] = []
        func f(_ x: Double) -> String { String(format1: x) }
        if before.integrated == nil {
            w.append(
                "the mix is silent or shorter than 0.4 s (no integrated loudness to aim with); it was only converted to the delivery format"
            )
        }
        if let i = before.integrated, i > target.loudness + 0.5 {
            w.append(
                "the mix (\(f(i)) LUFS) is already louder than the \(target.name) target (\(f(target.loudness)) LUFS); "
                    + (amount > 0
                        ? "it was turned down \(f(i - target.loudness)) dB" : "at --amount 0 it stays that loud"))
        }
        if let p = before.truePeak, p > target.ceiling {
            w.append("the mix's true peak (\(f(p)) dBTP) is over the target's ceiling (\(f(target.ceiling)) dBTP)")
        }
        if clippedRuns > 0 {
            w.append(
                "the mix is clipped: \(clippedSamples) samples at full scale in \(clippedRuns) runs; mastering cannot restore them"
            )
        }
        if peakLimiting > Self.heavyLimiting {
            w.append(
                "the target needs up to \(f(peakLimiting)) dB of peak limiting (more than \(f(Self.heavyLimiting)) dB): "
                    + "expect audible limiting; a quieter target or a mix with more headroom would sound cleaner")
        }
        if amount > 0 && limiterRelease <= Self.shortRelease {
            w.append(
                "the limiter's release was shortened to \(Int(limiterRelease)) ms (a longer one could not reach the target "
                    + "without pumping): expect audible limiting")
        }
        if let d = softClip {
            w.append(
                "the limiter alone could not reach the target: a soft clipper \(f(d)) dB under the peaks comes before it; "
                    + "expect audible distortion")
        }
        if amount > 0, let i = after.integrated, abs(i - target.loudness) > 0.5 {
            w.append("the master landed at \(f(i)) LUFS, more than 0.5 LU from the target \(f(target.loudness)) LUFS")
        }
        if amount > 0, let p = after.truePeak, p > target.ceiling {
            w.append("the master's true peak (\(f(p)) dBTP) is over the ceiling (\(f(target.ceiling)) dBTP)")
        }
        return w
    }
}

extension String {
    /// One decimal, a real minus sign for negatives.
    init(format1 x: Double) {
        let r = (x * 10).rounded() / 10
        let s = r == 0 ? "0.0" : "\(abs(r))"
        self = (r < 0 ? "−" : "") + (s.contains(".") ? s : s + ".0")
    }
}
