import Foundation
import ProducerAudio
import ProducerConsole
import ProducerDSP
import Testing

@Suite struct CompressorTests {
    let fs = 48_000.0

    @Test func staticCurveFormula() {
        #expect(Compressor.staticCurve(input: -40, threshold: -20, ratio: 4, knee: 0) == -40)
        #expect(Compressor.staticCurve(input: 0, threshold: -20, ratio: 4, knee: 0) == -15)
        // Inside a 10 dB knee: x + (1/R − 1)(x − T + W/2)² / (2W) at x = T: −20 − 0.75·25/20.
        #expect(abs(Compressor.staticCurve(input: -20, threshold: -20, ratio: 4, knee: 10) - (-20.9375)) < 1e-12)
        #expect(Compressor.staticCurve(input: -25, threshold: -20, ratio: 4, knee: 10) == -25)
        #expect(abs(Compressor.staticCurve(input: -15, threshold: -20, ratio: 4, knee: 10) - (-18.75)) < 1e-12)
        #expect(abs(Compressor(threshold: -20, ratio: 4, makeup: 1, autoMakeup: true).totalMakeupDecibels - 16) < 1e-12)
    }

    /// Steady sines from −60 to 0 dB RMS, RMS detection: the output level follows the curve within 0.1 dB.
    @Test(arguments: [0.0, 10.0])
    func measuredStaticCurve(knee: Double) {
        for level in stride(from: -60.0, through: 0, by: 6) {
            var comp = Compressor(
                threshold: -24, ratio: 3, knee: knee, attack: 5, release: 50, detection: .rms, window: 50)
            let x = ConsoleSignals.sine(
                1000, amplitude: ConsoleSignals.amplitude(decibels: level) * 2.0.squareRoot(), sampleRate: fs,
                frames: 48_000)
            let y = ConsoleSignals.render(&comp, [x], sampleRate: fs)[0]
            let out = ConsoleSignals.decibels(ConsoleSignals.rms(y[33_600...]))
            let expected = Compressor.staticCurve(input: level, threshold: -24, ratio: 3, knee: knee)
            #expect(abs(out - expected) < 0.1, "in \(level) dB: out \(out), curve \(expected)")
        }
    }

    /// The processor works four frames at a time (closed forms of the attack and of the release
    /// over four frames, fast logarithms) on sub-blocks; its output must be that of the design
    /// computed frame by frame in Double: detector, static curve, the smooth branching detector
    /// on the gain reduction (attack when it rises, release when it falls), the gain. The
    /// material turns between attack and release all the time (a tone swelling eight times a
    /// second, bursts) and falls silent, mono and stereo, hard and soft knee, peak and RMS.
    @Test(arguments: [(1, 0.0, Compressor.Detection.peak), (2, 0.0, .peak), (1, 6.0, .peak), (2, 6.0, .rms)])
    func matchesTheDesignFrameByFrame(channels: Int, knee: Double, detection: Compressor.Detection) {
        let (threshold, ratio, attack, release, makeup, window) = (-20.0, 4.0, 5.0, 60.0, 3.0, 10.0)
        let n = 30_000
        let x: [[Float]] = (0..<channels).map { c in
            (0..<n).map { i in
                let t = Double(i) / fs
                if i >= 12_000 && i < 15_000 { return 0 }  // silence: no reduction, then the release
                let swell = pow(sin(2 * Double.pi * 4 * t), 2)
                let burst = i % 4_000 < 300 ? 0.5 : 0
                return Float(
                    0.6 * swell * sin(2 * Double.pi * (c == 0 ? 440 : 310) * t) + burst * sin(2 * Double.pi * 97 * t))
            }
        }
        var comp = Compressor(
            threshold: threshold, ratio: ratio, knee: knee, attack: attack, release: release,
            makeup: makeup, detection: detection, window: window)
        let y = ConsoleSignals.render(&comp, x, sampleRate: fs)
        // The processor holds its coefficients as Float: 1 − a then differs from the exact
        // value by up to 1e-4 relative (the time constant by as much), so the design here
        // uses the same rounded coefficients.
        func coefficient(_ ms: Double) -> Double { Double(Float(exp(-1 / (ms * 0.001 * fs)))) }
        let aA = coefficient(attack), aR = coefficient(release), aW = coefficient(window)
        var reduction = 0.0, meanSquare = 0.0, worst = 0.0, reduced = 0
        for i in 0..<n {
            let level: Double
            if detection == .rms {
                // Mono: x²; stereo: the channels' mean square.
                let power = x.map { Double($0[i]) * Double($0[i]) }.reduce(0, +) / Double(channels)
                meanSquare = aW * meanSquare + (1 - aW) * power
                level = 10 * log10(max(meanSquare, 1e-30))
            } else {
                level = 20 * log10(max(x.map { abs(Double($0[i])) }.max()!, 1e-30))
            }
            let target = level - Compressor.staticCurve(input: level, threshold: threshold, ratio: ratio, knee: knee)
            reduction = target > reduction ? aA * reduction + (1 - aA) * target : aR * reduction + (1 - aR) * target
            if reduction > 0.01 { reduced += 1 }
            let gain = pow(10, (makeup - reduction) / 20)
            for c in 0..<channels { worst = max(worst, abs(Double(y[c][i]) - Double(x[c][i]) * gain)) }
        }
        #expect(reduced > n / 3, "the material is reduced most of the time")
        #expect(worst < 2e-6, "off by \(worst)")
    }

    /// Peak detection of a square wave (|x| constant), stereo: the output is exactly on the curve.
    @Test func peakDetectionStereo() {
        for level in [-30.0, -18, -12, -6, -1] {
            var comp = Compressor(threshold: -20, ratio: 5, knee: 6, attack: 1, release: 20)
            let x = ConsoleSignals.square(
                100, amplitude: ConsoleSignals.amplitude(decibels: level), sampleRate: fs, frames: 9_600)
            let y = ConsoleSignals.render(&comp, [x, x.map { $0 * 0.5 }], sampleRate: fs)
            let expected = Compressor.staticCurve(input: level, threshold: -20, ratio: 5, knee: 6)
            #expect(abs(ConsoleSignals.decibels(ConsoleSignals.rms(y[0][4_800...])) - expected) < 0.02)
            // Linked: the quieter channel gets the same gain.
            #expect(abs(ConsoleSignals.decibels(ConsoleSignals.rms(y[1][4_800...])) - (expected - 6.0206)) < 0.02)
        }
    }

    /// The gain reduction reaches 63 % of its final value within the attack time (±20 %), and
    /// falls to 37 % within the release time.
    @Test func attackAndReleaseTimeConstants() {
        let attack = 10.0, release = 100.0
        var comp = Compressor(threshold: -30, ratio: 4, attack: attack, release: release)
        let quiet = ConsoleSignals.amplitude(decibels: -40), loud = ConsoleSignals.amplitude(decibels: -10)
        let n = 24_000
        let x =
            ConsoleSignals.square(200, amplitude: quiet, sampleRate: fs, frames: n)
            + ConsoleSignals.square(200, amplitude: loud, sampleRate: fs, frames: n)
            + ConsoleSignals.square(200, amplitude: quiet, sampleRate: fs, frames: n)
        let y = ConsoleSignals.render(&comp, [x], sampleRate: fs, blockFrames: 64)[0]
        let reduction = (0..<x.count).map {
            ConsoleSignals.decibels(Double(abs(x[$0]))) - ConsoleSignals.decibels(Double(abs(y[$0])))
        }
        let final = 20 * 0.75  // 20 dB over, ratio 4
        #expect(abs(reduction[2 * n - 1] - final) < 0.01)
        let rise = (n..<2 * n).first { reduction[$0] >= 0.632 * final }!
        let riseMs = Double(rise - n + 1) / fs * 1000
        #expect(abs(riseMs - attack) < 0.2 * attack, "attack \(riseMs) ms")
        let fall = (2 * n..<3 * n).first { reduction[$0] <= 0.368 * final }!
        let fallMs = Double(fall - 2 * n + 1) / fs * 1000
        #expect(abs(fallMs - release) < 0.2 * release, "release \(fallMs) ms")
    }

    /// A key signal on the sidechain ducks the track only while the key plays.
    @Test func externalSidechainDucks() {
        let n = 24_000
        let track = ConsoleSignals.sine(220, amplitude: 0.3, sampleRate: fs, frames: 3 * n)
        let silence = [Float](repeating: 0, count: n)
        let key = silence + ConsoleSignals.sine(60, amplitude: 0.9, sampleRate: fs, frames: n) + silence
        var comp = Compressor(threshold: -30, ratio: 8, attack: 2, release: 50)
        let y = ConsoleSignals.render(&comp, [track, track], sampleRate: fs, sidechain: [key])
        #expect(y[0][..<n] == track[..<n])  // untouched before the key
        let ducked = ConsoleSignals.decibels(
            ConsoleSignals.rms(y[1][(n + 4_800)..<(2 * n)]) / ConsoleSignals.rms(track[(n + 4_800)..<(2 * n)]))
        #expect(ducked < -15)
        let after = ConsoleSignals.decibels(
            ConsoleSignals.rms(y[0][(3 * n - 4_800)...]) / ConsoleSignals.rms(track[(3 * n - 4_800)...]))
        #expect(abs(after) < 0.05)
        // Without a key the quiet-enough track is not reduced at all.
        var dry = Compressor(threshold: -6, ratio: 8)
        #expect(ConsoleSignals.render(&dry, [track], sampleRate: fs)[0] == track)
    }

    /// A makeup step ramps: no sample-to-sample jump beyond the louder signal's own.
    @Test func makeupStepDoesNotZipper() {
        let x = ConsoleSignals.sine(500, amplitude: 0.05, sampleRate: fs, frames: 24_000)
        var comp = Compressor(threshold: -10)
        comp.prepare(sampleRate: fs, channelCount: 1, maximumBlockFrames: 64)
        var y = ConsoleSignals.render(&comp, [Array(x[..<4_800])], sampleRate: fs, blockFrames: 64, prepare: false)[0]
        let ok = comp.setParameter("makeup", to: 12)
        y += ConsoleSignals.render(&comp, [Array(x[4_800...])], sampleRate: fs, blockFrames: 64, prepare: false)[0]
        #expect(ok)
        let settled = ConsoleSignals.largestStep(y[19_200...])
        #expect(ConsoleSignals.largestStep(y[4_000..<12_000]) <= settled * 1.001)
        #expect(
            abs(ConsoleSignals.decibels(ConsoleSignals.rms(y[19_200...]) / ConsoleSignals.rms(x[19_200...])) - 12)
                < 0.01)
        #expect(comp.gainReductionDecibels == 0)
    }
}
