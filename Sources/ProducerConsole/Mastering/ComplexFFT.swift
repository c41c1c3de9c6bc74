import RealModule

/// An in-place complex radix-2 FFT on split arrays, for the mastering EQ's fast convolution
/// (two real signals ride in one complex signal). Unnormalised both ways.
final class ComplexFFT {
    let size: Int
    private let bits: Int
    private let cosTable: [Float], sinTable: [Float]
    private let reverse: [Int32]

    init(size: Int) {
        precondition(size >= 2 && size & (size - 1) == 0)
        self.size = size
        var b = 0
        while 1 << b < size { b += 1 }
        bits = b
        cosTable = (0..<size / 2).map { Float(Double.cos(-2 * Double.pi * Double($0) / Double(size))) }
        sinTable = (0..<size / 2).map { Float(Double.sin(-2 * Double.pi * Double($0) / Double(size))) }
        reverse = (0..<size).map { i in
            var r = 0, v = i
            for _ in 0..<b { r = (r << 1) | (v & 1); v >>= 1 }
            return Int32(r)
        }
    }

    /// Transforms `re`, `im` (each `size` long) in place; `inverse` uses e^(+2πikn/N).
    func transform(_ re: UnsafeMutablePointer<Float>, _ im: UnsafeMutablePointer<Float>, inverse: Bool) {
        let n = size
        reverse.withUnsafeBufferPointer { r in
            for i in 0..<n {
                let j = Int(r[i])
                if j > i {
                    let tr = re[i], ti = im[i]
                    re[i] = re[j]; im[i] = im[j]
                    re[j] = tr; im[j] = ti
                }
            }
        }
        let sign: Float = inverse ? -1 : 1
        cosTable.withUnsafeBufferPointer { cp in
            sinTable.withUnsafeBufferPointer { sp in
                let c = cp.baseAddress!, s = sp.baseAddress!
                var half = 1
                while half < n {
                    let step = n / (2 * half)
                    var start = 0
                    while start < n {
                        var k = 0
                        for j in 0..<half {
                            let wr = c[k], wi = sign * s[k]
                            let a = start &+ j, b = a &+ half
                            let xr = re[b] * wr - im[b] * wi
                            let xi = re[b] * wi + im[b] * wr
                            re[b] = re[a] - xr; im[b] = im[a] - xi
                            re[a] += xr; im[a] += xi
                            k &+= step
                        }
                        start &+= 2 &* half
                    }
                    half <<= 1
                }
            }
        }
    }
}
