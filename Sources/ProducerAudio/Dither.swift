/// TPDF (triangular) dither: the sum of two independent uniform noises of ±½ LSB each,
/// so it spans ±1 LSB with variance LSB²/6.
///
/// Uses xorshift64* — fast, and seeded, so the same writer settings give the same bytes.
struct TPDFDither: Sendable {
    private var state: UInt64

    /// The seed every writer starts from, so renders are reproducible.
    static let defaultSeed: UInt64 = 0x9E37_79B9_7F4A_7C15

    init(seed: UInt64 = TPDFDither.defaultSeed) {
        state = seed == 0 ? TPDFDither.defaultSeed : seed
    }

    /// The generator for one channel of a writer: the default seed mixed with the channel
    /// index (splitmix64), so channels get independent noise.
    init(channel: Int) {
        var z = TPDFDither.defaultSeed &+ UInt64(truncatingIfNeeded: channel) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        self.init(seed: z ^ (z >> 31))
    }

    /// The next dither value in LSB: in -1 ..< +1, triangular.
    @inline(__always)
    mutating func next() -> Double {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        let r = state &* 0x2545_F491_4F6C_DD1D
        let a = Double(r >> 40)  // 24 bits
        let b = Double((r >> 16) & 0xFF_FFFF)  // the next 24 bits
        return (a + b) * (1.0 / 16_777_216.0) - 1.0
    }
}
