import Foundation
import ProducerDSP

/// Finds the exact start of a note near a rough time, from a fine energy envelope.
///
/// A pitch tracker knows a note is there only once a period or two has sounded, and its frames
/// are 10 ms apart; the envelope, in 1 ms steps, shows where the sound actually begins.
///
/// The envelope is built from audio fed in blocks (``consume(_:)``, then ``finish()``), and only
/// the part that later questions can reach is kept (``release(before:)``).
struct OnsetRefiner {
    /// Samples per step, and the step in seconds.
    private let hop: Int
    let step: Double
    /// Steps on either side of the RMS window.
    private let half: Int
    // The step being summed.
    private var partial: Float = 0
    private var partialCount = 0
    /// Mean square per step.
    private var power = SlidingBuffer<Float>()
    /// RMS over the window centred on each step.
    private var envelope = SlidingBuffer<Float>()
    // The running window over `power`: its sum, size and ends.
    private var running: Float = 0
    private var size = 0
    private var lo = 0, hi = -1
    private var isFinished = false
    /// The low-pass the samples go through first, if any: a windowed-sinc FIR, evaluated only at
    /// every `lowPassStride`-th sample (what is left is below the cut-off, so fewer samples measure
    /// its power as well).
    private var lowPassTaps: [Float] = []
    private var lowPassStride = 1
    /// Input kept for the FIR (global index = sample index in the take).
    private var pending = SlidingBuffer<Float>()
    /// The next input index to filter (a multiple of the stride), and the samples received so far.
    private var nextOutput = 0
    private var received = 0
    /// The step being summed from filtered samples: its index, sum and count.
    private var filteredStep = 0
    private var filteredSum: Float = 0
    private var filteredCount = 0

    /// A refiner for audio at `sampleRate` with an envelope every `stepSeconds` and an RMS over
    /// `windowSeconds` centred on each step, long enough to span a period of a low voice so the
    /// envelope does not ripple with the waveform.
    ///
    /// With `lowPass` (Hz), the envelope is that of the audio below it (a fourth-order low-pass):
    /// for a voice, the sung vowel rather than the consonant before it, which a singer places
    /// ahead of the beat (a "t" or "s" is 20–60 ms of noise high above the voice's harmonics).
    init(sampleRate: Double, stepSeconds: Double = 0.001, windowSeconds: Double = 0.008, lowPass: Double? = nil) {
        hop = Swift.max(1, Int(sampleRate * stepSeconds))
        step = Double(hop) / sampleRate
        half = Swift.max(0, Int((windowSeconds / step / 2).rounded()))
        if let lowPass, lowPass > 0, lowPass < 0.2 * sampleRate {
            // Hamming-windowed sinc, ±0.55 ms: its transition band ends about 3 kHz above the
            // cut-off (at 44.1 kHz), 50 dB down.
            let reach = Swift.max(4, Int(0.00055 * sampleRate))
            let fc = lowPass / sampleRate
            var taps: [Double] = []
            for k in -reach...reach {
                let x = Double(k)
                let sinc = k == 0 ? 2 * fc : sin(2 * Double.pi * fc * x) / (Double.pi * x)
                taps.append(sinc * (0.54 + 0.46 * cos(Double.pi * x / Double(reach + 1))))
            }
            let sum = taps.reduce(0, +)
            lowPassTaps = taps.map { Float($0 / sum) }
            lowPassStride = Swift.max(1, Int(sampleRate / 11_025))
        }
    }

    /// Adds a block of mono samples.
    mutating func consume(_ samples: UnsafeBufferPointer<Float>) {
        if lowPassTaps.isEmpty {
            for v in samples {
                partial += v * v
                partialCount += 1
                if partialCount == hop {
                    power.append(partial / Float(hop))
                    partial = 0
                    partialCount = 0
                }
            }
        } else {
            pending.append(contentsOf: samples)
            received += samples.count
            filter(until: received - lowPassTaps.count / 2)
        }
        advance()
    }

    /// Filters the samples at `nextOutput`, `nextOutput + stride`, … before `limit` (their taps
    /// reach no further than what has been received, or the end), and sums their power by step.
    private mutating func filter(until limit: Int) {
        let reach = lowPassTaps.count / 2, stride = lowPassStride
        let total = received
        lowPassTaps.withUnsafeBufferPointer { h in
            pending.withPointer { x in
                while nextOutput < limit {
                    let m = nextOutput
                    var y: Float = 0
                    let lo = Swift.max(-reach, -m), hi = Swift.min(reach, total - 1 - m)
                    if lo == -reach && hi == reach {
                        // Inside the signal: eight taps at a time.
                        let taps = h.count, base = UnsafeRawPointer(x + (m - reach - pending.start))
                        let coefficients = UnsafeRawPointer(h.baseAddress!)
                        var acc = SIMD8<Float>()
                        var k = 0
                        while k + 8 <= taps {
                            acc +=
                                base.loadUnaligned(fromByteOffset: k * 4, as: SIMD8<Float>.self)
                                * coefficients.loadUnaligned(fromByteOffset: k * 4, as: SIMD8<Float>.self)
                            k += 8
                        }
                        y = acc.sum()
                        while k < taps { y += h[k] * x[m - reach + k - pending.start]; k += 1 }
                    } else if lo <= hi {
                        for k in lo...hi { y += h[k + reach] * x[m + k - pending.start] }
                    }
                    let step = m / hop
                    while step > filteredStep { closeStep() }
                    filteredSum += y * y
                    filteredCount += 1
                    nextOutput += stride
                }
            }
        }
        // Keep what later outputs still read.
        pending.drop(before: Swift.min(pending.end, nextOutput - reach))
    }

    /// Ends the step being summed from filtered samples.
    private mutating func closeStep() {
        power.append(filteredCount > 0 ? filteredSum / Float(filteredCount) : 0)
        filteredSum = 0
        filteredCount = 0
        filteredStep += 1
    }

    /// The audio has ended (a last partial step is dropped).
    mutating func finish() {
        if !lowPassTaps.isEmpty {
            filter(until: received)
            // Whole steps only, as without the low-pass.
            while filteredStep < received / hop { closeStep() }
        }
        isFinished = true
        advance()
    }

    /// Whether ``refine(near:)`` can already answer for `time` as it will when all audio is in.
    func canRefine(near time: Double) -> Bool {
        isFinished || envelope.end > Int(time / step) + Int(0.08 / step) + 1
    }

    /// Lets go of the envelope before `time` (seconds): no later question reaches back that far.
    mutating func release(before time: Double) {
        envelope.drop(before: Swift.min(envelope.end, Int(Swift.max(0, time) / step)))
    }

    /// Computes the envelope of every step whose window has arrived.
    private mutating func advance() {
        let available = power.end
        while envelope.end < available {
            let i = envelope.end
            if !isFinished && i + half > available - 1 { break }
            while hi < Swift.min(available - 1, i + half) { hi += 1; running += power[hi]; size += 1 }
            while lo < i - half { running -= power[lo]; lo += 1; size -= 1 }
            envelope.append((Swift.max(0, running) / Float(Swift.max(1, size))).squareRoot())
        }
        power.drop(before: Swift.min(power.end, lo))
    }

    /// The start of the sound near `time` (seconds): the attack that rises from the quietest point
    /// of the 150 ms before `time`; nil when there is no clear attack (the level rises less than
    /// 6 dB: a legato change).
    func refine(near time: Double) -> Double? {
        let count = envelope.end
        guard count > 2 else { return nil }
        let centre = Swift.min(count - 1, Swift.max(0, Int(time / step)))
        let lo = Swift.max(0, centre - Int(0.15 / step))
        // The valley: the quietest point before `time` (the latest, where several are as quiet).
        var valley = lo
        for i in lo...centre where envelope[i] <= envelope[valley] { valley = i }
        // The attack's peak: after the valley, up to 80 ms past `time`.
        let peakEnd = Swift.min(count - 1, centre + Int(0.08 / step))
        guard valley < peakEnd else { return nil }
        var peakIndex = valley
        for i in valley...peakEnd where envelope[i] > envelope[peakIndex] { peakIndex = i }
        let peak = envelope[peakIndex]
        guard peak > 0, envelope[valley] < peak * 0.5 else { return nil }
        // Where the attack crosses 10 % and 50 % of its rise. Voices and bowed or blown notes
        // rise smoothly (S-shaped); the line through the two crossings, extended back by
        // 0.694 of their distance (exact for a raised-cosine rise), lands where the rise begins, however long it is.
        let base = Swift.min(envelope[valley], peak * 0.1)
        let rise = peak - base
        guard let t50 = crossing(below: base + rise * 0.5, from: peakIndex, to: valley),
            let t10 = crossing(below: base + rise * 0.1, from: peakIndex, to: valley)
        else { return nil }
        let begins = t10 - (t50 - t10) * 0.694
        return Swift.max(Double(valley) * step, begins + Self.windowLead(riseSeconds: t50 - t10))
    }

    /// How far the centred RMS window makes a rise look early, by how fast it rises (the 10 % to
    /// 50 % time): the window reaches an attack half its length (4 ms) before it begins, so a hard
    /// attack (a pluck, a click: 2 ms from 10 % to 50 %) reads 5 ms early and a slow swell (25 ms)
    /// hardly at all. Measured on raised-cosine attacks of 0.5 to 80 ms on tones of 110 to 440 Hz;
    /// the two lines are within 1 ms of every one.
    static func windowLead(riseSeconds d: Double) -> Double {
        d <= 0.013 ? 0.0056 - 0.27 * d : Swift.max(0.0005, 0.0021 - 0.11 * (d - 0.013))
    }

    /// The valleys of the envelope between `from` and `to` (seconds) at least `depth` dB under the
    /// peaks within 150 ms on both sides of them, at least 100 ms apart: where a sound stops and
    /// starts again without a silence (a repeated note on a new syllable).
    /// Peaks are looked for from `after` on (the note's own attack, not what came before it).
    func dips(from: Double, to: Double, after: Double, depth: Double) -> [Double] {
        let floor = Swift.max(envelope.start, Int(after / step))
        let lo = Swift.max(envelope.start, Int(from / step)), hi = Swift.min(envelope.end - 2, Int(to / step))
        guard hi > lo else { return [] }
        let reach = Int(0.15 / step), spacing = Int(0.1 / step)
        let ratio = Float(pow(10, -depth / 20))
        var found: [Double] = []
        var last = Int.min / 2
        var i = lo
        while i <= hi {
            let v = envelope[i]
            // A local minimum over ±10 ms.
            var isMinimum = true
            for k in Swift.max(envelope.start, i - 10)...Swift.min(envelope.end - 1, i + 10) where envelope[k] < v {
                isMinimum = false
                break
            }
            if isMinimum && i - last >= spacing {
                var left: Float = 0, right: Float = 0
                for k in Swift.max(floor, i - reach)..<i { left = Swift.max(left, envelope[k]) }
                for k in (i + 1)...Swift.min(envelope.end - 1, i + reach) { right = Swift.max(right, envelope[k]) }
                if v < ratio * left && v < ratio * right {
                    found.append((Double(i) + 0.5) * step)
                    last = i
                    i += spacing
                    continue
                }
            }
            i += 1
        }
        return found
    }

    /// Walking back from `from` to `to`, the time (interpolated) where the envelope falls under `level`.
    private func crossing(below level: Float, from: Int, to: Int) -> Double? {
        var i = from
        while i > to && envelope[i - 1] > level { i -= 1 }
        guard i > 0, envelope[i] != envelope[i - 1] else { return Double(i) * step }
        let f = Double((level - envelope[i - 1]) / (envelope[i] - envelope[i - 1]))
        // Envelope point i stands for the middle of its step.
        return (Double(i - 1) + Swift.min(1, Swift.max(0, f)) + 0.5) * step
    }
}
