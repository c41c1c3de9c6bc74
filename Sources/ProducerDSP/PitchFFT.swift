import RealModule

/// A small in-place complex radix-2 FFT on split real/imaginary `Float` arrays, private to the
/// pitch tracker (the lead may merge it with a shared FFT later).
///
/// `forward` computes X_k = Σ x_n e^{-2πikn/N}, unscaled.
struct PitchFFT: Sendable {
    /// Transform size, a power of two ≥ 4.
    let size: Int
    /// Twiddles of every stage, concatenated: the stage of length `len` starts at `len/2 - 1`.
    let cosines: [Float]
    let sines: [Float]
    /// Index pairs (i, j), i < j, swapped by the bit-reversal permutation.
    let swaps: [Int32]

    init(size: Int) {
        precondition(size >= 4 && size & (size - 1) == 0, "PitchFFT size must be a power of two ≥ 4")
        self.size = size
        var c = [Float](), s = [Float]()
        c.reserveCapacity(size); s.reserveCapacity(size)
        var len = 2
        while len <= size {
            for j in 0..<(len / 2) {
                let a = -2 * Double.pi * Double(j) / Double(len)
                c.append(Float(Double.cos(a))); s.append(Float(Double.sin(a)))
            }
            len *= 2
        }
        cosines = c; sines = s
        var bits = 0
        while 1 << bits < size { bits += 1 }
        var sw = [Int32]()
        for i in 0..<size {
            var r = 0, v = i
            for _ in 0..<bits { r = (r << 1) | (v & 1); v >>= 1 }
            if i < r { sw.append(Int32(i)); sw.append(Int32(r)) }
        }
        swaps = sw
    }

    /// Transforms `re`/`im` (each `size` long) in place.
    func forward(_ re: UnsafeMutablePointer<Float>, _ im: UnsafeMutablePointer<Float>) {
        let n = size
        swaps.withUnsafeBufferPointer { sw in
            var p = 0
            while p < sw.count {
                let i = Int(sw[p]), j = Int(sw[p + 1])
                let tr = re[i]; re[i] = re[j]; re[j] = tr
                let ti = im[i]; im[i] = im[j]; im[j] = ti
                p += 2
            }
        }
        // Stages of length 2 and 4 together (radix-4 butterflies with trivial twiddles).
        var b = 0
        while b < n {
            let r0 = re[b] + re[b + 1], i0 = im[b] + im[b + 1]
            let r1 = re[b] - re[b + 1], i1 = im[b] - im[b + 1]
            let r2 = re[b + 2] + re[b + 3], i2 = im[b + 2] + im[b + 3]
            let r3 = re[b + 2] - re[b + 3], i3 = im[b + 2] - im[b + 3]
            re[b] = r0 + r2; im[b] = i0 + i2
            re[b + 2] = r0 - r2; im[b + 2] = i0 - i2
            // twiddle -i on (r3, i3): (i3, -r3)
            re[b + 1] = r1 + i3; im[b + 1] = i1 - r3
            re[b + 3] = r1 - i3; im[b + 3] = i1 + r3
            b += 4
        }
        cosines.withUnsafeBufferPointer { cp in
            sines.withUnsafeBufferPointer { sp in
                let cb = cp.baseAddress!, sb = sp.baseAddress!
                var len = 8
                while len <= n {
                    let half = len / 2
                    let wc = cb + (half - 1), ws = sb + (half - 1)
                    var block = 0
                    while block < n {
                        let ar = re + block, ai = im + block
                        let br = ar + half, bi = ai + half
                        for j in 0..<half {
                            let c = wc[j], s = ws[j]
                            let xr = br[j], xi = bi[j]
                            let tr = xr * c - xi * s
                            let ti = xr * s + xi * c
                            let ur = ar[j], ui = ai[j]
                            ar[j] = ur + tr; ai[j] = ui + ti
                            br[j] = ur - tr; bi[j] = ui - ti
                        }
                        block += len
                    }
                    len *= 2
                }
            }
        }
    }
}
