import ProducerAudio
import ProducerDSP
import RealModule

/// A model of ``Limiter`` followed by ``LoudnessMeter`` on one signal, for the loudness search:
/// it predicts the integrated loudness that comes out of the limiter at a given input gain and
/// release without rendering any audio.
///
/// The signal is read once into chunks of about 14 frames (``chunksPerStep`` to each of the
/// meter's 10 ms steps, whose boundaries they share): per chunk, the largest interpolated peak
/// the limiter's detector sees (its own 4× interpolator, over the channels) and the K-weighted
/// energy (BS.1770, summed over the channels). The peaks do not depend on the gain, so the
/// limiter's hold (the largest peak over its window, from its guard before a chunk to its
/// look-ahead after it) is taken once per look-ahead. A prediction then follows the gain chunk
/// by chunk (the need `target / (gain · peak)` held over the window, the one-pole release) and
/// sums the energies times the gain squared into the meter's 400 ms blocks, gated at −70 LUFS
/// and −10 LU. It leaves out the limiter's moving average (a ramp over the look-ahead) and the
/// change K-weighting makes to a gain that moves; the search measures each rendered pass and
/// corrects the model by the difference.
struct LimiterModel {
    /// Chunks per 10 ms step of the loudness meter.
    static let chunksPerStep = 32
    let sampleRate: Double
    /// Per chunk: the detector's largest interpolated |x| (over the channels) and the K-weighted energy.
    private(set) var peak: [Float] = []
    private(set) var energy: [Double] = []
    /// Frames per 10 ms step.
    private(set) var stepFrames: [Int] = []
    /// The gain (dB) at which the loudest peak reaches the limiter's target under `ceiling` dBTP.
    func limitingOnset(ceiling: Double) -> Double {
        let loudest = peak.max() ?? 0
        guard loudest > 0 else { return 0 }
        return ceiling - Limiter.safetyMargin - 20 * Double.log10(Double(loudest))
    }

    /// The largest peak over the limiter's window, per look-ahead (frames) used.
    private var held: [Int: [Float]] = [:]

    /// Reads `channels` (one or two, equal length) at `sampleRate`.
    init(_ channels: [[Float]], sampleRate: Double) {
        self.sampleRate = sampleRate
        let frames = channels.first?.count ?? 0
        guard frames > 0 else { return }
        let m = Self.chunksPerStep
        // Chunk j ends at ⌊j · fs / (100 m)⌋, so chunk k·m ends where the meter's step k does.
        let rate = Int(sampleRate.rounded())
        var ends: [Int] = []
        ends.reserveCapacity(frames * 100 * m / max(1, rate) + 2)
        var j = 1
        while true {
            let end = j * rate / (100 * m)
            if end >= frames {
                ends.append(frames)
                break
            }
            ends.append(end)
            j += 1
        }
        // Steps: every m chunks (the last may be partial).
        var s = 0
        stepFrames.reserveCapacity(ends.count / m + 1)
        while s < ends.count {
            let last = min(ends.count, s + m) - 1
            stepFrames.append(ends[last] - (s == 0 ? 0 : ends[s - 1]))
            s += m
        }
        peak = Self.peaks(channels, ends: ends)
        energy = Self.energies(channels, ends: ends, sampleRate: sampleRate)
    }

    /// The detector's peaks per chunk (see ``Limiter/detect``), block by block.
    private static func peaks(_ channels: [[Float]], ends: [Int]) -> [Float] {
        let frames = channels[0].count, count = channels.count
        let taps = Limiter.taps, delay = Limiter.detectorDelay
        let block = 4096
        let splat = Limiter().splatTaps
        // The detector's frame f looks at x[f − 15 … f] and gives the peak around x[f − 8]:
        // ext[j] = x[start + 8 − 15 + j], so that frame f of the block is the peak around x[start + f].
        let extStride = block + taps + 8
        var ext = [Float](repeating: 0, count: count * extStride)
        var needs = [Float](repeating: 1, count: block + 8)
        var result = [Float](repeating: 0, count: ends.count)
        let tiny: Float = 1e-20
        var chunk = 0
        var start = 0
        while start < frames {
            let n = min(block, frames - start)
            ext.withUnsafeMutableBufferPointer { e in
                for c in 0..<count {
                    channels[c].withUnsafeBufferPointer { x in
                        let base = e.baseAddress! + c * extStride
                        for j in 0..<extStride {
                            let i = start + delay - (taps - 1) + j
                            base[j] = i >= 0 && i < frames ? x[i] : 0
                        }
                    }
                }
            }
            ext.withUnsafeBufferPointer { e in
                splat.withUnsafeBufferPointer { s in
                    needs.withUnsafeMutableBufferPointer { d in
                        Limiter.detect(
                            e.baseAddress!, extStride, count, from: 0, to: n, s.baseAddress!, target: tiny,
                            into: d.baseAddress!)
                    }
                }
            }
            for f in 0..<n {
                let frame = start + f
                while ends[chunk] <= frame { chunk += 1 }
                let need = needs[f]
                if need < 1 { result[chunk] = max(result[chunk], tiny / need) }
            }
            start += n
        }
        return result
    }

    /// The K-weighted energy per chunk, summed over the channels.
    private static func energies(_ channels: [[Float]], ends: [Int], sampleRate: Double) -> [Double] {
        let shelf = KWeighting.shelf(sampleRate: sampleRate), highPass = KWeighting.highPass(sampleRate: sampleRate)
        var result = [Double](repeating: 0, count: ends.count)
        for x in channels {
            var s1 = 0.0, s2 = 0.0, h1 = 0.0, h2 = 0.0
            var begin = 0
            x.withUnsafeBufferPointer { x in
                for c in ends.indices {
                    var sum = 0.0
                    for i in begin..<ends[c] {
                        // Transposed direct form II, shelf then high-pass.
                        let v = Double(x[i])
                        let y = shelf.b0 * v + s1
                        s1 = shelf.b1 * v - shelf.a1 * y + s2
                        s2 = shelf.b2 * v - shelf.a2 * y
                        let z = highPass.b0 * y + h1
                        h1 = highPass.b1 * y - highPass.a1 * z + h2
                        h2 = highPass.b2 * y - highPass.a2 * z
                        sum += z * z
                    }
                    result[c] += sum
                    begin = ends[c]
                }
            }
        }
        return result
    }

    /// 1 / the largest peak over the limiter's window for `lookahead` ms, per chunk (infinite where silent).
    private mutating func heldPeaks(lookahead: Double) -> [Float] {
        let latency = max(
            Limiter.detectorDelay + 2 * Limiter.guardFrames + 1, Int((lookahead * sampleRate / 1000).rounded()))
        if let h = held[latency] { return h }
        let chunk = sampleRate / 100 / Double(Self.chunksPerStep)
        let ahead = Int((Double(latency - Limiter.detectorDelay) / chunk).rounded(.up))
        let back = Int((Double(Limiter.guardFrames) / chunk).rounded(.up))
        let n = peak.count
        var h = [Float](repeating: 0, count: n)
        // A running maximum over [c − back, c + ahead] (monotonic deque of indices).
        var deque = [Int](repeating: 0, count: n + 1)
        var head = 0, tail = 0
        var next = 0
        for c in 0..<n {
            while next < n && next <= c + ahead {
                while tail > head && peak[deque[tail - 1]] <= peak[next] { tail -= 1 }
                deque[tail] = next
                tail += 1
                next += 1
            }
            while deque[head] < c - back { head += 1 }
            h[c] = peak[deque[head]]
        }
        // Stored as 1 / peak (infinite for silence), so that a prediction multiplies.
        for c in 0..<n { h[c] = h[c] > 0 ? 1 / h[c] : .infinity }
        held[latency] = h
        return h
    }

    /// The predicted integrated loudness (LUFS, −70 for silence) of the limiter's output with
    /// `gain` dB into a limiter of `ceiling` dBTP, `release` ms and `lookahead` ms.
    mutating func loudness(gain: Double, ceiling: Double, release: Double, lookahead: Double) -> Double {
        guard !peak.isEmpty else { return -70 }
        let h = heldPeaks(lookahead: lookahead)
        let (g, scale, k) = coefficients(gain: gain, ceiling: ceiling, release: release)
        let m = Self.chunksPerStep
        var steps = [Double](repeating: 0, count: stepFrames.count)
        var envelope = 1.0
        h.withUnsafeBufferPointer { h in
            energy.withUnsafeBufferPointer { e in
                for s in steps.indices {
                    var sum = 0.0
                    for c in (s * m)..<min(h.count, s * m + m) {
                        let need = min(1, Double(h[c]) * scale)
                        Self.follow(&envelope, need: need, release: k)
                        sum += envelope * envelope * e[c]
                    }
                    steps[s] = sum * g * g
                }
            }
        }
        return Self.integrated(steps: steps, frames: stepFrames)
    }

    /// How much the limiter's release makes the gain swing between peaks (dB), heard as pumping:
    /// in each 400 ms block of the loud passages (within 20 LU of the integrated loudness) where
    /// at least a quarter of the time no peak in the limiter's window needs any reduction, the
    /// spread (90th less 10th percentile, by time) of the reduction still applied there; then the
    /// 95th percentile over those blocks. A held, steady reduction (dense material, long release)
    /// or one that lets go at once gives little; a reduction that dips at each hit and swells
    /// back over the next few hundred milliseconds gives its depth. 0 when no block qualifies.
    mutating func gainReductionSwing(gain: Double, ceiling: Double, release: Double, lookahead: Double) -> Double {
        guard !peak.isEmpty else { return 0 }
        let h = heldPeaks(lookahead: lookahead)
        let (g, scale, k) = coefficients(gain: gain, ceiling: ceiling, release: release)
        let m = Self.chunksPerStep, blockSteps = 40
        var steps = [Double](repeating: 0, count: stepFrames.count)
        // Per block, a histogram of the reduction between peaks in 0.1 dB bins (up to 40 dB).
        let bins = 400
        let blocks = (steps.count + blockSteps - 1) / blockSteps
        var histogram = [UInt16](repeating: 0, count: blocks * bins)
        var envelope = 1.0
        for s in steps.indices {
            var sum = 0.0
            let base = (s / blockSteps) * bins
            for c in (s * m)..<min(h.count, s * m + m) {
                let need = min(1, Double(h[c]) * scale)
                Self.follow(&envelope, need: need, release: k)
                sum += envelope * envelope * energy[c]
                if need == 1 {
                    let bin = min(bins - 1, Int(-200 * Double.log10(envelope)))
                    histogram[base + bin] &+= 1
                }
            }
            steps[s] = sum * g * g
        }
        let integrated = Self.integrated(steps: steps, frames: stepFrames)
        var spreads: [Double] = []
        for b in 0..<blocks {
            let r = (b * blockSteps)..<min(steps.count, b * blockSteps + blockSteps)
            let e = r.reduce(0.0) { $0 + steps[$1] }, n = r.reduce(0) { $0 + stepFrames[$1] }
            guard n > 0, -0.691 + 10 * Double.log10(max(e / Double(n), 1e-30)) > integrated - 20 else { continue }
            let counts = histogram[(b * bins)..<(b * bins + bins)]
            let total = counts.reduce(0) { $0 + Int($1) }
            guard total * 4 >= r.count * m else { continue }
            var seen = 0, low: Int? = nil, high = 0
            for (i, c) in counts.enumerated() {
                seen += Int(c)
                if low == nil && seen * 10 >= total { low = i }
                if seen * 10 >= total * 9 {
                    high = i
                    break
                }
            }
            spreads.append(Double(high - (low ?? high)) / 10)
        }
        guard !spreads.isEmpty else { return 0 }
        spreads.sort()
        return spreads[min(spreads.count - 1, Int(0.95 * Double(spreads.count)))]
    }

    /// The model's linear gain, the scale from a held peak to the gain it needs, and the release
    /// coefficient per chunk.
    func coefficients(gain: Double, ceiling: Double, release: Double) -> (gain: Double, scale: Double, k: Double) {
        let target = Double.pow(10, (ceiling - Limiter.safetyMargin) / 20)
        let g = Double.pow(10, gain / 20)
        let chunk = sampleRate / 100 / Double(Self.chunksPerStep)
        return (g, target / g, 1 - Double.exp(-1000 * chunk / (release * sampleRate)))
    }

    /// The limiter's gain envelope: down at once to what a peak needs, back up by the release.
    @inline(__always)
    static func follow(_ envelope: inout Double, need: Double, release k: Double) {
        if need < envelope {
            envelope = need
        } else {
            envelope += k * (need - envelope)
        }
    }

    /// BS.1770's integrated loudness from 10 ms step energies: 400 ms blocks every 100 ms,
    /// gated at −70 LUFS and 10 LU under the mean of the blocks above it.
    static func integrated(steps: [Double], frames: [Int]) -> Double {
        var blocks: [Double] = []
        var end = 40
        while end <= steps.count {
            var e = 0.0, n = 0
            for s in (end - 40)..<end {
                e += steps[s]
                n += frames[s]
            }
            blocks.append(e / Double(max(1, n)))
            end += 10
        }
        func lufs(_ z: Double) -> Double { -0.691 + 10 * Double.log10(max(z, 1e-30)) }
        let absolute = blocks.filter { lufs($0) > -70 }
        guard !absolute.isEmpty else { return -70 }
        let relative = lufs(absolute.reduce(0, +) / Double(absolute.count)) - 10
        let gated = absolute.filter { lufs($0) > relative }
        guard !gated.isEmpty else { return -70 }
        return lufs(gated.reduce(0, +) / Double(gated.count))
    }
}
