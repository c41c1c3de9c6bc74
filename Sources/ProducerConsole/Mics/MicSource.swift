import ProducerAudio

/// A mic's recording as the aligner reads it: frames from any start, zero outside the recording,
/// channels averaged to one for measuring.
public protocol MicSource: AnyObject {
    /// The file's path, or a name for a recording in memory, for messages.
    var name: String { get }
    /// Frames in the recording.
    var frameCount: Int { get }
    /// Channels in the recording.
    var channelCount: Int { get }
    /// Reads `output.count` frames of channel `channel` starting at `start` (any integer);
    /// frames outside the recording are zero.
    func read(channel: Int, from start: Int, into output: UnsafeMutableBufferPointer<Float>) throws
}

extension MicSource {
    /// Reads the channels' mean, frames `start ..< start + output.count`.
    func readMono(from start: Int, into output: UnsafeMutableBufferPointer<Float>, scratch: inout [Float]) throws {
        if channelCount == 1 { return try read(channel: 0, from: start, into: output) }
        if scratch.count < output.count { scratch = [Float](repeating: 0, count: output.count) }
        for i in output.indices { output[i] = 0 }
        let scale = 1 / Float(channelCount)
        for c in 0..<channelCount {
            try scratch.withUnsafeMutableBufferPointer { s in
                let part = UnsafeMutableBufferPointer(rebasing: s[0..<output.count])
                try read(channel: c, from: start, into: part)
                for i in output.indices { output[i] += part[i] * scale }
            }
        }
    }
}

/// A recording held in memory (tests, short files).
public final class MemoryMicSource: MicSource {
    /// The samples, one array per channel.
    public let channels: [[Float]]
    public let name: String
    public var frameCount: Int { channels.first?.count ?? 0 }
    public var channelCount: Int { channels.count }

    public init(channels: [[Float]], name: String = "memory") {
        self.channels = channels
        self.name = name
    }
    public convenience init(_ mono: [Float], name: String = "memory") { self.init(channels: [mono], name: name) }

    public func read(channel: Int, from start: Int, into output: UnsafeMutableBufferPointer<Float>) throws {
        let samples = channels[channel]
        for i in output.indices {
            let t = start + i
            output[i] = t >= 0 && t < samples.count ? samples[t] : 0
        }
    }
}

/// A recording read from a file on demand (seek and read), so memory stays bounded however long it is.
public final class FileMicSource: MicSource {
    /// The file's reader.
    public let reader: AudioFileReader
    public var name: String { reader.path }
    public var frameCount: Int { Int(reader.frameCount) }
    public var channelCount: Int { reader.format.channelCount }
    private var block: AudioBuffer
    private var blockStart = -1
    private var blockFrames = 0
    private static let blockSize = 1 << 15

    /// Opens `path`.
    /// - Throws: `AudioFileError` naming the file and the problem.
    public init(path: String) throws {
        reader = try AudioFileReader(path: path)
        block = AudioBuffer(channelCount: reader.format.channelCount, frameCapacity: Self.blockSize)
    }

    public func read(channel: Int, from start: Int, into output: UnsafeMutableBufferPointer<Float>) throws {
        var i = 0
        while i < output.count {
            let t = start + i
            if t < 0 || t >= frameCount {
                output[i] = 0
                i += 1
                continue
            }
            if t < blockStart || t >= blockStart + blockFrames { try load(at: t) }
            let available = min(output.count - i, blockStart + blockFrames - t)
            if available <= 0 {  // the file ended early: it shrank after opening
                output[i] = 0
                i += 1
                continue
            }
            block.withChannel(channel) { samples in
                for k in 0..<available { output[i + k] = samples[t - blockStart + k] }
            }
            i += available
        }
    }

    private func load(at frame: Int) throws {
        let start = (frame / Self.blockSize) * Self.blockSize
        if Int64(start) != reader.position { try reader.seek(toFrame: Int64(start)) }
        blockStart = start
        blockFrames = try reader.read(into: &block)
    }
}
