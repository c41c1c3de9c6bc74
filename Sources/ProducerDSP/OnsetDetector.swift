/// Finds note onsets with SuperFlux (Böck & Widmer 2013): the half-wave-rectified increase of
/// a log-compressed, log-frequency spectrogram against a maximum filter over neighbouring bands
/// of an earlier frame (which keeps vibrato from registering as onsets), then peak picking
/// against a moving average.
///
/// Frames are ~46 ms long (a power of two: 2048 samples at 44.1 or 48 kHz) every 10 ms, on a
/// filterbank of 24 bands per octave from 30 Hz to 17 kHz, compressed as `log10(1 + x)`; the
/// envelope and thresholds follow madmom's SuperFlux. It works on drums and on pitched notes,
/// including legato changes of pitch without a new attack.
public struct OnsetDetector: Sendable {
    /// Frames per second of the onset envelope.
    public var frameRate: Double = 100
    /// Bands per octave of the log-frequency filterbank.
    public var bandsPerOctave: Int = 24
    /// Width in bands of SuperFlux's maximum filter over frequency (1 turns it off).
    public var maximumFilterWidth: Int = 3
    /// δ: how far above the local mean a peak must rise to count.
    public var threshold: Float = 1.1
    /// A peak must be the maximum from `preMaximum` seconds before it to `postMaximum` after.
    public var preMaximum: Double = 0.01
    /// See ``preMaximum``.
    public var postMaximum: Double = 0.05
    /// The local mean runs from `preAverage` seconds before a frame to `postAverage` after.
    public var preAverage: Double = 0.15
    /// See ``preAverage``.
    public var postAverage: Double = 0
    /// Onsets closer than this to the previous one (seconds) are dropped.
    public var minimumInterval: Double = 0.03
    /// Frames between the two spectra compared; nil: as far apart as the window's half-height
    /// half-width (madmom's `diff_ratio` 0.5), one frame at 100 frames per second.
    public var differenceFrames: Int? = nil
    /// Upper edge (Hz) of the low-frequency strength used for accents.
    public var lowFrequencyLimit: Double = 200

    /// A detector with the default (madmom SuperFlux) settings.
    public init() {}

    /// The analysis frame size for `sampleRate`: the power of two nearest 46.4 ms.
    public static func frameSize(sampleRate: Double) -> Int {
        let target = sampleRate * 0.0464
        var n = 256
        while Double(n) * 1.4142 < target { n *= 2 }
        return n
    }

    /// The onset strength envelope of mono `samples`.
    public func strength(_ samples: [Float], sampleRate: Double) -> OnsetEnvelope {
        var stream = stream(sampleRate: sampleRate)
        samples.withUnsafeBufferPointer { stream.consume($0) }
        return stream.finish()
    }

    /// A stream that computes the onset strength envelope of mono audio at `sampleRate` fed in
    /// blocks (see ``Stream``).
    public func stream(sampleRate: Double) -> Stream {
        Stream(detector: self, sampleRate: sampleRate)
    }

    /// The onset times (seconds) of mono `samples`.
    public func onsets(_ samples: [Float], sampleRate: Double) -> [Double] {
        onsets(in: strength(samples, sampleRate: sampleRate))
    }

    /// Picks onsets (seconds) from an envelope made by ``strength(_:sampleRate:)``: frames that
    /// are the maximum within [−``preMaximum``, +``postMaximum``] and at least ``threshold``
    /// above the mean over [−``preAverage``, +``postAverage``], no closer than
    /// ``minimumInterval`` to the previous onset.
    public func onsets(in envelope: OnsetEnvelope) -> [Double] {
        var picker = Picker(self, frameRate: envelope.frameRate)
        var result: [Double] = []
        envelope.values.withUnsafeBufferPointer { picker.pick($0, isComplete: true) { result.append($0) } }
        return result
    }
}
