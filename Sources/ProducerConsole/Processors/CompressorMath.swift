import RealModule

/// Fast `Float` logarithms and exponentials for per-sample gain computers (dynamics processors).
enum CompressorMath {
    /// dB per unit of log2 of an amplitude: 20·log10(2).
    static let decibelsPerOctave: Float = 6.020_599_9
    /// log2 of an amplitude per dB: 1 / (20·log10(2)).
    static let octavesPerDecibel: Float = 0.166_096_4

    /// log2(x) for normal positive `x`, within 1e-7 (≈ 1e-6 dB).
    @inline(__always)
    static func log2(_ x: Float) -> Float {
        let bits = x.bitPattern
        var e = Int32(bitPattern: (bits >> 23) & 0xff) - 127
        var m = Float(bitPattern: (bits & 0x007f_ffff) | 0x3f80_0000)  // [1, 2)
        if m > 1.414_213_5 { m *= 0.5; e += 1 }  // [0.707, 1.414]
        let z = (m - 1) / (m + 1)  // |z| ≤ 0.1716
        let z2 = z * z
        // 2/ln 2 · atanh(z) = 2/ln 2 · (z + z³/3 + z⁵/5 + z⁷/7 + …)
        let p = z * (2.885_390_08 + z2 * (0.961_796_69 + z2 * (0.577_078_02 + z2 * 0.412_198_58)))
        return Float(e) + p
    }

    /// 2^x for x in −126 … 126 (clamped), within ~2e-7 relative.
    @inline(__always)
    static func exp2(_ x: Float) -> Float {
        let xc = max(-126, min(126, x))
        let n = Int32(xc + (xc >= 0 ? 0.5 : -0.5))
        let t = (xc - Float(n)) * 0.693_147_18  // |t| ≤ 0.347
        let p = 1 + t * (1 + t * (0.5 + t * (1.0 / 6 + t * (1.0 / 24 + t * (1.0 / 120 + t * (1.0 / 720))))))
        return Float(bitPattern: UInt32(bitPattern: n + 127) << 23) * p
    }

    /// The coefficient of a one-pole smoother with time constant `ms` at `sampleRate`:
    /// `exp(−1 / (τ·fs))`; 0 for a zero time constant.
    static func coefficient(milliseconds ms: Double, sampleRate: Double) -> Float {
        ms <= 0 ? 0 : Float(Double.exp(-1 / (ms * 0.001 * sampleRate)))
    }
}

extension CompressorMath {
    /// |x| of four values at once, by clearing the sign bits (a `replace`-free `abs`).
    @inline(__always)
    static func magnitude(_ x: SIMD4<Float>) -> SIMD4<Float> {
        unsafeBitCast(unsafeBitCast(x, to: SIMD4<UInt32>.self) & 0x7fff_ffff, to: SIMD4<Float>.self)
    }

    /// log2 of four normal positive values at once (as ``log2(_:)-(Float)``).
    @inline(__always)
    static func log2(_ x: SIMD4<Float>) -> SIMD4<Float> {
        let bits = unsafeBitCast(x, to: SIMD4<Int32>.self)
        let mantissa = (bits & 0x007f_ffff) | 0x3f80_0000  // [1, 2)
        // −1 in the lanes above √2 and 0 elsewhere: there m is halved (one off its exponent
        // field, exact) and e raised by one, without selects (SSE2 has no blend).
        let big = unsafeBitCast(unsafeBitCast(mantissa, to: SIMD4<Float>.self) .> 1.414_213_5, to: SIMD4<Int32>.self)
        let e = ((bits &>> 23) & 0xff) &- 127 &- big
        let m = unsafeBitCast(mantissa &- (big & 0x0080_0000), to: SIMD4<Float>.self)
        let z = (m - 1) / (m + 1)
        let z2 = z * z
        var p = z2 * 0.412_198_58 + 0.577_078_02
        p = p * z2 + 0.961_796_69
        p = p * z2 + 2.885_390_08
        return SIMD4<Float>(e) + z * p
    }

    /// 2^x of four values at once, x clamped to −126 … 126 (as ``exp2(_:)-(Float)``).
    @inline(__always)
    static func exp2(_ x: SIMD4<Float>) -> SIMD4<Float> {
        // Clamped with selects (`clamped` is not always inlined).
        var xc = x
        xc.replace(with: SIMD4(repeating: -126), where: xc .< SIMD4(repeating: -126))
        xc.replace(with: SIMD4(repeating: 126), where: xc .> SIMD4(repeating: 126))
        // Round to nearest through the 1.5·2^23 trick: no conversions that could trap.
        let shifted = xc + 12_582_912
        let n = unsafeBitCast(shifted, to: SIMD4<Int32>.self) &- 0x4B40_0000
        let t = (xc - (shifted - 12_582_912)) * 0.693_147_18
        var p = t * (1.0 / 720) + (1.0 / 120)
        p = p * t + (1.0 / 24)
        p = p * t + (1.0 / 6)
        p = p * t + 0.5
        p = p * t + 1
        p = p * t + 1
        return unsafeBitCast((n &+ 127) &<< 23, to: SIMD4<Float>.self) * p
    }
}
