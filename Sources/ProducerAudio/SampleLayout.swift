/// How one sample is laid out in a file's data bytes.
struct SampleLayout: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// Unsigned 8-bit, offset 128 (WAV).
        case uint8
        /// Signed 8-bit (AIFF).
        case int8
        case int16, int24, int32
        case float32, float64
    }
    var kind: Kind
    var bigEndian: Bool

    /// Bytes per stored sample.
    var bytesPerSample: Int {
        switch kind {
        case .uint8, .int8: return 1
        case .int16: return 2
        case .int24: return 3
        case .int32, .float32: return 4
        case .float64: return 8
        }
    }

    /// The layout for a writer: `encoding` in a WAV (little-endian, unsigned 8-bit) or AIFF (big-endian, signed 8-bit).
    init?(encoding: SampleEncoding, bigEndian: Bool) {
        self.bigEndian = bigEndian
        switch encoding {
        case .integer(8): kind = bigEndian ? .int8 : .uint8
        case .integer(16): kind = .int16
        case .integer(24): kind = .int24
        case .integer(32): kind = .int32
        case .float(32): kind = .float32
        case .float(64): kind = .float64
        default: return nil
        }
    }

    init(kind: Kind, bigEndian: Bool) {
        self.kind = kind
        self.bigEndian = bigEndian
    }

    /// The encoding this layout stores.
    var encoding: SampleEncoding {
        switch kind {
        case .float32: return .float(bits: 32)
        case .float64: return .float(bits: 64)
        default: return .integer(bits: bytesPerSample * 8)
        }
    }
}
