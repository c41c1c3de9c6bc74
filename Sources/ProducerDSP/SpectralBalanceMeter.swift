public import ProducerAudio

/// Measures the long-term spectral balance in octave bands, over every frame.
///
/// Method: the channels are folded to mono (their mean). Each octave band (nominal centres
/// 31.5, 63, 125, 250, 500, 1k, 2k, 4k, 8k, 16k Hz; exact centres 1000·2^k Hz; only bands whose
/// centre is below 0.9 × Nyquist) is a 6th-order Butterworth band-pass (three biquads; the
/// IEC 61260 style of octave filter): flat top, -3 dB at the octave edges centre/√2 and
/// centre·√2, about -19.6 dB one octave from the centre, so adjacent bands add up to the whole.
/// A band's energy is the mean square of its output; it is reported in dBFS and relative to the
/// mean square of the mono fold.
///
/// The bands run in an `OctaveFilterBank` (multirate, constant memory; results do not depend on blocking).
public struct SpectralBalanceMeter: Meter, Sendable {
    /// One octave band.
    public struct Band: Sendable, Codable, Equatable {
        /// The nominal centre frequency in Hz (31.5, 63, 125, …).
        public var nominalFrequency: Double
        /// The exact centre frequency in Hz (1000·2^k).
        public var centreFrequency: Double
        /// The band's mean-square level in dBFS, or nil when the band holds no energy.
        public var levelDBFS: Double?
        /// The band's level relative to the whole mono fold in dB, or nil.
        public var relativeDB: Double?
    }

    /// The spectral balance.
    public struct Result: Sendable, Codable, Equatable {
        /// The bands, lowest first.
        public var bands: [Band]
        /// The mean-square level of the mono fold over the measured frames in dBFS, or nil when silent.
        public var totalDBFS: Double?
        /// How much audio was measured, in seconds.
        public var measuredSeconds: Double
    }

    /// The nominal octave-band centres.
    public static let nominalCentres: [Double] = [31.5, 63, 125, 250, 500, 1000, 2000, 4000, 8000, 16000]

    /// The sample rate in Hz.
    public let sampleRate: Double
    /// The number of channels.
    public let channelCount: Int
    /// The bands measured (nominal, exact centre).
    public let centres: [(nominal: Double, exact: Double)]
    /// The filter bank (bands in the order of `centres`).
    var bank: OctaveFilterBank
    let period: Int?
    let skip: Int
    let measure: Int
    var frames = 0

    /// Makes a spectral balance meter.
    /// - Parameters:
    ///   - periodSeconds: nil (the default) measures every frame; otherwise only `measureSeconds` in every
    ///     this many seconds, starting `warmUpSeconds` into each period, are measured (joined end to end).
    ///   - measureSeconds: the stretch measured in each period (default 1 s).
    ///   - warmUpSeconds: where in each period the stretch starts (default 0.25 s).
    public init(
        sampleRate: Double, channelCount: Int, periodSeconds: Double? = nil, measureSeconds: Double = 1,
        warmUpSeconds: Double = 0.25
    ) {
        precondition(channelCount >= 1 && sampleRate > 0)
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        var centres: [(Double, Double)] = []
        for (k, nominal) in Self.nominalCentres.enumerated() {
            let exact = 1000 * _pow(2, Double(k - 5))
            if exact < 0.9 * sampleRate / 2 { centres.append((nominal, exact)) }
        }
        self.centres = centres
        bank = OctaveFilterBank(centres: centres.map(\.1), sampleRate: sampleRate)
        if let periodSeconds {
            let p = max(1, Int((periodSeconds * sampleRate).rounded()))
            skip = min(p - 1, max(0, Int((warmUpSeconds * sampleRate).rounded())))
            measure = min(p - skip, max(1, Int((measureSeconds * sampleRate).rounded())))
            period = p
        } else {
            period = nil; skip = 0; measure = 0
        }
    }

    /// The octave band-pass centred on `centre` Hz (see `OctaveFilterBank.bandPass(centre:sampleRate:)`).
    public static func bandPass(centre: Double, sampleRate: Double) -> [BiquadCoefficients] {
        OctaveFilterBank.bandPass(centre: centre, sampleRate: sampleRate)
    }

    /// Consumes the valid frames of `block`.
    public mutating func consume(_ block: AudioBuffer) {
        precondition(block.channelCount == channelCount, "channel count mismatch")
        let n = block.frameCount
        guard n > 0 else { return }
        let origin = frames
        block.withUnsafeStorage { all in
            guard let base = all.baseAddress else { return }
            let stride = block.frameCapacity
            guard let period else {
                bank.feed(base, stride: stride, channels: channelCount, from: 0, to: n)
                return
            }
            var i = 0
            while i < n {
                let phase = (origin + i) % period
                if phase < skip {
                    i = min(n, i + skip - phase)
                } else if phase < skip + measure {
                    let end = min(n, i + skip + measure - phase)
                    bank.feed(base, stride: stride, channels: channelCount, from: i, to: end)
                    i = end
                } else {
                    i = min(n, i + period - phase)
                }
            }
        }
        frames += n
    }

    /// The spectral balance of the frames measured so far.
    public func result() -> Result {
        let m = bank.meanSquares()
        let total = m.total
        var bands: [Band] = []
        for (k, c) in centres.enumerated() {
            let e = m.bands[k]
            bands.append(
                Band(
                    nominalFrequency: c.nominal, centreFrequency: c.exact,
                    levelDBFS: e > 0 ? decibels(power: e) : nil,
                    relativeDB: e > 0 && total > 0 ? decibels(power: e / total) : nil))
        }
        return Result(
            bands: bands, totalDBFS: total > 0 ? decibels(power: total) : nil,
            measuredSeconds: Double(m.samples) / sampleRate)
    }
}
