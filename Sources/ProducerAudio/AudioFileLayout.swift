/// What a parser found in a file's header: the format, where the samples are and the metadata.
struct AudioFileLayout: Sendable {
    var format: AudioFormat
    var sample: SampleLayout
    /// Byte offset of the first sample frame.
    var dataOffset: Int64
    /// Frames of audio (whole frames only).
    var frameCount: Int64
    var metadata: AudioMetadata

    /// Bytes per frame.
    var blockAlign: Int { sample.bytesPerSample * format.channelCount }
}

/// Limits the parsers enforce, so that hostile headers cannot ask for absurd work or memory.
enum AudioFileLimits {
    /// Sample rates accepted, in Hz.
    static let sampleRates: ClosedRange<Double> = 1000...768_000
    /// Channels accepted.
    static let channels: ClosedRange<Int> = 1...1024
    /// Largest metadata chunk (bext, iXML) loaded into memory, in bytes.
    static let maxMetadataChunk: Int64 = 16 << 20

    static func checkRate(_ rate: Double, path: String, at offset: Int64) throws {
        guard sampleRates.contains(rate) else {
            throw AudioFileError(
                .malformed, path: path, byteOffset: offset,
                "the sample rate \(describe(rate)) Hz is outside the accepted 1000…768000 Hz")
        }
    }

    static func describe(_ rate: Double) -> String {
        guard rate.isFinite else { return "(not a finite number)" }
        if rate == rate.rounded(), abs(rate) < 1e15 { return String(Int64(rate)) }
        return String(rate)
    }

    static func checkChannels(_ n: Int, path: String, at offset: Int64) throws {
        if n == 0 {
            throw AudioFileError(.malformed, path: path, byteOffset: offset, "the header says the file has 0 channels")
        }
        guard channels.contains(n) else {
            throw AudioFileError(
                .malformed, path: path, byteOffset: offset,
                "the header says the file has \(n) channels; at most 1024 are accepted")
        }
    }

    /// The error for a chunk whose size runs past the end of the file.
    static func chunkPastEnd(
        _ id: String, size: Int64, remaining: Int64, path: String, at offset: Int64
    ) -> AudioFileError {
        AudioFileError(
            .truncated, path: path, byteOffset: offset,
            "the '\(id)' chunk says \(size) bytes but only \(remaining) remain in the file")
    }
}
