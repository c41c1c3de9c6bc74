/// Whole-file reading and writing, for small files and tests.
public enum AudioFile {
    /// Reads a whole file into one buffer.
    /// - Parameter path: a WAV, RF64, BW64, AIFF or AIFF-C file.
    /// - Returns: the audio (`frameCount` = the file's frames), its format and metadata.
    /// - Throws: ``AudioFileError`` as ``AudioFileReader`` does, and `.unsupported` if the audio
    ///   cannot fit in memory.
    public static func read(path: String) throws -> (buffer: AudioBuffer, format: AudioFormat, metadata: AudioMetadata)
    {
        let reader = try AudioFileReader(path: path)
        let channels = reader.format.channelCount
        guard let frames = Int(exactly: reader.frameCount), frames <= Int.max / 4 / channels else {
            throw AudioFileError(.unsupported, path: path, "the file is too long to read into memory at once")
        }
        var buffer = AudioBuffer(channelCount: channels, frameCapacity: frames)
        _ = try reader.read(into: &buffer)
        return (buffer, reader.format, reader.metadata)
    }

    /// Writes `buffer.frameCount` frames of `buffer` to `path` (through a temporary file, see ``AudioFileWriter``).
    public static func write(
        _ buffer: AudioBuffer, to path: String, format: AudioFormat, metadata: AudioMetadata = AudioMetadata(),
        dither: Bool = true
    ) throws {
        let writer = try AudioFileWriter(path: path, format: format, metadata: metadata, dither: dither)
        try writer.write(buffer)
        try writer.finish()
    }
}
