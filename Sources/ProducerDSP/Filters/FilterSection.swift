/// One second-order section for up to two channels at once: the coefficients splatted over
/// both lanes of a `SIMD2<Double>` and the transposed-direct-form-II state of each channel.
public struct FilterSection: Sendable {
    /// The coefficients, the same in both lanes (a0 = 1).
    public var b0: SIMD2<Double>, b1: SIMD2<Double>, b2: SIMD2<Double>, a1: SIMD2<Double>, a2: SIMD2<Double>
    /// The state of each channel (lane 0 left, lane 1 right).
    public var s1 = SIMD2<Double>.zero
    public var s2 = SIMD2<Double>.zero
    /// Skipped by the cascade (an identity section: a 0 dB band, or an unused slot).
    public var isActive = true

    /// A section with the coefficients `c` (the identity by default) and a cleared state.
    @inlinable
    public init(_ c: BiquadCoefficients = .identity) {
        b0 = SIMD2(repeating: c.b0); b1 = SIMD2(repeating: c.b1); b2 = SIMD2(repeating: c.b2)
        a1 = SIMD2(repeating: c.a1); a2 = SIMD2(repeating: c.a2)
    }

    /// Changes the coefficients and keeps the state.
    @inlinable
    public mutating func setCoefficients(_ c: BiquadCoefficients) {
        b0 = SIMD2(repeating: c.b0); b1 = SIMD2(repeating: c.b1); b2 = SIMD2(repeating: c.b2)
        a1 = SIMD2(repeating: c.a1); a2 = SIMD2(repeating: c.a2)
    }

    /// Clears the state.
    @inlinable
    public mutating func reset() { s1 = .zero; s2 = .zero }

    /// Sets state that has decayed below −300 dB to zero, so silence never reaches denormals.
    @inlinable @inline(__always)
    public mutating func flushDenormals() {
        let tiny = SIMD2<Double>(repeating: 1e-30)
        s1.replace(with: 0, where: s1 * s1 .< tiny)
        s2.replace(with: 0, where: s2 * s2 .< tiny)
    }
}
