public import ProducerAudio

/// Measures silence at the head and tail of a file: the frames before the first, and after the
/// last, sample whose magnitude exceeds a threshold on any channel.
///
/// Only the first and last loud frame indices are kept, so memory is constant.
public struct SilenceMeter: Meter, Sendable {
    /// Head and tail silence.
    public struct Result: Sendable, Codable, Equatable {
        /// The threshold in dBFS (sample magnitude).
        public var thresholdDBFS: Double
        /// Silence before the first loud sample, in seconds (the whole duration when nothing is loud).
        public var headSeconds: Double
        /// Silence after the last loud sample, in seconds (the whole duration when nothing is loud).
        public var tailSeconds: Double
        /// The duration consumed, in seconds.
        public var durationSeconds: Double
        /// The first frame above the threshold, or nil when none is.
        public var firstSoundFrame: Int?
        /// The last frame above the threshold, or nil when none is.
        public var lastSoundFrame: Int?
        /// True when no sample exceeds the threshold.
        public var isSilent: Bool { firstSoundFrame == nil }
    }

    /// The sample rate in Hz.
    public let sampleRate: Double
    /// The number of channels.
    public let channelCount: Int
    /// The threshold in dBFS.
    public let thresholdDBFS: Double
    @usableFromInline let threshold: Float
    @usableFromInline var first: Int?
    @usableFromInline var last: Int?
    @usableFromInline var frames = 0

    /// Makes a silence meter; a sample is loud when |x| > the threshold (default -60 dBFS).
    public init(sampleRate: Double, channelCount: Int, thresholdDBFS: Double = -60) {
        precondition(channelCount >= 1 && sampleRate > 0)
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        self.thresholdDBFS = thresholdDBFS
        self.threshold = Float(_pow(10, thresholdDBFS / 20))
    }

    /// Consumes the valid frames of `block`.
    public mutating func consume(_ block: AudioBuffer) {
        precondition(block.channelCount == channelCount, "channel count mismatch")
        let n = block.frameCount
        guard n > 0 else { return }
        let t = threshold, origin = frames
        var blockFirst = n, blockLast = -1
        for c in 0..<channelCount {
            block.withChannel(c) { buf in
                // Forward only while no loud frame is known, and only up to what this block knows.
                if first == nil {
                    var i = 0
                    while i < blockFirst { if abs(buf[i]) > t { blockFirst = i; break }; i += 1 }
                }
                var i = n - 1
                while i > blockLast { if abs(buf[i]) > t { blockLast = i; break }; i -= 1 }
            }
        }
        if first == nil && blockFirst < n { first = origin + blockFirst }
        if blockLast >= 0 { last = origin + blockLast }
        frames += n
    }

    /// Head and tail silence of everything consumed so far.
    public func result() -> Result {
        let duration = Double(frames) / sampleRate
        guard let first, let last else {
            return Result(
                thresholdDBFS: thresholdDBFS, headSeconds: duration, tailSeconds: duration,
                durationSeconds: duration, firstSoundFrame: nil, lastSoundFrame: nil)
        }
        return Result(
            thresholdDBFS: thresholdDBFS, headSeconds: Double(first) / sampleRate,
            tailSeconds: Double(frames - 1 - last) / sampleRate, durationSeconds: duration,
            firstSoundFrame: first, lastSoundFrame: last)
    }
}
