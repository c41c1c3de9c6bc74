import Foundation
import ProducerAudio
import ProducerConsole
import ProducerDSP
import Testing

@Suite struct DeEsserTests {
    let fs = 48_000.0

    /// A 7 kHz burst is reduced by the amount the detector and split predict; a 500 Hz tone passes
    /// unchanged.
    @Test(arguments: [1, 2])
    func reducesSibilanceOnly(channels: Int) {
        let threshold = -24.0, ratio = 4.0
        var deEsser = DeEsser(frequency: 6000, threshold: threshold, ratio: ratio, range: 20)
        deEsser.prepare(sampleRate: fs, channelCount: channels, maximumBlockFrames: 512)
        let split = deEsser.splitCoefficients.response(atFrequency: 7000, sampleRate: fs)
        let a = 0.3
        // The high band's RMS, the reduction above the threshold, and the output amplitude
        // |x − (1 − g)·h| = a·|1 − (1 − g)·H(7 kHz)|.
        let level = ConsoleSignals.decibels(a * split.magnitude / 2.0.squareRoot())
        let reduction = min(20, (level - threshold) * (1 - 1 / ratio))
        let cut = 1 - ConsoleSignals.amplitude(decibels: -reduction)
        let re = 1 - cut * split.magnitude * cos(split.phase), im = -cut * split.magnitude * sin(split.phase)
        let expected = ConsoleSignals.decibels((re * re + im * im).squareRoot())
        #expect(reduction > 5)

        let silence = [Float](repeating: 0, count: 4_800)
        let burst = silence + ConsoleSignals.sine(7000, amplitude: a, sampleRate: fs, frames: 14_400) + silence
        let y = ConsoleSignals.render(&deEsser, Array(repeating: burst, count: channels), sampleRate: fs)
        let measured = ConsoleSignals.decibels(
            ConsoleSignals.sineAmplitude(y[channels - 1][9_600..<19_200], frequency: 7000, sampleRate: fs) / a)
        #expect(abs(measured - expected) < 0.1, "measured \(measured) dB, expected \(expected) dB")

        var clean = DeEsser(frequency: 6000, threshold: threshold, ratio: ratio, range: 20)
        let low = ConsoleSignals.sine(500, amplitude: 0.5, sampleRate: fs, frames: 24_000)
        let out = ConsoleSignals.render(&clean, Array(repeating: low, count: channels), sampleRate: fs)
        let change = ConsoleSignals.decibels(ConsoleSignals.rms(out[0][4_800...]) / ConsoleSignals.rms(low[4_800...]))
        #expect(abs(change) < 0.1)
        #expect(out[0] == low)  // below the threshold the split sums back exactly
    }

    @Test func parametersAreNamed() {
        var d = DeEsser()
        let ok = ["frequency", "threshold", "ratio", "range", "attack", "release"].map { d.setParameter($0, to: 3000) }
        #expect(ok.allSatisfy { $0 } && !d.setParameter("knee", to: 1))
    }
}
