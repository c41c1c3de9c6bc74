import ProducerAudio
import ProducerDSP
import ProducerTestSupport
import Testing

/// The mono-fold loudness: (L + R) / 2 on both speakers, from the same K-weighted samples.
@Suite struct LoudnessMonoFoldTests {
    typealias S = LoudnessSignals

    static func noise(seconds: Double, sampleRate: Double, seed: UInt64, level: Float = 0.1) -> [Float] {
        TestSignals.congruentialNoise(frames: Int(seconds * sampleRate), seed: seed, level: level)
    }

    static func measure(_ channels: [[Float]], sampleRate: Double = 48000, blockSize: Int = 4801) -> Loudness {
        var meter = LoudnessMeter(sampleRate: sampleRate, channelCount: channels.count, measuresMonoFold: true)
        S.feed(&meter, channels, blockSize: blockSize)
        return meter.result()
    }

    @Test func notMeasuredByDefault() {
        let x = S.tone([(-20, 2)], sampleRate: 48000)
        #expect(S.loudness([x, x], sampleRate: 48000).monoFoldIntegrated == nil)
        #expect(Self.measure([x]).monoFoldIntegrated == nil)
    }

    @Test func identicalChannelsLoseNothing() {
        let x = S.tone([(-20, 5)], frequency: 997, sampleRate: 48000)
        let r = Self.measure([x, x])
        #expect(abs(r.monoFoldIntegrated! - r.integrated!) < 0.01)
    }

    @Test func uncorrelatedNoiseLosesThreeLU() {
        let l = Self.noise(seconds: 10, sampleRate: 48000, seed: 1)
        let r = Self.noise(seconds: 10, sampleRate: 48000, seed: 2)
        let m = Self.measure([l, r])
        #expect(abs(m.integrated! - m.monoFoldIntegrated! - 3.0) <= 0.2, "\(m.integrated!) \(m.monoFoldIntegrated!)")
    }

    @Test func invertedChannelsCancel() {
        let x = S.tone([(-20, 5)], sampleRate: 48000)
        let m = Self.measure([x, x.map { -$0 }])
        #expect(m.integrated != nil)
        #expect(m.monoFoldIntegrated == nil)
    }

    @Test("Matches a mono meter of weight 2 fed (L + R) / 2", arguments: [44100.0, 48000, 192000])
    func matchesMonoMeter(rate: Double) {
        let l = S.tone([(-30, 4), (-18, 3.05), (nil, 1), (-25, 4)], sampleRate: rate)
        let r = zip(l, Self.noise(seconds: 12.05, sampleRate: rate, seed: 3, level: 0.05)).map { 0.5 * $0 + $1 }
        let folded = zip(l, r).map { ($0 + $1) / 2 }
        let stereo = Self.measure([l, r], sampleRate: rate, blockSize: 997)
        var mono = LoudnessMeter(sampleRate: rate, channelCount: 1, channelWeights: [2])
        S.feed(&mono, [folded], blockSize: 4096)
        #expect(abs(stereo.monoFoldIntegrated! - mono.result().integrated!) < 0.01)
    }

    @Test func moreChannelsFoldTheFirstTwo() {
        let l = Self.noise(seconds: 5, sampleRate: 48000, seed: 4)
        let c = Self.noise(seconds: 5, sampleRate: 48000, seed: 5)
        let two = Self.measure([l, l])
        let three = Self.measure([l, l, c])
        #expect(abs(two.monoFoldIntegrated! - three.monoFoldIntegrated!) < 1e-9)
    }

    @Test func blockSizeIndependence() {
        let l = Self.noise(seconds: 6, sampleRate: 44100, seed: 6)
        let r = S.tone([(-25, 6)], sampleRate: 44100)
        let whole = Self.measure([l, r], sampleRate: 44100, blockSize: l.count)
        let pieces = Self.measure([l, r], sampleRate: 44100, blockSize: 997)
        #expect(abs(whole.monoFoldIntegrated! - pieces.monoFoldIntegrated!) < 1e-9)
    }
}
