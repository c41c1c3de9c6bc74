import Foundation
import ProducerAudio
import ProducerConsole
import ProducerDSP
import Testing

@Suite struct EqualizerTests {
    static func sessionEQ() -> Equalizer {
        Equalizer(
            highpass: 80, highpassSlope: 24, lowpass: 18_000,
            bands: [
                .init(frequency: 200, gain: -3, q: 1.4),
                .init(frequency: 3000, gain: 2, q: 1, type: .peak),
                .init(frequency: 120, gain: 3, q: 0.7071, type: .lowShelf),
                .init(frequency: 10_000, gain: 2.5, q: 0.7071, type: .highShelf),
            ])
    }

    @Test(arguments: [44_100.0, 48_000.0, 96_000.0])
    func responseMatchesCascadedClosedForm(sampleRate: Double) {
        var eq = Self.sessionEQ()
        let ir = ConsoleSignals.impulseResponse(&eq, sampleRate: sampleRate, frames: Int(sampleRate / 2))
        let sections = eq.sectionCoefficients
        #expect(sections.count == 2 + 4 + 1)
        for f in ConsoleSignals.probeFrequencies(sampleRate: sampleRate) {
            let expected = FilterDesign.responseDecibels(of: sections, atFrequency: f, sampleRate: sampleRate)
            guard expected > -80 else { continue }
            let measured = ConsoleSignals.responseDecibels(impulseResponse: ir, frequency: f, sampleRate: sampleRate)
            #expect(abs(measured - expected) < 0.01, "\(f) Hz at \(sampleRate): \(measured) vs \(expected)")
        }
        // The band at 3 kHz is +2 dB on top of the rest.
        let at3k = FilterDesign.responseDecibels(of: sections, atFrequency: 3000, sampleRate: sampleRate)
        #expect(abs(at3k - 2) < 0.3)
    }

    /// Mono runs the sections as a staggered pipeline; it must match a stereo channel fed the
    /// same signal, for any block size (including blocks shorter than the pipeline).
    @Test(arguments: [1, 3, 37, 512])
    func monoMatchesStereo(blockFrames: Int) {
        var mono = Self.sessionEQ(), stereo = Self.sessionEQ()
        let x = ConsoleSignals.square(97, amplitude: 0.5, sampleRate: 48_000, frames: 6000)
        let m = ConsoleSignals.render(&mono, [x], sampleRate: 48_000, blockFrames: blockFrames)[0]
        let s = ConsoleSignals.render(&stereo, [x, x], sampleRate: 48_000, blockFrames: blockFrames)
        let worst = zip(m, s[0]).map { abs($0 - $1) }.max() ?? 0
        #expect(worst < 1e-5)
        #expect(s[0] == s[1])
    }

    @Test func flatBandsAreSkippedAndExact() {
        var eq = Equalizer(bands: [.init(frequency: 1000, gain: 0), .init(frequency: 5000, gain: 0, type: .highShelf)])
        #expect(eq.sectionCoefficients.isEmpty)
        let x = ConsoleSignals.sine(777, amplitude: 0.4, sampleRate: 48_000, frames: 5000)
        #expect(ConsoleSignals.render(&eq, [x, x], sampleRate: 48_000) == [x, x])
    }

    @Test func stereoMatchesMonoAndParametersAreNamed() {
        let fs = 48_000.0
        let l = ConsoleSignals.sine(100, amplitude: 0.5, sampleRate: fs, frames: 4800)
        let r = ConsoleSignals.sine(5000, amplitude: 0.3, sampleRate: fs, frames: 4800)
        var stereo = Self.sessionEQ(), mono = Self.sessionEQ()
        let both = ConsoleSignals.render(&stereo, [l, r], sampleRate: fs)
        #expect(both[0] == ConsoleSignals.render(&mono, [l], sampleRate: fs)[0])
        #expect(both[1] == ConsoleSignals.render(&mono, [r], sampleRate: fs)[0])
        var eq = Self.sessionEQ()
        let names = ["highpass", "lowpass", "highpass_slope", "lowpass_slope", "band1.freq", "band2.gain", "band4.q"]
        let accepted = names.map { eq.setParameter($0, to: 12) }
        #expect(accepted.allSatisfy { $0 })
        let refused = ["band5.gain", "band1.mix", "ratio"].map { eq.setParameter($0, to: 1) }
        #expect(refused.allSatisfy { !$0 })
    }

    /// Automating a band's gain and frequency never jumps by more than the signal's own step.
    @Test func bandAutomationDoesNotZipper() {
        let fs = 48_000.0
        let x = ConsoleSignals.sine(2000, amplitude: 0.1, sampleRate: fs, frames: 48_000)
        var eq = Equalizer(highpass: 80, bands: [.init(frequency: 1000, gain: 0, q: 1)])
        eq.prepare(sampleRate: fs, channelCount: 1, maximumBlockFrames: 64)
        var y = ConsoleSignals.render(&eq, [Array(x[..<9_600])], sampleRate: fs, blockFrames: 64, prepare: false)[0]
        eq.setParameter("band1.gain", to: 12)
        eq.setParameter("band1.freq", to: 2000)
        y += ConsoleSignals.render(&eq, [Array(x[9_600...])], sampleRate: fs, blockFrames: 64, prepare: false)[0]
        let settled = ConsoleSignals.largestStep(y[38_400...])
        #expect(ConsoleSignals.largestStep(y[9_000..<20_000]) <= settled * 1.001)
        let gain = ConsoleSignals.sineAmplitude(y[38_400...], frequency: 2000, sampleRate: fs) / 0.1
        #expect(abs(ConsoleSignals.decibels(gain) - 12) < 0.05)
    }
}
