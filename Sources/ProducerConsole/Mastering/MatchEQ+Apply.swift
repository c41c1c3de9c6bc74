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
    /// side curve, with the FIR's delay removed. Overlap-add with transforms of four times the
    /// FIR's length; each block's finished output is written back over input already read.
    func apply(to channels: inout [[Float]], sampleRate: Double) {
        guard !isIdentity, let frames = channels.first?.count, frames > 0 else { return }
        let taps = Self.taps, n = 4 * taps, block = n - taps, delay = taps / 2
        let fft = ComplexFFT(size: n)
        let hm = spectrum(side: false, sampleRate: sampleRate, fft: fft)
        let hs = spectrum(side: true, sampleRate: sampleRate, fft: fft)
        let stereo = channels.count >= 2
        var zr = [Float](repeating: 0, count: n), zi = zr, yr = zr, yi = zr
        // Output positions start … start + n − 1 (before the delay is removed), summed over blocks.
        var accMid = [Float](repeating: 0, count: n), accSide = accMid
        let scale = 1 / Float(n)
        var left = channels[0]
        var right = stereo ? channels[1] : []
        channels = []
        var start = 0
        while start < frames + delay {
            let count = max(0, min(block, frames - start))
            zr.withUnsafeMutableBufferPointer { zr in
                zi.withUnsafeMutableBufferPointer { zi in
                    left.withUnsafeBufferPointer { l in
                        if stereo {
                            right.withUnsafeBufferPointer { r in
                                for i in 0..<count {
                                    zr[i] = 0.5 * (l[start + i] + r[start + i])
                                    zi[i] = 0.5 * (l[start + i] - r[start + i])
                                }
                            }
                        } else {
                            for i in 0..<count { zr[i] = l[start + i]; zi[i] = 0 }
                        }
                    }
                    for i in count..<n { zr[i] = 0; zi[i] = 0 }
                    fft.transform(zr.baseAddress!, zi.baseAddress!, inverse: false)
                    yr.withUnsafeMutableBufferPointer { yr in
                        yi.withUnsafeMutableBufferPointer { yi in
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
                            fft.transform(yr.baseAddress!, yi.baseAddress!, inverse: true)
                            accMid.withUnsafeMutableBufferPointer { am in
                                accSide.withUnsafeMutableBufferPointer { az in
                                    for i in 0..<n {
                                        am[i] += yr[i] * scale
                                        az[i] += yi[i] * scale
                                    }
                                    // Positions start … start + block − 1 are finished: output frames
                                    // from start − delay, over input frames already read.
                                    left.withUnsafeMutableBufferPointer { l in
                                        right.withUnsafeMutableBufferPointer { r in
                                            for i in 0..<block {
                                                let o = start + i - delay
                                                guard o >= 0 && o < frames else { continue }
                                                if stereo {
                                                    l[o] = am[i] + az[i]
                                                    r[o] = am[i] - az[i]
                                                } else {
                                                    l[o] = am[i]
                                                }
                                            }
                                        }
                                    }
                                    // Shift the rest down a block.
                                    am.baseAddress!.update(from: am.baseAddress! + block, count: n - block)
                                    az.baseAddress!.update(from: az.baseAddress! + block, count: n - block)
                                    for i in (n - block)..<n { am[i] = 0; az[i] = 0 }
                                }
                            }
                        }
                    }
                }
            }
            start += block
        }
        channels = stereo ? [left, right] : [left]
    }
}
