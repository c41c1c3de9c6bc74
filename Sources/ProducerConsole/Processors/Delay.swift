public import ProducerAudio
import ProducerMusic
import RealModule

/// How ``StereoDelay`` reads between samples when the delay time is not a whole number of frames.
public enum DelayInterpolation: String, Sendable, CaseIterable {
    /// Two-point linear interpolation.
    case linear
    /// Four-point cubic (Catmull-Rom) interpolation: smoother when the time is automated.
    case cubic
}

/// A stereo echo: one delay line per channel in a fixed ring buffer (up to 4 s, allocated in
/// `prepare`), with feedback through a low-cut and a high-cut filter, and a dry/wet mix.
///
/// Each channel: `d = line(time)`, `line ← input + feedback · highCut(lowCut(d))`,
/// `out = (1 − mix)·input + mix·d`. The first echo is the input exactly, delayed by the time;
/// each repeat goes once more through the filters (one-pole, 6 dB/octave each).
///
/// In ping-pong mode the mono sum ½(L + R) feeds the left line only, the left line's output
/// feeds the right line, and the right line's output feeds the left line, both through
/// `feedback` and the filters: echoes alternate left (after `timeLeft`), right (after a further
/// `timeRight`), left… With one channel, the single line uses `timeLeft`.
///
/// Parameters (session names):
/// - `time`: both delay times, ms, 1 … 4000 (default 375).
/// - `timeLeft`, `timeRight`: one channel's delay time, ms, 1 … 4000.
/// - `tempo`: BPM, 20 … 400; when the delay is tempo-synced (`sync` in the initialiser),
///   setting it re-derives both times from the note value.
/// - `feedback`: 0 … 0.95 (default 0.35).
/// - `lowCut`: high-pass corner in the feedback loop, Hz, 0 (off) or 10 … 5000 (default 0).
/// - `highCut`: low-pass corner in the feedback loop, Hz, 0 (off) or 200 … 22000 (default 0);
///   at or above 0.45 × the sample rate it is off.
/// - `mix`: wet share, 0 … 1 (default 0.3).
/// - `pingPong`: 0 (off) or 1 (on); switched immediately.
///
/// Smoothing: gains, feedback, mix and filter corners follow their targets with a 10 ms
/// one-pole; the delay time follows with a 50 ms one-pole whose slope is limited to 0.2 frames
/// per frame (a pitch change of at most ±20 % while it moves), read with fractional
/// interpolation, so automating it never clicks. A settled time is exact (a whole number of
/// frames reads the sample itself).
public struct StereoDelay: Processor {
    /// Longest delay, ms.
    public static let maximumTime = 4000.0

    /// The repeats until the feedback has taken them 90 dB down, one round trip each (left and
    /// right in ping-pong), plus the first echo. The filters in the loop only shorten it.
    public var tailSeconds: Double {
        let trip = (pingPong ? timeLeft + timeRight : max(timeLeft, timeRight)) / 1000
        guard feedback > 0 else { return trip }
        let repeats = (90 / -(20 * Double.log10(feedback))).rounded(.up)
        return trip * (repeats + 1)
    }

    /// Left delay time, ms (1 … 4000).
    public var timeLeft: Double { didSet { timeLeft = Self.clampTime(timeLeft) } }
    /// Right delay time, ms (1 … 4000).
    public var timeRight: Double { didSet { timeRight = Self.clampTime(timeRight) } }
    /// The note value the times follow (e.g. "1/8", "1/4.", "1/8t"), or nil for free times.
    public let sync: String?
    /// Tempo for `sync`, BPM.
    public var tempo: Double
    /// Feedback gain (0 … 0.95).
    public var feedback: Double { didSet { feedback = min(0.95, max(0, feedback)) } }
    /// Low-cut corner in the feedback loop, Hz (0 = off).
    public var lowCut: Double { didSet { lowCut = max(0, lowCut) } }
    /// High-cut corner in the feedback loop, Hz (0 = off).
    public var highCut: Double { didSet { highCut = max(0, highCut) } }
    /// Wet share (0 … 1).
    public var mix: Double { didSet { mix = min(1, max(0, mix)) } }
    /// Ping-pong routing.
    public var pingPong: Bool
    /// Fractional-delay interpolation.
    public let interpolation: DelayInterpolation

    var sampleRate = 48_000.0
    var channelCount = 0
    var lines: [Float] = []
    var mask = 0
    var writeIndex = 0
    var smooth: Float = 1
    var timeSmooth = 1.0
    var state = DelayState()

    struct DelayState: Sendable {
        var delayL = 0.0, delayR = 0.0
        var feedback: Float = 0, mix: Float = 0, lowA: Float = 0, highA: Float = 1
        var lowL: Float = 0, lowR: Float = 0, highL: Float = 0, highR: Float = 0
    }

    /// Makes a delay.
    /// - Parameters:
    ///   - time: both times, ms (1 … 4000); ignored for a side given by `timeLeft`/`timeRight`
    ///     and when `sync` is a valid note value.
    ///   - timeLeft, timeRight: per-side times, ms.
    ///   - sync: a note value ("1/4", "1/8", "1/16", "1/4." dotted, "1/8t" triplet, "3/16"…)
    ///     at `tempo`; when valid it sets both times (see ``syncedTime(_:tempo:)``).
    ///   - tempo: BPM for `sync` (default 120).
    ///   - feedback: 0 … 0.95.
    ///   - lowCut, highCut: corners in the feedback loop, Hz (0 = off).
    ///   - mix: 0 … 1.
    ///   - pingPong: ping-pong routing.
    ///   - interpolation: `.cubic` (default) or `.linear`.
    public init(
        time: Double = 375, timeLeft: Double? = nil, timeRight: Double? = nil,
        sync: String? = nil, tempo: Double = 120,
        feedback: Double = 0.35, lowCut: Double = 0, highCut: Double = 0,
        mix: Double = 0.3, pingPong: Bool = false, interpolation: DelayInterpolation = .cubic
    ) {
        let synced = sync.flatMap { Self.syncedTime($0, tempo: tempo) }
        self.timeLeft = Self.clampTime(synced ?? timeLeft ?? time)
        self.timeRight = Self.clampTime(synced ?? timeRight ?? time)
        self.sync = synced == nil ? nil : sync
        self.tempo = tempo
        self.feedback = min(0.95, max(0, feedback))
        self.lowCut = max(0, lowCut)
        self.highCut = max(0, highCut)
        self.mix = min(1, max(0, mix))
        self.pingPong = pingPong
        self.interpolation = interpolation
    }

    static func clampTime(_ t: Double) -> Double { min(maximumTime, max(1, t)) }

    /// The duration of a note value at a tempo, ms, read through ProducerMusic's ``TempoMap``:
    /// "n/d" is n/d of a whole note (four quarter notes), a trailing "." makes it dotted
    /// (× 1.5), a trailing "t" a triplet (× 2/3). Nil when the text is not a note value or the
    /// tempo is not positive.
    public static func syncedTime(_ note: String, tempo: Double) -> Double? {
        guard tempo > 0, tempo.isFinite, let quarters = quarterNotes(note) else { return nil }
        return TempoMap(bpm: tempo).seconds(atQuarterNotes: quarters) * 1000
    }

    /// The length of a note value in quarter notes ("1/8." is 0.75), or nil when it is not one.
    static func quarterNotes(_ note: String) -> Double? {
        var text = Substring(note.lowercased().filter { $0 != " " })
        var scale = 1.0
        if text.hasSuffix(".") {
            scale = 1.5; text = text.dropLast()
        } else if text.hasSuffix("t") {
            scale = 2.0 / 3.0; text = text.dropLast()
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let n = Int(parts[0]), let d = Int(parts[1]), n > 0, d > 0 else { return nil }
        return 4 * Double(n) / Double(d) * scale
    }

    public mutating func prepare(sampleRate: Double, channelCount: Int, maximumBlockFrames: Int) {
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        var size = 1
        while size < Int(Self.maximumTime / 1000 * sampleRate) + 8 { size <<= 1 }
        mask = size - 1
        lines = [Float](repeating: 0, count: size * max(1, channelCount))
        writeIndex = 0
        smooth = Float(1 - Double.exp(-1 / (0.010 * sampleRate)))
        timeSmooth = 1 - Double.exp(-1 / (0.050 * sampleRate))
        state = DelayState()
        state.delayL = timeLeft / 1000 * sampleRate
        state.delayR = timeRight / 1000 * sampleRate
        state.feedback = Float(feedback)
        state.mix = Float(mix)
        state.lowA = lowCoefficient
        state.highA = highCoefficient
    }

    var lowCoefficient: Float {
        lowCut <= 0 ? 0 : Float(1 - Double.exp(-2 * Double.pi * min(lowCut, 0.45 * sampleRate) / sampleRate))
    }
    var highCoefficient: Float {
        highCut <= 0 || highCut >= 0.45 * sampleRate ? 1 : Float(1 - Double.exp(-2 * Double.pi * highCut / sampleRate))
    }

    @discardableResult
    public mutating func setParameter(_ name: String, to value: Double) -> Bool {
        switch name {
        case "time": timeLeft = value; timeRight = value
        case "timeLeft": timeLeft = value
        case "timeRight": timeRight = value
        case "tempo":
            tempo = min(400, max(20, value))
            if let sync, let t = Self.syncedTime(sync, tempo: tempo) { timeLeft = t; timeRight = t }
        case "feedback": feedback = value
        case "lowCut": lowCut = value
        case "highCut": highCut = value
        case "mix": mix = value
        case "pingPong": pingPong = value >= 0.5
        default: return false
        }
        return true
    }

    public mutating func process(_ block: inout AudioBuffer, sidechain: AudioBuffer?) {
        precondition(!lines.isEmpty, "prepare first")
        let frames = block.frameCount
        guard frames > 0 else { return }
        let stereo = channelCount >= 2 && block.channelCount >= 2
        let stride = block.frameCapacity
        let size = mask + 1
        let mask = self.mask
        let k = smooth, kt = timeSmooth
        let targetL = timeLeft / 1000 * sampleRate, targetR = timeRight / 1000 * sampleRate
        let maxDelay = Double(size - 4)
        let targetFeedback = Float(feedback), targetMix = Float(mix)
        let targetLowA = lowCoefficient, targetHighA = highCoefficient
        let pingPong = self.pingPong && stereo
        let cubic = interpolation == .cubic
        var s = state
        var w = writeIndex

        @inline(__always) func step(_ current: Double, _ target: Double) -> Double {
            let diff = target - current
            if abs(diff) < 1e-4 { return target }
            return current + min(0.2, max(-0.2, diff * kt))
        }
        @inline(__always) func read(_ line: UnsafeMutablePointer<Float>, _ delay: Double) -> Float {
            let d = min(maxDelay, max(2, delay))
            let whole = Int(d)
            let t = Float(d - Double(whole))
            let i = w - whole
            let x1 = line[i & mask], x2 = line[(i - 1) & mask]
            if !cubic { return x1 + t * (x2 - x1) }
            let x0 = line[(i + 1) & mask], x3 = line[(i - 2) & mask]
            // Catmull-Rom between x1 (t = 0) and x2 (t = 1).
            let c1 = 0.5 * (x2 - x0)
            let c2 = x0 - 2.5 * x1 + 2 * x2 - 0.5 * x3
            let c3 = 0.5 * (x3 - x0) + 1.5 * (x1 - x2)
            return ((c3 * t + c2) * t + c1) * t + x1
        }

        block.withUnsafeMutableStorage { storage in
            lines.withUnsafeMutableBufferPointer { lineBuffer in
                let left = storage.baseAddress!
                let right = stereo ? left + stride : left
                let lineL = lineBuffer.baseAddress!
                let lineR = stereo ? lineL + size : lineL
                for n in 0..<frames {
                    s.delayL = step(s.delayL, targetL)
                    s.delayR = step(s.delayR, targetR)
                    s.feedback += k * (targetFeedback - s.feedback)
                    s.mix += k * (targetMix - s.mix)
                    s.lowA += k * (targetLowA - s.lowA)
                    s.highA += k * (targetHighA - s.highA)
                    let inL = left[n]
                    let dL = read(lineL, s.delayL)
                    // Feedback filters: high-pass (x − low-passed x), then low-pass.
                    s.lowL += s.lowA * (dL - s.lowL)
                    s.highL += s.highA * ((dL - s.lowL) - s.highL)
                    let fbL = s.feedback * s.highL
                    if stereo {
                        let inR = right[n]
                        let dR = read(lineR, s.delayR)
                        s.lowR += s.lowA * (dR - s.lowR)
                        s.highR += s.highA * ((dR - s.lowR) - s.highR)
                        let fbR = s.feedback * s.highR
                        if pingPong {
                            lineL[w & mask] = 0.5 * (inL + inR) + fbR
                            lineR[w & mask] = fbL
                        } else {
                            lineL[w & mask] = inL + fbL
                            lineR[w & mask] = inR + fbR
                        }
                        right[n] = (1 - s.mix) * inR + s.mix * dR
                    } else {
                        lineL[w & mask] = inL + fbL
                    }
                    left[n] = (1 - s.mix) * inL + s.mix * dL
                    w = (w + 1) & mask
                }
            }
        }
        // Snap settled parameters so constant settings are exact.
        if abs(s.feedback - targetFeedback) < 1e-6 { s.feedback = targetFeedback }
        if abs(s.mix - targetMix) < 1e-6 { s.mix = targetMix }
        if abs(s.lowA - targetLowA) < 1e-7 { s.lowA = targetLowA }
        if abs(s.highA - targetHighA) < 1e-7 { s.highA = targetHighA }
        state = s
        writeIndex = w
    }
}
