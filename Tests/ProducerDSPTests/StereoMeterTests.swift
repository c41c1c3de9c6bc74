import Testing
import ProducerAudio
import ProducerDSP

@Suite struct StereoMeterTests {
    static let n = 96_000
    static let a = HealthSignals.noise(rms: 0.1, frames: n, seed: 10)
    static let b = HealthSignals.noise(rms: 0.1, frames: n, seed: 11)
    static func meter() -> StereoMeter { StereoMeter(sampleRate: 48_000, channelCount: 2) }

    @Test func identicalChannels() throws {
        let results = HealthSignals.splitResults(Self.meter(), [Self.a, Self.a])
        let r = try #require(results[0])
        #expect(abs(r.correlation! - 1) < 1e-9)
        #expect(abs(r.minimumWindowCorrelation! - 1) < 1e-9)
        #expect(abs(r.balanceDB!) < 1e-9)
        #expect(abs(r.monoFoldChangeDB!) < 1e-9)
        #expect(results[1] == results[0] && results[2] == results[0])
    }

    @Test func invertedChannels() throws {
        let r = try #require(HealthSignals.feed(Self.meter(), [Self.a, Self.a.map { -$0 }]))
        #expect(abs(r.correlation! + 1) < 1e-9)
        #expect(abs(r.minimumWindowCorrelation! + 1) < 1e-9)
        #expect(r.monoFoldChangeDB == nil)
    }

    @Test func independentNoise() throws {
        let results = HealthSignals.splitResults(Self.meter(), [Self.a, Self.b])
        let r = try #require(results[0])
        #expect(abs(r.correlation!) < 0.05)
        #expect(abs(r.minimumWindowCorrelation!) < 0.05)
        #expect(abs(r.monoFoldChangeDB! + 3.01) < 0.3)
        #expect(results[1] == results[0] && results[2] == results[0])
    }

    @Test func leftSixDBLouder() throws {
        let g = Float(HealthSignals.amplitude(dB: 6))
        let r = try #require(HealthSignals.feed(Self.meter(), [Self.a.map { $0 * g }, Self.a]))
        #expect(abs(r.balanceDB! + 6) < 0.1)  // negative: left louder
        let r2 = try #require(HealthSignals.feed(Self.meter(), [Self.a, Self.b.map { $0 * g }]))
        #expect(abs(r2.balanceDB! - 6) < 0.1)
    }

    @Test func momentaryPhaseProblemShows() throws {
        // Identical channels, but the right is inverted from 1.2 s to 1.6 s.
        let right = Self.a.enumerated().map { $0.offset >= 57_600 && $0.offset < 76_800 ? -$0.element : $0.element }
        let results = HealthSignals.splitResults(Self.meter(), [Self.a, right])
        let r = try #require(results[0])
        #expect(abs(r.correlation! - 0.6) < 0.02)
        #expect(abs(r.minimumWindowCorrelation! + 1) < 1e-9)
        #expect(r.minimumWindowStart == 1.2)
        #expect(r.gatedWindows == 5)
        #expect(results[1] == results[0] && results[2] == results[0])
    }

    @Test func monoIsNil() {
        #expect(HealthSignals.feed(StereoMeter(sampleRate: 48_000, channelCount: 1), [Self.a]) == nil)
    }
}
