import Foundation
import ProducerDSP
import ProducerTestSupport
import Testing

@Suite struct ResamplerTests {
    /// RMS of `x` from `from` on, dB.
    static func rms(_ x: [Float], from: Int = 0, to: Int? = nil) -> Double {
        let slice = x[from..<(to ?? x.count)]
        return 10 * log10(slice.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(slice.count))
    }

    /// The amplitude of `frequency` in `x` (a single-bin DFT over whole cycles).
    static func amplitude(_ x: [Float], frequency: Double, rate: Double) -> Double {
        var re = 0.0, im = 0.0
        for (i, v) in x.enumerated() {
            re += Double(v) * cos(2 * .pi * frequency * Double(i) / rate)
            im += Double(v) * sin(2 * .pi * frequency * Double(i) / rate)
        }
        return 2 * (re * re + im * im).squareRoot() / Double(x.count)
    }

    @Test func ratioInLowestTerms() {
        let r = Resampler(from: 48_000, to: 44_100)
        #expect(r.up == 147 && r.down == 160)
        #expect(r.outputCount(48_000) == 44_100)
        #expect(Resampler(from: 96_000, to: 48_000).up == 1)
    }

    @Test(arguments: [(48_000.0, 44_100.0), (44_100.0, 48_000.0), (96_000.0, 44_100.0)])
    func sineKeepsFrequencyAndLevel(rates: (Double, Double)) {
        let (from, to) = rates
        let x = TestSignals.sine(frequency: 997, amplitude: 0.5, sampleRate: from, frames: Int(from))
        let y = Resampler(from: from, to: to).process(x)
        #expect(y.count == Int(to))
        // One second: 997 whole cycles at either rate; skip the edges where the filter sees zeros.
        let core = Array(y[Int(to) / 10..<Int(to) * 9 / 10])
        let expected = TestSignals.sine(frequency: 997, amplitude: 0.5, sampleRate: to, frames: Int(to))
        let reference = Array(expected[Int(to) / 10..<Int(to) * 9 / 10])
        let error = zip(core, reference).map { Double($0 - $1) }
        let errorRMS = 10 * log10(error.reduce(0) { $0 + $1 * $1 } / Double(error.count))
        // Same frequency, phase and level: the difference from the ideal sine is ≥ 90 dB down.
        #expect(errorRMS - Self.rms(reference) < -90, "error \(errorRMS - Self.rms(reference)) dB")
    }

    @Test func passbandIsFlatTo20kHz() {
        for f in [50.0, 1000, 10_000, 19_000] {
            let x = TestSignals.sine(frequency: f, amplitude: 0.5, sampleRate: 48_000, frames: 48_000)
            let y = Array(Resampler(from: 48_000, to: 44_100).process(x)[4410..<39_690])
            let a = Self.amplitude(y, frequency: f, rate: 44_100)
            #expect(abs(20 * log10(a / 0.5)) < 0.05, "\(f) Hz: \(20 * log10(a / 0.5)) dB")
        }
    }

    @Test func toneAboveTheNewNyquistIsRemoved() {
        // 25 kHz at 48 kHz would fold to 19.1 kHz at 44.1 kHz.
        let x = TestSignals.sine(frequency: 25_000, amplitude: 0.5, sampleRate: 96_000, frames: 96_000)
        let y = Resampler(from: 96_000, to: 44_100).process(x)
        let level = Self.rms(y, from: 4410, to: 39_690) - Self.rms(x)
        #expect(level < -90, "alias at \(level) dB")
        let z = Resampler(from: 48_000, to: 44_100).process(
            TestSignals.sine(frequency: 23_000, amplitude: 0.5, sampleRate: 48_000, frames: 48_000))
        // 23 kHz folds to 21.1 kHz: above the passband, where the transition still lets some through.
        #expect(Self.rms(z, from: 4410, to: 39_690) - Self.rms(x) < -20)
    }
}
