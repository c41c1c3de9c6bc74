import Testing
import Foundation
import ProducerDSP

@Suite struct STFTTests {
    @Test func framesAreCentredAndFindTheSine() {
        let sr = 44_100.0
        let x = (0..<44_100).map { Float(0.5 * sin(2 * Double.pi * 1000 * Double($0) / sr)) }
        let stft = STFT(frameSize: 2048, hop: 441)
        let spec = stft.magnitudes(x, sampleRate: sr)
        #expect(spec.frameCount == 101 && spec.binCount == 1025)
        #expect(abs(spec.frameRate - 100) < 1e-9)
        let mid = (0..<spec.binCount).max { spec[50, $0] < spec[50, $1] }!
        #expect(mid == Int((1000 / (sr / 2048)).rounded()))
        // Hann window of sum n/2: the peak is about amplitude · n/4 (less the bin offset).
        #expect(spec[50, mid] > 200 && spec[50, mid] < 260)
        // The first frame is centred on sample 0: half of it is zero padding.
        #expect(spec[0, mid] < spec[50, mid])
    }

    @Test func filterbankBandsHaveUnitAreaAndLogSpacing() {
        let bank = STFTFilterbank(frameSize: 2048, sampleRate: 44_100, bandsPerOctave: 24)
        #expect(bank.bandCount > 100 && bank.inputBinCount == 1025)
        let f = bank.centreFrequencies
        #expect(f.first! >= 30 && f.last! <= 17_000)
        #expect(zip(f, f.dropFirst()).allSatisfy { $0 < $1 })
        // Ones in every bin give each band its area: 1.
        let ones = [Float](repeating: 1, count: 1025)
        var out = [Float](repeating: 0, count: bank.bandCount)
        ones.withUnsafeBufferPointer { o in out.withUnsafeMutableBufferPointer { bank.apply(o, into: $0) } }
        #expect(out.allSatisfy { abs($0 - 1) < 1e-5 })
        // High bands are a quarter-tone apart (24 per octave).
        let ratio = f[f.count - 1] / f[f.count - 2]
        #expect(abs(log2(ratio) * 24 - 1) < 0.1)
    }

    @Test func logFilteredSpectrogramIsCompressed() {
        let sr = 22_050.0
        let x = (0..<22_050).map { Float(sin(2 * Double.pi * 440 * Double($0) / sr)) }
        let stft = STFT(frameSize: 1024, hop: 220)
        let bank = STFTFilterbank(frameSize: 1024, sampleRate: sr)
        let spec = stft.logFiltered(x, sampleRate: sr, filterbank: bank)
        #expect(spec.binCount == bank.bandCount)
        let peak = spec.values.max()!
        #expect(peak > 1 && peak < 3.5)  // log10(1 + a few hundred)
    }
}
