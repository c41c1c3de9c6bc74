public import ProducerAudio
import RealModule

/// An algorithmic reverb: a 16-line feedback delay network (Jot & Chaigne 1991).
///
/// Sixteen delay lines of 17 … 49 ms (lengths set in milliseconds, so the sound is the same at
/// every sample rate) are mixed by a 16 × 16 Hadamard matrix (orthonormal, computed as a fast
/// Walsh–Hadamard transform). Line i of m_i frames has the gain g_i = 10^(−3·m_i / (T60·fs)),
/// so every mode of the network decays by 60 dB in T60 seconds. Damping puts Jot's one-pole
/// absorbent filter g_i(1 − b_i) / (1 − b_i z⁻¹) in each loop: unity at DC (the low-frequency
/// T60 is kept) and a high-frequency decay time shortened towards (1 − 0.8·damping)·T60.
///
/// The mono sum of the input, after the predelay, feeds the lines with a ±1 pattern; the left
/// and right outputs are two other, orthogonal ±1 patterns over the line outputs, so the tails
/// are decorrelated. The first non-zero wet sample of an impulse is at predelay + 17 ms
/// (the shortest line), rounded to whole frames.
///
/// Parameters (session names):
/// - `size`: 0 … 1, sets the decay time T60 = 0.2 s · 50^size (0.2 s … 10 s; 0.5 → 1.41 s).
///   Default 0.5.
/// - `decay`: T60 in seconds, 0.1 … 30; overrides `size` when positive (0 = use size). Default 0.
/// - `damping`: 0 … 1 (default 0.3).
/// - `predelay`: ms, 0 … 500, rounded to whole frames (default 0).
/// - `width`: stereo width of the wet signal, 0 (mono) … 1 (full) (default 1).
/// - `mix`: wet share, 0 … 1; 1 = all wet, for a return bus (default 1).
///
/// Mix and width are smoothed per sample (10 ms), the decay and damping per 32 frames
/// (50 ms), and the predelay is slewed at up to 0.2 frames per frame with linear
/// interpolation; a settled predelay is an exact whole-frame delay.
public struct Reverb: Processor {
    /// Room size, 0 … 1 (maps to T60 when `decay` is 0).
    public var size: Double { didSet { size = min(1, max(0, size)) } }
    /// T60 override, s (0 = use `size`; otherwise 0.1 … 30).
    public var decay: Double { didSet { decay = decay <= 0 ? 0 : min(30, max(0.1, decay)) } }
    /// High-frequency damping, 0 … 1.
    public var damping: Double { didSet { damping = min(1, max(0, damping)) } }
    /// Predelay, ms (0 … 500).
    public var predelay: Double { didSet { predelay = min(500, max(0, predelay)) } }
    /// Wet stereo width, 0 … 1.
    public var width: Double { didSet { width = min(1, max(0, width)) } }
    /// Wet share, 0 … 1.
    public var mix: Double { didSet { mix = min(1, max(0, mix)) } }

    /// The decay time asked for, seconds: `decay` when positive, else 0.2 · 50^size.
    public var t60: Double { decay > 0 ? decay : 0.2 * Double.pow(50, size) }

    /// Line lengths, ms.
    static let lengthsMs: [Double] = [17.3, 19.1, 21.7, 23.3, 25.9, 27.1, 29.9, 31.7,
                                      33.1, 35.9, 37.3, 39.7, 41.9, 43.7, 46.1, 48.5]
    static let lineCount = 16
    /// Input and output sign patterns (rows of a 16 × 16 Hadamard matrix, orthogonal).
    static func sign(_ row: Int, _ i: Int) -> Float {
        // Sylvester Hadamard: H[r][i] = (−1)^popcount(r & i).
        (row & i).nonzeroBitCount % 2 == 0 ? 1 : -1
    }

    var sampleRate = 48_000.0
    var channelCount = 0
    var lengths: [Int] = []
    var offsets: [Int] = []
    var positions: [Int] = []
    var lines: [Float] = []
    var gains: [Float] = []      // g_i (1 − b_i)
    var poles: [Float] = []      // b_i
    var filterState: [Float] = []
    var preLine: [Float] = []
    var preMask = 0
    var preWrite = 0
    var currentPredelay = 0.0
    var currentT60 = 1.0
    var currentDamping = 0.0
    var currentMix: Float = 1, currentWidth: Float = 1
    var smooth: Float = 1
    var blockSmooth = 1.0

    /// Makes a reverb. See the type's documentation for the parameters and their ranges.
    public init(size: Double = 0.5, decay: Double = 0, damping: Double = 0.3,
                predelay: Double = 0, width: Double = 1, mix: Double = 1) {
        self.size = min(1, max(0, size))
        self.decay = decay <= 0 ? 0 : min(30, max(0.1, decay))
        self.damping = min(1, max(0, damping))
        self.predelay = min(500, max(0, predelay))
        self.width = min(1, max(0, width))
        self.mix = min(1, max(0, mix))
    }

    /// The line lengths in frames at a sample rate.
    public static func lineLengths(sampleRate: Double) -> [Int] {
        lengthsMs.map { Int(($0 * sampleRate / 1000).rounded()) }
    }

    public mutating func prepare(sampleRate: Double, channelCount: Int, maximumBlockFrames: Int) {
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        lengths = Self.lineLengths(sampleRate: sampleRate)
        offsets = []
        var total = 0
        for m in lengths { offsets.append(total); total += m }
        lines = [Float](repeating: 0, count: total)
        positions = [Int](repeating: 0, count: Self.lineCount)
        filterState = [Float](repeating: 0, count: Self.lineCount)
        var size = 1
        while size < Int(0.5 * sampleRate) + 4 { size <<= 1 }
        preLine = [Float](repeating: 0, count: size)
        preMask = size - 1
        preWrite = 0
        currentPredelay = predelayFrames
        currentT60 = t60
        currentDamping = damping
        currentMix = Float(mix)
        currentWidth = Float(width)
        smooth = Float(1 - Double.exp(-1 / (0.010 * sampleRate)))
        blockSmooth = 1 - Double.exp(-32 / (0.050 * sampleRate))
        updateLoopFilters()
    }

    var predelayFrames: Double { (predelay * sampleRate / 1000).rounded() }

    mutating func updateLoopFilters() {
        let alpha = 1 - 0.8 * currentDamping
        let shape = 1 - 1 / (alpha * alpha)
        gains = []
        poles = []
        for m in lengths {
            let g = Double.pow(10, -3 * Double(m) / (currentT60 * sampleRate))
            let b = min(0.9, max(0, Double.log(10) / 4 * Double.log10(g) * shape))
            gains.append(Float(g * (1 - b)))
            poles.append(Float(b))
        }
    }

    @discardableResult
    public mutating func setParameter(_ name: String, to value: Double) -> Bool {
        switch name {
        case "size": size = value
        case "decay": decay = value
        case "damping": damping = value
        case "predelay": predelay = value
        case "width": width = value
        case "mix": mix = value
        default: return false
        }
        return true
    }

    public mutating func process(_ block: inout AudioBuffer, sidechain: AudioBuffer?) {
        precondition(!lines.isEmpty, "prepare first")
        let frames = block.frameCount
        var done = 0
        while done < frames {
            let n = min(32, frames - done)
            // Per 32 frames: decay and damping towards their targets.
            let targetT60 = t60, targetDamping = damping
            if currentT60 != targetT60 || currentDamping != targetDamping {
                currentT60 += (targetT60 - currentT60) * blockSmooth
                currentDamping += (targetDamping - currentDamping) * blockSmooth
                if abs(currentT60 - targetT60) < 1e-6 * targetT60 { currentT60 = targetT60 }
                if abs(currentDamping - targetDamping) < 1e-6 { currentDamping = targetDamping }
                updateLoopFilters()
            }
            run(&block, from: done, count: n)
            done += n
        }
    }

    mutating func run(_ block: inout AudioBuffer, from start: Int, count: Int) {
        let stereo = channelCount >= 2 && block.channelCount >= 2
        let stride = block.frameCapacity
        let n = Self.lineCount
        let k = smooth
        let targetMix = Float(mix), targetWidth = Float(width)
        let targetPre = predelayFrames
        var mixValue = currentMix, widthValue = currentWidth
        var pre = currentPredelay
        var preW = preWrite
        let preMask = self.preMask
        let inputScale: Float = 0.25, outputScale: Float = 0.25
        var lines = self.lines; self.lines = []
        var positions = self.positions; self.positions = []
        var filterState = self.filterState; self.filterState = []
        block.withUnsafeMutableStorage { storage in
            lines.withUnsafeMutableBufferPointer { lineBuffer in
            positions.withUnsafeMutableBufferPointer { pos in
            filterState.withUnsafeMutableBufferPointer { fs in
            preLine.withUnsafeMutableBufferPointer { preBuffer in
            lengths.withUnsafeBufferPointer { len in
            offsets.withUnsafeBufferPointer { off in
            gains.withUnsafeBufferPointer { g in
            poles.withUnsafeBufferPointer { b in
                let left = storage.baseAddress! + start
                let right = stereo ? left + stride : left
                let preLine = preBuffer.baseAddress!
                let base = lineBuffer.baseAddress!
                withUnsafeTemporaryAllocation(of: Float.self, capacity: 4 * n) { scratch in
                let v = scratch.baseAddress!
                let signL = v + n, signR = v + 2 * n, signIn = v + 3 * n
                for i in 0..<n { signL[i] = Self.sign(1, i); signR[i] = Self.sign(2, i); signIn[i] = Self.sign(3, i) }
                for t in 0..<count {
                    mixValue += k * (targetMix - mixValue)
                    widthValue += k * (targetWidth - widthValue)
                    let diff = targetPre - pre
                    pre = abs(diff) < 1e-4 ? targetPre : pre + min(0.2, max(-0.2, diff * 0.002))
                    let inL = left[t], inR = right[t]
                    let input = stereo ? 0.5 * (inL + inR) : inL
                    // Predelay: write, then read `pre` frames back (linear interpolation).
                    preLine[preW] = input
                    let whole = Int(pre)
                    let frac = Float(pre - Double(whole))
                    let x1 = preLine[(preW - whole) & preMask], x2 = preLine[(preW - whole - 1) & preMask]
                    let delayed = (x1 + frac * (x2 - x1)) * inputScale
                    preW = (preW + 1) & preMask
                    // Line outputs through the absorbent filters.
                    var wetL: Float = 0, wetR: Float = 0
                    for i in 0..<n {
                        let o = base[off[i] + pos[i]]
                        wetL += signL[i] * o
                        wetR += signR[i] * o
                        let f = g[i] * o + b[i] * fs[i]
                        fs[i] = f
                        v[i] = f
                    }
                    // Fast Walsh–Hadamard transform (orthonormal: ÷4), then feed back.
                    var h = 1
                    while h < n {
                        var i = 0
                        while i < n {
                            for j in i..<(i + h) {
                                let a = v[j], c = v[j + h]
                                v[j] = a + c
                                v[j + h] = a - c
                            }
                            i += 2 * h
                        }
                        h *= 2
                    }
                    for i in 0..<n {
                        let p = pos[i]
                        base[off[i] + p] = 0.25 * v[i] + signIn[i] * delayed
                        pos[i] = p + 1 == len[i] ? 0 : p + 1
                    }
                    wetL *= outputScale
                    wetR *= outputScale
                    let a = 0.5 * (1 + widthValue), c = 0.5 * (1 - widthValue)
                    let outL = a * wetL + c * wetR, outR = c * wetL + a * wetR
                    left[t] = (1 - mixValue) * inL + mixValue * outL
                    if stereo { right[t] = (1 - mixValue) * inR + mixValue * outR }
                }
                }
            }}}}}}}}
        }
        self.lines = lines
        self.positions = positions
        self.filterState = filterState
        currentMix = abs(mixValue - targetMix) < 1e-6 ? targetMix : mixValue
        currentWidth = abs(widthValue - targetWidth) < 1e-6 ? targetWidth : widthValue
        currentPredelay = pre
        preWrite = preW
    }
}
