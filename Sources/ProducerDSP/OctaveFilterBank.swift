/// The octave filter bank behind ``SpectralBalanceMeter``: the energy of each octave band of a
/// stream of audio folded to mono (the mean of its channels), each band a 6th-order Butterworth
/// band-pass (see ``bandPass(centre:sampleRate:)``), and the energy of the mono fold itself.
///
/// The bands run in a multirate filter bank (the classic IEC 61260 arrangement): level 0 holds
/// the mono fold at the sample rate, and each further level is the level above low-passed by a
/// 23-tap half-band FIR (odd taps zero apart from the centre, Kaiser window, about -70 dB from
/// 0.35 × its rate) and decimated by 2. A band runs at the deepest level whose rate is still at
/// least four times its centre, so every band sits between 1/8 and 1/4 of its level's rate (the top
/// one or two at the full rate): the same normalised filter at every level, and nothing that the
/// half-band lets alias (above 0.35 of the rate above, folded below 0.15) reaches it except far down its
/// skirt. The mean square is a power average, so decimation leaves it unchanged. The whole bank
/// costs about three band filters at the full rate.
///
/// Inner loops run in `Float` (every filter sits well inside its Nyquist band, so its poles are far from
/// the unit circle), energies are summed in `Double`. The 6th-order band-pass is run as the numerator
/// (1 − z⁻²)³, shared by a level's bands, followed by three all-pole sections, on eight stretches of each
/// chunk (16384 samples or more) side by side in SIMD lanes; each stretch starts from a cleared state a
/// warm-up before it (the length after which the band's impulse response holds less than 10⁻¹² of its
/// energy), so a lane picks up where the previous one stands. Chunks lie at absolute positions, so results
/// do not depend on blocking; memory is constant. At the end, zeros are pushed through the decimators
/// (on a copy) until every level has delivered its samples up to the end of the input, and each level is
/// measured only up to there, so the low bands cover the same audio as the high ones.
struct OctaveFilterBank: Sendable {
    /// The sample rate in Hz.
    let sampleRate: Double
    /// The exact centre frequencies of the bands in Hz, ascending.
    let centres: [Double]
    // Bands live in slots, highest first (slot s is centre centres.count − 1 − s), so each level's are adjacent.
    let poles: [Float]  // a1, a2 of each slot's three sections (6 a slot)
    let warmUps: [Int]  // each slot's warm-up
    let gains: [Double]  // each slot's energy factor: (b0 of its sections multiplied)² / 4^level
    let slotLevel: [Int]
    let firstBand: [Int]  // the bands of level l are firstBand[l]..<firstBand[l + 1]
    let levels: Int
    let chunks: [Int]  // samples each level processes at a time
    let histories: [Int]  // samples of history kept before each level's new ones
    let offsets: [Int]  // where each level's first new sample sits in `store`
    var store: [Float]  // per level: history, then its new samples
    var lanes: [Float]  // scratch: a level's input laid out in eight lanes
    var numerator: [Float]  // scratch: a level's input through the bands' shared numerator
    var even: [Float]  // scratch: the decimator's even and odd phases
    var odd: [Float]
    var counts: [Int]  // new samples waiting in each level
    var processed: [Int]  // samples processed in each level
    var energy: [Double]  // per slot, before its gain
    var total = 0.0
    var limits: [Int]  // per level: band outputs are summed only below this index
    var realFrames = Int.max  // level 0's squares are summed only below this index

    /// A bank for the bands centred on `centres` Hz (ascending, each below the Nyquist frequency).
    init(centres: [Double], sampleRate: Double) {
        self.sampleRate = sampleRate
        self.centres = centres
        // The level of a band: the deepest whose rate is at least 4 × the centre.
        var slotLevel: [Int] = []
        for c in centres.reversed() {
            var l = 0
            while sampleRate / Double(1 << (l + 1)) >= 4 * c { l += 1 }
            slotLevel.append(l)
        }
        let levels = (slotLevel.last ?? 0) + 1
        var poles: [Float] = [], gains: [Double] = [], warmUps: [Int] = []
        for (slot, c) in centres.reversed().enumerated() {
            let l = slotLevel[slot]
            let q = Self.bandPass(centre: c, sampleRate: sampleRate / Double(1 << l))
            for s in q { poles.append(Float(s.a1)); poles.append(Float(s.a2)) }
            let g = q[0].b0 * q[1].b0 * q[2].b0
            gains.append(g * g / Double(1 << (2 * l)))
            warmUps.append(Self.warmUp(poles: Array(poles[(6 * slot)...])))
        }
        var firstBand: [Int] = [], chunks: [Int] = [], histories: [Int] = [], offsets: [Int] = []
        var position = 0, lanesSize = 0, phaseSize = 0, numeratorSize = 0
        for l in 0..<levels {
            firstBand.append(slotLevel.firstIndex { $0 >= l } ?? slotLevel.count)
            let w = zip(slotLevel, warmUps).filter { $0.0 == l }.map(\.1).max() ?? 0
            // Eight lanes each warm up for w samples: keep that below 1/8 of the chunk where memory allows.
            var c = Self.chunk
            while c < 64 * w && c < 8 * Self.chunk { c *= 2 }
            let h = (max(22, w + 6) + 7) & ~7
            let capacity = c + (l > 0 ? chunks[l - 1] / 2 + 2 : 0) + 32
            chunks.append(c); histories.append(h)
            offsets.append(position + h)
            position += h + capacity
            lanesSize = max(lanesSize, 8 * (w + c / 8 + 32))
            phaseSize = max(phaseSize, c / 2 + 32)
            numeratorSize = max(numeratorSize, w + c + 32)
        }
        firstBand.append(slotLevel.count)
        self.poles = poles
        self.warmUps = warmUps
        self.gains = gains
        self.slotLevel = slotLevel
        self.firstBand = firstBand
        self.levels = levels
        self.chunks = chunks
        self.histories = histories
        self.offsets = offsets
        store = [Float](repeating: 0, count: position)
        lanes = [Float](repeating: 0, count: lanesSize)
        numerator = [Float](repeating: 0, count: numeratorSize)
        even = [Float](repeating: 0, count: phaseSize)
        odd = [Float](repeating: 0, count: phaseSize)
        counts = [Int](repeating: 0, count: levels)
        processed = [Int](repeating: 0, count: levels)
        limits = [Int](repeating: .max, count: levels)
        energy = [Double](repeating: 0, count: slotLevel.count)
    }

    /// The smallest chunk a level processes at a time (larger where its bands need a long warm-up).
    static let chunk = 16384

    /// Measures the `n` samples of level `l` at `off` and decimates them into the next level.
    mutating func processChunk(level l: Int, at off: Int, n: Int) {
        let position = processed[l]
        let next = l + 1 < levels
        let slots = firstBand[l]..<firstBand[l + 1]
        let nb = max(0, min(n, limits[l] - position))
        let ns = l == 0 ? max(0, min(n, realFrames - position)) : 0
        let w = slots.map { warmUps[$0] }.max() ?? 0
        let nextOffset = next ? offsets[l + 1] + counts[l + 1] : 0
        var sumSquares = 0.0, outCount = 0
        let xOffset = offsets[l] + off
        store.withUnsafeMutableBufferPointer { st in
            let x = st.baseAddress! + xOffset
            if ns > 0 {
                var acc = SIMD4<Float>(), i = 0
                let raw = UnsafeRawPointer(x)
                while i + 4 <= ns {
                    let u = raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD4<Float>.self)
                    acc += u * u; i += 4
                    if i & 1023 == 0 { sumSquares += SIMD4<Double>(acc).sum(); acc = .zero }
                }
                sumSquares += SIMD4<Double>(acc).sum()
                while i < ns { sumSquares += Double(x[i]) * Double(x[i]); i += 1 }
            }
            if nb > 0 && !slots.isEmpty {
                lanes.withUnsafeMutableBufferPointer { t in
                    numerator.withUnsafeMutableBufferPointer { v in
                        energy.withUnsafeMutableBufferPointer { e in
                            poles.withUnsafeBufferPointer { k in
                                warmUps.withUnsafeBufferPointer { ws in
                                    Self.bandEnergies(
                                        UnsafePointer(x), n: nb, warmUp: w, slots: slots, poles: k.baseAddress!,
                                        warmUps: ws.baseAddress!, lanes: t.baseAddress!, numerator: v.baseAddress!,
                                        energy: e.baseAddress!)
                                }
                            }
                        }
                    }
                }
            }
            if next {
                even.withUnsafeMutableBufferPointer { e in
                    odd.withUnsafeMutableBufferPointer { o in
                        Self.halfBandTaps.withUnsafeBufferPointer { hb in
                            outCount = Self.decimate(
                                UnsafePointer(x), n: n, phase: position & 1, into: st.baseAddress! + nextOffset,
                                even: e.baseAddress!, odd: o.baseAddress!, taps: hb.baseAddress!)
                        }
                    }
                }
            }
        }
        total += sumSquares
        processed[l] += n
        if next { counts[l + 1] += outCount }
    }

    /// Processes every whole chunk waiting in level `l`, then keeps its history and the rest.
    mutating func processLevel(_ l: Int) {
        let c = chunks[l]
        var off = 0
        while counts[l] - off >= c {
            processChunk(level: l, at: off, n: c)
            off += c
            if l + 1 < levels && counts[l + 1] >= chunks[l + 1] { processLevel(l + 1) }
        }
        guard off > 0 else { return }
        let h = histories[l], rest = counts[l] - off, start = offsets[l]
        store.withUnsafeMutableBufferPointer { st in
            let x = st.baseAddress! + start
            // Forward copy: the regions may overlap, the destination first.
            let src = x + off - h, dst = x - h
            for i in 0..<(h + rest) { dst[i] = src[i] }
        }
        counts[l] = rest
    }

    /// Folds frames `from..<to` of the `channels` planes at `base`, `stride` apart, to mono and feeds
    /// them to level 0.
    mutating func feed(_ base: UnsafePointer<Float>, stride: Int, channels: Int, from: Int, to: Int) {
        var i = from
        let scale = 1 / Float(channels)
        let c = chunks[0], start0 = offsets[0]
        while i < to {
            let k = min(to - i, c - counts[0])
            let start = start0 + counts[0]
            store.withUnsafeMutableBufferPointer { all in
                let out = all.baseAddress! + start
                let src = base + i
                if channels == 1 {
                    for f in 0..<k { out[f] = src[f] }
                } else if channels == 2 {
                    let r = src + stride
                    for f in 0..<k { out[f] = (src[f] + r[f]) * 0.5 }
                } else {
                    for f in 0..<k { out[f] = src[f] }
                    for ch in 1..<channels {
                        let s = src + ch * stride
                        for f in 0..<k { out[f] += s[f] }
                    }
                    for f in 0..<k { out[f] *= scale }
                }
            }
            counts[0] += k
            i += k
            if counts[0] == c { processLevel(0) }
        }
    }

    /// Ends the measurement: pushes zeros through the decimators until every level has produced its
    /// samples up to the end of the input, and sums each level's bands only up to there. Level l's
    /// sample j stands for input time 2^l·j − 11·(2^l − 1) (each decimator delays by 11 samples of its input).
    mutating func finish() {
        let n = processed[0] + counts[0]
        guard n > 0 else { return }
        realFrames = n
        var needed = [Int](repeating: 0, count: levels)
        for l in 0..<levels { limits[l] = (n + 11 * ((1 << l) - 1) - 1) >> l + 1 }
        for l in stride(from: levels - 1, through: 0, by: -1) {
            needed[l] = l == levels - 1 ? limits[l] : max(limits[l], 2 * needed[l + 1] - 1)
        }
        var zeros = needed[0] - n
        let c = chunks[0], start0 = offsets[0]
        while zeros > 0 {
            let k = min(zeros, c - counts[0]), start = start0 + counts[0]
            store.withUnsafeMutableBufferPointer { all in
                let out = all.baseAddress! + start
                for f in 0..<k { out[f] = 0 }
            }
            counts[0] += k
            zeros -= k
            if counts[0] == c { processLevel(0) }
        }
        for l in 0..<levels {
            if counts[l] >= chunks[l] { processLevel(l) }
            if counts[l] > 0 {
                processChunk(level: l, at: 0, n: counts[l])
                counts[l] = 0
            }
        }
    }

    /// The mean square of each band (in the order of ``centres``) and of the mono fold over the
    /// samples fed so far, and their number.
    func meanSquares() -> (bands: [Double], total: Double, samples: Int) {
        let n = processed[0] + counts[0]
        var m = self
        m.finish()
        let total = m.total / Double(max(n, 1))
        var bands: [Double] = []
        for k in centres.indices {
            let slot = centres.count - 1 - k
            bands.append(m.energy[slot] * gains[slot] * Double(1 << slotLevel[slot]) / Double(max(n, 1)))
        }
        return (bands, total, n)
    }
}
