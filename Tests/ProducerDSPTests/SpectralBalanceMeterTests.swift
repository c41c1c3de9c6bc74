import Testing
import ProducerAudio
import ProducerDSP

@Suite struct SpectralBalanceMeterTests {
    static func level(_ r: SpectralBalanceMeter.Result, _ nominal: Double) -> Double {
        r.bands.first { $0.nominalFrequency == nominal }!.relativeDB!
    }

    @Test func sineLandsInItsBand() {
        let x = HealthSignals.sine(frequency: 1000, amplitude: 0.5, frames: 96_000)
        let meter = SpectralBalanceMeter(sampleRate: 48_000, channelCount: 2, periodSeconds: nil)
        let results = HealthSignals.splitResults(meter, [x, x])
        let r = results[0]
        #expect(r.bands.count == 10)
        #expect(abs(Self.level(r, 1000)) < 0.5)
        #expect(Self.level(r, 1000) - Self.level(r, 500) >= 15)
        #expect(Self.level(r, 1000) - Self.level(r, 2000) >= 15)
        #expect(abs(r.totalDBFS! - (-9.03)) < 0.05)
        #expect(results[1] == r && results[2] == r)
    }

    @Test func sampledCoverageAgrees() {
        let x = HealthSignals.sine(frequency: 1000, amplitude: 0.5, frames: 480_000)
        let results = HealthSignals.splitResults(SpectralBalanceMeter(sampleRate: 48_000, channelCount: 1), [x])
        let r = results[0]
        #expect(abs(r.measuredSeconds - 1) < 1e-9)   // 1 s in each 16 s period
        #expect(abs(Self.level(r, 1000)) < 0.5)
        #expect(Self.level(r, 1000) - Self.level(r, 500) >= 15)
        #expect(results[1] == r && results[2] == r)
    }

    @Test func pinkNoiseIsFlat() {
        let x = HealthSignals.pinkNoise(frames: 441_000, seed: 5)
        let r = HealthSignals.feed(SpectralBalanceMeter(sampleRate: 44_100, channelCount: 1, periodSeconds: nil), [x], blockSize: 4096)
        // 16 kHz is left out: its upper half-octave is cut off by Nyquist at 44.1 kHz.
        let levels = [31.5, 63, 125, 250, 500, 1000, 2000, 4000, 8000].map { Self.level(r, $0) }
        let mean = levels.reduce(0, +) / Double(levels.count)
        for l in levels { #expect(abs(l - mean) <= 3) }
        #expect(r.bands.count == 10)
    }

    @Test func whiteNoiseRisesThreeDBPerOctave() {
        let x = HealthSignals.noise(rms: 0.1, frames: 480_000, seed: 6)
        let r = HealthSignals.feed(SpectralBalanceMeter(sampleRate: 48_000, channelCount: 1, periodSeconds: nil), [x], blockSize: 4801)
        let levels = [63.0, 125, 250, 500, 1000, 2000, 4000, 8000].map { Self.level(r, $0) }
        for k in 1..<levels.count { #expect(abs(levels[k] - levels[k - 1] - 3.01) < 1) }
    }

    @Test func bandsBelowNinetyPercentOfNyquist() {
        #expect(SpectralBalanceMeter(sampleRate: 32_000, channelCount: 1).centres.count == 9)
        #expect(SpectralBalanceMeter(sampleRate: 22_050, channelCount: 1).centres.count == 9)
        #expect(SpectralBalanceMeter(sampleRate: 16_000, channelCount: 1).centres.count == 8)
    }
}
