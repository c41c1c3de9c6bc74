import ProducerAudio
import RealModule

/// The state of one track's or bus's strip while rendering: polarity, delay, inserts, fader,
/// pan and width, with automation.
///
/// Gain and pan are ramped linearly across every 32-frame step between automation values, so
/// automation never zippers; insert parameters are set once per step and the processors smooth them.
final class ChannelStrip: @unchecked Sendable {
    let name: String
    let spec: Session.Strip
    let inputChannels: Int
    var inserts: [any Processor]
    /// Automation of insert parameters: (insert index, parameter, curve).
    var insertAutomation: [(index: Int, parameter: String, curve: AutomationCurve)] = []
    var gainCurve: AutomationCurve?
    var panCurve: AutomationCurve?
    /// Extra whole frames of delay to line this strip up with slower (latent) paths.
    var compensationFrames: Int = 0
    /// The pan law for mono sources.
    var panLaw: PanLaw = .constantPower

    private var delayLine: [[Float]] = []
    private var delayWrite = 0
    private var currentGain: Float = 1
    private var currentPan: Double
    static let step = 32

    init(name: String, spec: Session.Strip, inputChannels: Int, inserts: [any Processor]) {
        self.name = name
        self.spec = spec
        self.inputChannels = inputChannels
        self.inserts = inserts
        currentPan = spec.pan
        currentGain = Float(Double.pow(10, spec.gainDecibels / 20))
    }

    /// Total latency of the inserts, frames.
    var insertLatency: Int { inserts.reduce(0) { $0 + $1.latencyFrames } }
    /// How long the strip sounds after its input falls silent, seconds: its inserts' tails in
    /// series.
    var tailSeconds: Double { inserts.reduce(0) { $0 + $1.tailSeconds } }

    /// For a fader that never moves (no gain or pan automation, and a mono source or a stereo
    /// one at full width): its left and right gains, the products ``processFader(_:into:startFrame:)``
    /// multiplies every sample by. The mixer then multiplies them in where it adds the strip up,
    /// instead of writing the faded signal out first. Set by ``prepare(sampleRate:blockFrames:)``.
    private(set) var fixedFaderGains: (Float, Float)?

    func prepare(sampleRate: Double, blockFrames: Int) {
        if gainCurve == nil && panCurve == nil && (inputChannels < 2 || spec.width == 1) {
            let (l, r) = Self.panGains(currentPan, stereo: inputChannels >= 2, law: panLaw)
            fixedFaderGains = (l * currentGain, r * currentGain)
        } else {
            fixedFaderGains = nil
        }
        for i in inserts.indices {
            inserts[i].prepare(sampleRate: sampleRate, channelCount: inputChannels, maximumBlockFrames: blockFrames)
        }
        let maxDelay = Int(spec.delayFrames.rounded(.up)) + compensationFrames + 2
        delayLine = Array(repeating: [Float](repeating: 0, count: maxDelay + blockFrames + 1), count: inputChannels)
    }

    /// Polarity, delay and inserts, in place (the pre-fader signal). `startFrame` is the block's timeline position.
    func processPreFader(_ block: inout AudioBuffer, startFrame: Int64, sidechain: AudioBuffer?) {
        let n = block.frameCount
        if spec.inverted {
            block.withUnsafeMutableStorage { s in for i in 0..<s.count { s[i] = -s[i] } }
        }
        let delay = spec.delayFrames + Double(compensationFrames)
        if delay > 0 { applyDelay(&block, frames: delay) }
        if insertAutomation.isEmpty {
            for i in inserts.indices { inserts[i].process(&block, sidechain: sidechain) }
            return
        }
        // Automated inserts: process in steps, setting the parameters at each step.
        var offset = 0
        var piece = AudioBuffer(channelCount: block.channelCount, frameCapacity: Self.step)
        var key = sidechain.map { AudioBuffer(channelCount: $0.channelCount, frameCapacity: Self.step) }
        while offset < n {
            let m = min(Self.step, n - offset)
            for k in insertAutomation.indices {
                let v = insertAutomation[k].curve.value(at: startFrame + Int64(offset))
                inserts[insertAutomation[k].index].setParameter(insertAutomation[k].parameter, to: v)
            }
            piece.frameCount = m
            for c in 0..<block.channelCount { for i in 0..<m { piece[c, i] = block[c, offset + i] } }
            if let sidechain, key != nil {
                key!.frameCount = m
                for c in 0..<sidechain.channelCount { for i in 0..<m { key![c, i] = sidechain[c, offset + i] } }
            }
            for i in inserts.indices { inserts[i].process(&piece, sidechain: key) }
            for c in 0..<block.channelCount { for i in 0..<m { block[c, offset + i] = piece[c, i] } }
            offset += m
        }
    }

    /// Fader, pan and width: from the pre-fader signal (1 or 2 channels) into stereo `out`, replacing it.
    func processFader(_ input: AudioBuffer, into out: inout AudioBuffer, startFrame: Int64) {
        let n = input.frameCount
        out.frameCount = n
        let stereoIn = input.channelCount >= 2
        let width = Float(spec.width)
        let outStride = out.frameCapacity, inStride = input.frameCapacity
        var gains = Self.panGains(currentPan, stereo: stereoIn, law: panLaw)
        input.withUnsafeStorage { src in
            out.withUnsafeMutableStorage { dst in
                let inL = src.baseAddress!, inR = stereoIn ? inL + inStride : inL
                let outL = dst.baseAddress!, outR = outL + outStride
                var offset = 0
                while offset < n {
                    let m = min(Self.step, n - offset)
                    let frameAtEnd = startFrame + Int64(offset + m)
                    let g0 = currentGain
                    var g1 = g0
                    if gainCurve != nil { g1 = Float(Double.pow(10, gainCurve!.value(at: frameAtEnd) / 20)) }
                    let (l0, r0) = gains
                    var target = gains
                    if panCurve != nil {
                        let p = panCurve!.value(at: frameAtEnd)
                        if p != currentPan { target = Self.panGains(p, stereo: stereoIn, law: panLaw); currentPan = p }
                    }
                    let (l1, r1) = target
                    let steady = g0 == g1 && l0 == l1 && r0 == r1
                    let inverseM = 1 / Float(m)
                    if steady && (!stereoIn || width == 1) {
                        // The common case: fixed gains, a loop the compiler vectorises.
                        let gl = l0 * g0, gr = r0 * g0
                        for i in offset..<(offset + m) {
                            outL[i] = inL[i] * gl
                            outR[i] = inR[i] * gr
                        }
                        currentGain = g1
                        gains = target
                        offset += m
                        continue
                    }
                    for i in offset..<(offset + m) {
                        var gl = l0 * g0, gr = r0 * g0
                        if !steady {
                            let f = Float(i - offset + 1) * inverseM
                            let g = g0 + (g1 - g0) * f
                            gl = (l0 + (l1 - l0) * f) * g
                            gr = (r0 + (r1 - r0) * f) * g
                        }
                        var a = inL[i], b = inR[i]
                        if stereoIn && width != 1 {
                            let mid = (a + b) * 0.5, side = (a - b) * 0.5 * width
                            a = mid + side; b = mid - side
                        }
                        outL[i] = a * gl
                        outR[i] = b * gr
                    }
                    currentGain = g1
                    gains = target
                    offset += m
                }
            }
        }
    }

    /// Pan gains under the session's law, the same as a ``Pan`` processor's: a mono source
    /// gets the law's gains (−3 dB at centre for constant power); a stereo source is balanced
    /// along the law's curve over its centre gain, at most 1 (``Pan/balanceGains(pan:law:)``),
    /// so a centred stereo file passes unchanged.
    static func panGains(_ pan: Double, stereo: Bool, law: PanLaw) -> (Float, Float) {
        let g = stereo ? Pan.balanceGains(pan: pan, law: law) : Pan.gains(pan: pan, law: law)
        return (Float(g.left), Float(g.right))
    }

    /// A fractional delay: whole frames exactly, the fraction by linear interpolation.
    private func applyDelay(_ block: inout AudioBuffer, frames delay: Double) {
        let whole = Int(delay.rounded(.down)), fraction = Float(delay - Double(whole))
        let length = delayLine[0].count
        let n = block.frameCount
        for c in 0..<block.channelCount {
            var w = delayWrite
            delayLine[c].withUnsafeMutableBufferPointer { line in
                for i in 0..<n {
                    line[w] = block[c, i]
                    var r = w - whole
                    if r < 0 { r += length }
                    var r1 = r - 1
                    if r1 < 0 { r1 += length }
                    block[c, i] = fraction == 0 ? line[r] : line[r] * (1 - fraction) + line[r1] * fraction
                    w += 1
                    if w == length { w = 0 }
                }
            }
            if c == block.channelCount - 1 { delayWrite = w }
        }
    }
}
