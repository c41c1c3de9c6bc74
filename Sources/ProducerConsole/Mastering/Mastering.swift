public import ProducerAudio
import ProducerDSP
import RealModule

/// The mastering chain: reference matching (mid and side EQ, hence width), gentle bus
/// compression, gain into the true-peak look-ahead ``Limiter`` iterated until the integrated
/// loudness is on target, then the delivery sample rate (``Resampler``) with the true peak
/// checked after conversion.
///
/// `amount` (0 … 1) scales the decisions on tone and dynamics: the EQ gains, the compression
/// ratio (1 + 0.5·amount) and the width change. Any amount above 0 still lands on the target
/// loudness (the point of a master); amount 0 leaves the mix untouched, only converted to the
/// delivery format, and the report says how far it is from the target.
public struct Mastering: Sendable {
    /// What the master is for.
    public var target: MasteringTarget
    /// How much of the decisions is applied, 0 … 1.
    public var amount: Double
    /// The reference's tone, if any.
    public var reference: ToneProfile?

    /// The limiter's release, ms: long enough not to pump on dense material.
    static let limiterRelease = 250.0
    static let limiterLookahead = 5.0

    /// Prepares a chain.
    public init(target: MasteringTarget, amount: Double = 1, reference: ToneProfile? = nil) {
        self.target = target
        self.amount = min(1, max(0, amount))
        self.reference = reference
    }

    /// What a master produced: the delivered audio, the stages for listening, and the report.
    public struct Result: Sendable {
        /// The master at ``MasterReport/deliveredRate``, not yet quantised (the writer dithers).
        public var master: [[Float]]
        /// The master before its limiter, at the mix's rate (float; may pass full scale).
        public var prelimit: [[Float]]
        /// The mix and the master at the same integrated loudness, at the mix's rate.
        public var before: [[Float]], after: [[Float]]
        /// The figures.
        public var report: MasterReport
    }

    /// Masters `mix` (one or two channels of equal length) at `sampleRate`.
    /// - Parameters:
    ///   - tone: the tone the EQ is designed from (an album's mean), if not the mix's own.
    ///   - progress: told the fraction done (0 … 1).
    public func master(
        _ mix: [[Float]], sampleRate: Double, tone: ToneProfile? = nil, progress: ((Double) -> Void)? = nil
    ) -> Result {
        let before = Self.measure(mix, sampleRate: sampleRate)
        let clipped = Self.clipping(mix)
        let profile = ToneProfile(AudioBuffer(channels: mix), sampleRate: sampleRate)
        progress?(0.1)
        var eq = MatchEQ.design(mix: tone ?? profile, reference: reference, sampleRate: sampleRate, amount: amount)
        eq.highPass = target.highPass
        eq.monoBelow = mix.count >= 2 ? target.monoBelow : 0
        var shaped = mix
        if amount > 0 { eq.apply(to: &shaped, sampleRate: sampleRate) }
        progress?(0.3)
        var threshold: Double? = nil
        let ratio = 1 + 0.5 * amount
        if amount > 0 {
            let t = Self.compressionThreshold(shaped, sampleRate: sampleRate)
            threshold = t
            var compressor = Compressor(
                threshold: t, ratio: ratio, knee: 6, attack: 30, release: 300, detection: .rms, window: 50)
            Self.run(&compressor, &shaped, sampleRate: sampleRate)
        }
        progress?(0.4)
        let deliveredRate = target.deliveryRate(mixRate: sampleRate)
        let converting = deliveredRate != sampleRate
        // Room for the conversion's overshoot and the dither.
        let limiterCeiling = target.ceiling - (converting ? 0.3 : 0.1)
        var gain = 0.0
        var limited = shaped
        var prelimit = shaped
        var passes = 0
        if amount > 0 {
            gain = target.loudness - Self.integrated(shaped, sampleRate: sampleRate)
            for pass in 0..<6 {
                passes = pass + 1
                prelimit = shaped
                Self.scale(&prelimit, decibels: gain)
                limited = prelimit
                var limiter = Limiter(
                    ceiling: limiterCeiling, release: Self.limiterRelease, lookahead: Self.limiterLookahead)
                Self.run(&limiter, &limited, sampleRate: sampleRate)
                let miss = target.loudness - Self.integrated(limited, sampleRate: sampleRate)
                progress?(0.4 + 0.1 * Double(pass + 1))
                if abs(miss) < 0.1 { break }
                // Limiting takes back part of any gain: overshoot the step a little when pushing.
                gain += miss > 0 ? miss * 1.3 : miss
            }
        }
        var delivered = limited
        if converting {
            let resampler = Resampler(from: sampleRate, to: deliveredRate)
            delivered = limited.map { resampler.process($0) }
        }
        progress?(0.95)
        var correction = 0.0
        let peakAfter = Self.truePeak(delivered)
        if amount > 0 && peakAfter > target.ceiling - 0.02 {
            correction = target.ceiling - 0.02 - peakAfter
            Self.scale(&delivered, decibels: correction)
        }
        let after = Self.measure(delivered, sampleRate: deliveredRate)
        // The listening pair: both at the master's loudness unless that would clip the mix.
        let afterAtMixRate = Self.integrated(limited, sampleRate: sampleRate)
        var common = afterAtMixRate
        if let i = before.integrated, let p = before.truePeak { common = min(common, i - 1 - p) }
        var beforePair = mix, afterPair = limited
        Self.scale(&beforePair, decibels: common - (before.integrated ?? common))
        Self.scale(&afterPair, decibels: common - afterAtMixRate)
        let prelimitPeak = Self.truePeak(prelimit)
        let report = MasterReport(
            target: target, amount: amount, before: before, after: after,
            gain: gain, passes: passes, peakLimiting: amount > 0 ? max(0, prelimitPeak - limiterCeiling) : 0,
            compressionThreshold: threshold, compressionRatio: amount > 0 ? ratio : 1,
            deliveredRate: deliveredRate, deliveredBits: target.bits, listeningLoudness: common,
            clippedRuns: clipped.runs, clippedSamples: clipped.samples,
            tone: Self.toneRows(eq: eq, mix: profile, reference: reference, master: delivered, rate: deliveredRate))
        progress?(1)
        return Result(master: delivered, prelimit: prelimit, before: beforePair, after: afterPair, report: report)
    }

    /// The 1/3-octave comparison with the reference (nil without one).
    static func toneRows(
        eq: MatchEQ, mix: ToneProfile, reference: ToneProfile?, master: [[Float]], rate: Double
    ) -> MasterReport.Tone? {
        guard let reference else { return nil }
        let result = ToneProfile(AudioBuffer(channels: master), sampleRate: rate)
        let rb = reference.midBands, mb = mix.midBands, ab = result.midBands
        let matched = ToneProfile.matchedBands
        func offset(_ x: [Double]) -> Double { matched.reduce(0.0) { $0 + x[$1] - rb[$1] } / Double(matched.count) }
        let om = offset(mb), oa = offset(ab)
        let midGains = eq.midBandGains, sideGains = eq.sideBandGains
        let bands = matched.map { b in
            MasterReport.Band(
                centre: ToneProfile.bandCentres[b], mixVsReference: mb[b] - rb[b] - om,
                masterVsReference: ab[b] - rb[b] - oa, midGain: midGains[b], sideGain: sideGains[b])
        }
        return MasterReport.Tone(
            bands: bands, distanceBefore: mix.toneDistance(to: reference),
            distanceAfter: result.toneDistance(to: reference))
    }
}
