import Testing
import ProducerAudio
import ProducerDSP
import Foundation

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
        let results = HealthSignals.splitResults(
            SpectralBalanceMeter(sampleRate: 48_000, channelCount: 1, periodSeconds: 16), [x])
        let r = results[0]
        #expect(abs(r.measuredSeconds - 1) < 1e-9)  // 1 s in each 16 s period
        #expect(abs(Self.level(r, 1000)) < 0.5)
        #expect(Self.level(r, 1000) - Self.level(r, 500) >= 15)
        #expect(results[1] == r && results[2] == r)
    }

    @Test func pinkNoiseIsFlat() {
        let x = HealthSignals.pinkNoise(frames: 441_000, seed: 5)
        let r = HealthSignals.feed(
            SpectralBalanceMeter(sampleRate: 44_100, channelCount: 1, periodSeconds: nil), [x], blockSize: 4096)
        // 16 kHz is left out: its upper half-octave is cut off by Nyquist at 44.1 kHz.
        let levels = [31.5, 63, 125, 250, 500, 1000, 2000, 4000, 8000].map { Self.level(r, $0) }
        let mean = levels.reduce(0, +) / Double(levels.count)
        for l in levels { #expect(abs(l - mean) <= 3) }
        #expect(r.bands.count == 10)
    }

    @Test func whiteNoiseRisesThreeDBPerOctave() {
        let x = HealthSignals.noise(rms: 0.1, frames: 480_000, seed: 6)
        let r = HealthSignals.feed(
            SpectralBalanceMeter(sampleRate: 48_000, channelCount: 1, periodSeconds: nil), [x], blockSize: 4801)
        let levels = [63.0, 125, 250, 500, 1000, 2000, 4000, 8000].map { Self.level(r, $0) }
        for k in 1..<levels.count { #expect(abs(levels[k] - levels[k - 1] - 3.01) < 1) }
    }

    @Test func measuresEveryFrameByDefault() {
        let x = HealthSignals.sine(frequency: 1000, amplitude: 0.5, frames: 480_000)
        let results = HealthSignals.splitResults(SpectralBalanceMeter(sampleRate: 48_000, channelCount: 1), [x])
        #expect(abs(results[0].measuredSeconds - 10) < 1e-9)
        #expect(results[1] == results[0] && results[2] == results[0])
    }

    /// Sines at the two lowest centres land in their own bands at several rates: the decimation
    /// down to those bands' levels lets nothing alias into the neighbours.
    @Test(arguments: [44_100.0, 48_000, 96_000])
    func lowSinesLandInTheirBands(sampleRate: Double) {
        for (frequency, nominal, neighbours) in [(31.5, 31.5, [63.0]), (63, 63, [31.5, 125])] {
            let x = HealthSignals.sine(
                frequency: frequency, amplitude: 0.5, sampleRate: sampleRate, frames: Int(4 * sampleRate))
            let r = HealthSignals.feed(
                SpectralBalanceMeter(sampleRate: sampleRate, channelCount: 1), [x], blockSize: 4801)
            #expect(abs(Self.level(r, nominal)) < 0.5, "\(frequency) Hz at \(sampleRate)")
            for b in neighbours {
                #expect(Self.level(r, nominal) - Self.level(r, b) >= 15, "\(frequency) Hz vs \(b) at \(sampleRate)")
            }
        }
    }

    /// Identical results whether the audio comes in one block, 1-frame, 1000-frame or 4801-frame blocks.
    @Test func independentOfBlockSize() {
        let x = HealthSignals.noise(rms: 0.1, frames: 60_000, seed: 7)
        let y = HealthSignals.pinkNoise(frames: 60_000, seed: 8)
        let meter = SpectralBalanceMeter(sampleRate: 44_100, channelCount: 2)
        let whole = HealthSignals.feed(meter, [x, y])
        #expect(HealthSignals.feed(meter, [x, y], blockSize: 1) == whole)
        #expect(HealthSignals.feed(meter, [x, y], blockSize: 1000) == whole)
        #expect(HealthSignals.feed(meter, [x, y], blockSize: 4801) == whole)
    }

    /// The multirate bank agrees with each band-pass run directly at the full rate (in Double).
    @Test(arguments: [44_100.0, 48_000, 96_000])
    func agreesWithFullRateFilters(sampleRate: Double) {
        let n = Int(3 * sampleRate)
        let x = HealthSignals.pinkNoise(frames: n, seed: 9)
        let r = HealthSignals.feed(SpectralBalanceMeter(sampleRate: sampleRate, channelCount: 1), [x], blockSize: 4096)
        let total = x.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(n)
        for band in r.bands {
            var filters = SpectralBalanceMeter.bandPass(centre: band.centreFrequency, sampleRate: sampleRate).map {
                Biquad($0)
            }
            var e = 0.0
            for s in x {
                var y = Double(s)
                for k in 0..<filters.count { y = filters[k].process(y) }
                e += y * y
            }
            let expected = 10 * log10(e / Double(n) / total)
            // Every band, the lowest included, covers exactly the input: at the end the decimators are
            // flushed and each level is measured up to the end of the input (not a window shifted by their delay).
            #expect(
                abs(band.relativeDB! - expected) < 0.1,
                "\(band.nominalFrequency) Hz at \(sampleRate): \(band.relativeDB!) vs \(expected)")
        }
    }

    @Test func bandsBelowNinetyPercentOfNyquist() {
        #expect(SpectralBalanceMeter(sampleRate: 32_000, channelCount: 1).centres.count == 9)
        #expect(SpectralBalanceMeter(sampleRate: 22_050, channelCount: 1).centres.count == 9)
        #expect(SpectralBalanceMeter(sampleRate: 16_000, channelCount: 1).centres.count == 8)
    }
}
