import ProducerAudio
import ProducerDSP

/// Every meter `analyze` runs, fed the same blocks in one pass.
struct MeterSet {
    let format: AudioFormat
    /// Loudness, and for stereo also of the mono fold (L+R)/2 heard on both speakers.
    var loudness: LoudnessMeter
    var peaks: TruePeakMeter
    var dc: DCOffsetMeter
    var clipping: ClippingMeter
    var noise: NoiseFloorMeter
    var silence: SilenceMeter
    var stereo: StereoMeter
    var spectrum: SpectralBalanceMeter
    var bitDepth: BitDepthMeter

    init(format: AudioFormat) {
        self.format = format
        let rate = format.sampleRate, channels = format.channelCount
        let weights = LoudnessMeter.channelWeights(channelCount: channels, channelMask: format.channelMask)
        loudness = LoudnessMeter(
            sampleRate: rate, channelCount: channels, channelWeights: weights, measuresMonoFold: channels >= 2)
        peaks = TruePeakMeter(channelCount: channels)
        dc = DCOffsetMeter(sampleRate: rate, channelCount: channels)
        clipping = ClippingMeter(sampleRate: rate, channelCount: channels)
        noise = NoiseFloorMeter(sampleRate: rate, channelCount: channels)
        silence = SilenceMeter(sampleRate: rate, channelCount: channels)
        stereo = StereoMeter(sampleRate: rate, channelCount: channels)
        spectrum = SpectralBalanceMeter(sampleRate: rate, channelCount: channels)
        let declared: Int? = if case .integer(let bits) = format.encoding { bits } else { nil }
        bitDepth = BitDepthMeter(sampleRate: rate, channelCount: channels, declaredBits: declared)
    }

    mutating func consume(_ block: AudioBuffer) {
        loudness.consume(block)
        peaks.consume(block)
        dc.consume(block)
        clipping.consume(block)
        noise.consume(block)
        silence.consume(block)
        stereo.consume(block)
        spectrum.consume(block)
        bitDepth.consume(block)
    }

    /// The report, with notes and warnings a person can act on.
    func report(file: String, format: AudioFormat, frames: Int64) -> FileAnalysis {
        let rate = format.sampleRate
        let l = loudness.result()
        let p = peaks.result()
        let clip = clipping.result()
        let st = stereo.result()
        let floor = noise.result()
        let quiet = silence.result()
        let bands = spectrum.result()
        let bits = bitDepth.result()
        let monoLoss: Double? = {
            guard let stereoLUFS = l.integrated, format.channelCount >= 2 else { return nil }
            // A fold that cancels below the gate lost at least down to the gate.
            return stereoLUFS - (l.monoFoldIntegrated ?? -70)
        }()
        let encoding: String =
            switch format.encoding {
            case .integer(let b): "\(b)-bit integer"
            case .float(let b): "\(b)-bit float"
            }
        var r = FileAnalysis(
            file: file, container: format.container.rawValue, encoding: encoding, sampleRate: rate,
            channels: format.channelCount, frames: frames, duration: Double(frames) / rate,
            integratedLoudness: l.integrated, loudnessRange: l.loudnessRange,
            momentaryMax: l.momentaryMax, shortTermMax: l.shortTermMax,
            samplePeak: p.samplePeakDecibels, truePeak: p.truePeakDecibels,
            truePeakPerChannel: p.truePeak.map { $0 > 0 ? decibels(amplitude: $0) : nil },
            dcOffset: dc.result().channels.map(\.mean),
            clipping: clip.runs.map {
                ClipEvent(start: $0.start, end: $0.end, channel: $0.channel, samples: $0.length)
            },
            clippingRunCount: clip.totalRuns,
            noiseFloor: floor.floorDBFS,
            headSilence: quiet.headSeconds, tailSilence: quiet.tailSeconds,
            phaseCorrelation: st?.correlation, phaseCorrelationMin: st?.minimumWindowCorrelation,
            monoLoss: monoLoss, balance: st?.balanceDB,
            // Bands are measured on the mono fold; where it cancels they would mislead.
            spectralBalance: (monoLoss ?? 0) > Advice.foldCancelsAbove
                ? []
                : bands.bands.map {
                    OctaveBand(centre: $0.nominalFrequency, relativeLevel: $0.relativeDB)
                },
            bitDepth: bits.declaredBits, effectiveBitDepth: bits.effectiveBits,
            notes: [], warnings: [])
        r.findings = Advice.findings(for: r)
        r.warnings = r.findings.map(\.message)
        r.notes = Advice.notes(for: r, silent: quiet.isSilent, bits: bits)
        return r
    }
}
