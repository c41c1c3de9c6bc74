/// A cascade of second-order sections over planar stereo (or mono) `Float` audio.
///
/// The samples are widened to interleaved `SIMD2<Double>` (left, right) in sub-blocks of 256
/// frames; the active sections then run in groups of up to eight per pass, with their state in
/// registers, so the sections of a group overlap in the pipeline; the signal stays in `Double`
/// from the input to the output. The kernels run the sections with b0 taken out (see
/// `NormalizedSection`): the output is that of the plain sections to within rounding.
/// ``FilterSection/isActive`` sections are skipped. The kernels are generated, one for each
/// group size, by `generate-cascade-kernels.py` (FilterCascade+Kernels.swift).
public struct FilterCascade: Sendable {
    /// The sections in processing order.
    public var sections: [FilterSection]

    static let chunkFrames = 256
    /// Mono sub-blocks, when the sections make more than one group (up to six sections run on
    /// the `Float` samples directly, the whole block in one pass): each pass starts and ends with
    /// a masked fill and drain of the pipeline (up to 5 frames each), which costs about twice a
    /// steady frame.
    static let monoChunkFrames = 2048
    static let maximumGroup = 8

    /// `count` inactive sections.
    public init(count: Int) {
        sections = [FilterSection](repeating: FilterSection(), count: count)
        for i in sections.indices { sections[i].isActive = false }
    }

    /// Clears every section's state.
    public mutating func reset() {
        for i in sections.indices { sections[i].reset() }
    }

    /// Filters `count` frames in place. For mono pass the same pointer as `left` and `right`.
    public mutating func process(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int) {
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
                    mono(p, pairs: paired / 2, samples, count)
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
                            mono(p, pairs: size, x, n)
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

    /// One frame of a section whose numerator has been divided by its b0 (transposed direct
    /// form II): `y = x + s1`, `s1 = (b1·x + s2) − a1·y`, `s2 = b2·x − a2·y`. The feedback term is
    /// subtracted last, which keeps the recurrence (y → a1·y → s1 → y) one addition short.
    @inline(__always)
    static func tick(
        _ x: SIMD2<Double>, _ b1: SIMD2<Double>, _ b2: SIMD2<Double>, _ a1: SIMD2<Double>, _ a2: SIMD2<Double>,
        _ s1: inout SIMD2<Double>, _ s2: inout SIMD2<Double>
    ) -> SIMD2<Double> {
        let y = x + s1
        s1 = (b1 * x + s2) - a1 * y
        s2 = b2 * x - a2 * y
        return y
    }
}
