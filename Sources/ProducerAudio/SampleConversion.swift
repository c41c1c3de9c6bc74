/// The inner loops that turn interleaved file bytes into planar `Float` and back.
///
/// Integer → Float divides by 2^(bits-1) (8-bit WAV: (v-128)/128). Float → integer scales by
/// 2^(bits-1), optionally adds TPDF dither, rounds to nearest and clamps to the integer range.
enum SampleConversion {
    /// Decodes `frames` interleaved frames from `src` into planar `dst`: channel `c`'s sample for
    /// frame `f` goes to `dst[c * stride + offset + f]`.
    static func decode(
        _ src: UnsafeRawBufferPointer, layout: SampleLayout, frames: Int, channels: Int,
        into dst: UnsafeMutableBufferPointer<Float>, stride: Int, offset: Int
    ) {
        let bps = layout.bytesPerSample
        let blockAlign = bps * channels
        precondition(src.count >= frames * blockAlign && dst.count >= (channels - 1) * stride + offset + frames)
        guard frames > 0, let s = src.baseAddress, let d = dst.baseAddress else { return }
        let big = layout.bigEndian
        for c in 0..<channels {
            let out = d + c * stride + offset
            var p = s + c * bps
            switch layout.kind {
            case .uint8:
                for f in 0..<frames {
                    out[f] = Float(Int(p.load(as: UInt8.self)) - 128) * (1.0 / 128.0)
                    p += blockAlign
                }
            case .int8:
                for f in 0..<frames {
                    out[f] = Float(p.load(as: Int8.self)) * (1.0 / 128.0)
                    p += blockAlign
                }
            case .int16:
                for f in 0..<frames {
                    let raw = p.loadUnaligned(as: UInt16.self)
                    let v = Int16(bitPattern: big ? UInt16(bigEndian: raw) : UInt16(littleEndian: raw))
                    out[f] = Float(v) * (1.0 / 32768.0)
                    p += blockAlign
                }
            case .int24:
                // Little-endian: one unaligned 4-byte load per sample (the top byte, from the next
                // sample, is shifted out); the last sample of the buffer is read byte by byte so
                // nothing past the end is touched.
                let end = s + src.count
                var f = 0
                if !big && blockAlign == 3 {
                    // Mono: four samples (12 bytes) from two overlapping 8-byte loads, converted
                    // and scaled as one vector.
                    while f + 4 <= frames && p + 14 <= end {
                        let w0 = UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
                        let w1 = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 6, as: UInt64.self))
                        let u = SIMD4<UInt32>(
                            UInt32(truncatingIfNeeded: w0), UInt32(truncatingIfNeeded: w0 >> 24),
                            UInt32(truncatingIfNeeded: w1), UInt32(truncatingIfNeeded: w1 >> 24))
                        let v = SIMD4<Int32>(truncatingIfNeeded: u &<< 8) &>> 8
                        UnsafeMutableRawPointer(out + f).storeBytes(
                            of: SIMD4<Float>(v) * (1.0 / 8_388_608.0), as: SIMD4<Float>.self)
                        p += 12
                        f += 4
                    }
                }
                if !big {
                    while f < frames && p + 4 <= end {
                        let raw = UInt32(littleEndian: p.loadUnaligned(as: UInt32.self))
                        out[f] = Float(Int32(bitPattern: raw << 8) >> 8) * (1.0 / 8_388_608.0)
                        p += blockAlign
                        f += 1
                    }
                }
                while f < frames {
                    let b0 = UInt32(p.load(as: UInt8.self)), b1 = UInt32(p.load(fromByteOffset: 1, as: UInt8.self)),
                        b2 = UInt32(p.load(fromByteOffset: 2, as: UInt8.self))
                    let u = big ? (b0 << 24 | b1 << 16 | b2 << 8) : (b2 << 24 | b1 << 16 | b0 << 8)
                    out[f] = Float(Int32(bitPattern: u) >> 8) * (1.0 / 8_388_608.0)
                    p += blockAlign
                    f += 1
                }
            case .int32:
                for f in 0..<frames {
                    let raw = p.loadUnaligned(as: UInt32.self)
                    let v = Int32(bitPattern: big ? UInt32(bigEndian: raw) : UInt32(littleEndian: raw))
                    out[f] = Float(v) * (1.0 / 2_147_483_648.0)
                    p += blockAlign
                }
            case .float32:
                for f in 0..<frames {
                    let raw = p.loadUnaligned(as: UInt32.self)
                    out[f] = Float(bitPattern: big ? UInt32(bigEndian: raw) : UInt32(littleEndian: raw))
                    p += blockAlign
                }
            case .float64:
                for f in 0..<frames {
                    let raw = p.loadUnaligned(as: UInt64.self)
                    out[f] = Float(Double(bitPattern: big ? UInt64(bigEndian: raw) : UInt64(littleEndian: raw)))
                    p += blockAlign
                }
            }
        }
    }

    /// Encodes `frames` frames of planar `src` (channel `c` starts at `c * stride + offset`) into
    /// interleaved bytes in `dst`. When `dither` is not empty (one generator per channel; integer
    /// layouts only) it adds TPDF dither, so the result does not depend on how audio is split into blocks.
    static func encode(
        _ src: UnsafeBufferPointer<Float>, stride: Int, offset: Int, frames: Int, channels: Int,
        layout: SampleLayout, dither: inout [TPDFDither], into dst: UnsafeMutableRawBufferPointer
    ) {
        let bps = layout.bytesPerSample
        let blockAlign = bps * channels
        precondition(dst.count >= frames * blockAlign && src.count >= (channels - 1) * stride + offset + frames)
        guard frames > 0, let s = src.baseAddress, let d = dst.baseAddress else { return }
        let big = layout.bigEndian
        if layout.kind == .int24 && !big && (1...2).contains(channels) && (dither.isEmpty || dither.count == channels) {
            encode24(s + offset, stride: stride, frames: frames, channels: channels, dither: &dither, into: d)
            return
        }
        for c in 0..<channels {
            let input = s + c * stride + offset
            var p = d + c * bps
            switch layout.kind {
            case .float32:
                for f in 0..<frames {
                    let u = input[f].bitPattern
                    p.storeBytes(of: big ? u.bigEndian : u.littleEndian, as: UInt32.self)
                    p += blockAlign
                }
            case .float64:
                for f in 0..<frames {
                    let u = Double(input[f]).bitPattern
                    p.storeBytes(of: big ? u.bigEndian : u.littleEndian, as: UInt64.self)
                    p += blockAlign
                }
            case .uint8, .int8, .int16, .int24, .int32:
                let bits = bps * 8
                let scale = Double(sign: .plus, exponent: bits - 1, significand: 1)
                let lo = -scale, hi = scale - 1
                if c < dither.count {
                    var tpdf = dither[c]
                    for f in 0..<frames {
                        let v = quantize(Double(input[f]) * scale + tpdf.next(), lo, hi)
                        store(v, layout.kind, big, p)
                        p += blockAlign
                    }
                    dither[c] = tpdf
                } else {
                    for f in 0..<frames {
                        let v = quantize(Double(input[f]) * scale, lo, hi)
                        store(v, layout.kind, big, p)
                        p += blockAlign
                    }
                }
            }
        }
    }

    /// Rounds to nearest (ties away from zero) and clamps to `lo...hi` (whole numbers within the
    /// `Int32` range); NaN becomes 0.
    ///
    /// The same result as `x.rounded()` then clamping, without a call to the C library's `round`
    /// (baseline x86-64 has no rounding instruction): a truncating conversion, then a step of one
    /// when the fraction left is at least a half.
    @inline(__always)
    static func quantize(_ x: Double, _ lo: Double, _ hi: Double) -> Int32 {
        if !(x > lo) { return x.isNaN ? 0 : Int32(lo) }
        if !(x < hi) { return Int32(hi) }
        let t = Int32(x)  // toward zero; lo < x < hi, so it fits
        let f = x - Double(t)  // exact: |x| < 2^31
        return t &+ Int32(truncatingIfNeeded: (f >= 0.5 ? 1 : 0) - (f <= -0.5 ? 1 : 0))
    }

    /// 24-bit little-endian, one or two channels, frame by frame: every sample but the last is
    /// stored as four bytes, the fourth of which the next sample overwrites.
    private static func encode24(
        _ s: UnsafePointer<Float>, stride: Int, frames: Int, channels: Int,
        dither: inout [TPDFDither], into d: UnsafeMutableRawPointer
    ) {
        let scale = 8_388_608.0, lo = -scale, hi = scale - 1
        let dithered = !dither.isEmpty
        var g0 = dithered ? dither[0] : TPDFDither(), g1 = dithered && channels == 2 ? dither[1] : TPDFDither()
        let left = s, right = s + (channels == 2 ? stride : 0)
        @inline(__always) func sample(_ x: Float, _ g: inout TPDFDither) -> UInt32 {
            let v = Double(x) * scale
            return UInt32(bitPattern: quantize(dithered ? v + g.next() : v, lo, hi))
        }
        var p = d
        for f in 0..<(frames - 1) {
            p.storeBytes(of: sample(left[f], &g0).littleEndian, as: UInt32.self)
            p += 3
            if channels == 2 {
                p.storeBytes(of: sample(right[f], &g1).littleEndian, as: UInt32.self)
                p += 3
            }
        }
        let f = frames - 1
        var last = sample(left[f], &g0)
        if channels == 2 {
            p.storeBytes(of: last.littleEndian, as: UInt32.self)
            p += 3
            last = sample(right[f], &g1)
        }
        p.storeBytes(of: UInt8(truncatingIfNeeded: last), toByteOffset: 0, as: UInt8.self)
        p.storeBytes(of: UInt8(truncatingIfNeeded: last >> 8), toByteOffset: 1, as: UInt8.self)
        p.storeBytes(of: UInt8(truncatingIfNeeded: last >> 16), toByteOffset: 2, as: UInt8.self)
        if dithered {
            dither[0] = g0
            if channels == 2 { dither[1] = g1 }
        }
    }

    @inline(__always)
    private static func store(_ v: Int32, _ kind: SampleLayout.Kind, _ big: Bool, _ p: UnsafeMutableRawPointer) {
        switch kind {
        case .uint8:
            p.storeBytes(of: UInt8(truncatingIfNeeded: v + 128), as: UInt8.self)
        case .int8:
            p.storeBytes(of: Int8(truncatingIfNeeded: v), as: Int8.self)
        case .int16:
            let u = UInt16(truncatingIfNeeded: v)
            p.storeBytes(of: big ? u.bigEndian : u.littleEndian, as: UInt16.self)
        case .int24:
            let u = UInt32(bitPattern: v)
            if big {
                p.storeBytes(of: UInt8(truncatingIfNeeded: u >> 16), toByteOffset: 0, as: UInt8.self)
                p.storeBytes(of: UInt8(truncatingIfNeeded: u >> 8), toByteOffset: 1, as: UInt8.self)
                p.storeBytes(of: UInt8(truncatingIfNeeded: u), toByteOffset: 2, as: UInt8.self)
            } else {
                p.storeBytes(of: UInt8(truncatingIfNeeded: u), toByteOffset: 0, as: UInt8.self)
                p.storeBytes(of: UInt8(truncatingIfNeeded: u >> 8), toByteOffset: 1, as: UInt8.self)
                p.storeBytes(of: UInt8(truncatingIfNeeded: u >> 16), toByteOffset: 2, as: UInt8.self)
            }
        case .int32:
            let u = UInt32(bitPattern: v)
            p.storeBytes(of: big ? u.bigEndian : u.littleEndian, as: UInt32.self)
        case .float32, .float64:
            break
        }
    }
}
