import Testing
import ProducerAudio
import ProducerDSP

@Suite struct DCOffsetMeterTests {
    @Test func sineWithKnownOffset() {
        let n = 96_000
        let s = HealthSignals.sine(frequency: 1000, amplitude: 0.5, frames: n)
        let left = s.map { $0 + 0.01 }, right = s.map { $0 - 0.003 }
        let results = HealthSignals.splitResults(DCOffsetMeter(sampleRate: 48_000, channelCount: 2), [left, right])
        let r = results[0]
        #expect(abs(r.channels[0].mean - 0.01) < 1e-6)
        #expect(abs(r.channels[1].mean + 0.003) < 1e-6)
        #expect(abs(r.channels[0].levelDBFS! + 40) < 1e-3)
        #expect(r.worstLevelDBFS == r.channels[0].levelDBFS)
        #expect(r.frameCount == n)
        #expect(results[1] == r && results[2] == r)
    }

    @Test func silenceHasNoOffset() {
        let r = HealthSignals.feed(
            DCOffsetMeter(sampleRate: 48_000, channelCount: 1), [[Float](repeating: 0, count: 1000)])
        #expect(r.channels[0].mean == 0 && r.channels[0].levelDBFS == nil && r.worstLevelDBFS == nil)
    }

    @Test func longFileStaysAccurate() {
        // 20 M samples of a constant that is not exact in binary, with noise: a plain Float sum
        // would drift far beyond 1e-9.
        let n = 1 << 20
        let block = HealthSignals.noise(rms: 0.3, frames: n, seed: 7).map { $0 + 0.1 }
        var m = DCOffsetMeter(sampleRate: 48_000, channelCount: 1)
        let buffer = AudioBuffer(channels: [block])
        var expected = 0.0
        for x in block { expected += Double(x) }
        for _ in 0..<20 { m.consume(buffer) }
        #expect(abs(m.result().channels[0].mean - expected / Double(n)) < 1e-12)
    }
}
