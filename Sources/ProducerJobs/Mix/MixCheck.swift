import ProducerAudio
import ProducerEars
import ProducerConsole

/// What `producer mix` says about the file it rendered: the loudness and true peak, and a
/// warning when the mix clips or is silent.
public struct MixCheck: Sendable, Encodable {
    /// What the render wrote.
    public var render: Mixdown.Result
    /// Integrated loudness, LUFS (nil for silence or a mix shorter than 400 ms).
    public var integratedLoudness: Double?
    /// True peak, dBTP.
    public var truePeak: Double?
    /// Sample peak, dBFS.
    public var samplePeak: Double?
    /// Seconds of tail rendered after the last track.
    public var tailSeconds: Double
    /// Problems worth a look: clipping, silence.
    public var warnings: [String]

    /// Measures the rendered mix (one streaming pass over the file).
    public init(result: Mixdown.Result) throws {
        let analysis = try Analyzer().analyze(path: result.output)
        render = result
        integratedLoudness = analysis.integratedLoudness
        truePeak = analysis.truePeak
        samplePeak = analysis.samplePeak
        tailSeconds = max(0, result.seconds - result.timelineSeconds)
        var warnings: [String] = []
        if analysis.samplePeak == nil {
            warnings.append("the mix is silent: every sample is zero (are all tracks muted, or is a fader at −inf?)")
        } else if let peak = analysis.samplePeak, peak < -60 {
            warnings.append("the mix is nearly silent: its peak is \(fixed(peak)) dBFS")
        }
        if let first = analysis.clipping.first {
            warnings.append(
                "the mix clips: \(analysis.clippingRunCount) run(s) of samples at full scale, the first at "
                    + "\(formatTime(first.start)); lower the master or put a limiter on it")
        } else if let tp = analysis.truePeak, tp > 0 {
            warnings.append(
                "the mix's true peak is +\(fixed(tp)) dBTP: over full scale between samples, it will clip "
                    + "on conversion or encoding; a true-peak limiter on the master keeps it under 0 dBTP")
        }
        self.warnings = warnings
    }

    /// "Loudness −14.2 LUFS integrated · true peak −1.0 dBTP · 2.350 s of tail after the last track".
    public var summary: String {
        let loudness = integratedLoudness.map { "\(fixed($0)) LUFS integrated" } ?? "no integrated loudness"
        let peak = truePeak.map { "true peak \(fixed($0)) dBTP" } ?? "no peak (silence)"
        return "Loudness \(loudness) · \(peak) · \(formatTime(tailSeconds)) of tail after the last track"
    }
}
