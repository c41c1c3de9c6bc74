import ProducerAudio
import ProducerConsole
import ProducerDSP
import Foundation

/// Test material with known answers for the console's processors.
enum ConsoleSignals {
    /// A sine of `amplitude` (linear peak) at `frequency` Hz.
    static func sine(
        _ frequency: Double, amplitude: Double, sampleRate: Double, frames: Int, phase: Double = 0
    ) -> [Float] {
        let w = 2 * Double.pi * frequency / sampleRate
        return (0..<frames).map { Float(amplitude * sin(w * Double($0) + phase)) }
    }

    /// A square wave of `amplitude`: every sample is ±amplitude, so its peak and RMS are both `amplitude`.
    static func square(_ frequency: Double, amplitude: Double, sampleRate: Double, frames: Int) -> [Float] {
        let period = sampleRate / frequency
        return (0..<frames).map {
            Double($0).truncatingRemainder(dividingBy: period) < period / 2 ? Float(amplitude) : Float(-amplitude)
        }
    }

    static func amplitude(decibels: Double) -> Double { pow(10, decibels / 20) }
    static func decibels(_ x: Double) -> Double { 20 * log10(x) }

    static func rms(_ x: ArraySlice<Float>) -> Double {
        var s = 0.0
        for v in x { s += Double(v) * Double(v) }
        return (s / Double(max(1, x.count))).squareRoot()
    }

    /// The amplitude of the `frequency` Hz component of `x`, by a least-squares fit of a·cos + b·sin
    /// (exact for a pure sinusoid whatever the length of the window).
    static func sineAmplitude(_ x: ArraySlice<Float>, frequency: Double, sampleRate: Double) -> Double {
        let w = 2 * Double.pi * frequency / sampleRate
        var cc = 0.0, ss = 0.0, cs = 0.0, xc = 0.0, xs = 0.0
        var n = 0.0
        for v in x {
            let c = cos(w * n), s = sin(w * n), xv = Double(v)
            cc += c * c; ss += s * s; cs += c * s; xc += xv * c; xs += xv * s
            n += 1
        }
        let det = cc * ss - cs * cs
        let a = (xc * ss - xs * cs) / det, b = (xs * cc - xc * cs) / det
        return (a * a + b * b).squareRoot()
    }

    /// The magnitude in dB of the DFT of `ir` at `frequency` (the response of the system whose impulse response it is).
    static func responseDecibels(impulseResponse ir: [Float], frequency: Double, sampleRate: Double) -> Double {
        let w = 2 * Double.pi * frequency / sampleRate
        let cw = cos(w), sw = sin(w)
        var re = 0.0, im = 0.0, c = 1.0, s = 0.0
        for v in ir {
            re += Double(v) * c; im -= Double(v) * s
            let nc = c * cw - s * sw
            s = s * cw + c * sw; c = nc
        }
        return 10 * log10(re * re + im * im)
    }

    /// Runs `channels` through `processor` in blocks of `blockFrames`, with an optional key.
    static func render<P: Processor>(
        _ processor: inout P, _ channels: [[Float]], sampleRate: Double, blockFrames: Int = 512,
        sidechain: [[Float]]? = nil, prepare: Bool = true
    ) -> [[Float]] {
        let frames = channels[0].count
        if prepare {
            processor.prepare(sampleRate: sampleRate, channelCount: channels.count, maximumBlockFrames: blockFrames)
        }
        var out = channels.map { _ in [Float]() }
        var block = AudioBuffer(channelCount: channels.count, frameCapacity: blockFrames)
        var key = sidechain.map { AudioBuffer(channelCount: $0.count, frameCapacity: blockFrames) }
        var start = 0
        while start < frames {
            let n = min(blockFrames, frames - start)
            block.frameCount = n
            for c in channels.indices { for i in 0..<n { block[c, i] = channels[c][start + i] } }
            if let sc = sidechain {
                key!.frameCount = n
                for c in sc.indices { for i in 0..<n { key![c, i] = sc[c][start + i] } }
            }
            processor.process(&block, sidechain: key)
            for c in channels.indices { out[c] += block.channel(c) }
            start += n
        }
        return out
    }

    /// The impulse response of a freshly prepared processor, mono.
    static func impulseResponse<P: Processor>(_ processor: inout P, sampleRate: Double, frames: Int) -> [Float] {
        var x = [Float](repeating: 0, count: frames)
        x[0] = 1
        return render(&processor, [x], sampleRate: sampleRate, blockFrames: 4096)[0]
    }

    /// The largest sample-to-sample step in `x`.
    static func largestStep(_ x: ArraySlice<Float>) -> Float {
        var m: Float = 0
        var prev = x.first ?? 0
        for v in x { m = max(m, abs(v - prev)); prev = v }
        return m
    }

    /// ~20 log-spaced test frequencies from 20 Hz to 0.45 × the sample rate.
    static func probeFrequencies(sampleRate: Double, count: Int = 20) -> [Double] {
        let lo = log(20.0), hi = log(0.45 * sampleRate)
        return (0..<count).map { exp(lo + (hi - lo) * Double($0) / Double(count - 1)) }
    }
}
