// Eight-lane sums keyed by absolute frame index.
//
// A sample at absolute frame `f` always lands in lane `f & 7`, and every lane is summed in frame
// order, so the sums are bit-for-bit the same however the audio is split into blocks, while the
// main loop still runs eight samples at a time.

/// Sums of samples, squares and products over absolute frames, eight lanes wide.
@usableFromInline
enum LaneSums {
    @inlinable @inline(__always)
    static func load(_ p: UnsafePointer<Float>, _ i: Int) -> SIMD8<Double> {
        SIMD8<Double>(UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self))
    }

    /// Adds `p[i]` for `i` in `from..<to` into `lanes`; index `i` is absolute frame `origin + i`.
    @inlinable
    static func sum(
        _ p: UnsafePointer<Float>, from: Int, to: Int, origin: Int, into lanes: inout SIMD8<Double>
    ) {
        var acc = lanes
        var i = from
        while i < to && (origin + i) & 7 != 0 { acc[(origin + i) & 7] += Double(p[i]); i += 1 }
        while i + 8 <= to { acc += load(p, i); i += 8 }
        while i < to { acc[(origin + i) & 7] += Double(p[i]); i += 1 }
        lanes = acc
    }

    /// Adds `p[i]²` for `i` in `from..<to` into `lanes`; index `i` is absolute frame `origin + i`.
    @inlinable
    static func sumOfSquares(
        _ p: UnsafePointer<Float>, from: Int, to: Int, origin: Int, into lanes: inout SIMD8<Double>
    ) {
        var acc = lanes
        var i = from
        while i < to && (origin + i) & 7 != 0 {
            let x = Double(p[i]); acc[(origin + i) & 7] += x * x; i += 1
        }
        while i + 8 <= to { let v = load(p, i); acc += v * v; i += 8 }
        while i < to { let x = Double(p[i]); acc[(origin + i) & 7] += x * x; i += 1 }
        lanes = acc
    }

    /// Adds `l[i]²`, `r[i]²` and `l[i]·r[i]` for `i` in `from..<to`; index `i` is frame `origin + i`.
    @inlinable
    static func stereoSums(
        _ l: UnsafePointer<Float>, _ r: UnsafePointer<Float>, from: Int, to: Int, origin: Int,
        ll: inout SIMD8<Double>, rr: inout SIMD8<Double>, lr: inout SIMD8<Double>
    ) {
        var aLL = ll, aRR = rr, aLR = lr
        var i = from
        while i < to && (origin + i) & 7 != 0 {
            let x = Double(l[i]), y = Double(r[i]), k = (origin + i) & 7
            aLL[k] += x * x; aRR[k] += y * y; aLR[k] += x * y; i += 1
        }
        while i + 8 <= to {
            let x = load(l, i), y = load(r, i)
            aLL += x * x; aRR += y * y; aLR += x * y; i += 8
        }
        while i < to {
            let x = Double(l[i]), y = Double(r[i]), k = (origin + i) & 7
            aLL[k] += x * x; aRR[k] += y * y; aLR[k] += x * y; i += 1
        }
        ll = aLL; rr = aRR; lr = aLR
    }

    /// `n` rounded up to a multiple of eight (at least eight), so windows start on lane 0.
    @inlinable
    static func roundUpToLanes(_ n: Int) -> Int { max(8, (n + 7) & ~7) }
}
