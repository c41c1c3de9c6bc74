import Foundation
import ProducerAudio
import ProducerConsole
import ProducerDSP
import ProducerTestSupport

/// Test material and measurements for the effect processors.
enum FXSignals {
    /// A deterministic generator (SplitMix64).
    typealias Random = SeededRandom

    static func gain(dB: Double) -> Double { pow(10, dB / 20) }
    static func dB(_ x: Double) -> Double { 20 * log10(x) }

    /// A sine of `frequency` Hz, peak `amplitude`, starting at `phase` radians.
    static func sine(
        _ frequency: Double, amplitude: Double, frames: Int, sampleRate: Double = 48_000, phase: Double = 0
    ) -> [Float] {
        TestSignals.sine(
            frequency: frequency, amplitude: amplitude, sampleRate: sampleRate, frames: frames, phase: phase)
    }

    /// Uniform white noise of peak `amplitude`.
    static func noise(amplitude: Double, frames: Int, seed: UInt64) -> [Float] {
        TestSignals.noise(amplitude: amplitude, frames: frames, seed: seed)
    }

    /// A unit impulse at `at`.
    static func impulse(frames: Int, at: Int = 0, amplitude: Float = 1) -> [Float] {
        var x = [Float](repeating: 0, count: frames)
        x[at] = amplitude
        return x
    }

    /// Runs `processor` over `channels` in blocks of `blockSize`, calling `automate(block index,
    /// &processor)` before each block; returns the output channels.
    static func run<P: Processor>(
        _ processor: inout P, _ channels: [[Float]], sampleRate: Double = 48_000,
        blockSize: Int = 512, prepare: Bool = true,
        automate: ((Int, inout P) -> Void)? = nil
    ) -> [[Float]] {
        let n = channels[0].count
        if prepare {
            processor.prepare(sampleRate: sampleRate, channelCount: channels.count, maximumBlockFrames: blockSize)
        }
        var out = channels
        var buffer = AudioBuffer(channelCount: channels.count, frameCapacity: blockSize)
        var start = 0, index = 0
        while start < n {
            let m = min(blockSize, n - start)
            buffer.frameCount = m
            for c in channels.indices { for i in 0..<m { buffer[c, i] = channels[c][start + i] } }
            automate?(index, &processor)
            processor.process(&buffer)
            for c in channels.indices { for i in 0..<m { out[c][start + i] = buffer[c, i] } }
            start += m
            index += 1
        }
        return out
    }

    /// The true peak (linear, largest channel) per ProducerDSP's BS.1770 meter.
    static func truePeak(_ channels: [[Float]]) -> Double {
        var meter = TruePeakMeter(channelCount: channels.count)
        meter.consume(AudioBuffer(channels: channels))
        return meter.result().truePeak.max()!
    }

    /// The largest sample-to-sample step from `start` on.
    static func maximumStep(_ x: [Float], from start: Int = 1) -> Float {
        var m: Float = 0
        for i in max(1, start)..<x.count { m = max(m, abs(x[i] - x[i - 1])) }
        return m
    }

    /// Magnitude spectrum (dB, unnormalised) of `size` samples from `start` under a
    /// 4-term Blackman–Harris window (side lobes −92 dB).
    static func spectrumDB(_ x: [Float], start: Int, size: Int) -> [Double] {
        let fft = FFT(size: size)
        var windowed = [Float](repeating: 0, count: size)
        for i in 0..<size {
            let t = 2 * Double.pi * Double(i) / Double(size)
            let w = 0.35875 - 0.48829 * cos(t) + 0.14128 * cos(2 * t) - 0.01168 * cos(3 * t)
            windowed[i] = Float(w * Double(x[start + i]))
        }
        return fft.magnitude(windowed).map { 20 * log10(max(1e-30, Double($0))) }
    }

    /// Aliasing: the strongest component outside ±`guardBins` of the fundamental and of DC,
    /// relative to the fundamental, dB (negative; more negative is cleaner).
    static func spurious(
        _ x: [Float], fundamental: Double, sampleRate: Double, start: Int, size: Int = 16384, guardBins: Int = 8
    ) -> Double {
        let spectrum = spectrumDB(x, start: start, size: size)
        let bin = Int((fundamental / sampleRate * Double(size)).rounded())
        let peak = spectrum[(bin - guardBins)...(bin + guardBins)].max()!
        var worst = -Double.infinity
        for k in guardBins..<spectrum.count where abs(k - bin) > guardBins {
            worst = max(worst, spectrum[k])
        }
        return worst - peak
    }

    /// RT60 of an impulse response by Schroeder backward integration, from a least-squares line
    /// through the energy decay curve between −5 and −35 dB.
    static func rt60(_ ir: [Float], sampleRate: Double) -> Double {
        var edc = [Double](repeating: 0, count: ir.count)
        var sum = 0.0
        for i in stride(from: ir.count - 1, through: 0, by: -1) {
            sum += Double(ir[i]) * Double(ir[i])
            edc[i] = sum
        }
        let total = edc[0]
        var xs: [Double] = [], ys: [Double] = []
        for i in 0..<ir.count {
            let level = 10 * log10(max(1e-300, edc[i] / total))
            if level <= -5 && level >= -35 { xs.append(Double(i) / sampleRate); ys.append(level) }
        }
        let n = Double(xs.count)
        let mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0
        for i in xs.indices { sxy += (xs[i] - mx) * (ys[i] - my); sxx += (xs[i] - mx) * (xs[i] - mx) }
        return -60 / (sxy / sxx)
    }

    /// Pearson correlation of two equal-length runs.
    static func correlation(_ a: ArraySlice<Float>, _ b: ArraySlice<Float>) -> Double {
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for (x, y) in zip(a, b) {
            sab += Double(x) * Double(y); saa += Double(x) * Double(x); sbb += Double(y) * Double(y)
        }
        return sab / (saa * sbb).squareRoot()
    }
}
