public import ProducerAudio
import ProducerDSP
import RealModule

/// The mastering chain: reference matching (mid and side EQ, hence width), gentle bus
/// compression, conversion to the delivery sample rate (``Resampler``), then gain into the
/// true-peak look-ahead ``Limiter``, searched until the integrated loudness is on target; the
/// true peak is measured again on the result (and trimmed should it pass the ceiling).
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

    /// The limiter's releases, ms, longest first: 250 ms does not pump on dense material; the
    /// shorter ones are used only when the target cannot be reached with the longer.
    static let releases = [250.0, 160, 100, 60, 40, 25, 15, 10, 5]
    /// The most a release may make the gain swing between peaks (dB, the model's
    /// ``LimiterModel/gainReductionSwing(gain:ceiling:release:lookahead:)``): past it, a shorter release.
    static let pumpingLimit = 1.0
    /// How far under the peaks (dB) the soft clipper may start, tried in turn when the limiter
    /// alone cannot reach the target.
    static let clipDrives = [3.0, 6, 9, 12, 18, 24]
    static let limiterLookahead = 5.0
    /// The look-ahead for a release: 5 ms, 1.5 ms with the shortest releases (a quicker attack).
    static func lookahead(release: Double) -> Double { release < 15 ? 1.5 : limiterLookahead }
    /// The most gain the loudness search tries, dB, and the limiter passes it renders per release.
    static let maximumGain = 40.0
    static let maximumRenders = 4
    /// Loudness (LU) one more dB into the limiter must still buy; less is saturation.
    static let minimumSlope = 0.1
    /// The loudness search stops this close to the target, LU.
    static let loudnessTolerance = 0.2

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
        /// The master before its limiter (float; may pass full scale).
        public var prelimit: [[Float]]
        /// The mix (at its rate) and the master (at the delivered rate) at the same integrated loudness.
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
        // A mix with no integrated loudness (silent, or shorter than one 400 ms block) gives the
        // search nothing to aim with: it is only converted, as at amount 0, and the report says so.
        let amount = before.integrated == nil ? 0 : self.amount
        let clipped = Self.clipping(mix)
        let profile = ToneProfile(channels: mix, sampleRate: sampleRate)
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
                threshold: t, ratio: ratio, knee: 6, attack: 30, release: 300, detection: .rms, window: 200)
            Self.run(&compressor, &shaped, sampleRate: sampleRate)
        }
        progress?(0.4)
        let deliveredRate = target.deliveryRate(mixRate: sampleRate)
        // The delivery rate before the limiter, so that the limiter is the last stage and the
        // true peak it holds is the delivered one.
        var beforePair = mix
        if deliveredRate != sampleRate {
            let resampler = Resampler(from: sampleRate, to: deliveredRate)
            shaped = shaped.map { resampler.process($0) }
        }
        progress?(0.45)
        let limiterCeiling = target.ceiling - 0.1
        var limited = shaped
        var found = Search(gain: 0, release: Self.releases[0], passes: 0)
        var softClip: Double? = nil
        if amount > 0 {
            found = Self.search(
                shaped, loudness: target.loudness, ceiling: limiterCeiling, sampleRate: deliveredRate, into: &limited,
                // With a correction to follow, near is enough: the second search lands it.
                tolerance: reference == nil ? Self.loudnessTolerance : 0.6
            ) { progress?(0.45 + 0.2 * $0) }
            // The limiter moves the tone a little (it takes more from the loud low end): one
            // corrective EQ from the limited master toward the reference, the total held within
            // ±6 dB, then the search again from where it ended.
            // (Not for an album, whose songs share one EQ.) The goal is the tone `amount` of
            // the way from the mix's to the reference's.
            if let reference, tone == nil {
                let now = ToneProfile(channels: limited, sampleRate: deliveredRate)
                let goal = amount < 1 ? ToneProfile.blend(profile, reference, amount: amount) : reference
                let fix = MatchEQ.design(mix: now, reference: goal, sampleRate: deliveredRate, amount: 1)
                    .correcting(eq)
                if !fix.isIdentity {
                    fix.apply(to: &shaped, sampleRate: deliveredRate)
                    eq.midGain = zip(eq.midGain, fix.midGain).map { $0 + $1 }
                    eq.sideGain = zip(eq.sideGain, fix.sideGain).map { $0 + $1 }
                    let again = Self.search(
                        shaped, loudness: target.loudness, ceiling: limiterCeiling, sampleRate: deliveredRate,
                        into: &limited, from: found
                    ) { progress?(0.7 + 0.2 * $0) }
                    found = Search(
                        gain: again.gain, release: again.release, passes: found.passes + again.passes,
                        bias: again.bias, miss: again.miss, swing: again.swing)
                }
            }
            // Out of the limiter's reach (its shortest release at the most gain): a soft clipper
            // before it, started further under the peaks until the target is in reach.
            if found.miss > Self.loudnessTolerance {
                var clipped = shaped
                for drive in Self.clipDrives {
                    clipped = shaped
                    Self.softClip(&clipped, drive: drive)
                    let again = Self.search(
                        clipped, loudness: target.loudness, ceiling: limiterCeiling, sampleRate: deliveredRate,
                        into: &limited, from: found
                    ) { _ in }
                    found = Search(
                        gain: again.gain, release: again.release, passes: found.passes + again.passes,
                        bias: again.bias, miss: again.miss, swing: again.swing)
                    softClip = drive
                    if again.miss <= Self.loudnessTolerance { break }
                }
                shaped = clipped
            }
        }
        let gain = found.gain, release = found.release, passes = found.passes
        var prelimit = shaped
        Self.scale(&prelimit, decibels: gain)
        var delivered = limited
        var correction = 0.0
        let peakAfter = Self.truePeak(delivered)
        if amount > 0 && peakAfter > target.ceiling - 0.02 {
            correction = target.ceiling - 0.02 - peakAfter
            Self.scale(&delivered, decibels: correction)
        }
        progress?(0.95)
        let after = Self.measure(delivered, sampleRate: deliveredRate)
        // The listening pair: both at the master's loudness unless that would clip the mix.
        var common = after.integrated ?? target.loudness
        if let i = before.integrated, let p = before.truePeak { common = min(common, i - 1 - p) }
        var afterPair = delivered
        Self.scale(&beforePair, decibels: common - (before.integrated ?? common))
        Self.scale(&afterPair, decibels: common - (after.integrated ?? common))
        let prelimitPeak = Self.truePeak(prelimit)
        let report = MasterReport(
            target: target, amount: amount, before: before, after: after,
            gain: gain, passes: passes, limiterRelease: release,
            peakLimiting: amount > 0 ? max(0, prelimitPeak - limiterCeiling) : 0,
            compressionThreshold: threshold, compressionRatio: amount > 0 ? ratio : 1,
            deliveredRate: deliveredRate, deliveredBits: target.bits, listeningLoudness: common,
            clippedRuns: clipped.runs, clippedSamples: clipped.samples,
            tone: Self.toneRows(eq: eq, mix: profile, reference: reference, master: delivered, rate: deliveredRate),
            gainReductionSwing: amount > 0 ? found.swing : nil, softClip: softClip)
        progress?(1)
        return Result(master: delivered, prelimit: prelimit, before: beforePair, after: afterPair, report: report)
    }

    /// The 1/3-octave comparison with the reference (nil without one).
    static func toneRows(
        eq: MatchEQ, mix: ToneProfile, reference: ToneProfile?, master: [[Float]], rate: Double
    ) -> MasterReport.Tone? {
        guard let reference else { return nil }
        let result = ToneProfile(channels: master, sampleRate: rate)
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
