/// Reads one WAV, RF64, BW64, AIFF or AIFF-C file, streamed in blocks.
///
/// Opening reads only the header and metadata chunks. ``read(into:)`` then fills a buffer the
/// caller owns and reuses, through a fixed-size scratch buffer (about 64 KiB), so memory does
/// not depend on the file's length. The kind of file is found from its first bytes, not its name.
///
/// ```swift
/// let reader = try AudioFileReader(path: "take.wav")
/// var block = AudioBuffer(channelCount: reader.format.channelCount, frameCapacity: 4096)
/// while try reader.read(into: &block) > 0 { /* use block */ }
/// ```
public final class AudioFileReader {
    /// The path as given.
    public let path: String
    /// The format found in the header.
    public let format: AudioFormat
    /// Frames of audio in the file.
    public let frameCount: Int64
    /// The metadata chunks found (`bext`, `iXML`).
    public let metadata: AudioMetadata

    private let source: any ByteSource
    private let sample: SampleLayout
    private let dataOffset: Int64
    private let blockAlign: Int
    private var scratch: [UInt8]
    private let scratchFrames: Int
    /// The next frame ``read(into:)`` returns.
    public private(set) var position: Int64 = 0

    /// Bytes of the scratch buffer used between the file and the caller's buffer.
    static let scratchBytes = 1 << 16

    /// Opens `path` and reads its header and metadata chunks (no audio yet).
    /// - Throws: ``AudioFileError`` naming the file and the problem: `.notFound`, `.unreadable`,
    ///   `.notAudio` (empty, text, another format), `.malformed`, `.truncated`, `.unsupported`.
    public convenience init(path: String) throws {
        try self.init(source: FileByteSource(path: path), path: path)
    }

    /// Opens a file held in memory; `name` stands for the path in errors.
    convenience init(bytes: [UInt8], name: String) throws {
        try self.init(source: MemoryByteSource(bytes), path: name)
    }

    init(source: any ByteSource, path: String) throws {
        let layout = try AudioFileReader.parse(source, path: path)
        self.path = path
        self.source = source
        self.format = layout.format
        self.frameCount = layout.frameCount
        self.metadata = layout.metadata
        self.sample = layout.sample
        self.dataOffset = layout.dataOffset
        self.blockAlign = layout.blockAlign
        self.scratchFrames = max(1, AudioFileReader.scratchBytes / layout.blockAlign)
        self.scratch = [UInt8](repeating: 0, count: scratchFrames * layout.blockAlign)
    }

    /// Reads up to `buffer.frameCapacity` frames from the current position into `buffer`,
    /// starting at its frame 0, and sets `buffer.frameCount`.
    /// - Parameter buffer: a buffer with `format.channelCount` channels.
    /// - Returns: the frames read; 0 at the end of the audio.
    /// - Throws: ``AudioFileError`` `.truncated` if the file ends before the audio its header announces
    ///   (it shrank after opening), `.unreadable` if reading fails.
    public func read(into buffer: inout AudioBuffer) throws -> Int {
        precondition(buffer.channelCount == format.channelCount, "the buffer's channel count must match the file's")
        let want = Int(min(Int64(buffer.frameCapacity), frameCount - position))
        var done = 0
        while done < want {
            let n = min(want - done, scratchFrames)
            let byteCount = n * blockAlign
            let at = dataOffset + position * Int64(blockAlign)
            let got = try scratch.withUnsafeMutableBytes { raw in
                try source.read(at: at, into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<byteCount]))
            }
            if got < byteCount {
                buffer.frameCount = done
                throw AudioFileError(
                    .truncated, path: path, byteOffset: at + Int64(got),
                    "the file ends after \(position + Int64(got / blockAlign)) of the \(frameCount) frames its header announces"
                )
            }
            let channels = format.channelCount, stride = buffer.frameCapacity, layout = sample, offset = done
            scratch.withUnsafeBytes { raw in
                buffer.withUnsafeMutableStorage { dst in
                    SampleConversion.decode(
                        UnsafeRawBufferPointer(rebasing: raw[0..<byteCount]), layout: layout, frames: n,
                        channels: channels, into: dst, stride: stride, offset: offset)
                }
            }
            done += n
            position += Int64(n)
        }
        buffer.frameCount = want
        return want
    }

    /// Moves the read position to `frame` (clamped to `0...frameCount`).
    public func seek(toFrame frame: Int64) throws {
        position = min(max(0, frame), frameCount)
    }

    /// Sniffs the first bytes and hands the file to the matching parser.
    static func parse(_ source: any ByteSource, path: String) throws -> AudioFileLayout {
        let size = source.size
        if size == 0 {
            throw AudioFileError(.notAudio, path: path, "the file is empty")
        }
        let head = try source.bytes(at: 0, count: 64)
        let magic = head.fourCC(0), form = head.fourCC(8)
        let isWAV = ["RIFF", "RF64", "BW64"].contains(magic) && form == "WAVE"
        let isAIFF = magic == "FORM" && (form == "AIFF" || form == "AIFC")
        if isWAV || isAIFF {
            if head.count < 20 {
                throw AudioFileError(
                    .truncated, path: path, byteOffset: size, "the file ends inside its header (\(size) bytes)")
            }
            return isWAV ? try WAVParser.parse(source, path: path) : try AIFFParser.parse(source, path: path)
        }
        if magic == "RIFX" {
            throw AudioFileError(
                .unsupported, path: path, byteOffset: 0,
                "big-endian WAV (RIFX) is not supported; convert to a standard WAV")
        }
        if head.count < 12
            && (["RIFF", "RF64", "BW64", "FORM"].contains { $0.utf8.starts(with: head) || head.starts(with: $0.utf8) })
        {
            throw AudioFileError(
                .truncated, path: path, byteOffset: size, "the file ends inside its header (\(size) bytes)")
        }
        throw AudioFileError(.notAudio, path: path, byteOffset: 0, describeForeign(head))
    }

    /// A sentence saying what a non-audio (or unsupported-container) file seems to be.
    static func describeForeign(_ head: [UInt8]) -> String {
        let supported = "Producer reads WAV, RF64, BW64, AIFF and AIFF-C"
        let magic = head.fourCC(0)
        switch magic {
        case "fLaC": return "this is a FLAC file; \(supported)"
        case "OggS": return "this is an Ogg file; \(supported)"
        case "caff": return "this is a CAF file; \(supported)"
        default: break
        }
        if head.starts(with: Array("ID3".utf8)) || (head.count >= 2 && head[0] == 0xFF && head[1] & 0xE0 == 0xE0) {
            return "this looks like an MP3 file; \(supported)"
        }
        if head.fourCC(4) == "ftyp" { return "this is an MP4/M4A file; \(supported)" }
        if magic == "RIFF" { return "this is a RIFF '\(head.fourCC(8))' file, not WAVE; \(supported)" }
        let text = head.allSatisfy { $0 == 9 || $0 == 10 || $0 == 13 || ($0 >= 0x20 && $0 != 0x7F) }
        if text { return "this looks like a text file, not audio; \(supported)" }
        return "this is not an audio file Producer knows (no RIFF/WAVE, RF64, BW64 or FORM/AIFF header)"
    }
}
