import RealModule

/// An in-place radix-2 complex FFT in double precision, for the aligner's inverse transforms
/// (ProducerDSP's ``FFT`` is forward and real only; the mastering EQ's `ComplexFFT` is single
/// precision, and the aligner reads a phase slope to a hundredth of a sample).
final class DoubleComplexFFT {
    let size: Int
    private var cosTable: [Double]
    private var sinTable: [Double]
    private var reverse: [Int]

    /// - Precondition: `size` is a power of two.
    init(size: Int) {
        precondition(size >= 2 && size & (size - 1) == 0)
        self.size = size
        cosTable = (0..<size / 2).map { Double.cos(2 * .pi * Double($0) / Double(size)) }
        sinTable = (0..<size / 2).map { Double.sin(2 * .pi * Double($0) / Double(size)) }
        var bits = 0
        while 1 << bits < size { bits += 1 }
        reverse = (0..<size).map { i in
            var r = 0
            var v = i
            for _ in 0..<bits {
                r = (r << 1) | (v & 1)
                v >>= 1
            }
            return r
        }
    }

    /// Transforms `re`, `im` in place: `sign` −1 forward (`Σ x·e^(−2πikn/N)`), +1 inverse (unscaled).
    func transform(_ re: inout [Double], _ im: inout [Double], sign: Double) {
        let n = size
        for i in 0..<n where reverse[i] > i {
            re.swapAt(i, reverse[i])
            im.swapAt(i, reverse[i])
        }
        var half = 1
        while half < n {
            let step = n / (2 * half)
            var start = 0
            while start < n {
                for j in 0..<half {
                    let wr = cosTable[j * step]
                    let wi = sign * sinTable[j * step]
                    let a = start + j
                    let b = a + half
                    let tr = re[b] * wr - im[b] * wi
                    let ti = re[b] * wi + im[b] * wr
                    re[b] = re[a] - tr
                    im[b] = im[a] - ti
                    re[a] += tr
                    im[a] += ti
                }
                start += 2 * half
            }
            half *= 2
        }
    }
}
