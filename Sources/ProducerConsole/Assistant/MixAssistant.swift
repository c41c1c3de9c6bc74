import Foundation
public import ProducerDSP
public import ProducerMusic
import RealModule

/// The mix assistant: decides a first mix of a set of stems and explains each decision, so that a
/// person can take it, change it or undo it in the session it writes.
///
/// Per stem: its role (``RoleClassifier``), a high-pass, compression and sends from the role's rule
/// in `mix-rules.yaml`; a pan position (kick, snare, bass and the lead in the centre; the rest
/// spread to the emptier side, never hard unless asked); cuts where it masks the lead
/// (``MixAssistant/masking(of:against:rules:)``); and a fader set so that, after its inserts and
/// pan, its integrated loudness is its role's target. The fader is set from a render of the
/// stem through its strip, so compression and EQ are accounted for exactly. The summed mix is
/// then rendered once: if it would peak over the rules' ceiling every fader comes down together;
/// with a reference, the low and high roles lean toward the reference's balance.
public struct MixAssistant: Sendable {
    public var rules: MixRules
    /// Let spread parts reach the sides (pan ±1).
    public var hardPans: Bool
    /// The tempo for the delay return, BPM; nil to estimate it from the drums.
    public var tempo: Double?
    /// Cut stems where they mask the lead (on by default; off to compare).
    public var unmasks: Bool

    public init(rules: MixRules = .standard, hardPans: Bool = false, tempo: Double? = nil, unmasks: Bool = true) {
        self.rules = rules
        self.hardPans = hardPans
        self.tempo = tempo
        self.unmasks = unmasks
    }

    /// A stem to mix: its file (an absolute path), what was measured of it, and the role a
    /// `--roles` file gives it, if any.
    public struct Stem: Sendable {
        public var file: String
        public var measurement: StemMeasurement
        public var channels: Int
        public var role: StemRole?
        /// For a track of a MIDI file (`file`), its name and the preview instrument that plays it.
        public var midiTrack: String?
        public var instrument: Instrument?

        public init(
            file: String, measurement: StemMeasurement, channels: Int, role: StemRole? = nil,
            midiTrack: String? = nil, instrument: Instrument? = nil
        ) {
            self.file = file
            self.measurement = measurement
            self.channels = channels
            self.role = role
            self.midiTrack = midiTrack
            self.instrument = instrument
        }
    }

    /// Decides the mix of `stems` (all at `sampleRate`) for a session at `sessionPath` (absolute).
    /// - Parameters:
    ///   - reference: a reference track's file and measurement, to lean the balance toward.
    ///   - progress: told what is being done.
    /// - Throws: ``SessionError`` if a render of the decided session fails.
    public func plan(
        stems: [Stem], sampleRate: Double, sessionPath: String,
        reference: (file: String, measurement: StemMeasurement)? = nil,
        progress: ((String) -> Void)? = nil
    ) throws -> MixPlan {
        var plan = MixPlan(
            sessionPath: sessionPath, sampleRate: sampleRate, tempo: 120, tempoSource: "", anchor: rules.anchor,
            stems: [], masking: nil, mix: MixPlan.Figures(), reference: nil, notes: [])
        decideTempo(stems, into: &plan)
        plan.stems = decideRoles(stems)
        decideStrips(stems, into: &plan)
        progress?("setting each fader from a render of its strip")
        var solo = try renderEach(plan, stems.indices)
        setFaders(&plan, from: solo)
        if unmasks, let lead = plan.stems.firstIndex(where: { $0.role == .leadVocal }) {
            progress?("unmasking the lead")
            let before = plan.stems.indices.map { i in
                i == lead
                    ? nil
                    : Self.masking(
                        of: solo[i].measurement, gain: plan.stems[i].gain - solo[i].gain,
                        against: solo[lead].measurement, gain: plan.stems[lead].gain - solo[lead].gain, rules: rules)
            }
            for i in plan.stems.indices where i != lead {
                guard let m = before[i] else { continue }
                plan.stems[i].maskingBefore = m.value
                plan.stems[i].cuts = cuts(from: m)
                if !plan.stems[i].cuts.isEmpty {
                    plan.stems[i].comments["cuts"] =
                        plan.stems[i].cuts.map { "\(num($0.gain)) dB at \(hertz($0.frequency)) (Q \(num($0.q)))" }
                        .joined(separator: " and ")
                        + ": there it came within \(num(rules.unmasking.margin)) dB of the \(plan.stems[lead].name) "
                        + "while the lead sings, and hid it."
                }
            }
            let cut = plan.stems.indices.filter { !plan.stems[$0].cuts.isEmpty }
            for (i, m) in zip(cut, try renderEach(plan, cut)) { solo[i] = m }
            setFaders(&plan, from: solo)
            var after = 0.0
            for i in plan.stems.indices where i != lead {
                let m = Self.masking(
                    of: solo[i].measurement, gain: plan.stems[i].gain - solo[i].gain,
                    against: solo[lead].measurement, gain: plan.stems[lead].gain - solo[lead].gain, rules: rules)
                plan.stems[i].maskingAfter = m.value
                after += m.value
            }
            plan.masking = MixPlan.Masking(
                lead: plan.stems[lead].name, before: before.compactMap { $0?.value }.reduce(0, +), after: after)
        } else if unmasks {
            plan.notes.append("No lead vocal among the stems, so nothing was cut to unmask one.")
        }
        progress?("rendering the mix")
        var mix = try render(plan, only: nil)
        if let reference {
            let target = reference.measurement.balance()
            let before = mix.measurement.balance()
            var applied: [String: Double] = [:]
            // Up to three rounds: lean, render, look again (a part's share of its band is not known
            // before it moves).
            for _ in 0..<3 {
                guard lean(&plan, mix: mix.measurement.balance(), reference: target, applied: &applied) else { break }
                mix = try render(plan, only: nil)
            }
            plan.reference = MixPlan.Reference(
                file: reference.file, balance: target, mixBefore: before, mixAfter: mix.measurement.balance(),
                leans: leanSentences(plan, applied: applied, before: before, reference: target))
        }
        if let peak = mix.peaks.truePeakDecibels, peak > rules.ceiling {
            let shift = ((rules.ceiling - peak - 0.05) * 100).rounded(.down) / 100
            for i in plan.stems.indices {
                plan.stems[i].gain += shift
                plan.stems[i].target += shift
                plan.stems[i].loudness = plan.stems[i].loudness.map { $0 + shift }
            }
            plan.anchor += shift
            plan.notes.append(
                "The summed stems peaked at \(num(peak)) dBTP, over the ceiling of \(num(rules.ceiling)) dBTP, so "
                    + "every fader came down \(num(-shift)) dB together: the anchor is \(num(plan.anchor)) LUFS.")
            mix = try render(plan, only: nil)
        }
        for i in plan.stems.indices where plan.stems[i].loudness != nil {
            plan.stems[i].comments["gain"] = gainComment(plan, i)
        }
        plan.mix = MixPlan.Figures(
            loudness: mix.measurement.loudness, truePeak: mix.peaks.truePeakDecibels, balance: mix.measurement.balance()
        )
        return plan
    }

    /// A stem rendered dry through its strip, and the fader it was rendered at.
    typealias Solo = (measurement: StemMeasurement, gain: Double)

    /// Renders each of `stems` on its own, dry, on the machine's cores.
    func renderEach(_ plan: MixPlan, _ stems: some Collection<Int>) throws -> [Solo] {
        let indices = Array(stems)
        let results = Results<Result<Solo, any Error>>(count: indices.count)
        DispatchQueue.concurrentPerform(iterations: indices.count) { k in
            let i = indices[k]
            results.set(k, Result { (try render(plan, only: i, parallel: false).measurement, plan.stems[i].gain) })
        }
        return try results.values.map { try $0!.get() }
    }

    /// Renders the plan's session (one stem dry, or the whole mix) and measures it.
    func render(
        _ plan: MixPlan, only: Int?, parallel: Bool = true
    ) throws -> (
        measurement: StemMeasurement, peaks: Peaks
    ) {
        let session = try Session(yaml: plan.sessionYAML(only: only, tail: 0.5), path: plan.sessionPath)
        let mixer = try Mixer(session: session, parallel: parallel)
        var meter = StemMeasurement.Meter(sampleRate: session.sampleRate, channelCount: 2, listensForOnsets: false)
        var peaks = TruePeakMeter(channelCount: 2)
        try mixer.render { master, _ in
            meter.consume(master)
            peaks.consume(master)
        }
        return (meter.result(), peaks.result())
    }

    /// Each fader set so the stem's render reaches its target.
    func setFaders(_ plan: inout MixPlan, from solo: [Solo]) {
        for i in plan.stems.indices {
            guard let measured = solo[i].measurement.loudness else {
                plan.stems[i].comments["gain"] = "the stem is silent after its strip, so its fader stays at 0 dB"
                continue
            }
            let unity = measured - solo[i].gain
            plan.stems[i].gain = ((plan.stems[i].target - unity) * 100).rounded() / 100
            plan.stems[i].loudness = unity + plan.stems[i].gain
        }
    }

    func gainComment(_ plan: MixPlan, _ i: Int) -> String {
        let s = plan.stems[i]
        let level = rules.rule(s.role).level
        let measured = (s.loudness ?? s.target) - s.gain
        let leaned = s.target - (plan.anchor + level)
        var text =
            "fader to \(num(s.target)) LUFS (after its inserts it measured \(num(measured)) LUFS at 0 dB): a "
            + "\(s.role) sits \(level == 0 ? "at" : "\(num(level)) LU against") the anchor of \(num(plan.anchor)) LUFS"
        if abs(leaned) >= 0.05 {
            text += ", \(leaned > 0 ? "+" : "")\(num(leaned)) LU toward the reference's balance"
        }
        return text + "."
    }

    /// The masking of `stem` (at `gain` dB) against the lead (at `leadGain`): over the frames where
    /// the lead sings (its band between the rules' low and high within 30 dB of its loudest frame),
    /// the average power per third-octave band of each; in each band of the lead's range where the
    /// stem comes within `margin` dB of the lead, by how much (dB), weighted by the lead's share of
    /// its power in that band; summed.
    public static func masking(
        of stem: StemMeasurement, gain: Double, against lead: StemMeasurement, gain leadGain: Double, rules: MixRules
    ) -> (value: Double, excess: [Double], weights: [Double]) {
        let u = rules.unmasking
        let region = ThirdOctaves.centres.indices.filter {
            ThirdOctaves.centres[$0] >= u.low && ThirdOctaves.centres[$0] <= u.high
        }
        let frames = min(lead.bandFrameCount, stem.bandFrameCount)
        let n = ThirdOctaves.centres.count
        var energy = [Double](repeating: 0, count: frames)
        for f in 0..<frames { for b in region { energy[f] += Double(lead.bandPowers[f * n + b]) } }
        let loudest = energy.max() ?? 0
        let active = energy.map { $0 > 0 && $0 >= loudest * 1e-3 }
        let l = lead.averageBands(where: active), s = stem.averageBands(where: active)
        let gl = Double.pow(10, leadGain / 10), gs = Double.pow(10, gain / 10)
        let total = region.reduce(0.0) { $0 + l[$1] }
        var excess = [Double](repeating: 0, count: n), weights = [Double](repeating: 0, count: n)
        var value = 0.0
        guard total > 0 else { return (0, excess, weights) }
        for b in region where l[b] > 0 {
            let e = 10 * Double.log10(max(s[b] * gs, 1e-20) / (l[b] * gl)) + u.margin
            weights[b] = l[b] / total
            excess[b] = e
            value += weights[b] * max(0, e)
        }
        return (value, excess, weights)
    }

    /// The cuts that unmask: the bands that add most to the masking, not next to one another, each
    /// cut by its excess (at least 1 dB, at most the rules' deepest cut, to the half dB).
    func cuts(from m: (value: Double, excess: [Double], weights: [Double])) -> [MixPlan.Cut] {
        let u = rules.unmasking
        let order = m.excess.indices.filter { m.excess[$0] > 0 && m.weights[$0] > 0.02 }
            .sorted { m.weights[$0] * m.excess[$0] > m.weights[$1] * m.excess[$1] }
        var picked: [Int] = []
        for b in order where picked.count < u.bandsPerStem && !picked.contains(where: { abs($0 - b) < 2 }) {
            picked.append(b)
        }
        return picked.sorted().map { b in
            let depth = min(u.maximumCut, max(1, (m.excess[b] * 2).rounded() / 2))
            return MixPlan.Cut(frequency: (ThirdOctaves.centres[b]).rounded(), gain: -depth, q: u.q)
        }
    }
}

/// "2.5 kHz", "315 Hz".
func hertz(_ f: Double) -> String {
    f >= 1000 ? "\(num((f / 100).rounded() / 10)) kHz" : "\(Int(f.rounded())) Hz"
}

/// Results filled in from several threads, each slot by one.
private final class Results<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }
    var values: [Value?] { lock.withLock { slots } }
}
