/// The 80-bit IEEE 754 extended-precision numbers AIFF uses for sample rates (big-endian:
/// sign and 15-bit exponent, then a 64-bit significand with an explicit integer bit).
enum Extended80 {
    /// Decodes 10 bytes at `i` in `b`. Gives NaN or infinity for such encodings.
    static func decode(_ b: [UInt8], at i: Int) -> Double {
        let se = b.be16(i)
        let mantissa = b.be64(i + 2)
        let negative = se & 0x8000 != 0
        let exponent = Int(se & 0x7FFF)
        if exponent == 0 && mantissa == 0 { return 0 }
        if exponent == 0x7FFF { return mantissa << 1 == 0 ? (negative ? -.infinity : .infinity) : .nan }
        // value = mantissa × 2^(exponent − 16383 − 63)
        let magnitude = Double(sign: .plus, exponent: exponent - 16383 - 63, significand: Double(mantissa))
        return negative ? -magnitude : magnitude
    }

    /// Encodes a finite, positive value (a sample rate) in 10 bytes.
    static func encode(_ value: Double) -> [UInt8] {
        var w = ByteWriter()
        guard value.isFinite, value > 0 else {
            w.zeros(10)
            return w.bytes
        }
        let exponent = Int(value.exponent) + 16383
        let mantissa = (UInt64(1) << 63) | (value.significandBitPattern << 11)
        w.be16(UInt16(truncatingIfNeeded: exponent))
        w.be64(mantissa)
        return w.bytes
    }
}
