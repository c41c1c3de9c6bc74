import ProducerAudio
import ProducerDSP
import Testing

@Suite struct LoudnessMeterTests {
    typealias S = LoudnessSignals

    @Test func kWeightingAt48kMatchesBS1770Tables() {
        let s = KWeighting.shelf(sampleRate: 48000)
        #expect(abs(s.b0 - 1.53512485958697) < 1e-6)
        #expect(abs(s.b1 - -2.69169618940638) < 1e-6)
        #expect(abs(s.b2 - 1.19839281085285) < 1e-6)
        #expect(abs(s.a1 - -1.69065929318241) < 1e-6)
        #expect(abs(s.a2 - 0.73248077421585) < 1e-6)
        let h = KWeighting.highPass(sampleRate: 48000)
        #expect(h.b0 == 1 && h.b1 == -2 && h.b2 == 1)
        #expect(abs(h.a1 - -1.99004745483398) < 1e-6)
        #expect(abs(h.a2 - 0.99007225036621) < 1e-6)
    }

    @Test func kWeightingResponseIsRateIndependent() {
        // The same analog curve at every rate, up to the bilinear transform's warping
        // (a few hundredths of a dB at 1 kHz between 44.1 and 192 kHz).
        func gain(_ f: Double, _ rate: Double) -> Double {
            KWeighting.shelf(sampleRate: rate).response(atFrequency: f, sampleRate: rate).magnitude
                * KWeighting.highPass(sampleRate: rate).response(atFrequency: f, sampleRate: rate).magnitude
        }
        for f in [100.0, 1000] {
            for rate in [44100.0, 96000, 192000] {
                #expect(abs(decibels(amplitude: gain(f, rate)) - decibels(amplitude: gain(f, 48000))) < 0.05)
            }
        }
    }

    @Test func silenceHasNoLoudness() {
        let x = [Float](repeating: 0, count: 48000 * 5)
        let r = S.loudness([x, x], sampleRate: 48000)
        #expect(r.integrated == nil)
        #expect(r.loudnessRange == nil)
        #expect(r.momentaryMax == nil)
        #expect(r.shortTermMax == nil)
    }

    @Test func shortSignalHasNoShortTerm() {
        let x = S.tone([(-20, 1)], sampleRate: 48000)
        let r = S.loudness([x], sampleRate: 48000)
        #expect(r.shortTermMax == nil)
        #expect(r.loudnessRange == nil)
        #expect(r.momentaryMax != nil)
        #expect(r.integrated != nil)
    }

    @Test func monoAndStereoSine997() {
        let x = S.tone([(-20, 10)], frequency: 997, sampleRate: 48000)
        let mono = S.loudness([x], sampleRate: 48000).integrated!
        let stereo = S.loudness([x, x], sampleRate: 48000).integrated!
        #expect(abs(stereo - -20) <= 0.1)
        #expect(abs(stereo - mono - 3.0103) < 0.001)
    }

    @Test func channelWeights() {
        #expect(LoudnessMeter.channelWeights(channelCount: 1, channelMask: nil) == [1])
        #expect(LoudnessMeter.channelWeights(channelCount: 2, channelMask: nil) == [1, 1])
        #expect(LoudnessMeter.channelWeights(channelCount: 5, channelMask: nil) == [1, 1, 1, 1.41, 1.41])
        #expect(LoudnessMeter.channelWeights(channelCount: 6, channelMask: nil) == [1, 1, 1, 0, 1.41, 1.41])
        // 5.1 with back surrounds (0x3F) and with side surrounds (0x60F).
        #expect(LoudnessMeter.channelWeights(channelCount: 6, channelMask: 0x3F) == [1, 1, 1, 0, 1.41, 1.41])
        #expect(LoudnessMeter.channelWeights(channelCount: 6, channelMask: 0x60F) == [1, 1, 1, 0, 1.41, 1.41])
        // 7.1: FL FR FC LFE BL BR SL SR.
        #expect(
            LoudnessMeter.channelWeights(channelCount: 8, channelMask: 0x63F)
                == [1, 1, 1, 0, 1.41, 1.41, 1.41, 1.41])
        // Stereo mask, and a mask with fewer bits than channels.
        #expect(LoudnessMeter.channelWeights(channelCount: 2, channelMask: 0x3) == [1, 1])
        #expect(LoudnessMeter.channelWeights(channelCount: 3, channelMask: 0x8) == [0, 1, 1])
    }

    @Test func surroundWeightsIn51() {
        let tone = S.tone([(-20, 5)], sampleRate: 48000)
        let zero = [Float](repeating: 0, count: tone.count)
        let front = S.loudness([tone, zero, zero, zero, zero, zero], sampleRate: 48000).integrated!
        let lfe = S.loudness([zero, zero, zero, tone, zero, zero], sampleRate: 48000).integrated
        let surround = S.loudness([zero, zero, zero, zero, tone, zero], sampleRate: 48000).integrated!
        #expect(lfe == nil)
        #expect(abs(surround - front - decibels(power: 1.41)) < 0.001)
    }

    @Test func blockSizeIndependence() {
        let x = S.tone([(-30, 4), (-18, 3.05), (nil, 1), (-25, 4)], sampleRate: 44100)
        let y = x.map { $0 * 0.5 }
        let whole = S.loudness([x, y], sampleRate: 44100, blockSize: x.count)
        let pieces = S.loudness([x, y], sampleRate: 44100, blockSize: 997)
        #expect(abs(whole.integrated! - pieces.integrated!) < 1e-9)
        #expect(abs(whole.loudnessRange! - pieces.loudnessRange!) < 1e-9)
        #expect(abs(whole.momentaryMax! - pieces.momentaryMax!) < 1e-9)
        #expect(abs(whole.shortTermMax! - pieces.shortTermMax!) < 1e-9)
    }

    @Test("Fractional 10 ms steps", arguments: [11025.0, 22050, 8000, 192000])
    func oddRates(rate: Double) {
        let x = S.tone([(-23, 6)], sampleRate: rate)
        var meter = LoudnessMeter(sampleRate: rate, channelCount: 2)
        meter.recordsSeries = true
        S.feed(&meter, [x, x], blockSize: 1001)
        let r = meter.result()
        #expect(abs(r.integrated! + 23) <= 0.1)
        #expect(abs(r.shortTermMax! + 23) <= 0.1)
        #expect(meter.momentarySeries.count == 57)
        #expect(meter.shortTermSeries.count == 31)
    }
}
