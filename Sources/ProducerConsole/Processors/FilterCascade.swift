import ProducerDSP
import RealModule

/// One second-order section for up to two channels at once: the coefficients splatted over
/// both lanes of a `SIMD2<Double>` and the transposed-direct-form-II state of each channel.
struct FilterSection: Sendable {
    var b0: SIMD2<Double>, b1: SIMD2<Double>, b2: SIMD2<Double>, a1: SIMD2<Double>, a2: SIMD2<Double>
    var s1 = SIMD2<Double>.zero
    var s2 = SIMD2<Double>.zero
    /// Skipped by the cascade (an identity section: a 0 dB band, or an unused slot).
    var isActive = true

    init(_ c: BiquadCoefficients = .identity) {
        b0 = SIMD2(repeating: c.b0); b1 = SIMD2(repeating: c.b1); b2 = SIMD2(repeating: c.b2)
        a1 = SIMD2(repeating: c.a1); a2 = SIMD2(repeating: c.a2)
    }

    mutating func setCoefficients(_ c: BiquadCoefficients) {
        b0 = SIMD2(repeating: c.b0); b1 = SIMD2(repeating: c.b1); b2 = SIMD2(repeating: c.b2)
        a1 = SIMD2(repeating: c.a1); a2 = SIMD2(repeating: c.a2)
    }

    mutating func reset() { s1 = .zero; s2 = .zero }

    /// Sets state that has decayed below −300 dB to zero, so silence never reaches denormals.
    @inline(__always)
    mutating func flushDenormals() {
        let tiny = SIMD2<Double>(repeating: 1e-30)
        s1.replace(with: 0, where: s1 * s1 .< tiny)
        s2.replace(with: 0, where: s2 * s2 .< tiny)
    }
}

/// One frame of a section whose numerator has been divided by its b0 (transposed direct
/// form II): `y = x + s1`, `s1 = (b1·x + s2) − a1·y`, `s2 = b2·x − a2·y`. The feedback term is
/// subtracted last, which keeps the recurrence (y → a1·y → s1 → y) one addition short.
@inline(__always)
private func tick(
    _ x: SIMD2<Double>, _ b1: SIMD2<Double>, _ b2: SIMD2<Double>, _ a1: SIMD2<Double>, _ a2: SIMD2<Double>,
    _ s1: inout SIMD2<Double>, _ s2: inout SIMD2<Double>
) -> SIMD2<Double> {
    let y = x + s1
    s1 = (b1 * x + s2) - a1 * y
    s2 = b2 * x - a2 * y
    return y
}

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

/// A cascade of second-order sections over planar stereo (or mono) `Float` audio.
///
/// The samples are widened to interleaved `SIMD2<Double>` (left, right) in sub-blocks of 256
/// frames; the active sections then run in groups of up to eight per pass, with their state in
/// registers, so the sections of a group overlap in the pipeline; the signal stays in `Double`
/// from the input to the output. The kernels run the sections with b0 taken out (see
/// ``NormalizedSection``): the output is that of the plain sections to within rounding.
struct FilterCascade: Sendable {
    var sections: [FilterSection]

    static let chunkFrames = 256
    /// Mono sub-blocks, when the sections make more than one group (up to six sections run on
    /// the `Float` samples directly, the whole block in one pass): each pass starts and ends with
    /// a masked fill and drain of the pipeline (up to 5 frames each), which costs about twice a
    /// steady frame.
    static let monoChunkFrames = 2048
    static let maximumGroup = 8

    init(count: Int) {
        sections = [FilterSection](repeating: FilterSection(), count: count)
        for i in sections.indices { sections[i].isActive = false }
    }

    mutating func reset() {
        for i in sections.indices { sections[i].reset() }
    }

    /// Filters `count` frames in place. For mono pass the same pointer as `left` and `right`.
    mutating func process(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int) {
        guard count > 0 else { return }
        sections.withUnsafeMutableBufferPointer { secs in
            guard let base = secs.baseAddress else { return }
            withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<FilterSection>.self, capacity: secs.count) { list in
                var active = 0
                for i in 0..<secs.count where secs[i].isActive { list[active] = base + i; active += 1 }
                guard active > 0, let pointers = list.baseAddress else { return }
                if left == right {
                    Self.processMono(pointers, active, left, count)
                    return
                }
                withUnsafeTemporaryAllocation(of: SIMD2<Double>.self, capacity: Self.chunkFrames) { scratch in
                    let x = scratch.baseAddress!
                    var offset = 0
                    while offset < count {
                        let n = min(Self.chunkFrames, count - offset)
                        let l = left + offset, r = right + offset
                        for i in 0..<n { x[i] = SIMD2(Double(l[i]), Double(r[i])) }
                        // Balanced groups of at most eight sections.
                        let groups = (active + Self.maximumGroup - 1) / Self.maximumGroup
                        var first = 0
                        for g in 0..<groups {
                            let size = (active - first) / (groups - g)
                            Self.run(pointers + first, size, x, n)
                            first += size
                        }
                        for i in 0..<n { let y = x[i]; l[i] = Float(y[0]); r[i] = Float(y[1]) }
                        offset += n
                    }
                }
            }
            for i in 0..<secs.count where secs[i].isActive { secs[i].flushDenormals() }
        }
    }

    /// Mono: the lanes would hold the same signal, so instead two sections share a vector, the
    /// second one sample behind the first, and the vectors of a group of up to six sections
    /// form a pipeline (each stage one sample behind the one before it), so that the sections'
    /// recurrences overlap; every section's arithmetic is the same as in the stereo kernels
    /// (only the groups, and so where their b0 products are rounded, differ). An odd section is
    /// paired with an identity (exact: x + 0). The state is kept in lane 0 and copied to lane 1
    /// at the end, as the stereo kernels would have left it.
    private static func processMono(
        _ pointers: UnsafePointer<UnsafeMutablePointer<FilterSection>>, _ active: Int,
        _ samples: UnsafeMutablePointer<Float>, _ count: Int
    ) {
        // The sections in pairs, padded with an identity (its state stays zero).
        var identity = FilterSection()
        withUnsafeMutablePointer(to: &identity) { padding in
        withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<FilterSection>.self, capacity: active + 1) { list in
            let slots = list.baseAddress!
            for j in 0..<active { slots[j] = pointers[j] }
            let paired = (active + 1) & ~1
            if paired > active { slots[active] = padding }
            // Up to three pairs are one group: it reads and writes the `Float` samples itself,
            // the whole block in one pass (the same values: the input widened exactly, the
            // output rounded once).
            if paired <= 6 {
                let p = UnsafePointer(slots)
                switch paired / 2 {
                case 1: mono1(p, samples, count)
                case 2: mono2(p, samples, count)
                default: mono3(p, samples, count)
                }
                return
            }
            withUnsafeTemporaryAllocation(of: Double.self, capacity: min(count, Self.monoChunkFrames)) { scratch in
                let x = scratch.baseAddress!
                var offset = 0
                while offset < count {
                    let n = min(Self.monoChunkFrames, count - offset)
                    let l = samples + offset
                    for i in 0..<n { x[i] = Double(l[i]) }
                    // Balanced groups of at most three pairs.
                    let pairs = paired / 2
                    let groups = (pairs + 2) / 3
                    var first = 0
                    for g in 0..<groups {
                        let size = (pairs - first) / (groups - g)
                        let p = UnsafePointer(slots + 2 * first)
                        switch size {
                        case 1: mono1(p, x, n)
                        case 2: mono2(p, x, n)
                        default: mono3(p, x, n)
                        }
                        first += size
                    }
                    for i in 0..<n { l[i] = Float(x[i]) }
                    offset += n
                }
            }
        }
        }
        for j in 0..<active {
            let s = pointers[j]
            s.pointee.s1 = SIMD2(repeating: s.pointee.s1[0])
            s.pointee.s2 = SIMD2(repeating: s.pointee.s2[0])
        }
    }

    private static func mono1<Sample: BinaryFloatingPoint>(_ p: UnsafePointer<UnsafeMutablePointer<FilterSection>>, _ x: UnsafeMutablePointer<Sample>, _ n: Int) {
        let q0 = NormalizedSection(p[0].pointee, p[1].pointee, after: 1)
        let b1_0 = q0.b1, b2_0 = q0.b2, a1_0 = q0.a1, a2_0 = q0.a2
        var u0 = SIMD2(p[0].pointee.s1[0], p[1].pointee.s1[0]) / q0.scale
        var v0 = SIMD2(p[0].pointee.s2[0], p[1].pointee.s2[0]) / q0.scale
        var y0 = SIMD2<Double>.zero
        let gain = q0.scale[1]
        let latency = 1
        /// A frame at the edges of the block, where some lanes are outside it (their state is kept).
        @inline(__always) func masked(_ i: Int) {
            let i0 = SIMD2(i < n ? Double(x[i]) : 0, y0[0])
            let su0 = u0, sv0 = v0
            let n0 = tick(i0, b1_0, b2_0, a1_0, a2_0, &u0, &v0)
            let j0 = SIMD2<Int64>(Int64(i - 0), Int64(i - 1))
            let off0 = (j0 .< 0) .| (j0 .>= SIMD2(repeating: Int64(n)))
            u0.replace(with: su0, where: off0); v0.replace(with: sv0, where: off0)
            y0 = n0
            if i >= latency { x[i - latency] = Sample(y0[1] * gain) }
        }
        let total = n + latency
        let lo = min(latency, total), hi = max(lo, n)
        for i in 0..<lo { masked(i) }
        for i in lo..<hi {
            let i0 = SIMD2(Double(x[i]), y0[0])
            y0 = tick(i0, b1_0, b2_0, a1_0, a2_0, &u0, &v0)
            x[i - latency] = Sample(y0[1] * gain)
        }
        for i in hi..<total { masked(i) }
        let s0 = u0 * q0.scale, t0 = v0 * q0.scale
        p[0].pointee.s1[0] = s0[0]; p[0].pointee.s2[0] = t0[0]
        p[1].pointee.s1[0] = s0[1]; p[1].pointee.s2[0] = t0[1]
    }

    private static func mono2<Sample: BinaryFloatingPoint>(_ p: UnsafePointer<UnsafeMutablePointer<FilterSection>>, _ x: UnsafeMutablePointer<Sample>, _ n: Int) {
        let q0 = NormalizedSection(p[0].pointee, p[1].pointee, after: 1)
        let b1_0 = q0.b1, b2_0 = q0.b2, a1_0 = q0.a1, a2_0 = q0.a2
        var u0 = SIMD2(p[0].pointee.s1[0], p[1].pointee.s1[0]) / q0.scale
        var v0 = SIMD2(p[0].pointee.s2[0], p[1].pointee.s2[0]) / q0.scale
        var y0 = SIMD2<Double>.zero
        let q1 = NormalizedSection(p[2].pointee, p[3].pointee, after: q0.scale[1])
        let b1_1 = q1.b1, b2_1 = q1.b2, a1_1 = q1.a1, a2_1 = q1.a2
        var u1 = SIMD2(p[2].pointee.s1[0], p[3].pointee.s1[0]) / q1.scale
        var v1 = SIMD2(p[2].pointee.s2[0], p[3].pointee.s2[0]) / q1.scale
        var y1 = SIMD2<Double>.zero
        let gain = q1.scale[1]
        let latency = 3
        /// A frame at the edges of the block, where some lanes are outside it (their state is kept).
        @inline(__always) func masked(_ i: Int) {
            let i0 = SIMD2(i < n ? Double(x[i]) : 0, y0[0])
            let i1 = SIMD2(y0[1], y1[0])
            let su0 = u0, sv0 = v0
            let su1 = u1, sv1 = v1
            let n0 = tick(i0, b1_0, b2_0, a1_0, a2_0, &u0, &v0)
            let n1 = tick(i1, b1_1, b2_1, a1_1, a2_1, &u1, &v1)
            let j0 = SIMD2<Int64>(Int64(i - 0), Int64(i - 1))
            let off0 = (j0 .< 0) .| (j0 .>= SIMD2(repeating: Int64(n)))
            u0.replace(with: su0, where: off0); v0.replace(with: sv0, where: off0)
            let j1 = SIMD2<Int64>(Int64(i - 2), Int64(i - 3))
            let off1 = (j1 .< 0) .| (j1 .>= SIMD2(repeating: Int64(n)))
            u1.replace(with: su1, where: off1); v1.replace(with: sv1, where: off1)
            y0 = n0
            y1 = n1
            if i >= latency { x[i - latency] = Sample(y1[1] * gain) }
        }
        let total = n + latency
        let lo = min(latency, total), hi = max(lo, n)
        for i in 0..<lo { masked(i) }
        for i in lo..<hi {
            let i0 = SIMD2(Double(x[i]), y0[0])
            let i1 = SIMD2(y0[1], y1[0])
            y0 = tick(i0, b1_0, b2_0, a1_0, a2_0, &u0, &v0)
            y1 = tick(i1, b1_1, b2_1, a1_1, a2_1, &u1, &v1)
            x[i - latency] = Sample(y1[1] * gain)
        }
        for i in hi..<total { masked(i) }
        let s0 = u0 * q0.scale, t0 = v0 * q0.scale
        p[0].pointee.s1[0] = s0[0]; p[0].pointee.s2[0] = t0[0]
        p[1].pointee.s1[0] = s0[1]; p[1].pointee.s2[0] = t0[1]
        let s1 = u1 * q1.scale, t1 = v1 * q1.scale
        p[2].pointee.s1[0] = s1[0]; p[2].pointee.s2[0] = t1[0]
        p[3].pointee.s1[0] = s1[1]; p[3].pointee.s2[0] = t1[1]
    }

    private static func mono3<Sample: BinaryFloatingPoint>(_ p: UnsafePointer<UnsafeMutablePointer<FilterSection>>, _ x: UnsafeMutablePointer<Sample>, _ n: Int) {
        let q0 = NormalizedSection(p[0].pointee, p[1].pointee, after: 1)
        let b1_0 = q0.b1, b2_0 = q0.b2, a1_0 = q0.a1, a2_0 = q0.a2
        var u0 = SIMD2(p[0].pointee.s1[0], p[1].pointee.s1[0]) / q0.scale
        var v0 = SIMD2(p[0].pointee.s2[0], p[1].pointee.s2[0]) / q0.scale
        var y0 = SIMD2<Double>.zero
        let q1 = NormalizedSection(p[2].pointee, p[3].pointee, after: q0.scale[1])
        let b1_1 = q1.b1, b2_1 = q1.b2, a1_1 = q1.a1, a2_1 = q1.a2
        var u1 = SIMD2(p[2].pointee.s1[0], p[3].pointee.s1[0]) / q1.scale
        var v1 = SIMD2(p[2].pointee.s2[0], p[3].pointee.s2[0]) / q1.scale
        var y1 = SIMD2<Double>.zero
        let q2 = NormalizedSection(p[4].pointee, p[5].pointee, after: q1.scale[1])
        let b1_2 = q2.b1, b2_2 = q2.b2, a1_2 = q2.a1, a2_2 = q2.a2
        var u2 = SIMD2(p[4].pointee.s1[0], p[5].pointee.s1[0]) / q2.scale
        var v2 = SIMD2(p[4].pointee.s2[0], p[5].pointee.s2[0]) / q2.scale
        var y2 = SIMD2<Double>.zero
        let gain = q2.scale[1]
        let latency = 5
        /// A frame at the edges of the block, where some lanes are outside it (their state is kept).
        @inline(__always) func masked(_ i: Int) {
            let i0 = SIMD2(i < n ? Double(x[i]) : 0, y0[0])
            let i1 = SIMD2(y0[1], y1[0])
            let i2 = SIMD2(y1[1], y2[0])
            let su0 = u0, sv0 = v0
            let su1 = u1, sv1 = v1
            let su2 = u2, sv2 = v2
            let n0 = tick(i0, b1_0, b2_0, a1_0, a2_0, &u0, &v0)
            let n1 = tick(i1, b1_1, b2_1, a1_1, a2_1, &u1, &v1)
            let n2 = tick(i2, b1_2, b2_2, a1_2, a2_2, &u2, &v2)
            let j0 = SIMD2<Int64>(Int64(i - 0), Int64(i - 1))
            let off0 = (j0 .< 0) .| (j0 .>= SIMD2(repeating: Int64(n)))
            u0.replace(with: su0, where: off0); v0.replace(with: sv0, where: off0)
            let j1 = SIMD2<Int64>(Int64(i - 2), Int64(i - 3))
            let off1 = (j1 .< 0) .| (j1 .>= SIMD2(repeating: Int64(n)))
            u1.replace(with: su1, where: off1); v1.replace(with: sv1, where: off1)
            let j2 = SIMD2<Int64>(Int64(i - 4), Int64(i - 5))
            let off2 = (j2 .< 0) .| (j2 .>= SIMD2(repeating: Int64(n)))
            u2.replace(with: su2, where: off2); v2.replace(with: sv2, where: off2)
            y0 = n0
            y1 = n1
            y2 = n2
            if i >= latency { x[i - latency] = Sample(y2[1] * gain) }
        }
        let total = n + latency
        let lo = min(latency, total), hi = max(lo, n)
        for i in 0..<lo { masked(i) }
        for i in lo..<hi {
            let i0 = SIMD2(Double(x[i]), y0[0])
            let i1 = SIMD2(y0[1], y1[0])
            let i2 = SIMD2(y1[1], y2[0])
            y0 = tick(i0, b1_0, b2_0, a1_0, a2_0, &u0, &v0)
            y1 = tick(i1, b1_1, b2_1, a1_1, a2_1, &u1, &v1)
            y2 = tick(i2, b1_2, b2_2, a1_2, a2_2, &u2, &v2)
            x[i - latency] = Sample(y2[1] * gain)
        }
        for i in hi..<total { masked(i) }
        let s0 = u0 * q0.scale, t0 = v0 * q0.scale
        p[0].pointee.s1[0] = s0[0]; p[0].pointee.s2[0] = t0[0]
        p[1].pointee.s1[0] = s0[1]; p[1].pointee.s2[0] = t0[1]
        let s1 = u1 * q1.scale, t1 = v1 * q1.scale
        p[2].pointee.s1[0] = s1[0]; p[2].pointee.s2[0] = t1[0]
        p[3].pointee.s1[0] = s1[1]; p[3].pointee.s2[0] = t1[1]
        let s2 = u2 * q2.scale, t2 = v2 * q2.scale
        p[4].pointee.s1[0] = s2[0]; p[4].pointee.s2[0] = t2[0]
        p[5].pointee.s1[0] = s2[1]; p[5].pointee.s2[0] = t2[1]
    }

    private static func run(_ p: UnsafePointer<UnsafeMutablePointer<FilterSection>>, _ k: Int, _ x: UnsafeMutablePointer<SIMD2<Double>>, _ count: Int) {
        switch k {
        case 1: run1(p, x, count)
        case 2: run2(p, x, count)
        case 3: run3(p, x, count)
        case 4: run4(p, x, count)
        case 5: run5(p, x, count)
        case 6: run6(p, x, count)
        case 7: run7(p, x, count)
        case 8: run8(p, x, count)
        default: break
        }
    }

    // Kernels for groups of 1…8 sections (written out so that every state lives in a register).
    static func run1(_ p: UnsafePointer<UnsafeMutablePointer<FilterSection>>, _ x: UnsafeMutablePointer<SIMD2<Double>>, _ count: Int) {
        let q0 = NormalizedSection(p[0].pointee, after: SIMD2(repeating: 1))
        let b1_0 = q0.b1, b2_0 = q0.b2, a1_0 = q0.a1, a2_0 = q0.a2
        var u0 = p[0].pointee.s1 / q0.scale, v0 = p[0].pointee.s2 / q0.scale
        let gain = q0.scale
        for i in 0..<count {
            var y = x[i]
            y = tick(y, b1_0, b2_0, a1_0, a2_0, &u0, &v0)
            x[i] = y * gain
        }
        p[0].pointee.s1 = u0 * q0.scale; p[0].pointee.s2 = v0 * q0.scale
    }

    static func run2(_ p: UnsafePointer<UnsafeMutablePointer<FilterSection>>, _ x: UnsafeMutablePointer<SIMD2<Double>>, _ count: Int) {
        let q0 = NormalizedSection(p[0].pointee, after: SIMD2(repeating: 1))
        let b1_0 = q0.b1, b2_0 = q0.b2, a1_0 = q0.a1, a2_0 = q0.a2
        var u0 = p[0].pointee.s1 / q0.scale, v0 = p[0].pointee.s2 / q0.scale
        let q1 = NormalizedSection(p[1].pointee, after: q0.scale)
        let b1_1 = q1.b1, b2_1 = q1.b2, a1_1 = q1.a1, a2_1 = q1.a2
        var u1 = p[1].pointee.s1 / q1.scale, v1 = p[1].pointee.s2 / q1.scale
        let gain = q1.scale
        for i in 0..<count {
            var y = x[i]
            y = tick(y, b1_0, b2_0, a1_0, a2_0, &u0, &v0)
            y = tick(y, b1_1, b2_1, a1_1, a2_1, &u1, &v1)
            x[i] = y * gain
        }
        p[0].pointee.s1 = u0 * q0.scale; p[0].pointee.s2 = v0 * q0.scale
        p[1].pointee.s1 = u1 * q1.scale; p[1].pointee.s2 = v1 * q1.scale
    }

    static func run3(_ p: UnsafePointer<UnsafeMutablePointer<FilterSection>>, _ x: UnsafeMutablePointer<SIMD2<Double>>, _ count: Int) {
        let q0 = NormalizedSection(p[0].pointee, after: SIMD2(repeating: 1))
        let b1_0 = q0.b1, b2_0 = q0.b2, a1_0 = q0.a1, a2_0 = q0.a2
        var u0 = p[0].pointee.s1 / q0.scale, v0 = p[0].pointee.s2 / q0.scale
        let q1 = NormalizedSection(p[1].pointee, after: q0.scale)
        let b1_1 = q1.b1, b2_1 = q1.b2, a1_1 = q1.a1, a2_1 = q1.a2
        var u1 = p[1].pointee.s1 / q1.scale, v1 = p[1].pointee.s2 / q1.scale
        let q2 = NormalizedSection(p[2].pointee, after: q1.scale)
        let b1_2 = q2.b1, b2_2 = q2.b2, a1_2 = q2.a1, a2_2 = q2.a2
        var u2 = p[2].pointee.s1 / q2.scale, v2 = p[2].pointee.s2 / q2.scale
        let gain = q2.scale
        for i in 0..<count {
            var y = x[i]
            y = tick(y, b1_0, b2_0, a1_0, a2_0, &u0, &v0)
            y = tick(y, b1_1, b2_1, a1_1, a2_1, &u1, &v1)
            y = tick(y, b1_2, b2_2, a1_2, a2_2, &u2, &v2)
            x[i] = y * gain
        }
        p[0].pointee.s1 = u0 * q0.scale; p[0].pointee.s2 = v0 * q0.scale
        p[1].pointee.s1 = u1 * q1.scale; p[1].pointee.s2 = v1 * q1.scale
        p[2].pointee.s1 = u2 * q2.scale; p[2].pointee.s2 = v2 * q2.scale
    }

    static func run4(_ p: UnsafePointer<UnsafeMutablePointer<FilterSection>>, _ x: UnsafeMutablePointer<SIMD2<Double>>, _ count: Int) {
        let q0 = NormalizedSection(p[0].pointee, after: SIMD2(repeating: 1))
        let b1_0 = q0.b1, b2_0 = q0.b2, a1_0 = q0.a1, a2_0 = q0.a2
        var u0 = p[0].pointee.s1 / q0.scale, v0 = p[0].pointee.s2 / q0.scale
        let q1 = NormalizedSection(p[1].pointee, after: q0.scale)
        let b1_1 = q1.b1, b2_1 = q1.b2, a1_1 = q1.a1, a2_1 = q1.a2
        var u1 = p[1].pointee.s1 / q1.scale, v1 = p[1].pointee.s2 / q1.scale
        let q2 = NormalizedSection(p[2].pointee, after: q1.scale)
        let b1_2 = q2.b1, b2_2 = q2.b2, a1_2 = q2.a1, a2_2 = q2.a2
        var u2 = p[2].pointee.s1 / q2.scale, v2 = p[2].pointee.s2 / q2.scale
        let q3 = NormalizedSection(p[3].pointee, after: q2.scale)
        let b1_3 = q3.b1, b2_3 = q3.b2, a1_3 = q3.a1, a2_3 = q3.a2
        var u3 = p[3].pointee.s1 / q3.scale, v3 = p[3].pointee.s2 / q3.scale
        let gain = q3.scale
        for i in 0..<count {
            var y = x[i]
            y = tick(y, b1_0, b2_0, a1_0, a2_0, &u0, &v0)
            y = tick(y, b1_1, b2_1, a1_1, a2_1, &u1, &v1)
            y = tick(y, b1_2, b2_2, a1_2, a2_2, &u2, &v2)
            y = tick(y, b1_3, b2_3, a1_3, a2_3, &u3, &v3)
            x[i] = y * gain
        }
        p[0].pointee.s1 = u0 * q0.scale; p[0].pointee.s2 = v0 * q0.scale
        p[1].pointee.s1 = u1 * q1.scale; p[1].pointee.s2 = v1 * q1.scale
        p[2].pointee.s1 = u2 * q2.scale; p[2].pointee.s2 = v2 * q2.scale
        p[3].pointee.s1 = u3 * q3.scale; p[3].pointee.s2 = v3 * q3.scale
    }

    static func run5(_ p: UnsafePointer<UnsafeMutablePointer<FilterSection>>, _ x: UnsafeMutablePointer<SIMD2<Double>>, _ count: Int) {
        let q0 = NormalizedSection(p[0].pointee, after: SIMD2(repeating: 1))
        let b1_0 = q0.b1, b2_0 = q0.b2, a1_0 = q0.a1, a2_0 = q0.a2
        var u0 = p[0].pointee.s1 / q0.scale, v0 = p[0].pointee.s2 / q0.scale
        let q1 = NormalizedSection(p[1].pointee, after: q0.scale)
        let b1_1 = q1.b1, b2_1 = q1.b2, a1_1 = q1.a1, a2_1 = q1.a2
        var u1 = p[1].pointee.s1 / q1.scale, v1 = p[1].pointee.s2 / q1.scale
        let q2 = NormalizedSection(p[2].pointee, after: q1.scale)
        let b1_2 = q2.b1, b2_2 = q2.b2, a1_2 = q2.a1, a2_2 = q2.a2
        var u2 = p[2].pointee.s1 / q2.scale, v2 = p[2].pointee.s2 / q2.scale
        let q3 = NormalizedSection(p[3].pointee, after: q2.scale)
        let b1_3 = q3.b1, b2_3 = q3.b2, a1_3 = q3.a1, a2_3 = q3.a2
        var u3 = p[3].pointee.s1 / q3.scale, v3 = p[3].pointee.s2 / q3.scale
        let q4 = NormalizedSection(p[4].pointee, after: q3.scale)
        let b1_4 = q4.b1, b2_4 = q4.b2, a1_4 = q4.a1, a2_4 = q4.a2
        var u4 = p[4].pointee.s1 / q4.scale, v4 = p[4].pointee.s2 / q4.scale
        let gain = q4.scale
        for i in 0..<count {
            var y = x[i]
            y = tick(y, b1_0, b2_0, a1_0, a2_0, &u0, &v0)
            y = tick(y, b1_1, b2_1, a1_1, a2_1, &u1, &v1)
            y = tick(y, b1_2, b2_2, a1_2, a2_2, &u2, &v2)
            y = tick(y, b1_3, b2_3, a1_3, a2_3, &u3, &v3)
            y = tick(y, b1_4, b2_4, a1_4, a2_4, &u4, &v4)
            x[i] = y * gain
        }
        p[0].pointee.s1 = u0 * q0.scale; p[0].pointee.s2 = v0 * q0.scale
        p[1].pointee.s1 = u1 * q1.scale; p[1].pointee.s2 = v1 * q1.scale
        p[2].pointee.s1 = u2 * q2.scale; p[2].pointee.s2 = v2 * q2.scale
        p[3].pointee.s1 = u3 * q3.scale; p[3].pointee.s2 = v3 * q3.scale
        p[4].pointee.s1 = u4 * q4.scale; p[4].pointee.s2 = v4 * q4.scale
    }

    static func run6(_ p: UnsafePointer<UnsafeMutablePointer<FilterSection>>, _ x: UnsafeMutablePointer<SIMD2<Double>>, _ count: Int) {
        let q0 = NormalizedSection(p[0].pointee, after: SIMD2(repeating: 1))
        let b1_0 = q0.b1, b2_0 = q0.b2, a1_0 = q0.a1, a2_0 = q0.a2
        var u0 = p[0].pointee.s1 / q0.scale, v0 = p[0].pointee.s2 / q0.scale
        let q1 = NormalizedSection(p[1].pointee, after: q0.scale)
        let b1_1 = q1.b1, b2_1 = q1.b2, a1_1 = q1.a1, a2_1 = q1.a2
        var u1 = p[1].pointee.s1 / q1.scale, v1 = p[1].pointee.s2 / q1.scale
        let q2 = NormalizedSection(p[2].pointee, after: q1.scale)
        let b1_2 = q2.b1, b2_2 = q2.b2, a1_2 = q2.a1, a2_2 = q2.a2
        var u2 = p[2].pointee.s1 / q2.scale, v2 = p[2].pointee.s2 / q2.scale
        let q3 = NormalizedSection(p[3].pointee, after: q2.scale)
        let b1_3 = q3.b1, b2_3 = q3.b2, a1_3 = q3.a1, a2_3 = q3.a2
        var u3 = p[3].pointee.s1 / q3.scale, v3 = p[3].pointee.s2 / q3.scale
        let q4 = NormalizedSection(p[4].pointee, after: q3.scale)
        let b1_4 = q4.b1, b2_4 = q4.b2, a1_4 = q4.a1, a2_4 = q4.a2
        var u4 = p[4].pointee.s1 / q4.scale, v4 = p[4].pointee.s2 / q4.scale
        let q5 = NormalizedSection(p[5].pointee, after: q4.scale)
        let b1_5 = q5.b1, b2_5 = q5.b2, a1_5 = q5.a1, a2_5 = q5.a2
        var u5 = p[5].pointee.s1 / q5.scale, v5 = p[5].pointee.s2 / q5.scale
        let gain = q5.scale
        for i in 0..<count {
            var y = x[i]
            y = tick(y, b1_0, b2_0, a1_0, a2_0, &u0, &v0)
            y = tick(y, b1_1, b2_1, a1_1, a2_1, &u1, &v1)
            y = tick(y, b1_2, b2_2, a1_2, a2_2, &u2, &v2)
            y = tick(y, b1_3, b2_3, a1_3, a2_3, &u3, &v3)
            y = tick(y, b1_4, b2_4, a1_4, a2_4, &u4, &v4)
            y = tick(y, b1_5, b2_5, a1_5, a2_5, &u5, &v5)
            x[i] = y * gain
        }
        p[0].pointee.s1 = u0 * q0.scale; p[0].pointee.s2 = v0 * q0.scale
        p[1].pointee.s1 = u1 * q1.scale; p[1].pointee.s2 = v1 * q1.scale
        p[2].pointee.s1 = u2 * q2.scale; p[2].pointee.s2 = v2 * q2.scale
        p[3].pointee.s1 = u3 * q3.scale; p[3].pointee.s2 = v3 * q3.scale
        p[4].pointee.s1 = u4 * q4.scale; p[4].pointee.s2 = v4 * q4.scale
        p[5].pointee.s1 = u5 * q5.scale; p[5].pointee.s2 = v5 * q5.scale
    }

    static func run7(_ p: UnsafePointer<UnsafeMutablePointer<FilterSection>>, _ x: UnsafeMutablePointer<SIMD2<Double>>, _ count: Int) {
        let q0 = NormalizedSection(p[0].pointee, after: SIMD2(repeating: 1))
        let b1_0 = q0.b1, b2_0 = q0.b2, a1_0 = q0.a1, a2_0 = q0.a2
        var u0 = p[0].pointee.s1 / q0.scale, v0 = p[0].pointee.s2 / q0.scale
        let q1 = NormalizedSection(p[1].pointee, after: q0.scale)
        let b1_1 = q1.b1, b2_1 = q1.b2, a1_1 = q1.a1, a2_1 = q1.a2
        var u1 = p[1].pointee.s1 / q1.scale, v1 = p[1].pointee.s2 / q1.scale
        let q2 = NormalizedSection(p[2].pointee, after: q1.scale)
        let b1_2 = q2.b1, b2_2 = q2.b2, a1_2 = q2.a1, a2_2 = q2.a2
        var u2 = p[2].pointee.s1 / q2.scale, v2 = p[2].pointee.s2 / q2.scale
        let q3 = NormalizedSection(p[3].pointee, after: q2.scale)
        let b1_3 = q3.b1, b2_3 = q3.b2, a1_3 = q3.a1, a2_3 = q3.a2
        var u3 = p[3].pointee.s1 / q3.scale, v3 = p[3].pointee.s2 / q3.scale
        let q4 = NormalizedSection(p[4].pointee, after: q3.scale)
        let b1_4 = q4.b1, b2_4 = q4.b2, a1_4 = q4.a1, a2_4 = q4.a2
        var u4 = p[4].pointee.s1 / q4.scale, v4 = p[4].pointee.s2 / q4.scale
        let q5 = NormalizedSection(p[5].pointee, after: q4.scale)
        let b1_5 = q5.b1, b2_5 = q5.b2, a1_5 = q5.a1, a2_5 = q5.a2
        var u5 = p[5].pointee.s1 / q5.scale, v5 = p[5].pointee.s2 / q5.scale
        let q6 = NormalizedSection(p[6].pointee, after: q5.scale)
        let b1_6 = q6.b1, b2_6 = q6.b2, a1_6 = q6.a1, a2_6 = q6.a2
        var u6 = p[6].pointee.s1 / q6.scale, v6 = p[6].pointee.s2 / q6.scale
        let gain = q6.scale
        for i in 0..<count {
            var y = x[i]
            y = tick(y, b1_0, b2_0, a1_0, a2_0, &u0, &v0)
            y = tick(y, b1_1, b2_1, a1_1, a2_1, &u1, &v1)
            y = tick(y, b1_2, b2_2, a1_2, a2_2, &u2, &v2)
            y = tick(y, b1_3, b2_3, a1_3, a2_3, &u3, &v3)
            y = tick(y, b1_4, b2_4, a1_4, a2_4, &u4, &v4)
            y = tick(y, b1_5, b2_5, a1_5, a2_5, &u5, &v5)
            y = tick(y, b1_6, b2_6, a1_6, a2_6, &u6, &v6)
            x[i] = y * gain
        }
        p[0].pointee.s1 = u0 * q0.scale; p[0].pointee.s2 = v0 * q0.scale
        p[1].pointee.s1 = u1 * q1.scale; p[1].pointee.s2 = v1 * q1.scale
        p[2].pointee.s1 = u2 * q2.scale; p[2].pointee.s2 = v2 * q2.scale
        p[3].pointee.s1 = u3 * q3.scale; p[3].pointee.s2 = v3 * q3.scale
        p[4].pointee.s1 = u4 * q4.scale; p[4].pointee.s2 = v4 * q4.scale
        p[5].pointee.s1 = u5 * q5.scale; p[5].pointee.s2 = v5 * q5.scale
        p[6].pointee.s1 = u6 * q6.scale; p[6].pointee.s2 = v6 * q6.scale
    }

    static func run8(_ p: UnsafePointer<UnsafeMutablePointer<FilterSection>>, _ x: UnsafeMutablePointer<SIMD2<Double>>, _ count: Int) {
        let q0 = NormalizedSection(p[0].pointee, after: SIMD2(repeating: 1))
        let b1_0 = q0.b1, b2_0 = q0.b2, a1_0 = q0.a1, a2_0 = q0.a2
        var u0 = p[0].pointee.s1 / q0.scale, v0 = p[0].pointee.s2 / q0.scale
        let q1 = NormalizedSection(p[1].pointee, after: q0.scale)
        let b1_1 = q1.b1, b2_1 = q1.b2, a1_1 = q1.a1, a2_1 = q1.a2
        var u1 = p[1].pointee.s1 / q1.scale, v1 = p[1].pointee.s2 / q1.scale
        let q2 = NormalizedSection(p[2].pointee, after: q1.scale)
        let b1_2 = q2.b1, b2_2 = q2.b2, a1_2 = q2.a1, a2_2 = q2.a2
        var u2 = p[2].pointee.s1 / q2.scale, v2 = p[2].pointee.s2 / q2.scale
        let q3 = NormalizedSection(p[3].pointee, after: q2.scale)
        let b1_3 = q3.b1, b2_3 = q3.b2, a1_3 = q3.a1, a2_3 = q3.a2
        var u3 = p[3].pointee.s1 / q3.scale, v3 = p[3].pointee.s2 / q3.scale
        let q4 = NormalizedSection(p[4].pointee, after: q3.scale)
        let b1_4 = q4.b1, b2_4 = q4.b2, a1_4 = q4.a1, a2_4 = q4.a2
        var u4 = p[4].pointee.s1 / q4.scale, v4 = p[4].pointee.s2 / q4.scale
        let q5 = NormalizedSection(p[5].pointee, after: q4.scale)
        let b1_5 = q5.b1, b2_5 = q5.b2, a1_5 = q5.a1, a2_5 = q5.a2
        var u5 = p[5].pointee.s1 / q5.scale, v5 = p[5].pointee.s2 / q5.scale
        let q6 = NormalizedSection(p[6].pointee, after: q5.scale)
        let b1_6 = q6.b1, b2_6 = q6.b2, a1_6 = q6.a1, a2_6 = q6.a2
        var u6 = p[6].pointee.s1 / q6.scale, v6 = p[6].pointee.s2 / q6.scale
        let q7 = NormalizedSection(p[7].pointee, after: q6.scale)
        let b1_7 = q7.b1, b2_7 = q7.b2, a1_7 = q7.a1, a2_7 = q7.a2
        var u7 = p[7].pointee.s1 / q7.scale, v7 = p[7].pointee.s2 / q7.scale
        let gain = q7.scale
        for i in 0..<count {
            var y = x[i]
            y = tick(y, b1_0, b2_0, a1_0, a2_0, &u0, &v0)
            y = tick(y, b1_1, b2_1, a1_1, a2_1, &u1, &v1)
            y = tick(y, b1_2, b2_2, a1_2, a2_2, &u2, &v2)
            y = tick(y, b1_3, b2_3, a1_3, a2_3, &u3, &v3)
            y = tick(y, b1_4, b2_4, a1_4, a2_4, &u4, &v4)
            y = tick(y, b1_5, b2_5, a1_5, a2_5, &u5, &v5)
            y = tick(y, b1_6, b2_6, a1_6, a2_6, &u6, &v6)
            y = tick(y, b1_7, b2_7, a1_7, a2_7, &u7, &v7)
            x[i] = y * gain
        }
        p[0].pointee.s1 = u0 * q0.scale; p[0].pointee.s2 = v0 * q0.scale
        p[1].pointee.s1 = u1 * q1.scale; p[1].pointee.s2 = v1 * q1.scale
        p[2].pointee.s1 = u2 * q2.scale; p[2].pointee.s2 = v2 * q2.scale
        p[3].pointee.s1 = u3 * q3.scale; p[3].pointee.s2 = v3 * q3.scale
        p[4].pointee.s1 = u4 * q4.scale; p[4].pointee.s2 = v4 * q4.scale
        p[5].pointee.s1 = u5 * q5.scale; p[5].pointee.s2 = v5 * q5.scale
        p[6].pointee.s1 = u6 * q6.scale; p[6].pointee.s2 = v6 * q6.scale
        p[7].pointee.s1 = u7 * q7.scale; p[7].pointee.s2 = v7 * q7.scale
    }
}

/// A one-pole smoother for a parameter (~10 ms to 63 %), stepped once per sub-block of frames,
/// that lands exactly on its target.
struct FilterRamp: Sendable {
    var current: Double
    var target: Double
    /// Smooth in the log domain (frequencies, Q) rather than linearly (gains in dB).
    let logarithmic: Bool

    init(_ value: Double, logarithmic: Bool = false) {
        current = value; target = value; self.logarithmic = logarithmic
    }

    var isMoving: Bool { current != target }

    mutating func jump(to value: Double) { current = value; target = value }

    /// Advances by one step of coefficient `keep` (the fraction of the distance kept);
    /// returns true while moving.
    @discardableResult
    mutating func step(keep: Double) -> Bool {
        guard current != target else { return false }
        if logarithmic && current > 0 && target > 0 {
            let next = target * Double.pow(current / target, keep)
            current = abs(next / target - 1) < 1e-5 ? target : next
        } else {
            let next = target + (current - target) * keep
            current = abs(next - target) < 1e-4 ? target : next
        }
        return true
    }

    /// The `keep` coefficient for a 10 ms time constant stepped every `frames` frames.
    static func keep(frames: Int, sampleRate: Double, timeConstantSeconds: Double = 0.010) -> Double {
        Double.exp(-Double(frames) / (timeConstantSeconds * sampleRate))
    }
}
