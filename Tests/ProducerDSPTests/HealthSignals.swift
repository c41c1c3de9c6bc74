import Foundation
import ProducerAudio
import ProducerDSP
import ProducerTestSupport

/// Signals with known answers, and helpers to feed meters, for the health meter tests.
enum HealthSignals {
    /// A deterministic generator (SplitMix64).
    typealias Random = SeededRandom

    static func amplitude(dB: Double) -> Double { pow(10, dB / 20) }

    /// A sine of `frequency` Hz and peak `amplitude`.
    static func sine(frequency: Double, amplitude: Double, sampleRate: Double = 48_000, frames: Int) -> [Float] {
        TestSignals.sine(frequency: frequency, amplitude: amplitude, sampleRate: sampleRate, frames: frames)
    }

    /// Uniform white noise with the given RMS (peak = rms·√3).
    static func noise(rms: Double, frames: Int, seed: UInt64) -> [Float] {
        TestSignals.noise(rms: rms, frames: frames, seed: seed)
    }

    /// Pink noise (Paul Kellet's economy filter over white noise), scaled by `gain`.
    static func pinkNoise(frames: Int, seed: UInt64, gain: Double = 0.05) -> [Float] {
        TestSignals.pinkNoise(frames: frames, seed: seed, gain: gain)
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
