import Foundation
import ProducerAudio
import ProducerConsole
import ProducerDSP
import Testing

@Suite struct FilterTests {
    static let rates = [44_100.0, 48_000.0, 96_000.0]

    /// Every filter type and slope the console builds.
    static func filters() -> [Filter] {
        [
            Filter(kind: .lowPass, frequency: 5000, q: 0.7071),
            Filter(kind: .lowPass, frequency: 3000, slope: 48),
            Filter(kind: .highPass, frequency: 100, q: 0.7071),
            Filter(kind: .highPass, frequency: 200, slope: 24),
            Filter(kind: .highPass, frequency: 500, slope: 36),
            Filter(kind: .highPass, frequency: 40, slope: 48),
            Filter(kind: .bandPass, frequency: 1000, q: 2),
            Filter(kind: .notch, frequency: 2000, q: 4),
            Filter(kind: .peak, frequency: 3000, gain: 6, q: 1),
            Filter(kind: .peak, frequency: 250, gain: -9, q: 3),
            Filter(kind: .lowShelf, frequency: 150, gain: 4, q: 0.7071),
            Filter(kind: .highShelf, frequency: 8000, gain: -5, q: 1),
        ]
    }

    @Test func butterworthSectionQs() {
        #expect(abs(FilterDesign.butterworthQ(order: 2)[0] - 0.707_107) < 1e-6)
        let q4 = FilterDesign.butterworthQ(order: 4)
        #expect(abs(q4[0] - 0.541_196) < 1e-6 && abs(q4[1] - 1.306_563) < 1e-6)
        let q8 = FilterDesign.butterworthQ(order: 8)
        #expect(q8.count == 4 && abs(q8[3] - 2.562_915) < 1e-6)
        #expect(FilterDesign.highPass(frequency: 100, slope: 36, sampleRate: 48_000).count == 3)
    }

    @Test func bandPassPeaksAtZeroDecibels() {
        let c = FilterDesign.bandPass(frequency: 1234, q: 3, sampleRate: 48_000)
        #expect(abs(c.response(atFrequency: 1234, sampleRate: 48_000).magnitude - 1) < 1e-12)
        let pass = FilterDesign.highPass(frequency: 1000, slope: 48, sampleRate: 48_000)
        #expect(abs(FilterDesign.responseDecibels(of: pass, atFrequency: 1000, sampleRate: 48_000) + 3.0103) < 0.001)
    }

    /// The measured response (the DFT of the impulse response) matches the cascaded closed form
    /// of the design within 0.01 dB at ~20 frequencies, wherever the response is above −80 dB
    /// (below it the 32-bit output's rounding dominates the impulse response's transform).
    @Test(arguments: rates)
    func magnitudeResponseMatchesClosedForm(sampleRate: Double) {
        for var filter in Self.filters() {
            let ir = ConsoleSignals.impulseResponse(&filter, sampleRate: sampleRate, frames: Int(sampleRate / 2))
            let sections = filter.coefficients
            var compared = 0
            for f in ConsoleSignals.probeFrequencies(sampleRate: sampleRate) {
                let expected = FilterDesign.responseDecibels(of: sections, atFrequency: f, sampleRate: sampleRate)
                guard expected > -80 else { continue }
                let measured = ConsoleSignals.responseDecibels(
                    impulseResponse: ir, frequency: f, sampleRate: sampleRate)
                #expect(abs(measured - expected) < 0.01, "\(filter.kind) \(filter.slope) @ \(f) Hz, \(sampleRate)")
                compared += 1
            }
            #expect(compared >= 8)
        }
    }

    /// A Butterworth high-pass of order N falls 6.02·N dB per octave (12/24/36/48 dB/oct), measured
    /// with steady sines one and two octaves below 1/4 of the cutoff: at 1/8 of the cutoff it is
    /// three octaves of that slope down, within 0.5 dB.
    @Test(arguments: [12, 24, 36, 48])
    func highPassSlope(slope: Int) {
        let fs = 48_000.0, fc = 1000.0
        let perOctave = 20 * log10(2.0) * Double(slope / 6)
        var levels: [Double] = []
        for f in [fc / 4, fc / 8] {
            var filter = Filter(kind: .highPass, frequency: fc, slope: slope)
            let x = ConsoleSignals.sine(f, amplitude: 1, sampleRate: fs, frames: Int(fs))
            let y = ConsoleSignals.render(&filter, [x], sampleRate: fs)[0]
            levels.append(
                ConsoleSignals.decibels(ConsoleSignals.sineAmplitude(y[24_000...], frequency: f, sampleRate: fs)))
        }
        #expect(abs((levels[0] - levels[1]) - perOctave) < 0.5, "slope \(levels[0] - levels[1]) dB/oct")
        #expect(abs(levels[1] + 3 * perOctave) < 0.5, "at fc/8: \(levels[1]) dB")
    }

    @Test func stereoChannelsMatchMono() {
        let fs = 48_000.0
        let l = ConsoleSignals.sine(440, amplitude: 0.5, sampleRate: fs, frames: 4800)
        let r = ConsoleSignals.sine(3100, amplitude: 0.3, sampleRate: fs, frames: 4800)
        var stereo = Filter(kind: .peak, frequency: 1000, gain: 6, q: 1)
        var mono = stereo
        let both = ConsoleSignals.render(&stereo, [l, r], sampleRate: fs)
        let left = ConsoleSignals.render(&mono, [l], sampleRate: fs)[0]
        let right = ConsoleSignals.render(&mono, [r], sampleRate: fs)[0]
        #expect(both[0] == left && both[1] == right)
    }

    /// A 0 → +12 dB gain step, set between blocks, ramps: no sample-to-sample step exceeds the
    /// boosted signal's own.
    @Test func gainStepDoesNotZipper() {
        let fs = 48_000.0
        let x = ConsoleSignals.sine(1000, amplitude: 0.2, sampleRate: fs, frames: 48_000)
        var filter = Filter(kind: .peak, frequency: 1000, gain: 0, q: 1)
        filter.prepare(sampleRate: fs, channelCount: 1, maximumBlockFrames: 64)
        let first = ConsoleSignals.render(
            &filter, [Array(x[..<9_600])], sampleRate: fs, blockFrames: 64, prepare: false)[0]
        let known = filter.setParameter("gain", to: 12)
        let unknown = filter.setParameter("mix", to: 1)
        #expect(known && !unknown)
        let rest = ConsoleSignals.render(
            &filter, [Array(x[9_600...])], sampleRate: fs, blockFrames: 64, prepare: false)[0]
        let y = first + rest
        let settled = ConsoleSignals.largestStep(y[38_400...])
        #expect(ConsoleSignals.largestStep(y[9_000..<20_000]) <= settled * 1.001)
        #expect(abs(ConsoleSignals.sineAmplitude(y[38_400...], frequency: 1000, sampleRate: fs) / 0.2 - 3.981) < 0.01)
    }
}
