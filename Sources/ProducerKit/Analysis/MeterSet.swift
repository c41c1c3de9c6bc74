import ProducerAudio
import ProducerDSP

/// Every meter `analyze` runs, fed the same blocks in one pass.
struct MeterSet {
    let format: AudioFormat
    var loudness: LoudnessMeter
    /// Loudness of the mono fold (L+R)/2, heard on both speakers, for the mono loss.
    var monoLoudness: LoudnessMeter?
    var peaks: TruePeakMeter
    var dc: DCOffsetMeter
    var clipping: ClippingMeter
    var noise: NoiseFloorMeter
    var silence: SilenceMeter
    var stereo: StereoMeter
    var spectrum: SpectralBalanceMeter
    var bitDepth: BitDepthMeter
    private var mono: AudioBuffer

    init(format: AudioFormat) {
        self.format = format
        let rate = format.sampleRate, channels = format.channelCount
        let weights = LoudnessMeter.channelWeights(channelCount: channels, channelMask: format.channelMask)
        loudness = LoudnessMeter(sampleRate: rate, channelCount: channels, channelWeights: weights)
        // The fold (L+R)/2 played on both speakers weighs twice one channel.
        monoLoudness = channels >= 2 ? LoudnessMeter(sampleRate: rate, channelCount: 1, channelWeights: [2]) : nil
        peaks = TruePeakMeter(channelCount: channels)
        dc = DCOffsetMeter(sampleRate: rate, channelCount: channels)
        clipping = ClippingMeter(sampleRate: rate, channelCount: channels)
        noise = NoiseFloorMeter(sampleRate: rate, channelCount: channels)
        silence = SilenceMeter(sampleRate: rate, channelCount: channels)
        stereo = StereoMeter(sampleRate: rate, channelCount: channels)
        spectrum = SpectralBalanceMeter(sampleRate: rate, channelCount: channels)
        let declared: Int? = if case .integer(let bits) = format.encoding { bits } else { nil }
        bitDepth = BitDepthMeter(sampleRate: rate, channelCount: channels, declaredBits: declared)
        mono = AudioBuffer(channelCount: 1, frameCapacity: 0)
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
        if monoLoudness != nil {
            foldToMono(block)
            monoLoudness?.consume(mono)
        }
    }

    /// (L+R)/2 of the first two channels into `mono`.
    private mutating func foldToMono(_ block: AudioBuffer) {
        let n = block.frameCount
        if mono.frameCapacity < n { mono = AudioBuffer(channelCount: 1, frameCapacity: block.frameCapacity) }
        mono.frameCount = n
        block.withUnsafeStorage { all in
            let l = all.baseAddress!, r = l + block.frameCapacity
            mono.withMutableChannel(0) { m in
                for i in 0..<n { m[i] = 0.5 * (l[i] + r[i]) }
            }
        }
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
            guard let stereoLUFS = l.integrated, let m = monoLoudness?.result() else { return nil }
            // A fold that cancels below the gate lost at least down to the gate.
            return stereoLUFS - (m.integrated ?? -70)
        }()
        let encoding: String = switch format.encoding {
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
            spectralBalance: bands.bands.map { OctaveBand(centre: $0.nominalFrequency, relativeLevel: $0.relativeDB) },
            bitDepth: bits.declaredBits, effectiveBitDepth: bits.effectiveBits,
            notes: [], warnings: [])
        r.warnings = Advice.warnings(for: r, clipping: clip)
        r.notes = Advice.notes(for: r, silent: quiet.isSilent, bits: bits)
        return r
    }
}
