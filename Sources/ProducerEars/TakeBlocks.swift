import ProducerAudio

/// Reads an audio file in blocks, each as read (all channels) and folded to mono, (L+R)/2 for
/// stereo: what `listen` feeds its meters and its ears in one pass.
struct TakeBlocks {
    let reader: AudioFileReader
    /// The file's format.
    var format: AudioFormat { reader.format }
    /// The block last read, all channels.
    private(set) var block: AudioBuffer
    /// The block last read, folded to mono.
    private(set) var mono: [Float]

    /// Opens the file at `path` to read blocks of `blockFrames`.
    /// - Throws: ``AudioFileError`` naming the file and the problem.
    init(path: String, blockFrames: Int = 16_384) throws {
        reader = try AudioFileReader(path: path)
        block = AudioBuffer(channelCount: reader.format.channelCount, frameCapacity: blockFrames)
        mono = []
        mono.reserveCapacity(blockFrames)
    }

    /// Reads the next block into ``block`` and ``mono``; false at the end of the file.
    /// - Throws: ``AudioFileError`` when the file cannot be read on.
    mutating func next() throws -> Bool {
        guard try reader.read(into: &block) > 0 else { return false }
        let n = block.frameCount, channels = block.channelCount, capacity = block.frameCapacity
        let scale = 1 / Float(channels)
        mono.removeAll(keepingCapacity: true)
        block.withUnsafeStorage { all in
            let base = all.baseAddress!
            for i in 0..<n {
                var s: Float = 0
                for c in 0..<channels { s += base[c * capacity + i] }
                mono.append(s * scale)
            }
        }
        return true
    }
}
