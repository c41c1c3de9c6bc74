import ProducerAudio

/// The sum of several strips' signals into one stereo input (a bus's, or the master's), taken
/// in one pass: every frame of the target is written once, with all the sources added to it in
/// their order, instead of the target being read and written again for every source.
///
/// Each source is a buffer (its first channel on both sides when it is mono) with a left and a
/// right gain: a send's level or 1, times a fixed fader's channel gains when the strip's fader
/// never moves. The target's sample is `((0 + s₀·g₀) + s₁·g₁) + …` in the sources' order, each
/// gain rounded to a `Float` once.
struct MixSum {
    /// One source of the sum.
    struct Term {
        /// The signal: one channel (used on both sides) or two.
        var source: AudioBuffer
        /// The gains the left and right channels are added with.
        var left: Float, right: Float

        /// A source added with `gain`, through a fixed fader's channel gains if it has one.
        init(_ source: AudioBuffer, fader: (left: Float, right: Float)? = nil, gain: Float) {
            self.source = source
            left = (fader?.left ?? 1) * gain
            right = (fader?.right ?? 1) * gain
        }
    }

    /// The sources, in the order they are added.
    var terms: [Term] = []

    /// Writes the sum of the first `count` frames of every source into `target`'s two channels
    /// (silence when there is none) and sets its frame count.
    func render(into target: inout AudioBuffer, count: Int) {
        precondition(target.channelCount >= 2 && count <= target.frameCapacity)
        target.frameCount = count
        withUnsafeTemporaryAllocation(of: Source.self, capacity: max(1, terms.count)) { sources in
            let list = sources.baseAddress!
            // Every source's storage is open while the sum is taken: one closure inside the next.
            func open(_ k: Int, _ target: inout AudioBuffer) {
                guard k < terms.count else {
                    let stride = target.frameCapacity
                    target.withUnsafeMutableStorage { t in
                        Self.add(list, terms.count, left: t.baseAddress!, right: t.baseAddress! + stride, count: count)
                    }
                    return
                }
                let term = terms[k]
                term.source.withUnsafeStorage { s in
                    let left = s.baseAddress!
                    let right = term.source.channelCount > 1 ? left + term.source.frameCapacity : left
                    list[k] = Source(left: left, right: right, gainLeft: term.left, gainRight: term.right)
                    open(k + 1, &target)
                }
            }
            open(0, &target)
        }
    }

    /// A source with its storage open.
    struct Source {
        var left: UnsafePointer<Float>, right: UnsafePointer<Float>
        var gainLeft: Float, gainRight: Float
    }

    /// The kernel: sixteen frames of both channels at a time in four vectors, every source
    /// added in order (a mono source is read once for both sides).
    private static func add(
        _ sources: UnsafePointer<Source>, _ sourceCount: Int,
        left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int
    ) {
        @inline(__always) func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
            UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
        }
        @inline(__always) func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
            UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
        }
        var i = 0
        while i + 16 <= count {
            var l0 = SIMD8<Float>.zero, l1 = SIMD8<Float>.zero, r0 = SIMD8<Float>.zero, r1 = SIMD8<Float>.zero
            for k in 0..<sourceCount {
                let s = sources[k]
                let a0 = load(s.left + i), a1 = load(s.left + i + 8)
                if s.right == s.left {
                    l0 += a0 * s.gainLeft; l1 += a1 * s.gainLeft
                    r0 += a0 * s.gainRight; r1 += a1 * s.gainRight
                } else {
                    let b0 = load(s.right + i), b1 = load(s.right + i + 8)
                    l0 += a0 * s.gainLeft; l1 += a1 * s.gainLeft
                    r0 += b0 * s.gainRight; r1 += b1 * s.gainRight
                }
            }
            store(l0, left + i); store(l1, left + i + 8)
            store(r0, right + i); store(r1, right + i + 8)
            i += 16
        }
        while i < count {
            var l: Float = 0, r: Float = 0
            for k in 0..<sourceCount {
                let s = sources[k]
                l += s.left[i] * s.gainLeft
                r += s.right[i] * s.gainRight
            }
            left[i] = l
            right[i] = r
            i += 1
        }
    }
}
