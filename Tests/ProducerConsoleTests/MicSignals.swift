import Foundation
import ProducerTestSupport

/// Synthetic multi-mic recordings with a known answer: a source made of partials under a burst
/// envelope, evaluated at `n − delay` exactly (so any fractional delay is exact), coloured by a
/// zero-phase FIR (different EQ, no added delay), flipped, with independent room noise at a given
/// SNR and a second source bleeding in at its own delay.
struct MicScene {
    /// One sound source: partials (angular frequency per sample, phase, amplitude) under bursts.
    struct Source {
        var partials: [(omega: Double, phase: Double, amplitude: Double)]
        var period: Double
        var on: Double

        init(seed: UInt64, count: Int, period: Double, low: Double = 50, high: Double = 15_000, rate: Double = 48_000) {
            var random = SeededRandom(seed: seed)
            partials = (0..<count).map { _ in
                let f = low * pow(high / low, (random.uniform() + 1) / 2)
                return (2 * .pi * f / rate, .pi * random.uniform(), 1 / (f / low).squareRoot())
            }
            self.period = period
            self.on = period * 0.6
        }

        /// The burst envelope at time `t` samples: raised-cosine edges of 480 samples.
        func envelope(_ t: Double) -> Double {
            let x = t - period * (t / period).rounded(.down)
            let edge = 480.0
            if x < edge { return 0.5 - 0.5 * cos(.pi * x / edge) }
            if x < on - edge { return 1 }
            if x < on { return 0.5 + 0.5 * cos(.pi * (x - on + edge) / edge) }
            return 0
        }

        /// `frames` samples of the source heard `delay` samples late (a constant delay: rotating phasors).
        func render(frames: Int, delay: Double) -> [Double] {
            var out = [Double](repeating: 0, count: frames)
            for p in partials {
                var re = cos(p.phase - p.omega * delay), im = sin(p.phase - p.omega * delay)
                let cr = cos(p.omega), ci = sin(p.omega)
                for n in 0..<frames {
                    out[n] += p.amplitude * im
                    let r = re * cr - im * ci
                    im = re * ci + im * cr
                    re = r
                }
            }
            for n in 0..<frames { out[n] *= envelope(Double(n) - delay) }
            return out
        }

        /// `frames` samples heard with a delay that changes with time (direct evaluation).
        func render(frames: Int, delay: (Int) -> Double) -> [Double] {
            var out = [Double](repeating: 0, count: frames)
            for n in 0..<frames {
                let t = Double(n) - delay(n)
                var sum = 0.0
                for p in partials { sum += p.amplitude * sin(p.omega * t + p.phase) }
                out[n] = sum * envelope(t)
            }
            return out
        }
    }

    /// A zero-phase (symmetric, centred) FIR: a different EQ with no delay of its own.
    static func colour(_ x: [Double], _ taps: [Double]) -> [Double] {
        let c = taps.count / 2
        var y = [Double](repeating: 0, count: x.count)
        for n in x.indices {
            var sum = 0.0
            for (j, h) in taps.enumerated() {
                let i = n + c - j
                if i >= 0 && i < x.count { sum += h * x[i] }
            }
            y[n] = sum
        }
        return y
    }

    /// Colourations: dark, bright, a mid scoop, a low boost (all symmetric).
    static let colourations: [[Double]] = [
        [1],
        [0.25, 0.5, 0.25],
        [-0.3, 1.6, -0.3],
        [0.1, -0.2, 1.2, -0.2, 0.1],
        [0.15, 0.2, 0.3, 0.2, 0.15],
    ]

    static func power(_ x: [Double]) -> Double { x.reduce(0) { $0 + $1 * $1 } / Double(max(1, x.count)) }

    /// One mic: the main source at `delay`, coloured and flipped, the bleed at `bleedDelay`
    /// (level `bleed` against the main source), and white room noise `snr` dB below the main source.
    static func mic(
        main: [Double], bleedSignal: [Double], colour: [Double], inverted: Bool, bleed: Double, snr: Double,
        seed: UInt64
    ) -> [Float] {
        let direct = MicScene.colour(main, colour)
        let p = power(direct)
        let bleedScale = (p / max(power(bleedSignal), 1e-30)).squareRoot() * bleed
        var random = SeededRandom(seed: seed)
        let noiseScale = (p / pow(10, snr / 10) * 3).squareRoot()  // uniform(−1…1) has power 1/3
        let sign = inverted ? -1.0 : 1.0
        let gain = 0.25 / max(p.squareRoot(), 1e-30)
        return direct.indices.map { n in
            Float(gain * (sign * direct[n] + bleedScale * bleedSignal[n] + noiseScale * random.uniform()))
        }
    }
}
