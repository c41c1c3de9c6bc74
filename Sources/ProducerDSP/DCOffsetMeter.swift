public import ProducerAudio

/// Measures the DC offset (the mean sample value) of every channel.
///
/// Samples are summed in `Double`, eight lanes keyed by absolute frame index, flushed every
/// 65 536 frames into a Kahan-compensated total; a two-hour file stays accurate to far better
/// than 1e-9 and the result does not depend on how the audio is split into blocks.
public struct DCOffsetMeter: Meter, Sendable {
    /// The DC offset of one channel.
    public struct Channel: Sendable, Codable, Equatable {
        /// The channel index, from 0.
        public var channel: Int
        /// The mean sample value (full scale = 1).
        public var mean: Double
        /// The magnitude of the mean in dBFS (20·log10|mean|), or nil when the mean is exactly 0.
        public var levelDBFS: Double?
    }

    /// The DC offset of every channel.
    public struct Result: Sendable, Codable, Equatable {
        /// One entry per channel, in channel order.
        public var channels: [Channel]
        /// Frames measured.
        public var frameCount: Int
        /// The largest offset magnitude over all channels in dBFS, or nil when every mean is 0
        /// or nothing was measured.
        public var worstLevelDBFS: Double? {
            channels.compactMap(\.levelDBFS).max()
        }
    }

    /// The sample rate in Hz.
    public let sampleRate: Double
    /// The number of channels.
    public let channelCount: Int
    @usableFromInline static let flushInterval = 65_536
    @usableFromInline var lanes: [SIMD8<Double>]
    @usableFromInline var total: [Double]
    @usableFromInline var compensation: [Double]
    @usableFromInline var frames = 0

    /// Makes a meter for audio with the given sample rate and channel count.
    public init(sampleRate: Double, channelCount: Int) {
        precondition(channelCount >= 1)
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        lanes = Array(repeating: .zero, count: channelCount)
        total = Array(repeating: 0, count: channelCount)
        compensation = Array(repeating: 0, count: channelCount)
    }

    /// Consumes the valid frames of `block`.
    public mutating func consume(_ block: AudioBuffer) {
        precondition(block.channelCount == channelCount, "channel count mismatch")
        let n = block.frameCount
        guard n > 0 else { return }
        let origin = frames
        for c in 0..<channelCount {
            var acc = lanes[c], sum = total[c], comp = compensation[c]
            block.withChannel(c) { buf in
                guard let p = buf.baseAddress else { return }
                var i = 0
                while i < n {
                    let boundary = ((origin + i) / Self.flushInterval + 1) * Self.flushInterval - origin
                    let end = min(n, boundary)
                    LaneSums.sum(p, from: i, to: end, origin: origin, into: &acc)
                    if end == boundary {
                        // Kahan-add the finished chunk.
                        let y = acc.sum() - comp
                        let t = sum + y
                        comp = (t - sum) - y
                        sum = t
                        acc = .zero
                    }
                    i = end
                }
            }
            lanes[c] = acc; total[c] = sum; compensation[c] = comp
        }
        frames += n
    }

    /// The DC offset of everything consumed so far (mean 0 when nothing was consumed).
    public func result() -> Result {
        var out: [Channel] = []
        for c in 0..<channelCount {
            let s = (total[c] + (lanes[c].sum() - compensation[c]))
            let mean = frames > 0 ? s / Double(frames) : 0
            out.append(Channel(channel: c, mean: mean, levelDBFS: mean == 0 ? nil : decibels(amplitude: abs(mean))))
        }
        return Result(channels: out, frameCount: frames)
    }
}
