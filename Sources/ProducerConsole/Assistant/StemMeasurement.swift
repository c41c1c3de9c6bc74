public import ProducerAudio
public import ProducerDSP
import RealModule

/// What the mix assistant measures of a stem in one pass over its blocks: loudness, peaks, the
/// loudest 50 ms, the third-octave spectrum frame by frame (for masking and balance), and the
/// measurements its role classifier reads (``StemSound``).
public struct StemMeasurement: Sendable {
    /// Integrated loudness, LUFS (nil for silence).
    public var loudness: Double?
    /// Sample peak, dBFS (nil for silence).
    public var peak: Double?
    /// The loudest 50 ms RMS level (channels averaged), dBFS.
    public var loudest: Double?
    /// The classifier's measurements.
    public var sound: StemSound
    /// Third-octave band powers (mono sum), ``ThirdOctaves/centres`` per frame, frame after frame.
    public var bandPowers: [Float]
    /// Frames of ``bandPowers`` per second.
    public var bandFrameRate: Double
    /// Seconds measured.
    public var seconds: Double
    /// The tempo its onsets suggest, BPM (nil when they suggest none).
    public var tempo: Double?

    /// Band powers of frame `f`.
    public func bands(ofFrame f: Int) -> ArraySlice<Float> {
        let n = ThirdOctaves.centres.count
        return bandPowers[(f * n)..<((f + 1) * n)]
    }

    /// Frames of ``bandPowers``.
    public var bandFrameCount: Int { bandPowers.count / ThirdOctaves.centres.count }

    /// The average power per band over the frames `active` marks (all when nil).
    public func averageBands(where active: [Bool]? = nil) -> [Double] {
        Self.average(bandPowers, where: active)
    }

    /// The average per band of `bandPowers` (frame after frame) over the frames `active` marks.
    static func average(_ bandPowers: [Float], where active: [Bool]?) -> [Double] {
        let n = ThirdOctaves.centres.count
        let bandFrameCount = bandPowers.count / n
        var sum = [Double](repeating: 0, count: n)
        var count = 0
        for f in 0..<bandFrameCount where active.map({ f < $0.count && $0[f] }) ?? true {
            for b in 0..<n { sum[b] += Double(bandPowers[f * n + b]) }
            count += 1
        }
        return count == 0 ? sum : sum.map { $0 / Double(count) }
    }

    /// The share of power below `low` Hz, between, and above `high` Hz, in dB against the whole
    /// (nil for silence).
    public func balance(low: Double = 250, high: Double = 4000) -> Balance? {
        Balance(bands: averageBands(), low: low, high: high)
    }

    /// Low, mid and high, dB against the whole.
    public struct Balance: Sendable, Codable, Equatable {
        public var low: Double
        public var mid: Double
        public var high: Double

        init?(bands: [Double], low: Double, high: Double) {
            var l = 0.0, m = 0.0, h = 0.0
            for (b, p) in bands.enumerated() {
                let f = ThirdOctaves.centres[b]
                if f < low { l += p } else if f < high { m += p } else { h += p }
            }
            let total = l + m + h
            guard total > 0 else { return nil }
            func db(_ x: Double) -> Double { 10 * Double.log10(max(x / total, 1e-10)) }
            self.low = db(l)
            self.mid = db(m)
            self.high = db(h)
        }
    }
}

/// The third-octave bands the assistant measures in (ISO 266 centres from 25 Hz to 16 kHz).
public enum ThirdOctaves {
    /// Exact centres, Hz: 1000 · 2^(k/3).
    public static let centres: [Double] = (-16...12).map { 1000 * Double.pow(2, Double($0) / 3) }
    /// The band holding `frequency`, if any.
    public static func band(of frequency: Double) -> Int? {
        let k = Int((3 * Double.log2(frequency / 1000)).rounded()) + 16
        return k >= 0 && k < centres.count ? k : nil
    }
}

extension StemMeasurement {
    /// Measures blocks as they come: ``consume(_:)`` each, then ``result()``.
    public struct Meter {
        let sampleRate: Double
        let channelCount: Int
        var loudness: LoudnessMeter
        var peak: Float = 0
        var frames: STFTStream
        var onsets: OnsetDetector.Stream
        var bandOfBin: [Int]
        var bandPowers: [Float] = []
        var flatness: [Float] = []
        var frameEnergies: [Float] = []
        var frameLevels: [Float] = []
        let rmsFrame: Int
        var rmsSum = 0.0
        var rmsCount = 0
        var left = 0.0, right = 0.0, cross = 0.0
        var frameCount = 0
        var mono: [Float] = []
        let listensForOnsets: Bool

        /// A meter for audio at `sampleRate` with `channelCount` channels; `listensForOnsets`
        /// (for the classifier and the tempo) can be left off when only levels and spectra matter.
        public init(sampleRate: Double, channelCount: Int, listensForOnsets: Bool = true) {
            self.listensForOnsets = listensForOnsets
            self.sampleRate = sampleRate
            self.channelCount = channelCount
            loudness = LoudnessMeter(sampleRate: sampleRate, channelCount: channelCount)
            let size = sampleRate > 64_000 ? 8192 : 4096
            frames = STFTStream(STFT(frameSize: size, hop: size / 2))
            onsets = OnsetDetector().stream(sampleRate: sampleRate)
            rmsFrame = max(1, Int(sampleRate * 0.05))
            let binHz = sampleRate / Double(size)
            bandOfBin = (0...(size / 2)).map { b in
                b == 0 ? -1 : (ThirdOctaves.band(of: Double(b) * binHz) ?? -1)
            }
        }

        /// Adds a block.
        public mutating func consume(_ block: AudioBuffer) {
            let n = block.frameCount
            guard n > 0 else { return }
            loudness.consume(block)
            frameCount += n
            if mono.count < n { mono = [Float](repeating: 0, count: n) }
            let scale = 1 / Float(block.channelCount)
            for c in 0..<block.channelCount {
                block.withChannel(c) { x in
                    for i in 0..<n {
                        peak = max(peak, abs(x[i]))
                        if c == 0 { mono[i] = x[i] * scale } else { mono[i] += x[i] * scale }
                    }
                }
            }
            if block.channelCount >= 2 {
                block.withChannel(0) { l in
                    block.withChannel(1) { r in
                        var ll = 0.0, rr = 0.0, lr = 0.0
                        for i in 0..<n {
                            ll += Double(l[i] * l[i])
                            rr += Double(r[i] * r[i])
                            lr += Double(l[i] * r[i])
                        }
                        left += ll
                        right += rr
                        cross += lr
                    }
                }
            }
            // 50 ms RMS of the channels' mean power.
            block.withUnsafeStorage { storage in
                let stride = block.frameCapacity
                for i in 0..<n {
                    var p: Float = 0
                    for c in 0..<block.channelCount {
                        let v = storage[c * stride + i]
                        p += v * v
                    }
                    rmsSum += Double(p * scale)
                    rmsCount += 1
                    if rmsCount == rmsFrame {
                        frameLevels.append(Float(10 * Double.log10(max(rmsSum / Double(rmsFrame), 1e-20))))
                        rmsSum = 0
                        rmsCount = 0
                    }
                }
            }
            mono.withUnsafeBufferPointer { m in
                let part = UnsafeBufferPointer(rebasing: m[0..<n])
                if listensForOnsets { onsets.consume(part) }
                var frames = self.frames
                frames.consume(part) { _, magnitudes in addFrame(magnitudes) }
                self.frames = frames
            }
        }

        mutating func addFrame(_ magnitudes: UnsafeBufferPointer<Float>) {
            let bands = ThirdOctaves.centres.count
            var row = [Float](repeating: 0, count: bands)
            var logSum = 0.0, sum = 0.0, count = 0
            let binHz = sampleRate / Double(2 * (magnitudes.count - 1))
            for b in 1..<magnitudes.count {
                let p = magnitudes[b] * magnitudes[b]
                let k = bandOfBin[b]
                if k >= 0 { row[k] += p }
                let f = Double(b) * binHz
                if f >= 100 && f <= 8000 {
                    logSum += Double.log(Double(p) + 1e-20)
                    sum += Double(p)
                    count += 1
                }
            }
            bandPowers.append(contentsOf: row)
            frameEnergies.append(Float(sum))
            flatness.append(
                count > 0 && sum > 0 ? Float(Double.exp(logSum / Double(count)) / (sum / Double(count))) : 1)
        }

        /// What was measured.
        public mutating func result() -> StemMeasurement {
            var frames = self.frames
            frames.finish { _, magnitudes in addFrame(magnitudes) }
            self.frames = frames
            let envelope = listensForOnsets ? onsets.finish() : OnsetEnvelope(values: [], frameRate: 100)
            let onsetTimes = listensForOnsets ? OnsetDetector().onsets(in: envelope) : []
            let seconds = Double(frameCount) / sampleRate
            let level = loudness.result().integrated
            let loudest = frameLevels.max().map(Double.init)
            // Active 50 ms frames: within 40 dB of the loudest.
            let active = frameLevels.filter { Double($0) > (loudest ?? 0) - 40 }.sorted()
            var spiky = 0.0
            if active.count >= 4 {
                let p95 = Double(active[min(active.count - 1, Int(0.95 * Double(active.count)))])
                let p50 = Double(active[active.count / 2])
                spiky = p95 - p50
            }
            let activeSeconds = max(0.05, Double(active.count) * 0.05)
            let totalBands = StemMeasurement.average(bandPowers, where: nil)
            let total = totalBands.reduce(0, +)
            var low = -40.0, high = -40.0
            if total > 0 {
                var l = 0.0, h = 0.0
                for (k, p) in totalBands.enumerated() {
                    if ThirdOctaves.centres[k] < 150 { l += p }
                    if ThirdOctaves.centres[k] > 5000 { h += p }
                }
                low = max(-40, 10 * Double.log10(max(l / total, 1e-10)))
                high = max(-40, 10 * Double.log10(max(h / total, 1e-10)))
            }
            // Flatness over the frames within 40 dB of the loudest (silence says nothing).
            let loudestFrame = frameEnergies.max() ?? 0
            let flat = flatness.indices.filter { loudestFrame > 0 && frameEnergies[$0] >= loudestFrame * 1e-4 }
                .map { Double(flatness[$0]) }
            let tonal = flat.isEmpty ? 0 : 1 - flat.reduce(0, +) / Double(flat.count)
            var width = -40.0
            if channelCount >= 2 {
                let mid = (left + right + 2 * cross) / 4, side = (left + right - 2 * cross) / 4
                if mid > 0 { width = max(-40, min(20, 10 * Double.log10(max(side / mid, 1e-4)))) }
            }
            let sound = StemSound(
                low: low, high: high, spiky: spiky, onsets: Double(onsetTimes.count) / activeSeconds, tonal: tonal,
                width: width)
            return StemMeasurement(
                loudness: level, peak: peak > 0 ? 20 * Double.log10(Double(peak)) : nil,
                loudest: loudest.map { $0 > -190 ? $0 : nil } ?? nil, sound: sound, bandPowers: bandPowers,
                bandFrameRate: sampleRate / Double(frames.stft.hop), seconds: seconds,
                tempo: onsetTimes.count >= 8 ? TempoEstimator().tempo(envelope) : nil)
        }
    }
}
