import Testing
import Foundation
import ProducerDSP

@Suite struct FFTTests {
    /// The naive DFT of `x`, bins 0…n/2, in Double.
    static func dft(_ x: [Float]) -> (re: [Double], im: [Double]) {
        let n = x.count
        var re = [Double](repeating: 0, count: n / 2 + 1), im = re
        for k in 0...(n / 2) {
            for t in 0..<n {
                let a = -2 * Double.pi * Double(k * t % n) / Double(n)
                re[k] += Double(x[t]) * cos(a)
                im[k] += Double(x[t]) * sin(a)
            }
        }
        return (re, im)
    }

    @Test(arguments: [4, 8, 16, 64, 256, 1024, 2048])
    func matchesNaiveDFT(size n: Int) {
        var rng = RhythmSignals.Random(seed: UInt64(n))
        let x = (0..<n).map { _ in Float(rng.uniform()) }
        let fft = FFT(size: n)
        var re = [Float](repeating: 0, count: n / 2 + 1), im = re
        x.withUnsafeBufferPointer { xb in
            re.withUnsafeMutableBufferPointer { r in
                im.withUnsafeMutableBufferPointer { fft.forward(xb, real: r, imag: $0) }
            }
        }
        let ref = Self.dft(x)
        let scale = zip(ref.re, ref.im).map { ($0 * $0 + $1 * $1).squareRoot() }.max()!
        var worst = 0.0
        for k in 0...(n / 2) {
            worst = max(worst, abs(Double(re[k]) - ref.re[k]) / scale, abs(Double(im[k]) - ref.im[k]) / scale)
        }
        #expect(worst < 1e-4, "size \(n): relative error \(worst)")
        #expect(fft.binCount == n / 2 + 1)
    }

    @Test func magnitudeAndPowerOfASine() {
        let n = 1024
        let x = (0..<n).map { Float(0.5 * cos(2 * Double.pi * 32 * Double($0) / Double(n))) }
        let fft = FFT(size: n)
        let mag = fft.magnitude(x)
        #expect(abs(mag[32] - 256) < 1e-3)  // n/2 · amplitude
        #expect(mag.enumerated().allSatisfy { $0.offset == 32 || $0.element < 1e-3 })
        var power = [Float](repeating: 0, count: n / 2 + 1)
        x.withUnsafeBufferPointer { xb in power.withUnsafeMutableBufferPointer { fft.power(xb, into: $0) } }
        #expect(abs(power[32] - 65_536) < 1)
    }

    @Test func dcAndNyquistAreReal() {
        let n = 16
        let x: [Float] = (0..<n).map { $0 % 2 == 0 ? 1 : 0 }  // DC 8, Nyquist 8
        let fft = FFT(size: n)
        var re = [Float](repeating: 0, count: n / 2 + 1), im = re
        x.withUnsafeBufferPointer { xb in
            re.withUnsafeMutableBufferPointer { r in
                im.withUnsafeMutableBufferPointer { fft.forward(xb, real: r, imag: $0) }
            }
        }
        #expect(re[0] == 8 && re[n / 2] == 8 && im[0] == 0 && im[n / 2] == 0)
        for k in 1..<(n / 2) { #expect(abs(re[k]) < 1e-5 && abs(im[k]) < 1e-5) }
    }
}
