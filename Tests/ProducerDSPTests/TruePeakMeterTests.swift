import ProducerAudio
import ProducerDSP
import Testing

/// EBU Tech 3341 true-peak cases 15–23 (+0.2 / −0.4 dB) and the meter's mechanics.
@Suite struct TruePeakMeterTests {
    typealias S = LoudnessSignals

    static func within(_ measured: Double?, _ expected: Double) -> Bool {
        guard let m = measured else { return false }
        return m - expected <= 0.2 && expected - m <= 0.4
    }

    static let sineCases:
        [(case: Int, divisor: Double, amplitude: Double, phase: Double, truePeak: Double, samplePeak: Double?)] = [
            (15, 4, 0.5, 0, -6.0, nil),
            (16, 4, 0.5, 45, -6.0, -9.01),
            (17, 6, 0.5, 60, -6.0, -7.25),
            (18, 8, 0.5, 67.5, -6.0, -6.69),
            (19, 4, 1.41, 45, 3.0, 0),
        ]

    @Test("Cases 15–19", arguments: 0..<5)
    func sines(index: Int) {
        let c = Self.sineCases[index]
        let x = S.fadedSine(
            frequency: 48000 / c.divisor, amplitude: c.amplitude, phaseDegrees: c.phase,
            seconds: 1, sampleRate: 48000)
        let p = S.peaks([x, x], blockSize: 1000)
        #expect(Self.within(p.truePeakDecibels, c.truePeak), "case \(c.case): \(p.truePeakDecibels!)")
        if let sp = c.samplePeak {
            #expect(abs(p.samplePeakDecibels! - sp) < 0.05, "case \(c.case): \(p.samplePeakDecibels!)")
        }
    }

    @Test("Cases 20–23", arguments: 0..<4)
    func insertedBurst(offset: Int) {
        let x = S.insertedBurst(offset: offset)
        let p = S.peaks([x, x], blockSize: 4801)
        #expect(Self.within(p.truePeakDecibels, 0), "offset \(offset): \(p.truePeakDecibels!)")
        // The EBU files' sample peaks depend on their exact low-pass; ours come near.
        let expected = [-0.13, -0.46, -2.51, -0.46][offset]
        #expect(abs(p.samplePeakDecibels! - expected) < 0.6, "offset \(offset): \(p.samplePeakDecibels!)")
    }

    @Test func silenceHasNoPeak() {
        let x = [Float](repeating: 0, count: 10000)
        let p = S.peaks([x])
        #expect(p.truePeakDecibels == nil)
        #expect(p.samplePeakDecibels == nil)
        #expect(p.samplePeak == [0])
    }

    @Test func peaksPerChannel() {
        let a = S.fadedSine(frequency: 12000, amplitude: 0.5, phaseDegrees: 45, seconds: 0.5, sampleRate: 48000)
        let b = a.map { $0 * 0.25 }
        let p = S.peaks([a, b])
        #expect(abs(p.truePeak[0] / p.truePeak[1] - 4) < 1e-3)
        #expect(abs(p.truePeak[0] - 0.5) < 0.01)
        #expect(abs(p.samplePeak[0] - 0.5.squareRoot() / 2) < 1e-3)
    }

    @Test func blockSizeAndSkippingDoNotChangeTheResult() {
        // A loud burst early, then a long quiet stretch (skipped), then a peak between samples.
        var x = S.fadedSine(frequency: 12000, amplitude: 0.8, phaseDegrees: 45, seconds: 0.2, sampleRate: 48000)
        x += [Float](repeating: 0.01, count: 20000)
        x += S.fadedSine(frequency: 12000, amplitude: 0.9, phaseDegrees: 45, seconds: 0.05, sampleRate: 48000)
        let whole = S.peaks([x], blockSize: x.count)
        let pieces = S.peaks([x], blockSize: 997)
        let one = S.peaks([x], blockSize: 1)
        #expect(whole == pieces)
        #expect(whole == one)
        #expect(abs(whole.truePeak[0] - 0.9) < 0.01)
    }
}
