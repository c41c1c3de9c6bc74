public import ProducerAudio
import RealModule

/// The transfer curve of ``Saturation``.
public enum SaturationCurve: String, Sendable, CaseIterable {
    /// y = tanh(x): smooth, odd harmonics falling off exponentially.
    case tanh
    /// y = 1.5·x − 0.5·x³ for |x| ≤ 1, ±1 beyond: a gentler knee, hard limit at ±1.
    case cubic
}

/// A soft-clipping saturator, oversampled so that the harmonics it makes do not alias.
///
/// The signal is multiplied by the drive gain, oversampled by ``Oversampler`` (default 4×),
/// shaped by the ``SaturationCurve``, filtered back down, mixed with the dry signal (delayed by
/// the same latency, so the mix does not comb-filter) and scaled by the output gain:
/// `out = output · ((1 − mix)·dry + mix·curve(drive·dry))`. The curve is not normalised by the
/// drive: a signal driven into the curve comes out near full scale; use `output` to trim.
///
/// Parameters (session names):
/// - `drive`: gain into the curve, dB, 0 … 48 (default 12).
/// - `mix`: wet share, 0 … 1 (default 1).
/// - `output`: gain after the mix, dB, −48 … +24 (default 0).
///
/// All three are smoothed per sample (time constant 10 ms), so automation never zippers.
/// ``latencyFrames`` is the oversampler's delay (46 frames at 4×, 39 at 2×, whatever the rate).
public struct Saturation: Processor {
    /// Drive into the curve, dB (0 … 48).
    public var drive: Double { didSet { drive = min(48, max(0, drive)) } }
    /// Wet share (0 … 1).
    public var mix: Double { didSet { mix = min(1, max(0, mix)) } }
    /// Output gain, dB (−48 … +24).
    public var output: Double { didSet { output = min(24, max(-48, output)) } }
    /// The transfer curve.
    public let curve: SaturationCurve
    /// The oversampling factor (1, 2, 4 or 8).
    public var oversampling: Int { oversamplers.first?.factor ?? prototype.factor }

    let prototype: Oversampler
    var oversamplers: [Oversampler] = []
    var dryLines: [Float] = []  // per channel, latency + 1 samples, ring
    var dryPosition = 0
    var work: [Float] = []  // maximumBlockFrames · factor, plus a base-rate wet buffer
    var channelCount = 0
    var maximumFrames = 0
    var smoothing: Float = 1
    var currentDrive: Float = 1, currentMix: Float = 1, currentOutput: Float = 1

    /// Makes a saturator.
    /// - Parameters:
    ///   - drive: dB, 0 … 48.
    ///   - mix: 0 … 1.
    ///   - output: dB, −48 … +24.
    ///   - curve: `.tanh` (default) or `.cubic`.
    ///   - oversampling: 1, 2, 4 (default) or 8.
    public init(
        drive: Double = 12, mix: Double = 1, output: Double = 0,
        curve: SaturationCurve = .tanh, oversampling: Int = 4
    ) {
        self.drive = min(48, max(0, drive))
        self.mix = min(1, max(0, mix))
        self.output = min(24, max(-48, output))
        self.curve = curve
        self.prototype = Oversampler(factor: oversampling)
    }

    public var latencyFrames: Int { prototype.latencyFrames }

    static func gain(dB: Double) -> Float { Float(Double.pow(10, dB / 20)) }

    public mutating func prepare(sampleRate: Double, channelCount: Int, maximumBlockFrames: Int) {
        self.channelCount = channelCount
        maximumFrames = max(1, maximumBlockFrames)
        oversamplers = (0..<channelCount).map { _ in
            var o = prototype
            o.prepare(maximumFrames: maximumFrames)
            return o
        }
        dryLines = [Float](repeating: 0, count: channelCount * (latencyFrames + 1))
        dryPosition = 0
        work = [Float](repeating: 0, count: maximumFrames * prototype.factor + maximumFrames)
        smoothing = Float(1 - Double.exp(-1 / (0.010 * sampleRate)))
        currentDrive = Self.gain(dB: drive)
        currentMix = Float(mix)
        currentOutput = Self.gain(dB: output)
    }

    @discardableResult
    public mutating func setParameter(_ name: String, to value: Double) -> Bool {
        switch name {
        case "drive": drive = value
        case "mix": mix = value
        case "output": output = value
        default: return false
        }
        return true
    }

    public mutating func process(_ block: inout AudioBuffer, sidechain: AudioBuffer?) {
        precondition(!oversamplers.isEmpty, "prepare first")
        let frames = block.frameCount
        guard frames > 0 else { return }
        let channels = min(channelCount, block.channelCount)
        let stride = block.frameCapacity
        let factor = prototype.factor
        let targetDrive = Self.gain(dB: drive), targetMix = Float(mix), targetOutput = Self.gain(dB: output)
        let k = smoothing
        let curve = self.curve
        let lineLength = latencyFrames + 1
        var endDrive = currentDrive, endMix = currentMix, endOutput = currentOutput
        var endPosition = dryPosition
        var oversamplers = self.oversamplers; self.oversamplers = []
        var work = self.work; self.work = []
        var dryLines = self.dryLines; self.dryLines = []
        block.withUnsafeMutableStorage { storage in
            work.withUnsafeMutableBufferPointer { workBuffer in
                dryLines.withUnsafeMutableBufferPointer { dryBuffer in
                    let high = workBuffer.baseAddress!
                    let wet = high + maximumFrames * factor
                    var done = 0
                    while done < frames {
                        let n = min(maximumFrames, frames - done)
                        for c in 0..<channels {
                            let samples = storage.baseAddress! + c * stride + done
                            let line = dryBuffer.baseAddress! + c * lineLength
                            // Drive (a linear gain, so it can go before the interpolator).
                            var d = currentDrive
                            for i in 0..<n {
                                d += k * (targetDrive - d)
                                wet[i] = samples[i] * d
                            }
                            oversamplers[c].upsample(wet, count: n, into: high)
                            switch curve {
                            case .tanh:
                                for i in 0..<(n * factor) { high[i] = Float.tanh(high[i]) }
                            case .cubic:
                                for i in 0..<(n * factor) {
                                    let x = min(1, max(-1, high[i]))
                                    high[i] = 1.5 * x - 0.5 * x * x * x
                                }
                            }
                            oversamplers[c].downsample(high, into: wet, count: n)
                            var m = currentMix, o = currentOutput
                            var p = dryPosition
                            for i in 0..<n {
                                m += k * (targetMix - m)
                                o += k * (targetOutput - o)
                                line[p] = samples[i]
                                p += 1
                                if p == lineLength { p = 0 }
                                let dry = line[p]  // the sample written `latency` frames ago
                                samples[i] = o * ((1 - m) * dry + m * wet[i])
                            }
                            if c == channels - 1 {
                                endDrive = d; endMix = m; endOutput = o; endPosition = p
                            }
                        }
                        // Snap when settled, so a constant parameter is exact.
                        currentDrive = abs(endDrive - targetDrive) < 1e-6 * targetDrive ? targetDrive : endDrive
                        currentMix = abs(endMix - targetMix) < 1e-6 ? targetMix : endMix
                        currentOutput = abs(endOutput - targetOutput) < 1e-6 * targetOutput ? targetOutput : endOutput
                        dryPosition = endPosition
                        done += n
                    }
                }
            }
        }
        self.oversamplers = oversamplers
        self.work = work
        self.dryLines = dryLines
    }
}
