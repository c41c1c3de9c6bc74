import Testing
import ProducerAudio
import ProducerDSP

@Suite struct NoiseFloorMeterTests {
    /// 10 s: noise at -60 dBFS RMS throughout, a 1 kHz tone at -6 dBFS peak in every other second.
    static func toneWithNoise(seed: UInt64) -> [Float] {
        let n = 480_000
        let noise = HealthSignals.noise(rms: HealthSignals.amplitude(dB: -60), frames: n, seed: seed)
        let tone = HealthSignals.sine(frequency: 1000, amplitude: 0.5, frames: n)
        return (0..<n).map { i in (i / 48_000) % 2 == 1 ? noise[i] + tone[i] : noise[i] }
    }

    @Test func floorIsTheNoiseInTheGaps() {
        let results = HealthSignals.splitResults(
            NoiseFloorMeter(sampleRate: 48_000, channelCount: 1), [Self.toneWithNoise(seed: 1)])
        let r = results[0]
        #expect(abs(r.floorDBFS! + 60) < 1)
        #expect(abs(r.fifthPercentileDBFS! + 60) < 1)
        #expect(r.windowCount == 200 && r.digitalSilenceWindows == 0)
        #expect(results[1] == r && results[2] == r)
    }

    @Test func silentPaddingIsCountedApart() {
        let pad = [Float](repeating: 0, count: 48_000)
        let l = pad + Self.toneWithNoise(seed: 2) + pad, r = pad + Self.toneWithNoise(seed: 3) + pad
        let results = HealthSignals.splitResults(NoiseFloorMeter(sampleRate: 48_000, channelCount: 2), [l, r])
        let m = results[0]
        #expect(m.digitalSilenceWindows == 40)
        #expect(abs(m.floorDBFS! + 60) < 1)
        #expect(results[1] == m && results[2] == m)
    }

    @Test func allSilenceHasNoFloor() {
        let r = HealthSignals.feed(
            NoiseFloorMeter(sampleRate: 44_100, channelCount: 2),
            [[Float](repeating: 0, count: 44_100), [Float](repeating: 0, count: 44_100)])
        #expect(r.floorDBFS == nil && r.digitalSilenceWindows == r.windowCount && r.windowCount == 19)
        #expect(abs(r.windowSeconds - 2208.0 / 44_100) < 1e-12)
    }
}
