import ProducerAudio
import ProducerDSP
import RealModule

/// Finds each mic's delay (±``maxLag``, to a fraction of a sample) and polarity against a
/// reference mic, and renders the mic moved and flipped to line up with it.
///
/// The measurement streams both recordings in blocks (see `DelayEstimator`); with a ``window``,
/// the delay is also measured in windows overlapping by half, and a source that moves is followed
/// by a delay that changes smoothly between the windows' centres. Rendering reads the mic at
/// fractional positions through a 64-tap windowed sinc (``FractionalDelay``).
public struct MicAligner: Sendable {
    /// The sample rate of the recordings, Hz.
    public var sampleRate: Double
    /// The largest delay searched for, seconds (0.1: ±100 ms, about 34 m of path difference).
    public var maxLag: Double
    /// The length of the windows of a moving source's delay curve, seconds; nil for one delay.
    public var window: Double?
    /// A curve that spans more than this many samples counts as a moving source.
    public static let movingThreshold = 0.25

    public init(sampleRate: Double, maxLag: Double = 0.1, window: Double? = nil) {
        self.sampleRate = sampleRate
        self.maxLag = maxLag
        self.window = window
    }

    /// Measures `mic` against `reference`.
    /// - Parameter progress: told the fraction done (0…1).
    public func measure(
        reference: any MicSource, mic: any MicSource, progress: ((Double) -> Void)? = nil
    ) throws -> MicAlignment {
        var estimator = DelayEstimator(reference: reference, mic: mic)
        let length = max(1, min(reference.frameCount, mic.frameCount))
        let radius = max(1, Int((maxLag * sampleRate).rounded()))
        let measured = try estimator.estimate(range: 0..<length, center: 0, radius: radius)
        if measured.silent.reference || measured.silent.mic {
            let which = measured.silent.reference ? reference : mic
            throw MicError(
                .noSignal, file: which.name,
                "the recording is silent\(measured.silent.reference ? " (it is the reference)" : "") where the two overlap: there is nothing to align"
            )
        }
        let whole = measured.estimate
        progress?(0.5)
        guard let window, window > 0 else { return MicAlignment(sampleRate: sampleRate, delay: whole) }
        let size = max(256, Int(window * sampleRate))
        let hop = max(1, size / 2)
        var pow2 = 256
        while pow2 * 2 <= size { pow2 *= 2 }
        // Each window searches ±10 ms (3.4 m of movement) around the whole recording's delay.
        let localRadius = min(radius, max(16, pow2 / 4), Int(0.01 * sampleRate))
        var points: [DelayPoint] = []
        var start = 0
        let center = Int(whole.samples.rounded())
        repeat {
            let end = min(length, start + size)
            let (e, frame, _) = try estimator.estimate(range: start..<end, center: center, radius: localRadius)
            // A window with little of the source (a pause, a bleed alone) says nothing of its delay.
            if e.correlation >= max(0.05, 0.3 * whole.correlation) {
                points.append(DelayPoint(time: frame / sampleRate, samples: e.samples, correlation: e.correlation))
            }
            start += hop
            progress?(0.5 + 0.5 * Double(min(start, length)) / Double(length))
        } while start + hop < length
        let smoothed = Self.smooth(points.sorted { $0.time < $1.time })
        let spread = (smoothed.map(\.samples).max() ?? 0) - (smoothed.map(\.samples).min() ?? 0)
        return MicAlignment(
            sampleRate: sampleRate, delay: whole, curve: smoothed, moving: spread > Self.movingThreshold)
    }

    /// The curve with outliers taken out: a window whose delay is more than a sample away from
    /// both its neighbours (fooled by a noise or a bleed) takes their mean. Anything else is kept
    /// as measured, so that the peaks of a swaying source are not flattened.
    static func smooth(_ points: [DelayPoint]) -> [DelayPoint] {
        guard points.count >= 3 else { return points }
        var out = points
        for i in 1..<(points.count - 1) {
            let a = points[i - 1].samples, b = points[i + 1].samples, x = points[i].samples
            if abs(x - a) > 1 && abs(x - b) > 1 && abs(a - b) <= 1 { out[i].samples = (a + b) / 2 }
        }
        return out
    }

    /// Renders `mic` aligned: each channel read `alignment.delay(atFrame:)` samples later and
    /// flipped if inverted, as many frames as the mic has, handed to `write` block by block.
    public func render(
        mic: any MicSource, alignment: MicAlignment, blockSize: Int = 8192,
        write: (AudioBuffer) throws -> Void
    ) throws {
        let h = FractionalDelay.halfWidth
        let sign: Float = alignment.delay.inverted ? -1 : 1
        var block = AudioBuffer(channelCount: mic.channelCount, frameCapacity: blockSize)
        var delays = [Double](repeating: 0, count: blockSize)
        var input: [Float] = []
        var start = 0
        while start < mic.frameCount {
            let count = min(blockSize, mic.frameCount - start)
            var low = Double.infinity, high = -Double.infinity
            for i in 0..<count {
                let d = alignment.delay(atFrame: start + i)
                delays[i] = d
                low = min(low, d)
                high = max(high, d)
            }
            let first = Int((Double(start) + low).rounded(.down)) - h
            let last = Int((Double(start + count) + high).rounded(.up)) + h + 1
            if input.count != last - first { input = [Float](repeating: 0, count: last - first) }
            block.frameCount = count
            for c in 0..<mic.channelCount {
                try input.withUnsafeMutableBufferPointer { try mic.read(channel: c, from: first, into: $0) }
                input.withUnsafeBufferPointer { samples in
                    block.withMutableChannel(c) { out in
                        for i in 0..<count {
                            let t = Double(start + i) + delays[i]
                            out[i] = sign * FractionalDelay.value(at: t, samples: samples, origin: first)
                        }
                    }
                }
            }
            try write(block)
            start += count
        }
    }

    /// The level of the sum reference + mic below `cutoff` (a 4th-order Butterworth low-pass),
    /// dB of mean power, over the shorter of the two; −200 for silence.
    public func lowBandLevel(reference: any MicSource, mic: any MicSource, cutoff: Double = 200) throws -> Double {
        let sections = FilterDesign.butterworthQ(order: 4).map {
            Biquad(FilterDesign.lowPass(frequency: cutoff, q: $0, sampleRate: sampleRate))
        }
        var filters = sections
        let length = min(reference.frameCount, mic.frameCount)
        let size = 8192
        var a = [Float](repeating: 0, count: size), b = a
        var scratch: [Float] = []
        var energy = 0.0
        var start = 0
        while start < length {
            let count = min(size, length - start)
            try a.withUnsafeMutableBufferPointer {
                try reference.readMono(
                    from: start, into: UnsafeMutableBufferPointer(rebasing: $0[0..<count]), scratch: &scratch)
            }
            try b.withUnsafeMutableBufferPointer {
                try mic.readMono(
                    from: start, into: UnsafeMutableBufferPointer(rebasing: $0[0..<count]), scratch: &scratch)
            }
            for i in 0..<count {
                var y = Double(a[i]) + Double(b[i])
                for f in filters.indices { y = filters[f].process(y) }
                energy += y * y
            }
            start += count
        }
        let mean = energy / Double(max(1, length))
        return mean > 1e-20 ? 10 * Double.log10(mean) : -200
    }
}
