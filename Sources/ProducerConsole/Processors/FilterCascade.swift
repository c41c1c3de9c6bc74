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

@inline(__always)
private func tick(
    _ x: SIMD2<Double>,
    _ b0: SIMD2<Double>, _ b1: SIMD2<Double>, _ b2: SIMD2<Double>, _ a1: SIMD2<Double>, _ a2: SIMD2<Double>,
    _ s1: inout SIMD2<Double>, _ s2: inout SIMD2<Double>
) -> SIMD2<Double> {
    let y = b0 * x + s1
    s1 = b1 * x - a1 * y + s2
    s2 = b2 * x - a2 * y
    return y
}

/// As ``tick(_:_:_:_:_:_:_:_:)`` with the feedback term subtracted last, which shortens the
/// recurrence (y → a1·y → s1 → y) by one addition.
@inline(__always)
private func tickShort(
    _ x: SIMD2<Double>,
    _ b0: SIMD2<Double>, _ b1: SIMD2<Double>, _ b2: SIMD2<Double>, _ a1: SIMD2<Double>, _ a2: SIMD2<Double>,
    _ s1: inout SIMD2<Double>, _ s2: inout SIMD2<Double>
) -> SIMD2<Double> {
    let y = b0 * x + s1
    s1 = (b1 * x + s2) - a1 * y
    s2 = b2 * x - a2 * y
    return y
}

/// A cascade of second-order sections over planar stereo (or mono) `Float` audio.
///
/// The samples are widened to interleaved `SIMD2<Double>` (left, right) in sub-blocks of 256
/// frames; the active sections then run in groups of up to eight per pass, with their state in
/// registers, so the sections of a group overlap in the pipeline; the signal stays in `Double`
/// from the input to the output.
struct FilterCascade: Sendable {
    var sections: [FilterSection]

    static let chunkFrames = 256
    /// Mono sub-blocks are longer: each pass starts and ends with a masked fill and drain of
    /// the pipeline (up to 5 frames each), which costs about twice a steady frame.
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
    /// recurrences overlap; the arithmetic of every section is the same as in the stereo
    /// kernels. An odd section is paired with an identity (exact: x · 1 + 0). The state is kept
    /// in lane 0 and copied to lane 1 at the end, as the stereo kernels would have left it.
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

    private static func mono1(_ p: UnsafePointer<UnsafeMutablePointer<FilterSection>>, _ x: UnsafeMutablePointer<Double>, _ n: Int) {
        let c0 = p[0].pointee, d0 = p[1].pointee
        let b0_0 = SIMD2(c0.b0[0], d0.b0[0])
        let b1_0 = SIMD2(c0.b1[0], d0.b1[0])
        let b2_0 = SIMD2(c0.b2[0], d0.b2[0])
        let a1_0 = SIMD2(c0.a1[0], d0.a1[0])
        let a2_0 = SIMD2(c0.a2[0], d0.a2[0])
        var u0 = SIMD2(c0.s1[0], d0.s1[0]), v0 = SIMD2(c0.s2[0], d0.s2[0])
        var y0 = SIMD2<Double>.zero
        let latency = 1
        @inline(__always) func step(_ i: Int, masked: Bool) {
            let input = i < n ? x[i] : 0
            let i0 = SIMD2(input, y0[0])
            if masked {
                let su0 = u0, sv0 = v0
                let n0 = tickShort(i0, b0_0, b1_0, b2_0, a1_0, a2_0, &u0, &v0)
                let j0 = SIMD2<Int64>(Int64(i - 0), Int64(i - 1))
                let off0 = (j0 .< 0) .| (j0 .>= SIMD2(repeating: Int64(n)))
                u0.replace(with: su0, where: off0); v0.replace(with: sv0, where: off0)
                y0 = n0
            } else {
                y0 = tickShort(i0, b0_0, b1_0, b2_0, a1_0, a2_0, &u0, &v0)
            }
            if i >= latency { x[i - latency] = y0[1] }
        }
        let total = n + latency
        let lo = min(latency, total), hi = max(lo, n)
        for i in 0..<lo { step(i, masked: true) }
        for i in lo..<hi { step(i, masked: false) }
        for i in hi..<total { step(i, masked: true) }
        p[0].pointee.s1[0] = u0[0]; p[0].pointee.s2[0] = v0[0]
        p[1].pointee.s1[0] = u0[1]; p[1].pointee.s2[0] = v0[1]
    }

    private static func mono2(_ p: UnsafePointer<UnsafeMutablePointer<FilterSection>>, _ x: UnsafeMutablePointer<Double>, _ n: Int) {
        let c0 = p[0].pointee, d0 = p[1].pointee
        let b0_0 = SIMD2(c0.b0[0], d0.b0[0])
        let b1_0 = SIMD2(c0.b1[0], d0.b1[0])
        let b2_0 = SIMD2(c0.b2[0], d0.b2[0])
        let a1_0 = SIMD2(c0.a1[0], d0.a1[0])
        let a2_0 = SIMD2(c0.a2[0], d0.a2[0])
        var u0 = SIMD2(c0.s1[0], d0.s1[0]), v0 = SIMD2(c0.s2[0], d0.s2[0])
        var y0 = SIMD2<Double>.zero
        let c1 = p[2].pointee, d1 = p[3].pointee
        let b0_1 = SIMD2(c1.b0[0], d1.b0[0])
        let b1_1 = SIMD2(c1.b1[0], d1.b1[0])
        let b2_1 = SIMD2(c1.b2[0], d1.b2[0])
        let a1_1 = SIMD2(c1.a1[0], d1.a1[0])
        let a2_1 = SIMD2(c1.a2[0], d1.a2[0])
        var u1 = SIMD2(c1.s1[0], d1.s1[0]), v1 = SIMD2(c1.s2[0], d1.s2[0])
        var y1 = SIMD2<Double>.zero
        let latency = 3
        @inline(__always) func step(_ i: Int, masked: Bool) {
            let input = i < n ? x[i] : 0
            let i0 = SIMD2(input, y0[0])
            let i1 = SIMD2(y0[1], y1[0])
            if masked {
                let su0 = u0, sv0 = v0
                let su1 = u1, sv1 = v1
                let n0 = tickShort(i0, b0_0, b1_0, b2_0, a1_0, a2_0, &u0, &v0)
                let n1 = tickShort(i1, b0_1, b1_1, b2_1, a1_1, a2_1, &u1, &v1)
                let j0 = SIMD2<Int64>(Int64(i - 0), Int64(i - 1))
                let off0 = (j0 .< 0) .| (j0 .>= SIMD2(repeating: Int64(n)))
                u0.replace(with: su0, where: off0); v0.replace(with: sv0, where: off0)
                let j1 = SIMD2<Int64>(Int64(i - 2), Int64(i - 3))
                let off1 = (j1 .< 0) .| (j1 .>= SIMD2(repeating: Int64(n)))
                u1.replace(with: su1, where: off1); v1.replace(with: sv1, where: off1)
                y0 = n0
                y1 = n1
            } else {
                y0 = tickShort(i0, b0_0, b1_0, b2_0, a1_0, a2_0, &u0, &v0)
                y1 = tickShort(i1, b0_1, b1_1, b2_1, a1_1, a2_1, &u1, &v1)
            }
            if i >= latency { x[i - latency] = y1[1] }
        }
        let total = n + latency
        let lo = min(latency, total), hi = max(lo, n)
        for i in 0..<lo { step(i, masked: true) }
        for i in lo..<hi { step(i, masked: false) }
        for i in hi..<total { step(i, masked: true) }
        p[0].pointee.s1[0] = u0[0]; p[0].pointee.s2[0] = v0[0]
        p[1].pointee.s1[0] = u0[1]; p[1].pointee.s2[0] = v0[1]
        p[2].pointee.s1[0] = u1[0]; p[2].pointee.s2[0] = v1[0]
        p[3].pointee.s1[0] = u1[1]; p[3].pointee.s2[0] = v1[1]
    }

    private static func mono3(_ p: UnsafePointer<UnsafeMutablePointer<FilterSection>>, _ x: UnsafeMutablePointer<Double>, _ n: Int) {
        let c0 = p[0].pointee, d0 = p[1].pointee
        let b0_0 = SIMD2(c0.b0[0], d0.b0[0])
        let b1_0 = SIMD2(c0.b1[0], d0.b1[0])
        let b2_0 = SIMD2(c0.b2[0], d0.b2[0])
        let a1_0 = SIMD2(c0.a1[0], d0.a1[0])
        let a2_0 = SIMD2(c0.a2[0], d0.a2[0])
        var u0 = SIMD2(c0.s1[0], d0.s1[0]), v0 = SIMD2(c0.s2[0], d0.s2[0])
        var y0 = SIMD2<Double>.zero
        let c1 = p[2].pointee, d1 = p[3].pointee
        let b0_1 = SIMD2(c1.b0[0], d1.b0[0])
        let b1_1 = SIMD2(c1.b1[0], d1.b1[0])
        let b2_1 = SIMD2(c1.b2[0], d1.b2[0])
        let a1_1 = SIMD2(c1.a1[0], d1.a1[0])
        let a2_1 = SIMD2(c1.a2[0], d1.a2[0])
        var u1 = SIMD2(c1.s1[0], d1.s1[0]), v1 = SIMD2(c1.s2[0], d1.s2[0])
        var y1 = SIMD2<Double>.zero
        let c2 = p[4].pointee, d2 = p[5].pointee
        let b0_2 = SIMD2(c2.b0[0], d2.b0[0])
        let b1_2 = SIMD2(c2.b1[0], d2.b1[0])
        let b2_2 = SIMD2(c2.b2[0], d2.b2[0])
        let a1_2 = SIMD2(c2.a1[0], d2.a1[0])
        let a2_2 = SIMD2(c2.a2[0], d2.a2[0])
        var u2 = SIMD2(c2.s1[0], d2.s1[0]), v2 = SIMD2(c2.s2[0], d2.s2[0])
        var y2 = SIMD2<Double>.zero
        let latency = 5
        @inline(__always) func step(_ i: Int, masked: Bool) {
            let input = i < n ? x[i] : 0
            let i0 = SIMD2(input, y0[0])
            let i1 = SIMD2(y0[1], y1[0])
            let i2 = SIMD2(y1[1], y2[0])
            if masked {
                let su0 = u0, sv0 = v0
                let su1 = u1, sv1 = v1
                let su2 = u2, sv2 = v2
                let n0 = tickShort(i0, b0_0, b1_0, b2_0, a1_0, a2_0, &u0, &v0)
                let n1 = tickShort(i1, b0_1, b1_1, b2_1, a1_1, a2_1, &u1, &v1)
                let n2 = tickShort(i2, b0_2, b1_2, b2_2, a1_2, a2_2, &u2, &v2)
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
            } else {
                y0 = tickShort(i0, b0_0, b1_0, b2_0, a1_0, a2_0, &u0, &v0)
                y1 = tickShort(i1, b0_1, b1_1, b2_1, a1_1, a2_1, &u1, &v1)
                y2 = tickShort(i2, b0_2, b1_2, b2_2, a1_2, a2_2, &u2, &v2)
            }
            if i >= latency { x[i - latency] = y2[1] }
        }
        let total = n + latency
        let lo = min(latency, total), hi = max(lo, n)
        for i in 0..<lo { step(i, masked: true) }
        for i in lo..<hi { step(i, masked: false) }
        for i in hi..<total { step(i, masked: true) }
        p[0].pointee.s1[0] = u0[0]; p[0].pointee.s2[0] = v0[0]
        p[1].pointee.s1[0] = u0[1]; p[1].pointee.s2[0] = v0[1]
        p[2].pointee.s1[0] = u1[0]; p[2].pointee.s2[0] = v1[0]
        p[3].pointee.s1[0] = u1[1]; p[3].pointee.s2[0] = v1[1]
        p[4].pointee.s1[0] = u2[0]; p[4].pointee.s2[0] = v2[0]
        p[5].pointee.s1[0] = u2[1]; p[5].pointee.s2[0] = v2[1]
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
        let c0 = p[0].pointee
        var u0 = c0.s1, v0 = c0.s2
        for i in 0..<count {
            var y = x[i]
            y = tick(y, c0.b0, c0.b1, c0.b2, c0.a1, c0.a2, &u0, &v0)
            x[i] = y
        }
        p[0].pointee.s1 = u0; p[0].pointee.s2 = v0
    }

    static func run2(_ p: UnsafePointer<UnsafeMutablePointer<FilterSection>>, _ x: UnsafeMutablePointer<SIMD2<Double>>, _ count: Int) {
        let c0 = p[0].pointee; let c1 = p[1].pointee
        var u0 = c0.s1, v0 = c0.s2; var u1 = c1.s1, v1 = c1.s2
        for i in 0..<count {
            var y = x[i]
            y = tick(y, c0.b0, c0.b1, c0.b2, c0.a1, c0.a2, &u0, &v0)
            y = tick(y, c1.b0, c1.b1, c1.b2, c1.a1, c1.a2, &u1, &v1)
            x[i] = y
        }
        p[0].pointee.s1 = u0; p[0].pointee.s2 = v0; p[1].pointee.s1 = u1; p[1].pointee.s2 = v1
    }

    static func run3(_ p: UnsafePointer<UnsafeMutablePointer<FilterSection>>, _ x: UnsafeMutablePointer<SIMD2<Double>>, _ count: Int) {
        let c0 = p[0].pointee; let c1 = p[1].pointee; let c2 = p[2].pointee
        var u0 = c0.s1, v0 = c0.s2; var u1 = c1.s1, v1 = c1.s2; var u2 = c2.s1, v2 = c2.s2
        for i in 0..<count {
            var y = x[i]
            y = tick(y, c0.b0, c0.b1, c0.b2, c0.a1, c0.a2, &u0, &v0)
            y = tick(y, c1.b0, c1.b1, c1.b2, c1.a1, c1.a2, &u1, &v1)
            y = tick(y, c2.b0, c2.b1, c2.b2, c2.a1, c2.a2, &u2, &v2)
            x[i] = y
        }
        p[0].pointee.s1 = u0; p[0].pointee.s2 = v0; p[1].pointee.s1 = u1; p[1].pointee.s2 = v1; p[2].pointee.s1 = u2; p[2].pointee.s2 = v2
    }

    static func run4(_ p: UnsafePointer<UnsafeMutablePointer<FilterSection>>, _ x: UnsafeMutablePointer<SIMD2<Double>>, _ count: Int) {
        let c0 = p[0].pointee; let c1 = p[1].pointee; let c2 = p[2].pointee; let c3 = p[3].pointee
        var u0 = c0.s1, v0 = c0.s2; var u1 = c1.s1, v1 = c1.s2; var u2 = c2.s1, v2 = c2.s2; var u3 = c3.s1, v3 = c3.s2
        for i in 0..<count {
            var y = x[i]
            y = tick(y, c0.b0, c0.b1, c0.b2, c0.a1, c0.a2, &u0, &v0)
            y = tick(y, c1.b0, c1.b1, c1.b2, c1.a1, c1.a2, &u1, &v1)
            y = tick(y, c2.b0, c2.b1, c2.b2, c2.a1, c2.a2, &u2, &v2)
            y = tick(y, c3.b0, c3.b1, c3.b2, c3.a1, c3.a2, &u3, &v3)
            x[i] = y
        }
        p[0].pointee.s1 = u0; p[0].pointee.s2 = v0; p[1].pointee.s1 = u1; p[1].pointee.s2 = v1; p[2].pointee.s1 = u2; p[2].pointee.s2 = v2; p[3].pointee.s1 = u3; p[3].pointee.s2 = v3
    }

    static func run5(_ p: UnsafePointer<UnsafeMutablePointer<FilterSection>>, _ x: UnsafeMutablePointer<SIMD2<Double>>, _ count: Int) {
        let c0 = p[0].pointee; let c1 = p[1].pointee; let c2 = p[2].pointee; let c3 = p[3].pointee; let c4 = p[4].pointee
        var u0 = c0.s1, v0 = c0.s2; var u1 = c1.s1, v1 = c1.s2; var u2 = c2.s1, v2 = c2.s2; var u3 = c3.s1, v3 = c3.s2; var u4 = c4.s1, v4 = c4.s2
        for i in 0..<count {
            var y = x[i]
            y = tick(y, c0.b0, c0.b1, c0.b2, c0.a1, c0.a2, &u0, &v0)
            y = tick(y, c1.b0, c1.b1, c1.b2, c1.a1, c1.a2, &u1, &v1)
            y = tick(y, c2.b0, c2.b1, c2.b2, c2.a1, c2.a2, &u2, &v2)
            y = tick(y, c3.b0, c3.b1, c3.b2, c3.a1, c3.a2, &u3, &v3)
            y = tick(y, c4.b0, c4.b1, c4.b2, c4.a1, c4.a2, &u4, &v4)
            x[i] = y
        }
        p[0].pointee.s1 = u0; p[0].pointee.s2 = v0; p[1].pointee.s1 = u1; p[1].pointee.s2 = v1; p[2].pointee.s1 = u2; p[2].pointee.s2 = v2; p[3].pointee.s1 = u3; p[3].pointee.s2 = v3; p[4].pointee.s1 = u4; p[4].pointee.s2 = v4
    }

    static func run6(_ p: UnsafePointer<UnsafeMutablePointer<FilterSection>>, _ x: UnsafeMutablePointer<SIMD2<Double>>, _ count: Int) {
        let c0 = p[0].pointee; let c1 = p[1].pointee; let c2 = p[2].pointee; let c3 = p[3].pointee; let c4 = p[4].pointee; let c5 = p[5].pointee
        var u0 = c0.s1, v0 = c0.s2; var u1 = c1.s1, v1 = c1.s2; var u2 = c2.s1, v2 = c2.s2; var u3 = c3.s1, v3 = c3.s2; var u4 = c4.s1, v4 = c4.s2; var u5 = c5.s1, v5 = c5.s2
        for i in 0..<count {
            var y = x[i]
            y = tick(y, c0.b0, c0.b1, c0.b2, c0.a1, c0.a2, &u0, &v0)
            y = tick(y, c1.b0, c1.b1, c1.b2, c1.a1, c1.a2, &u1, &v1)
            y = tick(y, c2.b0, c2.b1, c2.b2, c2.a1, c2.a2, &u2, &v2)
            y = tick(y, c3.b0, c3.b1, c3.b2, c3.a1, c3.a2, &u3, &v3)
            y = tick(y, c4.b0, c4.b1, c4.b2, c4.a1, c4.a2, &u4, &v4)
            y = tick(y, c5.b0, c5.b1, c5.b2, c5.a1, c5.a2, &u5, &v5)
            x[i] = y
        }
        p[0].pointee.s1 = u0; p[0].pointee.s2 = v0; p[1].pointee.s1 = u1; p[1].pointee.s2 = v1; p[2].pointee.s1 = u2; p[2].pointee.s2 = v2; p[3].pointee.s1 = u3; p[3].pointee.s2 = v3; p[4].pointee.s1 = u4; p[4].pointee.s2 = v4; p[5].pointee.s1 = u5; p[5].pointee.s2 = v5
    }

    static func run7(_ p: UnsafePointer<UnsafeMutablePointer<FilterSection>>, _ x: UnsafeMutablePointer<SIMD2<Double>>, _ count: Int) {
        let c0 = p[0].pointee; let c1 = p[1].pointee; let c2 = p[2].pointee; let c3 = p[3].pointee; let c4 = p[4].pointee; let c5 = p[5].pointee; let c6 = p[6].pointee
        var u0 = c0.s1, v0 = c0.s2; var u1 = c1.s1, v1 = c1.s2; var u2 = c2.s1, v2 = c2.s2; var u3 = c3.s1, v3 = c3.s2; var u4 = c4.s1, v4 = c4.s2; var u5 = c5.s1, v5 = c5.s2; var u6 = c6.s1, v6 = c6.s2
        for i in 0..<count {
            var y = x[i]
            y = tick(y, c0.b0, c0.b1, c0.b2, c0.a1, c0.a2, &u0, &v0)
            y = tick(y, c1.b0, c1.b1, c1.b2, c1.a1, c1.a2, &u1, &v1)
            y = tick(y, c2.b0, c2.b1, c2.b2, c2.a1, c2.a2, &u2, &v2)
            y = tick(y, c3.b0, c3.b1, c3.b2, c3.a1, c3.a2, &u3, &v3)
            y = tick(y, c4.b0, c4.b1, c4.b2, c4.a1, c4.a2, &u4, &v4)
            y = tick(y, c5.b0, c5.b1, c5.b2, c5.a1, c5.a2, &u5, &v5)
            y = tick(y, c6.b0, c6.b1, c6.b2, c6.a1, c6.a2, &u6, &v6)
            x[i] = y
        }
        p[0].pointee.s1 = u0; p[0].pointee.s2 = v0; p[1].pointee.s1 = u1; p[1].pointee.s2 = v1; p[2].pointee.s1 = u2; p[2].pointee.s2 = v2; p[3].pointee.s1 = u3; p[3].pointee.s2 = v3; p[4].pointee.s1 = u4; p[4].pointee.s2 = v4; p[5].pointee.s1 = u5; p[5].pointee.s2 = v5; p[6].pointee.s1 = u6; p[6].pointee.s2 = v6
    }

    static func run8(_ p: UnsafePointer<UnsafeMutablePointer<FilterSection>>, _ x: UnsafeMutablePointer<SIMD2<Double>>, _ count: Int) {
        let c0 = p[0].pointee; let c1 = p[1].pointee; let c2 = p[2].pointee; let c3 = p[3].pointee; let c4 = p[4].pointee; let c5 = p[5].pointee; let c6 = p[6].pointee; let c7 = p[7].pointee
        var u0 = c0.s1, v0 = c0.s2; var u1 = c1.s1, v1 = c1.s2; var u2 = c2.s1, v2 = c2.s2; var u3 = c3.s1, v3 = c3.s2; var u4 = c4.s1, v4 = c4.s2; var u5 = c5.s1, v5 = c5.s2; var u6 = c6.s1, v6 = c6.s2; var u7 = c7.s1, v7 = c7.s2
        for i in 0..<count {
            var y = x[i]
            y = tick(y, c0.b0, c0.b1, c0.b2, c0.a1, c0.a2, &u0, &v0)
            y = tick(y, c1.b0, c1.b1, c1.b2, c1.a1, c1.a2, &u1, &v1)
            y = tick(y, c2.b0, c2.b1, c2.b2, c2.a1, c2.a2, &u2, &v2)
            y = tick(y, c3.b0, c3.b1, c3.b2, c3.a1, c3.a2, &u3, &v3)
            y = tick(y, c4.b0, c4.b1, c4.b2, c4.a1, c4.a2, &u4, &v4)
            y = tick(y, c5.b0, c5.b1, c5.b2, c5.a1, c5.a2, &u5, &v5)
            y = tick(y, c6.b0, c6.b1, c6.b2, c6.a1, c6.a2, &u6, &v6)
            y = tick(y, c7.b0, c7.b1, c7.b2, c7.a1, c7.a2, &u7, &v7)
            x[i] = y
        }
        p[0].pointee.s1 = u0; p[0].pointee.s2 = v0; p[1].pointee.s1 = u1; p[1].pointee.s2 = v1; p[2].pointee.s1 = u2; p[2].pointee.s2 = v2; p[3].pointee.s1 = u3; p[3].pointee.s2 = v3; p[4].pointee.s1 = u4; p[4].pointee.s2 = v4; p[5].pointee.s1 = u5; p[5].pointee.s2 = v5; p[6].pointee.s1 = u6; p[6].pointee.s2 = v6; p[7].pointee.s1 = u7; p[7].pointee.s2 = v7
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
