import Testing
import ProducerAudio
import ProducerDSP
import ProducerTestSupport

@Suite struct BitDepthMeterTests {
    static func integers(bits: Int, frames: Int, seed: UInt64) -> [Int] {
        var g = HealthSignals.Random(seed: seed)
        let m = 1 << (bits - 1)
        return (0..<frames).map { _ in g.int(in: -m...(m - 1)) }
    }
    static func samples(_ k: [Int], containerBits: Int, shift: Int = 0) -> [Float] {
        k.map { Float($0 << shift) / Float(1 << (containerBits - 1)) }
    }

    @Test func sixteenBitInTwentyFourBitContainer() {
        let x = Self.samples(Self.integers(bits: 16, frames: 20_000, seed: 1), containerBits: 24, shift: 8)
        let y = Self.samples(Self.integers(bits: 16, frames: 20_000, seed: 2), containerBits: 24, shift: 8)
        let results = HealthSignals.splitResults(
            BitDepthMeter(sampleRate: 48_000, channelCount: 2, declaredBits: 24), [x, y])
        let r = results[0]
        #expect(r.effectiveBits == 16 && r.paddedFrom16Bit && !r.exceedsGrid && r.declaredBits == 24)
        #expect(results[1] == r && results[2] == r)
    }

    @Test func trueTwentyFourBit() {
        let x = Self.samples(Self.integers(bits: 24, frames: 20_000, seed: 3), containerBits: 24)
        let r = HealthSignals.feed(
            BitDepthMeter(sampleRate: 48_000, channelCount: 1, declaredBits: 24), [x], blockSize: 1000)
        #expect(r.effectiveBits == 24 && !r.paddedFrom16Bit)
    }

    @Test func silenceHasNoDepth() {
        let r = HealthSignals.feed(
            BitDepthMeter(sampleRate: 48_000, channelCount: 1, declaredBits: 24), [[Float](repeating: 0, count: 5000)])
        #expect(r.effectiveBits == nil && r.isDigitalSilence && !r.paddedFrom16Bit)
    }

    @Test func sixteenAndEightBitInSixteen() {
        let x = Self.samples(Self.integers(bits: 16, frames: 5000, seed: 4), containerBits: 16)
        #expect(
            HealthSignals.feed(BitDepthMeter(sampleRate: 48_000, channelCount: 1, declaredBits: 16), [x]).effectiveBits
                == 16)
        let y = Self.samples(Self.integers(bits: 8, frames: 5000, seed: 5), containerBits: 16, shift: 8)
        let r = HealthSignals.feed(BitDepthMeter(sampleRate: 48_000, channelCount: 1, declaredBits: 16), [y])
        #expect(r.effectiveBits == 8 && !r.paddedFrom16Bit)
    }

    @Test func floatFiles() {
        let sixteen = Self.samples(Self.integers(bits: 16, frames: 5000, seed: 6), containerBits: 16)
        let a = HealthSignals.feed(
            BitDepthMeter(sampleRate: 48_000, channelCount: 1, declaredBits: nil), [sixteen], blockSize: 1000)
        #expect(a.effectiveBits == 16 && a.paddedFrom16Bit && a.gridBits == 24)
        let twentyFour = Self.samples(Self.integers(bits: 24, frames: 5000, seed: 7), containerBits: 24)
        #expect(
            HealthSignals.feed(BitDepthMeter(sampleRate: 48_000, channelCount: 1, declaredBits: nil), [twentyFour])
                .effectiveBits == 24)
        let full = HealthSignals.noise(rms: 0.1, frames: 5000, seed: 8)
        let c = HealthSignals.feed(
            BitDepthMeter(sampleRate: 48_000, channelCount: 1, declaredBits: nil), [full], blockSize: 4801)
        #expect(c.effectiveBits == nil && c.exceedsGrid && !c.isDigitalSilence)
    }
}
