public import ProducerAudio

/// Finds the resolution a file actually uses.
///
/// A sample from an integer file of `b` bits (b ≤ 24) is exactly k / 2^(b−1) as a `Float`. The
/// meter ORs the integers k of every sample; the number of low bits that are zero in every
/// sample is unused, so the effective depth is `b` minus that count. Files declared as float
/// (`declaredBits` nil) or wider than 24 bits are checked on the 24-bit grid (multiples of
/// 2^-23): 16-bit content reads as 16, 24-bit as 24, and a sample off the grid means the file
/// uses float (or more than 24-bit) resolution, reported as `effectiveBits == nil` with
/// `exceedsGrid`. All-zero audio has no effective depth (nil).
///
/// The scan stops early once nothing more can be learnt (a sample uses the lowest bit of an
/// integer file, or a float file leaves the grid), so most files cost almost nothing.
public struct BitDepthMeter: Meter, Sendable {
    /// The resolution found.
    public struct Result: Sendable, Codable, Equatable {
        /// The bit depth the file declares, nil for float.
        public var declaredBits: Int?
        /// The bits in use, or nil when every sample is zero or the samples leave the grid.
        public var effectiveBits: Int?
        /// The grid checked, in bits (declared depth, or 24 for float and wider files).
        public var gridBits: Int
        /// True when some sample is not a multiple of the grid step (float resolution, or an
        /// integer file whose samples were changed after decoding).
        public var exceedsGrid: Bool
        /// True when every sample is exactly zero.
        public var isDigitalSilence: Bool
        /// True when the file declares (or as float, can hold) more than 16 bits but holds
        /// 16-bit audio: the low bits are padding.
        public var paddedFrom16Bit: Bool
    }

    /// The sample rate in Hz.
    public let sampleRate: Double
    /// The number of channels.
    public let channelCount: Int
    /// The declared bit depth, nil for float.
    public let declaredBits: Int?
    @usableFromInline let gridBits: Int
    @usableFromInline var used: Int32 = 0
    @usableFromInline var offGrid = false

    /// Makes a bit-depth meter.
    /// - Parameter declaredBits: the integer depth the file declares (1...32), or nil for float.
    public init(sampleRate: Double, channelCount: Int, declaredBits: Int?) {
        precondition(channelCount >= 1)
        if let declaredBits { precondition(declaredBits >= 1 && declaredBits <= 32) }
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        self.declaredBits = declaredBits
        self.gridBits = min(declaredBits ?? 24, 24)
    }

    /// True when the rest of the file cannot change the result.
    @usableFromInline var isSettled: Bool { offGrid || used & 1 != 0 }

    /// Consumes the valid frames of `block`.
    public mutating func consume(_ block: AudioBuffer) {
        precondition(block.channelCount == channelCount, "channel count mismatch")
        let n = block.frameCount
        guard n > 0, !isSettled else { return }
        let scale = Float(1 << (gridBits - 1))
        let limit = Float(1 << 30)
        var bits = used, off = false
        for c in 0..<channelCount {
            block.withChannel(c) { buf in
                guard let p = buf.baseAddress else { return }
                var acc: Int32 = 0
                for i in 0..<n {
                    let v = p[i] * scale
                    guard v < limit && v > -limit else { off = true; return }
                    let k = Int32(v)
                    if Float(k) != v { off = true; return }
                    acc |= k
                }
                bits |= acc
            }
            if off { break }
        }
        used = bits
        offGrid = off
    }

    /// The resolution of everything consumed so far.
    public func result() -> Result {
        let silent = !offGrid && used == 0
        var effective: Int?
        if !offGrid && used != 0 { effective = gridBits - used.trailingZeroBitCount }
        let padded = (declaredBits ?? 32) > 16 && (effective.map { $0 <= 16 } ?? false)
        return Result(
            declaredBits: declaredBits, effectiveBits: effective, gridBits: gridBits,
            exceedsGrid: offGrid, isDigitalSilence: silent, paddedFrom16Bit: padded)
    }
}
