import RealModule

/// A monophonic pitch tracker for voice and instruments (40 Hz – 2 kHz by default), in the pYIN
/// family (Mauch & Dixon 2014).
///
/// For each frame, centred at `i · hopSeconds` (the input is padded with silence at both ends):
/// 1. The input is low-passed and decimated to a rate of about `5.5 × maximumFrequency`, so that a
///    frame (20 ms plus two periods of `minimumFrequency` either side) fits a 1024-point FFT.
/// 2. The YIN difference function d(τ) = r_t(0) + r_{t+τ}(0) − 2 r_t(τ) is computed with an
///    FFT cross-correlation and running energy sums, then cumulative-mean normalised (d′). To keep
///    the estimate centred on the frame for every lag, the 20 ms window is compared both with the
///    signal τ later and τ earlier, and the two difference functions are added.
/// 3. pYIN's beta prior over YIN thresholds (mean 0.15) turns the troughs of d′ into pitch
///    candidates with probabilities; each trough's lag and depth are refined by a parabola.
/// 4. A hidden Markov model with one voiced state per candidate (a pitch, in effect a sparse set
///    of pitch bins: states whose observation probability is zero can never be on the best path and
///    are skipped) and one unvoiced state is decoded with Viterbi. Voiced-to-voiced transitions
///    favour moves of at most about a semitone per hop (triangular kernel), with a small chance of a
///    jump to any pitch (note changes); switching voicing has probability ``voicingSwitchProbability``.
/// 5. Frames within a few hops of a note change or voicing boundary of the decoded path, whose
///    window spans two notes, get one-sided candidates as well (YIN on the half window before and
///    the half window after the frame's centre; at the end of a voiced stretch, a whole window
///    ending at the centre, see ``revisit(frame:ending:signal:signalStart:signalEnd:candidates:scratch:)``), and the model is decoded again.
/// 6. The chosen candidate's frequency is refined at the full sample rate by a parabola through the
///    raw difference function (of the candidate's own window) around its lag.
///
/// The tracker runs as a ``Stream``: fed in blocks, it emits each frame as soon as it is final and
/// holds only what its stages still need, so its memory does not grow with the input (see
/// ``Stream`` for how the Viterbi decoding is done online). ``track(_:)`` runs one over a whole
/// buffer.
///
/// ``PitchFrame/voicing`` is the sum of the frame's candidate probabilities (the mass of the
/// threshold prior for which YIN finds a pitch); ``PitchFrame/isVoiced`` is the Viterbi decision.
public struct PitchTracker: Sendable {
    /// Input sample rate in Hz.
    public let sampleRate: Double
    /// Lowest fundamental searched, in Hz.
    public let minimumFrequency: Double
    /// Highest fundamental searched, in Hz.
    public let maximumFrequency: Double
    /// Spacing of output frames in seconds.
    public let hopSeconds: Double
    /// Probability of switching between voiced and unvoiced from one frame to the next.
    public var voicingSwitchProbability: Double = 0.003
    /// Weight of a jump from a voiced frame to an arbitrary pitch (a note change) beside the smooth
    /// moves of at most about a semitone per hop. It is not divided among the pitch bins, so a clear
    /// note change costs about as much as one voicing switch and the track does not drop out.
    public var pitchJumpProbability: Double = 0.05
    /// Multiplies the unvoiced observation probability: above 1 makes the tracker more cautious.
    public var unvoicedBias: Double = 1

    // Analysis geometry at the decimated rate.
    let decimation: Int
    let analysisRate: Double
    let window: Int
    let minimumLag: Int
    let maximumLag: Int
    let fftSize: Int
    let fft: PitchFFT
    let halfFFT: PitchFFT
    let filter: [Float]
    let filterHalf: Int
    /// Cumulative pYIN threshold prior: `thresholdCDF[k]` = mass of thresholds 0.01 … k/100.
    let thresholdCDF: [Double]

    /// A tracker for input at `sampleRate` Hz that searches `minimumFrequency…maximumFrequency`
    /// and reports a frame every `hopSeconds`.
    public init(
        sampleRate: Double, minimumFrequency: Double = 40, maximumFrequency: Double = 2000, hopSeconds: Double = 0.01
    ) {
        precondition(sampleRate > 0 && minimumFrequency > 0 && maximumFrequency > minimumFrequency && hopSeconds > 0)
        self.sampleRate = sampleRate
        self.minimumFrequency = minimumFrequency
        self.maximumFrequency = min(maximumFrequency, 0.45 * sampleRate)
        self.hopSeconds = hopSeconds
        let d = max(1, Int(sampleRate / (5.5 * self.maximumFrequency)))
        decimation = d
        analysisRate = sampleRate / Double(d)
        minimumLag = max(2, Int((analysisRate / self.maximumFrequency).rounded(.down)) - 1)
        maximumLag = Int((analysisRate / minimumFrequency).rounded(.up)) + 2
        // A 20 ms window compared with the signal τ later and τ earlier (centred on the frame):
        // the frame spans window + 2 × maximum lag + 1 samples, within one FFT.
        let w = max(16, Int(0.02 * analysisRate))
        var n = 64
        while n < w + 2 * maximumLag + 1 { n *= 2 }
        fftSize = n
        window = w
        fft = PitchFFT(size: n)
        halfFFT = PitchFFT(size: n / 2)
        // Windowed-sinc (Blackman) anti-aliasing low-pass, cut-off 0.42 × the decimated rate.
        if d > 1 {
            let half = 8 * d
            let fc = 0.42 / Double(d)
            var h = [Float]()
            var sum = 0.0
            var taps = [Double]()
            for k in -half...half {
                let x = Double(k)
                let sinc = k == 0 ? 2 * fc : Double.sin(2 * Double.pi * fc * x) / (Double.pi * x)
                let w =
                    0.42 + 0.5 * Double.cos(Double.pi * x / Double(half + 1))
                    + 0.08 * Double.cos(2 * Double.pi * x / Double(half + 1))
                taps.append(sinc * w); sum += sinc * w
            }
            for t in taps { h.append(Float(t / sum)) }
            while h.count % 8 != 0 { h.append(0) }
            filter = h
            filterHalf = half
        } else {
            filter = [1, 0, 0, 0, 0, 0, 0, 0]
            filterHalf = 0
        }
        // pYIN's threshold prior: a beta distribution with mean 0.15 (α = 2, β = 34/3) over 0.01 … 1.
        var prior = [Double]()
        for i in 1...100 {
            let s = Double(i) / 100
            prior.append(s * Double.pow(max(0, 1 - s), 34.0 / 3 - 1))
        }
        let total = prior.reduce(0, +)
        var cdf = [0.0]
        for p in prior { cdf.append(cdf.last! + p / total) }
        thresholdCDF = cdf
    }

    /// Tracks the pitch of mono `samples` at ``sampleRate``: one frame every ``hopSeconds`` from
    /// time 0 to the end (frame `i` is centred at `i · hopSeconds`). Runs a ``Stream`` over them.
    /// - Complexity: O(n log n) in the input length, dominated by two FFTs per frame (plus a
    ///   direct one-sided YIN at the frames next to note changes).
    public func track(_ samples: UnsafeBufferPointer<Float>) -> [PitchFrame] {
        var frames: [PitchFrame] = []
        frames.reserveCapacity(Int((Double(samples.count) / sampleRate / hopSeconds).rounded(.down)) + 1)
        var stream = stream()
        stream.consume(samples) { frames.append($0) }
        stream.finish { frames.append($0) }
        return frames
    }

    /// Tracks the pitch of mono `samples`; see the buffer-pointer overload.
    public func track(_ samples: [Float]) -> [PitchFrame] {
        samples.withUnsafeBufferPointer { track($0) }
    }
}
