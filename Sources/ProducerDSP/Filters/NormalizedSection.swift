/// A section as the kernels run it: b0 taken out of the numerator (b1/b0, b2/b0), so a frame
/// costs one multiplication less; the b0 of a group's sections are multiplied into one gain
/// applied to the group's output. `scale` is the product of the b0 of this section and of
/// those before it in its group: a section's state is kept divided by it while the kernel
/// runs, and multiplied back after, so between calls the state is that of the plain section
/// and coefficients can change between calls as before.
struct NormalizedSection {
    var b1: SIMD2<Double>, b2: SIMD2<Double>, a1: SIMD2<Double>, a2: SIMD2<Double>
    var scale: SIMD2<Double>

    /// b0, kept away from zero (no design here has b0 = 0; a section that did would otherwise divide by it).
    @inline(__always)
    static func gain(_ b0: Double) -> Double { abs(b0) >= 1e-30 ? b0 : (b0 < 0 ? -1e-30 : 1e-30) }

    /// One section in both lanes (the two channels).
    @inline(__always)
    init(_ c: FilterSection, after before: SIMD2<Double>) {
        let b0 = Self.gain(c.b0[0])
        b1 = c.b1 / b0; b2 = c.b2 / b0; a1 = c.a1; a2 = c.a2
        scale = before * b0
    }

    /// Two sections, one in each lane (mono: `d` runs one frame behind `c`); `before` is the
    /// product of the b0 of the sections ahead of `c`.
    @inline(__always)
    init(_ c: FilterSection, _ d: FilterSection, after before: Double) {
        let g = Self.gain(c.b0[0]), h = Self.gain(d.b0[0])
        b1 = SIMD2(c.b1[0] / g, d.b1[0] / h); b2 = SIMD2(c.b2[0] / g, d.b2[0] / h)
        a1 = SIMD2(c.a1[0], d.a1[0]); a2 = SIMD2(c.a2[0], d.a2[0])
        scale = SIMD2(before * g, before * g * h)
    }
}
