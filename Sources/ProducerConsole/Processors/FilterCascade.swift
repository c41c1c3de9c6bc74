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

/// A cascade of second-order sections over planar stereo (or mono) `Float` audio.
///
/// The samples are widened to interleaved `SIMD2<Double>` (left, right) in sub-blocks of 256
/// frames; the active sections then run in groups of up to eight per pass, with their state in
/// registers, so the sections of a group overlap in the pipeline; the signal stays in `Double`
/// from the input to the output.
struct FilterCascade: Sendable {
    var sections: [FilterSection]

    static let chunkFrames = 256
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
