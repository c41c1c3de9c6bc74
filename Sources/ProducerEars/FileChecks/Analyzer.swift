import ProducerAudio
import ProducerDSP

/// Reads an audio file once, in blocks, and feeds every block to all the meters of `analyze`.
///
/// Memory does not depend on the file's length: one block buffer and the meters' fixed state.
public struct Analyzer: Sendable {
    /// Frames read per block.
    public var blockFrames: Int = 16_384

    public init(blockFrames: Int = 16_384) {
        self.blockFrames = blockFrames
    }

    /// Analyses the file at `path`.
    /// - Parameters:
    ///   - progress: told the fraction read (0...1) after each block, when the length is known.
    ///   - alongside: given every block as it is read, for other work on the same pass (a waveform).
    /// - Throws: ``AudioFileError`` when the file cannot be read; the message names the file and the problem.
    public func analyze(
        path: String, progress: ((Double) -> Void)? = nil, alongside: ((AudioBuffer) -> Void)? = nil
    ) throws -> FileAnalysis {
        let reader = try AudioFileReader(path: path)
        let format = reader.format
        var meters = MeterSet(format: format)
        var buffer = AudioBuffer(channelCount: format.channelCount, frameCapacity: blockFrames)
        var done: Int64 = 0
        while true {
            let n = try reader.read(into: &buffer)
            if n == 0 { break }
            meters.consume(buffer)
            alongside?(buffer)
            done += Int64(n)
            if reader.frameCount > 0 { progress?(Double(done) / Double(reader.frameCount)) }
        }
        return meters.report(file: path, format: format, frames: done)
    }
}
