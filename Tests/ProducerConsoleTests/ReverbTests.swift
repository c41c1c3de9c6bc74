import ProducerAudio
import ProducerConsole
import Testing

@Suite struct ReverbTests {
    static func impulseResponse(_ reverb: Reverb, sampleRate: Double, seconds: Double) -> [[Float]] {
        var r = reverb
        let n = Int(seconds * sampleRate)
        let x = FXSignals.impulse(frames: n)
        return FXSignals.run(&r, [x, x], sampleRate: sampleRate, blockSize: 1024)
    }

    @Test(arguments: [44_100.0, 96_000.0])
    func measuredRT60MatchesTheDecayAskedFor(sampleRate: Double) {
        for (reverb, asked) in [
            (Reverb(decay: 1.0, damping: 0), 1.0),
            (Reverb(decay: 2.5, damping: 0), 2.5),
            (Reverb(size: 0.5, damping: 0), 0.2 * 50.0.squareRoot()),
            (Reverb(size: 0.2, damping: 0), Reverb(size: 0.2).t60),
        ] {
            let ir = Self.impulseResponse(reverb, sampleRate: sampleRate, seconds: asked * 1.2 + 0.3)
            for c in 0..<2 {
                let measured = FXSignals.rt60(ir[c], sampleRate: sampleRate)
                print("Reverb at \(sampleRate) Hz: T60 asked \(asked) s, measured \(measured) s (channel \(c))")
                #expect(abs(measured / asked - 1) < 0.10)
            }
        }
    }

    @Test func dampingShortensTheDecayButKeepsItClose() {
        let ir = Self.impulseResponse(Reverb(decay: 2, damping: 0.5), sampleRate: 48_000, seconds: 3)
        let measured = FXSignals.rt60(ir[0], sampleRate: 48_000)
        print("Reverb damping 0.5, T60 2 s: broadband RT60 \(measured) s")
        #expect(measured < 2 && measured > 1.2)
    }

    @Test func impulseResponseEnergyDecaysMonotonically() {
        let rate = 48_000.0
        let ir = Self.impulseResponse(Reverb(decay: 1.5, damping: 0.3), sampleRate: rate, seconds: 2)
        // Energy per 50 ms window, from 100 ms on (after the build-up of the echo density).
        let window = Int(0.05 * rate)
        var energies: [Double] = []
        for start in stride(from: Int(0.1 * rate), to: ir[0].count - window, by: window) {
            var e = 0.0
            for c in 0..<2 { for i in start..<(start + window) { e += Double(ir[c][i]) * Double(ir[c][i]) } }
            energies.append(e)
        }
        for i in 1..<energies.count { #expect(energies[i] < energies[i - 1]) }
    }

    @Test func tailIsDecorrelated() {
        let rate = 48_000.0
        let ir = Self.impulseResponse(Reverb(decay: 2, damping: 0.2), sampleRate: rate, seconds: 1.5)
        let rho = FXSignals.correlation(ir[0][Int(0.2 * rate)...], ir[1][Int(0.2 * rate)...])
        print("Reverb L/R correlation of the tail: \(rho)")
        #expect(abs(rho) < 0.3)
        // Noise in, too.
        var r = Reverb(decay: 2)
        let x = FXSignals.noise(amplitude: 0.5, frames: 96_000, seed: 7)
        let y = FXSignals.run(&r, [x, x])
        let rhoNoise = FXSignals.correlation(y[0][48_000...], y[1][48_000...])
        print("Reverb L/R correlation, mono noise in: \(rhoNoise)")
        #expect(abs(rhoNoise) < 0.3)
    }

    @Test(arguments: [44_100.0, 48_000.0, 96_000.0])
    func predelayLandsOnTheExactSample(sampleRate: Double) {
        let base = Self.impulseResponse(Reverb(decay: 1, predelay: 0), sampleRate: sampleRate, seconds: 0.5)
        let delayed = Self.impulseResponse(Reverb(decay: 1, predelay: 25), sampleRate: sampleRate, seconds: 0.5)
        let p = Int((0.025 * sampleRate).rounded())
        let first = Reverb.lineLengths(sampleRate: sampleRate).min()!
        for c in 0..<2 {
            #expect(base[c].firstIndex { $0 != 0 } == first)
            #expect(delayed[c].firstIndex { $0 != 0 } == first + p)
            var differing = 0
            for i in p..<base[c].count where delayed[c][i] != base[c][i - p] { differing += 1 }
            #expect(differing == 0)
        }
    }

    @Test func mixZeroIsDryAndAutomationDoesNotJump() {
        let x = FXSignals.sine(330, amplitude: 0.5, frames: 48_000)
        var dry = Reverb(mix: 0)
        let y0 = FXSignals.run(&dry, [x, x])
        #expect(y0[0] == x && y0[1] == x)
        var wet = Reverb(mix: 1)
        let own = max(FXSignals.maximumStep(x), FXSignals.maximumStep(FXSignals.run(&wet, [x, x])[0]))
        var r = Reverb(mix: 0)
        let y = FXSignals.run(&r, [x, x], blockSize: 64) { index, p in
            p.setParameter("mix", to: (index / 20) % 2 == 0 ? 0 : 1)
            p.setParameter("size", to: (index / 30) % 2 == 0 ? 0.2 : 0.9)
            p.setParameter("width", to: (index / 25) % 2 == 0 ? 0 : 1)
        }
        let step = max(FXSignals.maximumStep(y[0]), FXSignals.maximumStep(y[1]))
        print("Reverb automation: max step \(step), signal's own \(own)")
        #expect(step <= own * 1.05)
    }

    @Test func parameters() {
        var r = Reverb()
        let accepted = ["size", "decay", "damping", "predelay", "width", "mix"].map { r.setParameter($0, to: 0.5) }
        #expect(accepted == Array(repeating: true, count: 6))
        let refused = r.setParameter("feedback", to: 0.5)
        #expect(!refused)
        #expect(abs(Reverb(size: 0).t60 - 0.2) < 1e-12 && abs(Reverb(size: 1).t60 - 10) < 1e-9)
        #expect(Reverb(size: 0.1, decay: 3).t60 == 3)
    }
}
