import Foundation
import ProducerAudio
import ProducerDSP

/// Signals with known answers, and helpers to feed meters, for the health meter tests.
enum HealthSignals {
    /// A deterministic generator (SplitMix64).
    struct Random {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        /// Uniform in -1 ..< 1.
        mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 52) - 1 }
        /// Uniform integer in range.
        mutating func int(in range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
        }
    }

    static func amplitude(dB: Double) -> Double { pow(10, dB / 20) }

    /// A sine of `frequency` Hz and peak `amplitude`.
    static func sine(frequency: Double, amplitude: Double, sampleRate: Double = 48_000, frames: Int) -> [Float] {
        (0..<frames).map { Float(amplitude * sin(2 * Double.pi * frequency * Double($0) / sampleRate)) }
    }

    /// Uniform white noise with the given RMS (peak = rms·√3).
    static func noise(rms: Double, frames: Int, seed: UInt64) -> [Float] {
        var g = Random(seed: seed)
        let a = rms * 3.0.squareRoot()
        return (0..<frames).map { _ in Float(a * g.uniform()) }
    }

    /// Pink noise: white noise through Paul Kellet's economy filter (-3 dB/octave, accurate
    /// to about ±0.5 dB above ~10 Hz at 44.1 kHz), scaled by `gain`.
    static func pinkNoise(frames: Int, seed: UInt64, gain: Double = 0.05) -> [Float] {
        var g = Random(seed: seed)
        var b0 = 0.0, b1 = 0.0, b2 = 0.0
        return (0..<frames).map { _ in
            let white = g.uniform()
            b0 = 0.99765 * b0 + white * 0.0990460
            b1 = 0.96300 * b1 + white * 0.2965164
            b2 = 0.57000 * b2 + white * 1.0526913
            return Float(gain * (b0 + b1 + b2 + white * 0.1848))
        }
    }

    /// Feeds `channels` to `meter` in blocks of `blockSize` frames (all at once when nil),
    /// through one reused buffer, and returns the result.
    static func feed<M: Meter>(_ meter: M, _ channels: [[Float]], blockSize: Int? = nil) -> M.Result {
        var m = meter
        let n = channels[0].count
        let size = max(1, blockSize ?? n)
        var buffer = AudioBuffer(channelCount: channels.count, frameCapacity: size)
        var start = 0
        while start < n {
            let count = min(size, n - start)
            buffer.frameCount = count
            for c in 0..<channels.count {
                buffer.withMutableChannel(c) { dst in
                    channels[c].withUnsafeBufferPointer { src in
                        for i in 0..<count { dst[i] = src[start + i] }
                    }
                }
            }
            m.consume(buffer)
            start += count
        }
        return m.result()
    }

    /// The results of feeding whole, in 1000-frame and in 4801-frame blocks.
    static func splitResults<M: Meter>(_ meter: M, _ channels: [[Float]]) -> [M.Result] {
        [feed(meter, channels), feed(meter, channels, blockSize: 1000), feed(meter, channels, blockSize: 4801)]
    }
}
