import ProducerDSP
import RealModule

/// Measures the delay and polarity of a mic against a reference over a range of frames, in two
/// passes that both accumulate cross-spectra over overlapping Hann-windowed blocks (memory bounded
/// by the block, not the file):
///
/// 1. **Lag.** Blocks long enough for the search radius; the accumulated cross-spectrum, weighted
///    by its own phase (PHAT) times the coherence, is transformed back to a correlation whose
///    largest magnitude within ±radius gives the whole-sample lag.
/// 2. **Fraction.** With the mic read shifted by that lag, short blocks (4096) give a cross-spectrum
///    whose phase is a straight line through the origin, slope −2π·δ/N; δ is fitted by weighted
///    least squares, each bin weighted by γ²/(1−γ²) (γ² the coherence: the inverse of its phase
///    variance) and, after the first steps, by Tukey's biweight of its phase residual (so that bins
///    a bleeding source dominates drop out), iterated until the step is below 10⁻⁷ sample. The polarity is the sign of the
///    aligned cross-spectrum's real part.
struct DelayEstimator {
    let reference: any MicSource
    let mic: any MicSource
    private var scratch: [Float] = []

    init(reference: any MicSource, mic: any MicSource) {
        self.reference = reference
        self.mic = mic
    }

    /// The delay of `mic` against `reference` over `range`, searched within `center ± radius`
    /// samples, and the time (frames) it stands for: the centre of the blocks weighted by the
    /// reference's energy, so that a moving source's delay is placed where the sound was.
    mutating func estimate(
        range: Range<Int>, center: Int, radius: Int
    ) throws -> (
        estimate: DelayEstimate, frame: Double, silent: (reference: Bool, mic: Bool)
    ) {
        let coarse = try lag(range: range, center: center, radius: radius)
        var lag = coarse.lag
        var fit = try fraction(range: range, lag: lag)
        var tries = 0
        while abs(fit.delta) > 0.6 && tries < 4 {
            lag += Int(fit.delta.rounded())
            fit = try fraction(range: range, lag: lag)
            tries += 1
        }
        let estimate = DelayEstimate(
            samples: Double(lag) + fit.delta, inverted: fit.inverted, correlation: fit.correlation,
            peakRatio: coarse.peakRatio)
        return (estimate, fit.time, (fit.xx == 0, fit.yy == 0))
    }

    /// Accumulates `conj(X)·Y`, `|X|²` and `|Y|²` over Hann-windowed blocks of `size` from `range`,
    /// the mic read `shift` frames later.
    private mutating func crossSpectrum(range: Range<Int>, shift: Int, size: Int) throws -> CrossSpectrum {
        let fft = FFT(size: size)
        let bins = size / 2 + 1
        var result = CrossSpectrum(bins: bins)
        var window = [Float](repeating: 0, count: size)
        for i in 0..<size { window[i] = Float(0.5 - 0.5 * Double.cos(2 * .pi * Double(i) / Double(size))) }
        var x = [Float](repeating: 0, count: size)
        var y = [Float](repeating: 0, count: size)
        var xr = [Float](repeating: 0, count: bins), xi = xr, yr = xr, yi = xr
        let hop = size / 2
        var start = range.lowerBound
        repeat {
            try x.withUnsafeMutableBufferPointer { try reference.readMono(from: start, into: $0, scratch: &scratch) }
            try y.withUnsafeMutableBufferPointer { try mic.readMono(from: start + shift, into: $0, scratch: &scratch) }
            for i in 0..<size {
                x[i] *= window[i]
                y[i] *= window[i]
            }
            x.withUnsafeBufferPointer { input in
                xr.withUnsafeMutableBufferPointer { r in
                    xi.withUnsafeMutableBufferPointer { fft.forward(input, real: r, imag: $0) }
                }
            }
            y.withUnsafeBufferPointer { input in
                yr.withUnsafeMutableBufferPointer { r in
                    yi.withUnsafeMutableBufferPointer { fft.forward(input, real: r, imag: $0) }
                }
            }
            var energy = 0.0
            for k in 0..<bins {
                let ar = Double(xr[k]), ai = Double(xi[k]), br = Double(yr[k]), bi = Double(yi[k])
                result.re[k] += ar * br + ai * bi
                result.im[k] += ar * bi - ai * br
                result.xx[k] += ar * ar + ai * ai
                result.yy[k] += br * br + bi * bi
                energy += ar * ar + ai * ai
            }
            result.blocks += 1
            result.energy += energy
            result.energyTime += energy * (Double(start) + Double(size) / 2)
            start += hop
        } while start + hop < range.upperBound
        return result
    }

    /// Pass 1: the whole-sample lag and how clearly it stands out.
    private mutating func lag(range: Range<Int>, center: Int, radius: Int) throws -> (lag: Int, peakRatio: Double) {
        var size = 1024
        while size < 4 * radius { size *= 2 }
        let spectrum = try crossSpectrum(range: range, shift: center, size: size)
        let fft = DoubleComplexFFT(size: size)
        var re = [Double](repeating: 0, count: size)
        var im = [Double](repeating: 0, count: size)
        let floor = spectrum.floor
        for k in 0...(size / 2) {
            let magnitude = spectrum.magnitude(k)
            guard magnitude > 0 else { continue }
            let weight = spectrum.coherence(k) / max(magnitude, floor)
            re[k] = spectrum.re[k] * weight
            im[k] = spectrum.im[k] * weight
            if k > 0 && k < size / 2 {
                re[size - k] = re[k]
                im[size - k] = -im[k]
            }
        }
        fft.transform(&re, &im, sign: 1)
        let reach = min(radius, size / 2 - 1)
        var best = 0
        var bestValue = -1.0
        for d in -reach...reach {
            let v = abs(re[(d + size) % size])
            if v > bestValue {
                bestValue = v
                best = d
            }
        }
        var second = 0.0
        for d in -reach...reach where abs(d - best) > 3 { second = max(second, abs(re[(d + size) % size])) }
        let ratio = second > 0 ? 20 * Double.log10(bestValue / second) : 120
        return (center + best, ratio)
    }

    /// Pass 2: the fraction of a sample left after shifting the mic by `lag`, the polarity and the
    /// correlation.
    private mutating func fraction(
        range: Range<Int>, lag: Int
    ) throws -> (
        delta: Double, inverted: Bool, correlation: Double, time: Double, xx: Double, yy: Double
    ) {
        var size = 4096
        while size > 256 && size > range.count { size /= 2 }
        let s = try crossSpectrum(range: range, shift: lag, size: size)
        let top = Int(0.9 * Double(size / 2))
        var weights = [Double](repeating: 0, count: top)
        let floor = s.floor
        for k in 1..<top {
            let g = min(s.coherence(k), 0.999)
            weights[k] = g / (1 - g) * min(1, s.magnitude(k) / floor)
        }
        let n = Double(size)
        // The cross-spectrum turned back by `delta` samples: bin k times e^(2πikδ/n), the
        // rotation stepped from bin to bin.
        var alignedRe = [Double](repeating: 0, count: top)
        var alignedIm = [Double](repeating: 0, count: top)
        func align(_ delta: Double) {
            let a = 2 * Double.pi * delta / n
            let c = Double.cos(a), sn = Double.sin(a)
            var wr = 1.0, wi = 0.0
            for k in 0..<top {
                alignedRe[k] = s.re[k] * wr - s.im[k] * wi
                alignedIm[k] = s.re[k] * wi + s.im[k] * wr
                (wr, wi) = (wr * c - wi * sn, wr * sn + wi * c)
            }
        }
        func polarity(_ delta: Double) -> Double {
            align(delta)
            var sum = 0.0
            for k in 1..<top { sum += alignedRe[k] }
            return sum < 0 ? -1 : 1
        }
        var delta = 0.0
        var sign = polarity(0)
        // Bins where another source dominates (a bleed, coherent in both mics but at another
        // delay) have phases off the line: after a first fit, each bin's weight is cut by Tukey's
        // biweight of its phase residual, its reach narrowing from 1.5 to 0.4 radian.
        var reach = Double.infinity
        for iteration in 0..<60 {
            var num = 0.0, den = 0.0
            align(delta)
            for k in 1..<top where weights[k] > 0 {
                let r = alignedRe[k], i = alignedIm[k]
                let phi = Double.atan2(y: sign * i, x: sign * r)
                var w = weights[k]
                if reach.isFinite {
                    let u = phi / reach
                    w *= abs(u) >= 1 ? 0 : (1 - u * u) * (1 - u * u)
                }
                num += w * Double(k) * phi
                den += w * Double(k) * Double(k)
            }
            guard den > 0 else { break }
            let step = -n / (2 * .pi) * num / den
            delta += step
            if iteration == 2 { sign = polarity(delta) }
            if iteration >= 3 { reach = max(0.4, (reach.isFinite ? reach : 1.5) * 0.8) }
            if abs(step) < 1e-7 && iteration > 12 { break }
        }
        sign = polarity(delta)  // leaves the spectrum aligned by delta
        var cross = 0.0, xx = 0.0, yy = 0.0
        for k in 1..<top {
            cross += alignedRe[k]
            xx += s.xx[k]
            yy += s.yy[k]
        }
        let correlation = xx > 0 && yy > 0 ? abs(cross) / (xx * yy).squareRoot() : 0
        let time = s.energy > 0 ? s.energyTime / s.energy : Double(range.lowerBound + range.upperBound) / 2
        return (delta, sign < 0, correlation, time, xx, yy)
    }
}

/// Cross- and auto-spectra accumulated over blocks.
struct CrossSpectrum {
    var re: [Double]
    var im: [Double]
    var xx: [Double]
    var yy: [Double]
    var blocks = 0
    /// The reference's energy summed over the blocks, and the same weighted by each block's
    /// centre (frames): their ratio is the time the measurement stands for.
    var energy = 0.0
    var energyTime = 0.0

    init(bins: Int) {
        re = [Double](repeating: 0, count: bins)
        im = re
        xx = re
        yy = re
    }

    /// |conj(X)·Y| of bin `k`.
    func magnitude(_ k: Int) -> Double { (re[k] * re[k] + im[k] * im[k]).squareRoot() }

    /// 50 dB below the strongest bin's |conj(X)·Y|: the weights treat weaker bins by their
    /// size, not their phase alone. Without it, a noise-free source of a few partials fills the
    /// bins far from every partial with window leakage whose phase is its partial's (coherent, so
    /// weighted fully by PHAT and coherence), which looks like no delay at all.
    var floor: Double {
        var top = 0.0
        for k in re.indices { top = max(top, magnitude(k)) }
        return max(top * 1e-5, .leastNormalMagnitude)
    }

    /// The magnitude-squared coherence of bin `k`, 0…1.
    func coherence(_ k: Int) -> Double {
        let p = xx[k] * yy[k]
        guard p > 0 else { return 0 }
        return min(1, (re[k] * re[k] + im[k] * im[k]) / p)
    }
}
