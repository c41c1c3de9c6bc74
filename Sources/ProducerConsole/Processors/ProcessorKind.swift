/// The processors a session can insert, each with its parameters declared once.
///
/// A session names a kind by its raw value (`- compressor: { threshold: -18 }`).
public enum ProcessorKind: String, Sendable, CaseIterable {
    case eq, filter, compressor, gate, deesser, saturation, delay, reverb, width, limiter

    /// What the processor is, in a few words.
    public var summary: String {
        switch self {
        case .eq: "high-pass, low-pass and up to 4 bands of peak or shelf"
        case .filter: "one filter: a low-, high- or band-pass, notch, peak or shelf"
        case .compressor: "a feed-forward compressor, optionally keyed from another track"
        case .gate: "a gate or expander, optionally keyed from another track"
        case .deesser: "a split-band de-esser"
        case .saturation: "a waveshaper, 4× oversampled"
        case .delay: "a stereo delay, free or synced to the tempo"
        case .reverb: "a feedback-delay-network reverb, rate independent"
        case .width: "mid/side stereo width"
        case .limiter: "a true-peak look-ahead limiter"
        }
    }

    /// The parameter named `name` (or by one of its aliases).
    public func parameter(_ name: String) -> ParameterSpec? { parameters.first { $0.answers(to: name) } }

    /// Every parameter, in the order the reference lists them.
    public var parameters: [ParameterSpec] {
        switch self {
        case .eq: Self.eqParameters
        case .filter: Self.filterParameters
        case .compressor: Self.compressorParameters
        case .gate: Self.gateParameters
        case .deesser: Self.deesserParameters
        case .saturation: Self.saturationParameters
        case .delay: Self.delayParameters
        case .reverb: Self.reverbParameters
        case .width:
            [ParameterSpec("width", range: 0...2, default: "1", "0 folds to mono, 1 leaves it, 2 doubles the side")]
        case .limiter: Self.limiterParameters
        }
    }

    static let slopes = ParameterSpec.Value.steps([12, 24, 36, 48])

    static let eqParameters = [
        ParameterSpec(
            "highpass", unit: "Hz", range: 10...100_000, rateLimit: 0.49, off: 0, default: "off", "high-pass corner"),
        ParameterSpec(
            "highpassSlope", slopes, unit: "dB/oct", default: "12", automatable: true, aliases: ["highpass_slope"],
            "high-pass slope (Butterworth)"),
        ParameterSpec(
            "lowpass", unit: "Hz", range: 10...100_000, rateLimit: 0.49, off: 0, default: "off", "low-pass corner"),
        ParameterSpec(
            "lowpassSlope", slopes, unit: "dB/oct", default: "12", automatable: true, aliases: ["lowpass_slope"],
            "low-pass slope (Butterworth)"),
        ParameterSpec(
            "bands", .bands(count: 4), default: "none",
            "peak or shelf bands; automate one as bandN.freq, bandN.gain, bandN.q (N from 1)"),
    ]

    /// The parameters of one EQ band (`bands: [{ freq: 3000, gain: 2, q: 1, type: peak }]`).
    public static let bandParameters = [
        ParameterSpec(
            "freq", unit: "Hz", range: 10...100_000, rateLimit: 0.49, default: "required", "centre or corner frequency"),
        ParameterSpec("gain", unit: "dB", range: -30...30, default: "0", "boost or cut"),
        ParameterSpec("q", range: 0.1...20, default: "1", "bandwidth (0.7071 is the steepest shelf without overshoot)"),
        ParameterSpec("type", .choice(["peak", "lowshelf", "highshelf"]), default: "peak", "the band's shape"),
    ]

    static let filterParameters = [
        ParameterSpec(
            "type", .choice(["lowpass", "highpass", "bandpass", "notch", "peak", "lowshelf", "highshelf"]),
            default: "required", "the filter's shape"),
        ParameterSpec(
            "freq", unit: "Hz", range: 10...100_000, rateLimit: 0.49, default: "1000", aliases: ["frequency"],
            "centre or corner frequency"),
        ParameterSpec("gain", unit: "dB", range: -30...30, default: "0", "boost or cut (peak and shelves)"),
        ParameterSpec(
            "q", range: 0.1...20, default: "0.7071", defaultValue: 0.5.squareRoot(),
            "bandwidth (not for cascades of 24 dB/oct and more)"),
        ParameterSpec(
            "slope", slopes, unit: "dB/oct", default: "12", automatable: true, "slope of a high- or low-pass"),
    ]

    static let compressorParameters = [
        ParameterSpec("threshold", unit: "dBFS", range: -80...0, default: "-18", "where compression starts"),
        ParameterSpec("ratio", range: 1...100, default: "4", "input dB over the threshold per output dB"),
        ParameterSpec("knee", unit: "dB", range: 0...24, default: "0", "width of the soft knee"),
        ParameterSpec("attack", unit: "ms", range: 0...1000, default: "10", "time constant of the reduction rising"),
        ParameterSpec("release", unit: "ms", range: 0...5000, default: "100", "time constant of the reduction falling"),
        ParameterSpec(
            "makeup", unit: "dB", range: -24...48, word: "auto", default: "0",
            "gain after compression; auto adds what the curve takes from a 0 dBFS input"),
        ParameterSpec("detection", .choice(["peak", "rms"]), default: "peak", "what the detector follows"),
        ParameterSpec(
            "window", unit: "ms", range: 0.1...1000, default: "10", aliases: ["rms_window"],
            "the RMS detector's time constant"),
        ParameterSpec("sidechain", .track, default: "none", "the track the detector listens to"),
    ]

    static let gateParameters = [
        ParameterSpec("threshold", unit: "dBFS", range: -100...0, default: "-40", "where the gate opens"),
        ParameterSpec("hysteresis", unit: "dB", range: 0...40, default: "4", "it closes this far below the threshold"),
        ParameterSpec("ratio", range: 1...100, default: "100", "100 is a gate, 2 a gentle expander"),
        ParameterSpec("attack", unit: "ms", range: 0...500, default: "0.5", "opening time"),
        ParameterSpec("hold", unit: "ms", range: 0...5000, default: "20", "how long it stays open"),
        ParameterSpec("release", unit: "ms", range: 0...5000, default: "100", "closing time"),
        ParameterSpec("range", unit: "dB", range: 0...120, default: "80", "the most it attenuates"),
        ParameterSpec("sidechain", .track, default: "none", "the track the detector listens to"),
    ]

    static let deesserParameters = [
        ParameterSpec(
            "frequency", unit: "Hz", range: 1000...16_000, default: "6000", aliases: ["freq"],
            "where the high band starts"),
        ParameterSpec("threshold", unit: "dBFS", range: -80...0, default: "-30", "of the high band's RMS"),
        ParameterSpec("ratio", range: 1...100, default: "4", "input dB over the threshold per output dB"),
        ParameterSpec("range", unit: "dB", range: 0...40, default: "12", "the most the high band is reduced"),
        ParameterSpec("attack", unit: "ms", range: 0...100, default: "1", "time constant of the reduction rising"),
        ParameterSpec("release", unit: "ms", range: 0...1000, default: "60", "time constant of the reduction falling"),
    ]

    static let saturationParameters = [
        ParameterSpec("drive", unit: "dB", range: 0...48, default: "12", "gain into the curve"),
        ParameterSpec("mix", range: 0...1, default: "1", "wet share"),
        ParameterSpec("output", unit: "dB", range: -48...24, default: "0", "gain after the mix"),
        ParameterSpec("curve", .choice(["tanh", "cubic"]), default: "tanh", "the transfer curve"),
    ]

    static let delayParameters = [
        ParameterSpec("time", unit: "ms", range: 1...4000, default: "375", "both delay times"),
        ParameterSpec("timeLeft", unit: "ms", range: 1...4000, default: "time", "the left delay time"),
        ParameterSpec("timeRight", unit: "ms", range: 1...4000, default: "time", "the right delay time"),
        ParameterSpec("sync", .noteValue, default: "none", "both times as a note value at the session's tempo"),
        ParameterSpec(
            "tempo", unit: "BPM", range: 20...400, default: "the session's", "the tempo a synced delay follows"),
        ParameterSpec("feedback", range: 0...0.95, default: "0.35", "share of the output fed back"),
        ParameterSpec(
            "lowCut", unit: "Hz", range: 10...5000, off: 0, default: "off", "high-pass corner in the feedback loop"),
        ParameterSpec(
            "highCut", unit: "Hz", range: 200...22_000, off: 0, default: "off", "low-pass corner in the feedback loop"),
        ParameterSpec("mix", range: 0...1, default: "0.3", "wet share"),
        ParameterSpec("pingPong", .flag, default: "false", automatable: true, "the repeats alternate sides"),
    ]

    static let reverbParameters = [
        ParameterSpec("size", range: 0...1, default: "0.5", "sets the decay time: 0.2 s · 50^size"),
        ParameterSpec("decay", unit: "s", range: 0.1...30, off: 0, default: "off", "decay time T60; overrides size"),
        ParameterSpec("damping", range: 0...1, default: "0.3", "how fast the highs die away"),
        ParameterSpec("predelay", unit: "ms", range: 0...500, default: "0", "delay before the reverb"),
        ParameterSpec("width", range: 0...1, default: "1", "stereo width of the wet signal"),
        ParameterSpec("mix", range: 0...1, default: "1", "wet share (1 for a return bus)"),
    ]

    static let limiterParameters = [
        ParameterSpec("ceiling", unit: "dBTP", range: -24...0, default: "-1", "the highest true peak out"),
        ParameterSpec("release", unit: "ms", range: 1...2000, default: "100", "recovery time"),
        ParameterSpec(
            "lookahead", unit: "ms", range: 0.5...20, default: "1.5", automatable: false,
            "look-ahead; sets the latency, so it cannot be automated"),
    ]

    /// The parameters every track's and bus's strip has, and that automation may move (`gain`, `pan`).
    public static let stripParameters = [
        ParameterSpec("gain", unit: "dB", range: -144...48, default: "0", "the fader"),
        ParameterSpec("pan", range: -1...1, default: "0", "−1 left … +1 right, by the session's panLaw"),
        ParameterSpec("width", range: 0...2, default: "1", automatable: false, "stereo width of a stereo source"),
    ]
}
