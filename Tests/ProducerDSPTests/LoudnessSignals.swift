import Foundation
import ProducerAudio
import ProducerDSP

/// Test signals of EBU Tech 3341 / 3342 and helpers to feed meters in awkward blocks.
enum LoudnessSignals {
    /// A tone made of segments: a 1 kHz (or `frequency`) sine at each segment's peak level in
    /// dBFS (`nil` = silence), phase-continuous, segment edges at rounded cumulative times.
    static func tone(
        _ segments: [(dBFS: Double?, seconds: Double)], frequency: Double = 1000, sampleRate: Double
    ) -> [Float] {
        var out: [Float] = []
        var elapsed = 0.0
        var start = 0
        for segment in segments {
            elapsed += segment.seconds
            let end = Int((elapsed * sampleRate).rounded())
            out.reserveCapacity(end)
            if let level = segment.dBFS {
                let a = pow(10, level / 20)
                let w = 2 * Double.pi * frequency / sampleRate
                for n in start..<end { out.append(Float(a * sin(w * Double(n)))) }
            } else {
                out.append(contentsOf: repeatElement(0, count: end - start))
            }
            start = end
        }
        return out
    }

    /// A sine of `amplitude` (linear) at `frequency`, starting phase in degrees, with 10 ms
    /// linear fades in and out.
    static func fadedSine(
        frequency: Double, amplitude: Double, phaseDegrees: Double, seconds: Double, sampleRate: Double
    ) -> [Float] {
        let n = Int(seconds * sampleRate)
        let fade = Int(0.010 * sampleRate)
        let w = 2 * Double.pi * frequency / sampleRate
        let phi = phaseDegrees * Double.pi / 180
        return (0..<n).map { i in
            let g = min(1, Double(min(i, n - 1 - i)) / Double(fade))
            return Float(g * amplitude * sin(w * Double(i) + phi))
        }
    }

    /// EBU Tech 3341 cases 20–23: a sine at fs/6 (amplitude 0.5) with one period of fs/4 at
    /// amplitude 1.0 inserted without a phase jump, made at 4·fs, low-passed below fs/2 and
    /// decimated by 4 starting at `offset` (0...3). 10 ms fades in and out.
    static func insertedBurst(offset: Int, seconds: Double = 0.25, sampleRate: Double = 48000) -> [Float] {
        let high = 4 * sampleRate
        let total = Int(seconds * high)
        let fade = Int(0.010 * high)
        let slow = high / (sampleRate / 6)  // 24 samples per period of fs/6
        let fast = high / (sampleRate / 4)  // 16 samples per period of fs/4
        let burstStart = Int(slow) * (total / 2 / Int(slow))  // at a zero crossing of the slow sine
        var x = [Double](repeating: 0, count: total)
        for i in 0..<total {
            if i < burstStart {
                x[i] = 0.5 * sin(2 * Double.pi * Double(i) / slow)
            } else if i < burstStart + Int(fast) {
                x[i] = 1.0 * sin(2 * Double.pi * Double(i - burstStart) / fast)
            } else {
                x[i] = 0.5 * sin(2 * Double.pi * Double(i - burstStart - Int(fast)) / slow)
            }
            let g = min(1, Double(min(i, total - 1 - i)) / Double(fade))
            x[i] *= g
        }
        // Low-pass at 4·fs: Kaiser-windowed sinc (β 8), cut-off 21 kHz (for 48 kHz), 193 taps.
        let taps = 193, half = taps / 2
        let fc = 21000 / 48000 * sampleRate / high
        let i0b = besselI0(8)
        var h = [Double](repeating: 0, count: taps)
        for k in 0..<taps {
            let m = Double(k - half)
            let s = m == 0 ? 2 * fc : sin(2 * Double.pi * fc * m) / (Double.pi * m)
            let r = m / Double(half)
            h[k] = s * besselI0(8 * (max(0, 1 - r * r)).squareRoot()) / i0b
        }
        let dc = h.reduce(0, +)
        h = h.map { $0 / dc }
        var out: [Float] = []
        var i = offset
        while i < total {
            var acc = 0.0
            for k in 0..<taps {
                let j = i - k + half
                if j >= 0 && j < total { acc += h[k] * x[j] }
            }
            out.append(Float(acc))
            i += 4
        }
        return out
    }

    static func besselI0(_ x: Double) -> Double {
        var sum = 1.0, term = 1.0, k = 1.0
        while term > sum * 1e-17 { term *= (x * x / 4) / (k * k); sum += term; k += 1 }
        return sum
    }

    /// Feeds `channels` to `meter` in blocks of `blockSize` frames through one reused buffer.
    static func feed<M: Meter>(_ meter: inout M, _ channels: [[Float]], blockSize: Int) {
        let total = channels[0].count
        var buffer = AudioBuffer(channelCount: channels.count, frameCapacity: blockSize)
        var position = 0
        while position < total {
            let n = min(blockSize, total - position)
            buffer.frameCount = n
            for c in channels.indices {
                channels[c].withUnsafeBufferPointer { source in
                    buffer.withMutableChannel(c) { target in
                        target.baseAddress!.update(from: source.baseAddress! + position, count: n)
                    }
                }
            }
            meter.consume(buffer)
            position += n
        }
    }

    /// The loudness of `channels` measured in blocks of `blockSize` frames.
    static func loudness(
        _ channels: [[Float]], sampleRate: Double, blockSize: Int = 4801, weights: [Double]? = nil
    ) -> Loudness {
        var meter = LoudnessMeter(sampleRate: sampleRate, channelCount: channels.count, channelWeights: weights)
        feed(&meter, channels, blockSize: blockSize)
        return meter.result()
    }

    /// The peaks of `channels` measured in blocks of `blockSize` frames.
    static func peaks(_ channels: [[Float]], blockSize: Int = 1000) -> Peaks {
        var meter = TruePeakMeter(channelCount: channels.count)
        feed(&meter, channels, blockSize: blockSize)
        return meter.result()
    }
}
