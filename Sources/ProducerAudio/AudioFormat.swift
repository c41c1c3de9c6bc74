/// How samples are stored in a file.
public enum SampleEncoding: Sendable, Hashable, Codable {
    /// Signed (or, at 8 bits in WAV, unsigned) integer PCM with this many bits per sample: 8, 16, 24 or 32.
    case integer(bits: Int)
    /// IEEE floating point, 32 or 64 bits.
    case float(bits: Int)

    /// Bits per stored sample.
    public var bitsPerSample: Int {
        switch self {
        case .integer(let bits), .float(let bits): return bits
        }
    }
}

/// The kind of file that holds the audio.
public enum AudioContainer: String, Sendable, Hashable, Codable {
    /// RIFF WAVE (up to 4 GiB).
    case wav
    /// RF64 (EBU Tech 3306): WAV with 64-bit sizes, for files over 4 GiB.
    case rf64
    /// BW64 (ITU-R BS.2088): like RF64.
    case bw64
    /// Apple/SGI AIFF (big-endian integer PCM).
    case aiff
    /// AIFF-C (NONE, sowt, fl32, fl64).
    case aifc
}

/// The format of an audio file: what a reader found in its header, or what a writer will write.
public struct AudioFormat: Sendable, Hashable, Codable {
    /// Frames per second, e.g. 48000.
    public var sampleRate: Double
    /// Channels per frame.
    public var channelCount: Int
    /// How each sample is stored.
    public var encoding: SampleEncoding
    /// The container.
    public var container: AudioContainer
    /// The WAVE_FORMAT_EXTENSIBLE speaker mask (e.g. 0x3 for L R, 0x3F for 5.1), when the file has one.
    public var channelMask: UInt32?

    public init(
        sampleRate: Double, channelCount: Int, encoding: SampleEncoding,
        container: AudioContainer = .wav, channelMask: UInt32? = nil
    ) {
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        self.encoding = encoding
        self.container = container
        self.channelMask = channelMask
    }
}
