import Foundation

/// What reading a delivered audio file found, in the figures the delivery rules speak of.
///
/// ProducerJobs measures a file; ``DeliveryRules/findings(for:name:parts:)`` judges it.
public struct DeliveryMeasurement: Hashable, Sendable, Codable {
    public var sampleRate: Double
    /// Bits per stored sample.
    public var bitDepth: Int
    /// True for floating-point samples.
    public var isFloat: Bool
    public var channels: Int
    /// Length in seconds.
    public var duration: Double
    /// The highest sample peak in dBFS; nil for digital silence.
    public var peakDBFS: Double?
    /// Where the peak is, in seconds, and its channel (1 = first).
    public var peakTime: Double
    public var peakChannel: Int
    /// Runs of consecutive full-scale samples, in time order, overlapping channels merged.
    public var clips: [Clip]
    /// When the music starts (the first sample above the silence level), in seconds; nil when
    /// nothing rises above it.
    public var musicStart: Double?
    /// When the music ends (just after the last sample above the silence level), in seconds.
    public var musicEnd: Double?
    /// The peak of the file's last `cutOffMilliseconds`, in dBFS; nil for digital silence.
    public var endPeakDBFS: Double?

    public init(
        sampleRate: Double, bitDepth: Int, isFloat: Bool = false, channels: Int, duration: Double,
        peakDBFS: Double?, peakTime: Double = 0, peakChannel: Int = 1, clips: [Clip] = [], musicStart: Double?,
        musicEnd: Double?, endPeakDBFS: Double?
    ) {
        self.sampleRate = sampleRate
        self.bitDepth = bitDepth
        self.isFloat = isFloat
        self.channels = channels
        self.duration = duration
        self.peakDBFS = peakDBFS
        self.peakTime = peakTime
        self.peakChannel = peakChannel
        self.clips = clips
        self.musicStart = musicStart
        self.musicEnd = musicEnd
        self.endPeakDBFS = endPeakDBFS
    }

    /// A clipped passage: full-scale samples in a row.
    public struct Clip: Hashable, Sendable, Codable {
        /// Start and end in seconds.
        public var start: Double
        public var end: Double
        /// Channels clipped in it (1 = first).
        public var channels: [Int]
        /// The longest run of full-scale samples in it.
        public var samples: Int

        public init(start: Double, end: Double, channels: [Int], samples: Int) {
            self.start = start
            self.end = end
            self.channels = channels
            self.samples = samples
        }
    }
}

/// One reason a delivered file is refused, with where in the file it is.
public struct DeliveryFinding: Hashable, Sendable, Codable, CustomStringConvertible {
    /// What rule it breaks: `unreadable`, `sample rate`, `bit depth`, `peak`, `clipping`, `head`,
    /// `cut off`, `tail`, `silent`, `name`.
    public var rule: String
    /// Where it is in the file, in seconds, when it is at a place.
    public var at: Double?
    /// The reason, in words.
    public var message: String

    public init(rule: String, at: Double? = nil, message: String) {
        self.rule = rule
        self.at = at
        self.message = message
    }

    public var description: String { message }
}
