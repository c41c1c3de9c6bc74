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

    /// The kernels take b0 out of every section (one multiplication less a frame) and apply the
    /// product to a group's output, keeping the states scaled while they run. The output must be
    /// that of the plain cascade — transposed direct form II in Double, frame by frame, with the
    /// coefficients `sectionCoefficients` reports — for every number of sections the kernels
    /// group (1 … 12), mono and stereo, in 16-frame blocks while the parameters glide (the
    /// coefficients change every block) and in long blocks after.
    @Test(arguments: [1, 2])
    func matchesThePlainCascadeWhileParametersGlide(channels: Int) {
        let fs = 48_000.0
        let bands: [Equalizer.Band] = [
            .init(frequency: 200, gain: -2, q: 1), .init(frequency: 800, gain: 1.5, q: 1),
            .init(frequency: 3000, gain: 2, q: 1), .init(frequency: 8000, gain: 1, q: 0.7),
        ]
        let setups: [(slope: Int, bands: Int, lowpass: Int?)] = [
            (12, 0, nil), (24, 1, nil), (12, 4, nil), (48, 4, 24), (48, 4, 48),
        ]
        var noiseSeed: UInt64 = 11
        let x = (0..<3).map { c in
            (0..<30_000).map { i -> Float in
                noiseSeed = noiseSeed &* 6_364_136_223_846_793_005 &+ 1
                let tone = 0.3 * sin(2 * Double.pi * (c == 0 ? 90 : 2_500) * Double(i) / fs)
                return Float(tone + Double(Int64(bitPattern: noiseSeed) >> 40) / Double(1 << 23) * 0.2)
            }
        }
        for setup in setups {
            var eq = Equalizer(
                highpass: 60, highpassSlope: setup.slope, lowpass: setup.lowpass.map { _ in 15_000 },
                lowpassSlope: setup.lowpass ?? 12, bands: Array(bands.prefix(setup.bands)))
            eq.prepare(sampleRate: fs, channelCount: channels, maximumBlockFrames: 1000)
            let sections = eq.sectionCoefficients.count
            #expect(sections == setup.slope / 12 + setup.bands + (setup.lowpass ?? 0) / 12)
            var state = Array(repeating: Array(repeating: (0.0, 0.0), count: sections), count: channels)
            var block = AudioBuffer(channelCount: channels, frameCapacity: 1000)
            var worst: Float = 0
            var start = 0
            while start < x[0].count {
                if start == 1_600 {
                    eq.setParameter("highpass", to: 110)
                    if setup.bands > 0 { eq.setParameter("band1.gain", to: -6); eq.setParameter("band1.freq", to: 300) }
                }
                let n = start < 24_000 ? 16 : 1000
                block.frameCount = n
                for c in 0..<channels { for i in 0..<n { block[c, i] = x[c][start + i] } }
                eq.process(&block)
                let coefficients = eq.sectionCoefficients
                #expect(coefficients.count == sections)
                for c in 0..<channels {
                    for i in 0..<n {
                        var y = Double(x[c][start + i])
                        for (k, q) in coefficients.enumerated() {
                            let input = y
                            y = q.b0 * input + state[c][k].0
                            state[c][k] = (q.b1 * input - q.a1 * y + state[c][k].1, q.b2 * input - q.a2 * y)
                        }
                        worst = max(worst, abs(block[c, i] - Float(y)))
                    }
                }
                start += n
            }
            #expect(worst <= 2.5e-7, "\(sections) sections, \(channels) channel(s): off by \(worst)")
        }
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
        // Mono groups its sections differently (in pairs), so each group's b0 product is
        // rounded at another place: the outputs agree to the last bit or two of a Float.
        for (c, x) in [l, r].enumerated() {
            let alone = ConsoleSignals.render(&mono, [x], sampleRate: fs)[0]
            #expect(zip(both[c], alone).allSatisfy { abs($0 - $1) <= 2 * $1.ulp })
        }
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
