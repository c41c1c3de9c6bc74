/// A real-input fast Fourier transform of a fixed power-of-two size.
///
/// The `n` real samples are packed as `n/2` complex values (even samples real, odd samples
/// imaginary), transformed by an iterative radix-2 complex FFT on split arrays with precomputed
/// per-stage twiddles, and unpacked into the `n/2 + 1` bins of the real spectrum. Setting up a
/// transform allocates its tables once; `forward` itself allocates nothing.
///
/// The spectrum is unnormalised: `X[k] = Σ x[t]·e^(−2πikt/n)`.
///
/// An `FFT` holds scratch space, so one instance must not run `forward` on two threads at
/// once; make one per thread (they are cheap next to the work they do).
public final class FFT {
    /// The number of real input samples, a power of two ≥ 4.
    public let size: Int
    /// The number of output bins, `size/2 + 1` (DC … Nyquist).
    public var binCount: Int { size / 2 + 1 }

    private let half: Int
    /// Bit-reversal permutation of `half` (source index for each destination).
    private let bitReverse: UnsafeMutablePointer<Int32>
    /// Twiddles for every stage of the half-size complex FFT: the stage of half-span `h` uses
    /// `h` entries starting at `h - 1`, `e^(−2πij/(2h))` for `j < h`.
    private let twiddleRe: UnsafeMutablePointer<Float>
    private let twiddleIm: UnsafeMutablePointer<Float>
    /// `e^(−2πik/n)` for `k ≤ n/2`, used to unpack the real spectrum.
    private let unpackRe: UnsafeMutablePointer<Float>
    private let unpackIm: UnsafeMutablePointer<Float>
    /// Scratch: the half-size complex work array and an imaginary output for `power`.
    private let workRe: UnsafeMutablePointer<Float>
    private let workIm: UnsafeMutablePointer<Float>
    private let scratchIm: UnsafeMutablePointer<Float>

    /// Prepares a transform of `size` real samples.
    /// - Precondition: `size` is a power of two and at least 4.
    public init(size: Int) {
        precondition(size >= 4 && size & (size - 1) == 0, "FFT size must be a power of two ≥ 4")
        self.size = size
        let half = size / 2
        self.half = half
        var bits = 0
        while 1 << bits < half { bits += 1 }
        let rev = UnsafeMutablePointer<Int32>.allocate(capacity: half)
        for i in 0..<half {
            var r = 0, v = i
            for _ in 0..<bits { r = (r << 1) | (v & 1); v >>= 1 }
            rev[i] = Int32(r)
        }
        bitReverse = rev
        let twr = UnsafeMutablePointer<Float>.allocate(capacity: half)
        let twi = UnsafeMutablePointer<Float>.allocate(capacity: half)
        twr.initialize(repeating: 0, count: half)
        twi.initialize(repeating: 0, count: half)
        var h = 1
        while h < half {
            for j in 0..<h {
                let a = -Double.pi * Double(j) / Double(h)
                twr[h - 1 + j] = Float(_cos(a))
                twi[h - 1 + j] = Float(_sin(a))
            }
            h *= 2
        }
        twiddleRe = twr
        twiddleIm = twi
        let ur = UnsafeMutablePointer<Float>.allocate(capacity: half + 1)
        let ui = UnsafeMutablePointer<Float>.allocate(capacity: half + 1)
        for k in 0...half {
            let a = -2 * Double.pi * Double(k) / Double(size)
            ur[k] = Float(_cos(a))
            ui[k] = Float(_sin(a))
        }
        unpackRe = ur
        unpackIm = ui
        workRe = .allocate(capacity: half)
        workIm = .allocate(capacity: half)
        scratchIm = .allocate(capacity: half + 1)
        workRe.initialize(repeating: 0, count: half)
        workIm.initialize(repeating: 0, count: half)
        scratchIm.initialize(repeating: 0, count: half + 1)
    }

    deinit {
        bitReverse.deallocate()
        twiddleRe.deallocate(); twiddleIm.deallocate()
        unpackRe.deallocate(); unpackIm.deallocate()
        workRe.deallocate(); workIm.deallocate(); scratchIm.deallocate()
    }

    /// Transforms `size` real samples into `size/2 + 1` complex bins.
    ///
    /// - Parameters:
    ///   - input: at least `size` samples; only the first `size` are read.
    ///   - real: receives the real parts of bins 0…`size/2`; needs `size/2 + 1` elements.
    ///   - imag: receives the imaginary parts; needs `size/2 + 1` elements.
    public func forward(
        _ input: UnsafeBufferPointer<Float>,
        real: UnsafeMutableBufferPointer<Float>,
        imag: UnsafeMutableBufferPointer<Float>
    ) {
        precondition(input.count >= size && real.count >= half + 1 && imag.count >= half + 1)
        let n = half
        let zr = workRe, zi = workIm, r = bitReverse
        let x = input.baseAddress!
        for i in 0..<n {
            let s = Int(r[i]) &* 2
            zr[i] = x[s]
            zi[i] = x[s &+ 1]
        }
        Self.complexStages(zr, zi, n, twiddleRe, twiddleIm)
        unpack(zr, zi, real.baseAddress!, imag.baseAddress!)
    }

    /// Transforms `size` real samples and writes the power `|X[k]|²` of the `size/2 + 1` bins.
    public func power(_ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>) {
        spectrum(input, into: output, magnitude: false)
    }

    /// Transforms `size` real samples and writes the magnitude `|X[k]|` of the `size/2 + 1` bins.
    public func magnitude(_ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>) {
        spectrum(input, into: output, magnitude: true)
    }

    /// The magnitudes of the spectrum of `input` (convenience; allocates).
    public func magnitude(_ input: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: half + 1)
        input.withUnsafeBufferPointer { i in out.withUnsafeMutableBufferPointer { magnitude(i, into: $0) } }
        return out
    }

    private func spectrum(
        _ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>, magnitude: Bool
    ) {
        precondition(output.count >= half + 1)
        // The output buffer is real only: the imaginary half goes to scratch.
        forward(input, real: output, imag: UnsafeMutableBufferPointer(start: scratchIm, count: half + 1))
        let o = output.baseAddress!, q = scratchIm
        if magnitude {
            for k in 0...half { o[k] = (o[k] * o[k] + q[k] * q[k]).squareRoot() }
        } else {
            for k in 0...half { o[k] = o[k] * o[k] + q[k] * q[k] }
        }
    }

    /// In-place decimation-in-time radix-2 stages over bit-reversed split complex data.
    @inline(__always)
    private static func complexStages(
        _ re: UnsafeMutablePointer<Float>, _ im: UnsafeMutablePointer<Float>, _ n: Int,
        _ twr: UnsafeMutablePointer<Float>, _ twi: UnsafeMutablePointer<Float>
    ) {
        // Stages of span 2 and 4 together (trivial twiddles 1 and −i).
        if n >= 4 {
            var i = 0
            while i < n {
                let a0r = re[i], a0i = im[i], a1r = re[i + 1], a1i = im[i + 1]
                let a2r = re[i + 2], a2i = im[i + 2], a3r = re[i + 3], a3i = im[i + 3]
                let b0r = a0r + a1r, b0i = a0i + a1i, b1r = a0r - a1r, b1i = a0i - a1i
                let b2r = a2r + a3r, b2i = a2i + a3i, b3r = a2r - a3r, b3i = a2i - a3i
                re[i] = b0r + b2r; im[i] = b0i + b2i
                re[i + 2] = b0r - b2r; im[i + 2] = b0i - b2i
                // b3 · (−i) = (b3i, −b3r)
                re[i + 1] = b1r + b3i; im[i + 1] = b1i - b3r
                re[i + 3] = b1r - b3i; im[i + 3] = b1i + b3r
                i &+= 4
            }
        } else if n == 2 {
            let ar = re[0], ai = im[0], br = re[1], bi = im[1]
            re[0] = ar + br; im[0] = ai + bi; re[1] = ar - br; im[1] = ai - bi
            return
        } else {
            return
        }
        var h = 4
        while h < n {
            let wr = twr + (h - 1), wi = twi + (h - 1)
            var start = 0
            while start < n {
                let pr = re + start, pi = im + start
                let qr = pr + h, qi = pi + h
                for j in 0..<h {
                    let cr = wr[j], ci = wi[j]
                    let xr = qr[j], xi = qi[j]
                    let tr = xr * cr - xi * ci
                    let ti = xr * ci + xi * cr
                    let ur = pr[j], ui = pi[j]
                    pr[j] = ur + tr; pi[j] = ui + ti
                    qr[j] = ur - tr; qi[j] = ui - ti
                }
                start &+= 2 &* h
            }
            h &*= 2
        }
    }

    /// Unpacks the half-size complex spectrum `Z` of the packed real input into `X[0…n/2]`.
    @inline(__always)
    private func unpack(
        _ zr: UnsafeMutablePointer<Float>, _ zi: UnsafeMutablePointer<Float>,
        _ outR: UnsafeMutablePointer<Float>, _ outI: UnsafeMutablePointer<Float>
    ) {
        let n = half
        outR[0] = zr[0] + zi[0]; outI[0] = 0
        outR[n] = zr[0] - zi[0]; outI[n] = 0
        let ur = unpackRe, ui = unpackIm
        for k in 1..<n {
            let a = zr[k], b = zi[k], c = zr[n &- k], d = zi[n &- k]
            let er = 0.5 * (a + c), ei = 0.5 * (b - d)
            let or = 0.5 * (b + d), oi = -0.5 * (a - c)
            let wr = ur[k], wi = ui[k]
            outR[k] = er + wr * or - wi * oi
            outI[k] = ei + wr * oi + wi * or
        }
    }
}
