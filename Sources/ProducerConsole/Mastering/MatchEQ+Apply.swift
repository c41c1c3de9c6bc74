import RealModule

extension MatchEQ {
    /// The linear-phase FIR's spectrum (size `n`, delay taps/2) for the mid or the side.
    func spectrum(side: Bool, sampleRate: Double, fft: ComplexFFT) -> (re: [Float], im: [Float]) {
        let taps = Self.taps, n = fft.size
        // Zero-phase response on a grid of `taps` points, to an impulse response…
        let design = ComplexFFT(size: taps)
        var re = [Float](repeating: 0, count: taps), im = re
        for k in 0...(taps / 2) {
            let m = Float(magnitude(Double(k) * sampleRate / Double(taps), side: side))
            re[k] = m
            if k > 0 { re[taps - k] = m }
        }
        re.withUnsafeMutableBufferPointer { r in
            im.withUnsafeMutableBufferPointer { design.transform(r.baseAddress!, $0.baseAddress!, inverse: true) }
        }
        // …centred, Hann-windowed, zero-padded to the convolution size.
        var hr = [Float](repeating: 0, count: n), hi = hr
        for j in 0..<taps {
            let h = re[(j + taps / 2) % taps] / Float(taps)
            let w = 0.5 - 0.5 * Double.cos(2 * Double.pi * Double(j) / Double(taps))
            hr[j] = h * Float(w)
        }
        hr.withUnsafeMutableBufferPointer { r in
            hi.withUnsafeMutableBufferPointer { fft.transform(r.baseAddress!, $0.baseAddress!, inverse: false) }
        }
        return (hr, hi)
    }

    /// Filters `channels` (one or two, same length) in place: mid by the mid curve, side by the
    /// side curve, with the FIR's delay removed.
    func apply(to channels: inout [[Float]], sampleRate: Double) {
        guard !isIdentity, let frames = channels.first?.count, frames > 0 else { return }
        let taps = Self.taps, n = 2 * taps, block = n - taps, delay = taps / 2
        let fft = ComplexFFT(size: n)
        let hm = spectrum(side: false, sampleRate: sampleRate, fft: fft)
        let hs = spectrum(side: true, sampleRate: sampleRate, fft: fft)
        let stereo = channels.count >= 2
        var mid = [Float](repeating: 0, count: frames), side = mid
        if stereo {
            for i in 0..<frames {
                mid[i] = 0.5 * (channels[0][i] + channels[1][i])
                side[i] = 0.5 * (channels[0][i] - channels[1][i])
            }
        } else {
            mid = channels[0]
        }
        var outMid = [Float](repeating: 0, count: frames + n + block), outSide = outMid
        var zr = [Float](repeating: 0, count: n), zi = zr, yr = zr, yi = zr
        let scale = 1 / Float(n)
        var start = 0
        while start < frames + delay {
            let count = max(0, min(block, frames - start))
            for i in 0..<n {
                zr[i] = i < count ? mid[start + i] : 0
                zi[i] = i < count ? side[start + i] : 0
            }
            zr.withUnsafeMutableBufferPointer { r in
                zi.withUnsafeMutableBufferPointer { fft.transform(r.baseAddress!, $0.baseAddress!, inverse: false) }
            }
            for k in 0..<n {
                let k2 = (n - k) & (n - 1)
                let mr = 0.5 * (zr[k] + zr[k2]), mi = 0.5 * (zi[k] - zi[k2])
                let sr = 0.5 * (zi[k] + zi[k2]), si = -0.5 * (zr[k] - zr[k2])
                // Y = Hm·M + i·Hs·S
                let ar = hm.re[k] * mr - hm.im[k] * mi, ai = hm.re[k] * mi + hm.im[k] * mr
                let br = hs.re[k] * sr - hs.im[k] * si, bi = hs.re[k] * si + hs.im[k] * sr
                yr[k] = ar - bi
                yi[k] = ai + br
            }
            yr.withUnsafeMutableBufferPointer { r in
                yi.withUnsafeMutableBufferPointer { fft.transform(r.baseAddress!, $0.baseAddress!, inverse: true) }
            }
            for i in 0..<n {
                outMid[start + i] += yr[i] * scale
                outSide[start + i] += yi[i] * scale
            }
            start += block
        }
        if stereo {
            for i in 0..<frames {
                let m = outMid[i + delay], s = outSide[i + delay]
                channels[0][i] = m + s
                channels[1][i] = m - s
            }
        } else {
            for i in 0..<frames { channels[0][i] = outMid[i + delay] }
        }
    }
}
