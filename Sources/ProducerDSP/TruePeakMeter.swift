public import ProducerAudio

/// Sample peak and true peak per ITU-R BS.1770-4 Annex 2, per channel.
///
/// The signal is oversampled 4× at every sample rate (the Annex asks for at least 192 kHz; 4×
/// meets it below 48 kHz too and costs the same) through ``TruePeakFilter``'s 4 × 16-tap
/// polyphase Kaiser-windowed sinc, vectorised over 8 outputs at a time; the true peak is the
/// largest absolute value over all phases, never below the sample peak.
///
/// Skipping: the signal is taken in chunks of up to 1024 frames per channel; a chunk whose
/// sample peak (with the 15 samples of history before it) times the worst phase's sum of
/// |taps| cannot exceed the channel's true peak so far cannot raise it and is not filtered.
/// The history is kept either way, so skipped and filtered chunks give identical results.
///
/// The interpolated values between the last 8 samples consumed are not evaluated (as in
/// libebur128 and FFmpeg, the filter is not flushed with zeros at the end).
public struct TruePeakMeter: Sendable {
    /// The number of channels of every block.
    public let channelCount: Int
    /// The oversampling factor (always 4).
    public static var oversamplingFactor: Int { TruePeakFilter.factor }

    static let chunk = 1024
    static let historyLength = TruePeakFilter.tapsPerPhase - 1

    let filter = TruePeakFilter()
    /// Per channel: largest |sample| (linear).
    var samplePeaks: [Float]
    /// Per channel: largest |interpolated value| of phases 1–3 (linear).
    var interpolatedPeaks: [Float]
    /// Per channel: the last `historyLength` samples, oldest first.
    var history: [Float]
    /// Work line: history, then up to `chunk` new samples, then padding.
    var line: [Float]

    /// Makes a meter for blocks of `channelCount` channels. (The filter is the same at every
    /// sample rate, so none is needed.)
    public init(channelCount: Int) {
        precondition(channelCount >= 1)
        self.channelCount = channelCount
        samplePeaks = [Float](repeating: 0, count: channelCount)
        interpolatedPeaks = [Float](repeating: 0, count: channelCount)
        history = [Float](repeating: 0, count: channelCount * Self.historyLength)
        line = [Float](repeating: 0, count: Self.historyLength + Self.chunk + 16)
    }
}

extension TruePeakMeter: Meter {
    public typealias Result = Peaks

    /// Consumes the valid frames of `block`, which must have ``channelCount`` channels.
    public mutating func consume(_ block: AudioBuffer) {
        precondition(block.channelCount == channelCount, "channel count")
        let frames = block.frameCount
        guard frames > 0 else { return }
        let stride = block.frameCapacity
        let hl = Self.historyLength
        let gain = filter.worstPhaseGain
        block.withUnsafeStorage { storage in
            guard let base = storage.baseAddress else { return }
            filter.splattedTaps.withUnsafeBufferPointer { tapBuffer in
                let taps = tapBuffer.baseAddress!
                line.withUnsafeMutableBufferPointer { lineBuffer in
                    let work = lineBuffer.baseAddress!
                    history.withUnsafeMutableBufferPointer { historyBuffer in
                        samplePeaks.withUnsafeMutableBufferPointer { samplePeaks in
                            interpolatedPeaks.withUnsafeMutableBufferPointer { interpolatedPeaks in
                                for c in 0..<channelCount {
                                    let input = base + c * stride
                                    let saved = historyBuffer.baseAddress! + c * hl
                                    var samplePeak = samplePeaks[c]
                                    var truePeak = interpolatedPeaks[c]
                                    work.update(from: saved, count: hl)
                                    var historyPeak = Self.maxAbs(work, count: hl)
                                    var position = 0
                                    while position < frames {
                                        let n = Swift.min(Self.chunk, frames - position)
                                        (work + hl).update(from: input + position, count: n)
                                        let peak = Self.maxAbs(work + hl, count: n)
                                        samplePeak = Swift.max(samplePeak, peak)
                                        if Swift.max(peak, historyPeak) * gain > truePeak {
                                            truePeak = Swift.max(truePeak, Self.interpolatedPeak(work, count: n, taps: taps))
                                        }
                                        work.update(from: work + n, count: hl)
                                        historyPeak = Self.maxAbs(work, count: hl)
                                        position += n
                                    }
                                    saved.update(from: work, count: hl)
                                    samplePeaks[c] = samplePeak
                                    interpolatedPeaks[c] = truePeak
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The peaks of everything consumed so far.
    public func result() -> Peaks {
        let sample = samplePeaks.map(Double.init)
        let truePeak = zip(samplePeaks, interpolatedPeaks).map { Double(Swift.max($0, $1)) }
        return Peaks(samplePeak: sample, truePeak: truePeak)
    }
}

extension TruePeakMeter {
    /// Lane-wise maximum (`pointwiseMax` is not inlined for SIMD8 and costs a call).
    @inline(__always)
    static func vmax(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { a.replacing(with: b, where: b .> a) }

    /// Lane-wise minimum.
    @inline(__always)
    static func vmin(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { a.replacing(with: b, where: b .< a) }

    /// The largest |x| of `count` samples.
    @inline(__always)
    static func maxAbs(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var hi = SIMD8<Float>(repeating: 0), lo = SIMD8<Float>(repeating: 0)
        var i = 0
        let raw = UnsafeRawPointer(x)
        while i + 8 <= count {
            let v = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            hi = vmax(hi, v)
            lo = vmin(lo, v)
            i += 8
        }
        var m = Swift.max(hi.max(), -lo.min())
        while i < count {
            m = Swift.max(m, abs(x[i]))
            i += 1
        }
        return m
    }

    /// The largest |output| of phases 1–3 for the `count` newest samples of `line`
    /// (`line` holds `historyLength` older samples before them). Eight outputs of all three
    /// phases at a time: six independent chains of SSE adds, taps read as splatted vectors.
    @inline(__always)
    static func interpolatedPeak(_ line: UnsafePointer<Float>, count: Int, taps: UnsafePointer<SIMD8<Float>>) -> Float {
        let raw = UnsafeRawPointer(line)
        var hi = SIMD8<Float>(repeating: 0), lo = SIMD8<Float>(repeating: 0)
        var j = 0
        while j + 8 <= count {
            var a1 = SIMD8<Float>(repeating: 0), a2 = SIMD8<Float>(repeating: 0), a3 = SIMD8<Float>(repeating: 0)
            var b1 = SIMD8<Float>(repeating: 0), b2 = SIMD8<Float>(repeating: 0), b3 = SIMD8<Float>(repeating: 0)
            var m = 0
            while m < 16 {
                let x = raw.loadUnaligned(fromByteOffset: (j + m) * 4, as: SIMD8<Float>.self)
                let y = raw.loadUnaligned(fromByteOffset: (j + m + 1) * 4, as: SIMD8<Float>.self)
                let t = taps + 3 * m
                a1 += t[0] * x; a2 += t[1] * x; a3 += t[2] * x
                b1 += t[3] * y; b2 += t[4] * y; b3 += t[5] * y
                m += 2
            }
            let p1 = a1 + b1, p2 = a2 + b2, p3 = a3 + b3
            hi = vmax(hi, vmax(p1, vmax(p2, p3)))
            lo = vmin(lo, vmin(p1, vmin(p2, p3)))
            j += 8
        }
        var peak = Swift.max(hi.max(), -lo.min())
        while j < count {
            // The same order of operations as the vector loop, so results are bit-identical
            // whatever the block size.
            for p in 0..<3 {
                var a: Float = 0, b: Float = 0
                var m = 0
                while m < 16 {
                    a += taps[3 * m + p][0] * line[j + m]
                    b += taps[3 * m + 3 + p][0] * line[j + m + 1]
                    m += 2
                }
                peak = Swift.max(peak, abs(a + b))
            }
            j += 1
        }
        return peak
    }
}
