#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ProducerFiles

/// Writes one WAV, RF64, BW64, AIFF or AIFF-C file, block by block.
///
/// Audio goes to a temporary file beside `path` (".name.partial-XXXXXX"); ``finish()`` fills in
/// the sizes and renames it over `path`, so `path` never holds a half-written file. A writer that
/// is never finished removes its temporary file when it goes away.
///
/// A `.wav` file whose size passes 4 GiB becomes RF64 at ``finish()`` (room for the `ds64` chunk
/// is reserved as a `JUNK` chunk at the start). Metadata (`bext`, `iXML`) is written to WAV-family
/// files only; AIFF files carry none. Integer output of 24 bits or fewer gets TPDF dither unless
/// `dither` is false; float output is never dithered. Dither is seeded the same way for every
/// writer, so the same input gives the same bytes.
public final class AudioFileWriter {
    /// The final path.
    public let path: String
    /// The format being written.
    public let format: AudioFormat
    /// The metadata being written.
    public let metadata: AudioMetadata
    /// Frames written so far.
    public private(set) var framesWritten: Int64 = 0

    /// When the finished WAV file's RIFF size (file size − 8) exceeds this many bytes it is
    /// turned into RF64. Tests lower it to force the RF64 path on a small file.
    var rf64Threshold: Int64 = 0xFFFF_FFFF

    private let sample: SampleLayout
    /// The temporary file beside `path`, renamed over it by ``finish()``.
    private let file: PartialFile
    private var fd: Int32 { file.descriptor }
    private var dither: [TPDFDither] = []
    private var headerSize: Int64
    private var dataBytes: Int64 = 0
    private var wavHeader: WAVHeader?
    private var aiffHeader: AIFFHeader?
    private var scratch: [UInt8]
    private var done = false

    /// Creates the temporary file and writes the header.
    /// - Parameters:
    ///   - path: where the finished file goes (replaced if it exists).
    ///   - format: sample rate (Hz, 1000…768000; whole numbers for WAV), channels (1…1024),
    ///     encoding (integer 8/16/24/32 or float 32/64; AIFF holds integers only, AIFF-C both) and container.
    ///   - metadata: `bext` and `iXML` chunks (WAV, RF64, BW64 only).
    ///   - dither: add TPDF dither when writing integers of 24 bits or fewer.
    /// - Throws: ``AudioFileError`` `.unsupported` for a format that cannot be written, `.writeFailed`
    ///   if the temporary file cannot be created or written.
    public init(
        path: String, format: AudioFormat, metadata: AudioMetadata = AudioMetadata(), dither: Bool = true
    ) throws {
        self.path = path
        self.format = format
        self.metadata = metadata
        let isAIFF = format.container == .aiff || format.container == .aifc
        guard let sample = SampleLayout(encoding: format.encoding, bigEndian: isAIFF) else {
            throw AudioFileError(
                .unsupported, path: path,
                "cannot write \(format.encoding); Producer writes integer 8/16/24/32-bit and float 32/64-bit samples")
        }
        if format.container == .aiff, case .float = format.encoding {
            throw AudioFileError(
                .unsupported, path: path,
                "AIFF holds integer samples only; use AIFF-C (.aifc) or WAV for floating point")
        }
        guard AudioFileLimits.channels.contains(format.channelCount) else {
            throw AudioFileError(
                .unsupported, path: path, "cannot write \(format.channelCount) channels; the range is 1…1024")
        }
        guard AudioFileLimits.sampleRates.contains(format.sampleRate),
            isAIFF || format.sampleRate == format.sampleRate.rounded()
        else {
            throw AudioFileError(
                .unsupported, path: path,
                "cannot write the sample rate \(AudioFileLimits.describe(format.sampleRate)) Hz; the range is 1000…768000 Hz, whole numbers for WAV"
            )
        }
        self.sample = sample
        if case .integer(let bits) = format.encoding, dither, bits <= 24 {
            self.dither = (0..<format.channelCount).map { TPDFDither(channel: $0) }
        }
        let header: [UInt8]
        if isAIFF {
            let h = AIFFHeader(format: format, sample: sample)
            aiffHeader = h
            header = h.bytes
        } else {
            let h = WAVHeader(format: format, sample: sample, metadata: metadata)
            wavHeader = h
            header = h.bytes
        }
        headerSize = Int64(header.count)
        scratch = [UInt8](
            repeating: 0,
            count: max(1, (1 << 16) / (sample.bytesPerSample * format.channelCount))
                * sample.bytesPerSample * format.channelCount)

        // The temporary file: same directory, hidden, unique; removed on Ctrl-C.
        do {
            file = try PartialFile(path: path)
        } catch {
            throw AudioFileError(.writeFailed, path: path, error.message)
        }
        if let e = header.withUnsafeBytes({ POSIX.writeAll(fd, $0) }) {
            throw failure("cannot write the header", e)
        }
    }

    deinit {
        file.discard()
    }

    private func failure(_ what: String, _ e: Int32) -> AudioFileError {
        AudioFileError(.writeFailed, path: path, "\(what): \(POSIX.errorText(e))")
    }

    /// Appends `buffer.frameCount` frames.
    /// - Parameter buffer: audio with `format.channelCount` channels, nominally in -1…+1
    ///   (integer output is clamped to full scale).
    /// - Throws: ``AudioFileError`` `.writeFailed` if writing fails, the writer is finished, or an
    ///   AIFF file would pass 4 GiB.
    public func write(_ buffer: AudioBuffer) throws {
        precondition(buffer.channelCount == format.channelCount, "the buffer's channel count must match the format's")
        guard !done else { throw AudioFileError(.writeFailed, path: path, "the writer is already finished") }
        let blockAlign = sample.bytesPerSample * format.channelCount
        if aiffHeader != nil,
            headerSize + dataBytes + Int64(buffer.frameCount) * Int64(blockAlign) > 0xFFFF_FFF0
        {
            throw AudioFileError(
                .writeFailed, path: path, "AIFF files cannot hold more than 4 GiB; write WAV (it becomes RF64) instead")
        }
        let scratchFrames = scratch.count / blockAlign
        var frame = 0
        while frame < buffer.frameCount {
            let n = min(scratchFrames, buffer.frameCount - frame)
            let byteCount = n * blockAlign
            let (channels, stride, layout, offset) = (format.channelCount, buffer.frameCapacity, sample, frame)
            var tpdf = dither
            dither = []
            scratch.withUnsafeMutableBytes { raw in
                buffer.withUnsafeStorage { src in
                    SampleConversion.encode(
                        src, stride: stride, offset: offset, frames: n, channels: channels, layout: layout,
                        dither: &tpdf, into: raw)
                }
            }
            dither = tpdf
            if let e = scratch.withUnsafeBytes({
                POSIX.writeAll(fd, UnsafeRawBufferPointer(rebasing: $0[0..<byteCount]))
            }) {
                throw failure("cannot write audio", e)
            }
            frame += n
            dataBytes += Int64(byteCount)
            framesWritten += Int64(n)
        }
    }

    /// Pads the data, fills in the sizes (turning a WAV that passed 4 GiB into RF64), closes the
    /// temporary file and renames it over `path`.
    /// - Throws: ``AudioFileError`` `.writeFailed`; the temporary file is removed.
    public func finish() throws {
        guard !done else { return }
        do {
            try finishFile()
        } catch {
            done = true
            file.discard()
            throw error
        }
    }

    private func finishFile() throws {
        let pad = dataBytes & 1
        if pad == 1, let e = [UInt8(0)].withUnsafeBytes({ POSIX.writeAll(fd, $0) }) {
            throw failure("cannot write audio", e)
        }
        let fileSize = headerSize + dataBytes + pad
        var patches: [(Int64, [UInt8])] = []
        if let h = aiffHeader {
            var w = ByteWriter()
            w.be32(UInt32(fileSize - 8))
            patches.append((4, w.bytes))
            w = ByteWriter()
            w.be32(UInt32(framesWritten))
            patches.append((h.frameCountOffset, w.bytes))
            w = ByteWriter()
            w.be32(UInt32(dataBytes + 8))
            patches.append((h.ssndSizeOffset, w.bytes))
        } else if let h = wavHeader {
            let direct = format.container == .rf64 || format.container == .bw64
            if direct || fileSize - 8 > rf64Threshold {
                var w = ByteWriter()
                w.fourCC(format.container == .bw64 ? "BW64" : "RF64")
                w.le32(0xFFFF_FFFF)
                patches.append((0, w.bytes))
                w = ByteWriter()
                w.fourCC("ds64")
                w.le32(UInt32(WAVHeader.ds64BodySize))
                w.bytes += WAVHeader.ds64Body(fileSize: fileSize, dataSize: dataBytes, frames: framesWritten)
                patches.append((h.ds64Offset, w.bytes))
                w = ByteWriter()
                w.le32(0xFFFF_FFFF)
                patches.append((h.dataSizeOffset, w.bytes))
            } else {
                var w = ByteWriter()
                w.le32(UInt32(fileSize - 8))
                patches.append((4, w.bytes))
                w = ByteWriter()
                w.le32(UInt32(dataBytes))
                patches.append((h.dataSizeOffset, w.bytes))
            }
        }
        for (offset, bytes) in patches {
            if let e = POSIX.pwriteAll(fd, bytes, at: offset) { throw failure("cannot finish the header", e) }
        }
        done = true
        do {
            try file.commit()
        } catch {
            throw AudioFileError(.writeFailed, path: path, error.message)
        }
    }
}
