import Foundation

/// Signals with known answers that several test targets feed to what they test. Each keeps the
/// formula its tests were measured with, so that their figures do not move.
public enum TestSignals {
    /// A sine of `frequency` Hz and peak `amplitude`, starting at `phase` radians.
    public static func sine(
        frequency: Double, amplitude: Double, sampleRate: Double = 48_000, frames: Int, phase: Double = 0
    ) -> [Float] {
        (0..<frames).map { Float(amplitude * sin(2 * Double.pi * frequency * Double($0) / sampleRate + phase)) }
    }

    /// Uniform white noise of peak `amplitude` (from ``SeededRandom/uniform()``).
    public static func noise(amplitude: Double, frames: Int, seed: UInt64) -> [Float] {
        var random = SeededRandom(seed: seed)
        return (0..<frames).map { _ in Float(amplitude * random.uniform()) }
    }

    /// Uniform white noise with the given RMS (peak = rms·√3).
    public static func noise(rms: Double, frames: Int, seed: UInt64) -> [Float] {
        noise(amplitude: rms * 3.0.squareRoot(), frames: frames, seed: seed)
    }

    /// Pink noise: white noise through Paul Kellet's economy filter (−3 dB/octave, accurate to
    /// about ±0.5 dB above ~10 Hz at 44.1 kHz), scaled by `gain`.
    public static func pinkNoise(frames: Int, seed: UInt64, gain: Double = 0.05) -> [Float] {
        var random = SeededRandom(seed: seed)
        var b0 = 0.0, b1 = 0.0, b2 = 0.0
        return (0..<frames).map { _ in
            let white = random.uniform()
            b0 = 0.99765 * b0 + white * 0.0990460
            b1 = 0.96300 * b1 + white * 0.2965164
            b2 = 0.57000 * b2 + white * 1.0526913
            return Float(gain * (b0 + b1 + b2 + white * 0.1848))
        }
    }

    /// White noise of peak `level` from a 64-bit linear congruential generator (Knuth's MMIX
    /// constants, the high 32 bits), as the loudness tests were measured with.
    public static func congruentialNoise(frames: Int, seed: UInt64, level: Float = 0.1) -> [Float] {
        var state = seed
        return (0..<frames).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return level * Float(Int32(truncatingIfNeeded: state >> 32)) / 2147483648
        }
    }
}
