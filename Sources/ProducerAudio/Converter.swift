import ProducerFiles

/// Copies an audio file into another container or sample format, streaming in blocks and keeping
/// its BWF `bext` and `iXML` metadata. Reducing the bit depth applies TPDF dither unless turned off.
public struct Converter: Sendable {
    /// The sample encoding to write, or nil to keep the input's.
    public var encoding: SampleEncoding?
    /// The container to write, or nil to choose by the output's extension (.wav, .aif/.aiff, .aifc, .rf64).
    public var container: AudioContainer?
    /// Add TPDF dither when writing integer samples of fewer bits than the source holds.
    public var dither: Bool = true
    /// Frames per block.
    public var blockFrames: Int = 16_384
    /// Whether an existing output may be replaced (`--force`); the input never is.
    public var replacesExisting: Bool = false

    public init(
        encoding: SampleEncoding? = nil, container: AudioContainer? = nil, dither: Bool = true,
        replacesExisting: Bool = false
    ) {
        self.encoding = encoding
        self.container = container
        self.dither = dither
        self.replacesExisting = replacesExisting
    }

    /// The container an output path's extension asks for.
    public static func container(forPath path: String) -> AudioContainer? {
        AudioContainer(pathExtensionOf: path)
    }

    /// Converts `input` into `output` and returns the format written.
    /// The container is `container` when set, otherwise the output's extension; an extension
    /// Producer cannot write (`.mp3`) is an error before anything is read.
    /// - Throws: ``AudioFileError`` naming the file and the problem; nothing is left at `output` on failure.
    @discardableResult
    public func convert(input: String, output: String) throws -> AudioFormat {
        try OutputPolicy(replacesExisting: replacesExisting, inputs: [input]).check(output, what: "the converted file")
        let named = try AudioContainer.forOutput(output)
        let chosen = container ?? named
        let reader = try AudioFileReader(path: input)
        var format = reader.format
        format.container = chosen
        if let encoding { format.encoding = encoding }
        if case .float = format.encoding, format.container == .aiff { format.container = .aifc }
        // Dither only where resolution is lost.
        let losesBits: Bool = {
            guard case .integer(let outBits) = format.encoding else { return false }
            switch reader.format.encoding {
            case .integer(let inBits): return outBits < inBits
            case .float: return outBits < 32
            }
        }()
        let writer = try AudioFileWriter(
            path: output, format: format, metadata: reader.metadata, dither: dither && losesBits)
        var buffer = AudioBuffer(channelCount: format.channelCount, frameCapacity: blockFrames)
        while try reader.read(into: &buffer) > 0 {
            try writer.write(buffer)
        }
        try writer.finish()
        return format
    }
}
