import RealModule

/// An in-place complex radix-2 FFT on split arrays, for the mastering EQ's fast convolution
/// (two real signals ride in one complex signal). Unnormalised both ways.
final class ComplexFFT {
    let size: Int
    private let bits: Int
    /// Per stage of half-span h ≥ 4: h cosines then h sines of −2πj/(2h), from 2(h − 4).
    private let stageTwiddles: [Float]
    private let reverse: [Int32]

    init(size: Int) {
        precondition(size >= 2 && size & (size - 1) == 0)
        self.size = size
        var b = 0
        while 1 << b < size { b += 1 }
        bits = b
        var twiddles: [Float] = []
        var h = 4
        while h < size {
            twiddles += (0..<h).map { Float(Double.cos(-Double.pi * Double($0) / Double(h))) }
            twiddles += (0..<h).map { Float(Double.sin(-Double.pi * Double($0) / Double(h))) }
            h <<= 1
        }
        stageTwiddles = twiddles
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
        // Stages 1 and 2 have trivial twiddles (1, and 1 and ∓i).
        var i = 0
        while i < n {
            let ar = re[i], ai = im[i], br = re[i + 1], bi = im[i + 1]
            re[i] = ar + br; im[i] = ai + bi
            re[i + 1] = ar - br; im[i + 1] = ai - bi
            i += 2
        }
        let sign: Float = inverse ? -1 : 1
        if n >= 4 {
            i = 0
            while i < n {
                // a = x[i], b = x[i+2] (w = 1); c = x[i+1], d = x[i+3] (w = ∓i)
                let ar = re[i], ai = im[i], br = re[i + 2], bi = im[i + 2]
                re[i] = ar + br; im[i] = ai + bi
                re[i + 2] = ar - br; im[i + 2] = ai - bi
                let cr = re[i + 1], ci = im[i + 1]
                // d · (−i·sign): forward multiplies by −i, inverse by +i
                let dr = sign * im[i + 3], di = -sign * re[i + 3]
                re[i + 1] = cr + dr; im[i + 1] = ci + di
                re[i + 3] = cr - dr; im[i + 3] = ci - di
                i += 4
            }
        }
        stageTwiddles.withUnsafeBufferPointer { tp in
            let t = tp.baseAddress!
            var half = 4
            while half < n {
                // This stage's twiddles, contiguous: cos at t[2(half−4)…], sin after them.
                let c = t + 2 * (half - 4), s = c + half
                var start = 0
                while start < n {
                    let a0 = re + start, a1 = im + start, b0 = re + start + half, b1 = im + start + half
                    for j in 0..<half {
                        let wr = c[j], wi = sign * s[j]
                        let xr = b0[j] * wr - b1[j] * wi
                        let xi = b0[j] * wi + b1[j] * wr
                        b0[j] = a0[j] - xr; b1[j] = a1[j] - xi
                        a0[j] += xr; a1[j] += xi
                    }
                    start &+= 2 &* half
                }
                half <<= 1
            }
        }
    }
}
